# ruff: noqa: E501
"""Labelled evaluation set for the assessment engine: messages with the level a reviewer would give.

    .venv/bin/python bench/assessment_set.py           level and channel counts
    .venv/bin/python bench/assessment_set.py --jsonl   every item as one JSON line on stdout

Every message is invented and written in the styles U.S. election offices receive: voicemail
transcripts, emails, posts, letters, texts and notes staff write about what happened in person.
Names are made up and phone numbers are in the fictional 555-01xx range.

Each item has:

- `id`: "L<expected level>-<number>", stable as long as items are only added at the end of a level;
- `text`, `channel`, `target_role`, and optionally `threat_types`, `election_phase`,
  `protected_mentions` ([kind, found] pairs: the words name a protected worker's or family
  member's address, name, phone...) and `sender_history` (levels of earlier reports from the
  same sender, oldest first), all in the codebook's codes (threatdesk/reports/taxonomy.py);
- `level`: what a reviewer following the levels in docs/assessment.md would give:
  0 criticism or protected complaint, 1 harassment or abuse, 2 concerning (veiled, conditional,
  incitement, doxxing, fixation), 3 serious or specific (direct threat to a named person, threat
  with home or family knowledge, approach or surveillance, planning, suspicious mail without
  exposure, swatting, bomb threats without a time), 4 imminent (on site and threatening, weapon
  seen, a time and place within hours, exposure to a substance, attack under way);
- `why`: one line on the label;
- `kind`: the family of hard case the item belongs to, when it is one ("hyperbole", "fixation",
  "approach_no_words"...), so misses can be grouped.

`threat_types` is left empty for most items, as many reporters leave it: the engine must read
the words. When given it is what a reporter might tick, which is not always right.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

# Channels
CALL, VM, TXT, EMAIL = "phone_call", "voicemail", "text_message", "email"
POST, DM, MAIL, PKG = "social_post", "social_dm", "postal_mail", "package"
OFFICE, SITE, COUNT, HOME = "in_person_office", "in_person_voting_site", "in_person_count_site", "at_home"
FORM, ONLINE, E911, OTHER = "web_form", "third_party_online", "emergency_call", "other"
# Target roles
SOS, STATE, CLERK, BOARD = (
    "chief_state_election_official",
    "state_election_office_staff",
    "county_election_official",
    "election_board_member",
)
STAFF, POLL, VOL, VENDOR = "office_staff", "poll_worker", "volunteer", "contractor"
FAMILY, FAC = "family_member", "facility"

ITEMS: list[dict[str, Any]] = []
_counts: Counter[int] = Counter()


def _add(
    level: int,
    channel: str,
    role: str,
    text: str,
    why: str,
    *,
    types: str = "",
    phase: str = "",
    protected: str = "",
    history: tuple[int, ...] = (),
    kind: str = "",
) -> None:
    """One item. `types` and `protected` are space-separated ("threat_violence doxxing", "worker:address family:name")."""
    _counts[level] += 1
    item: dict[str, Any] = {
        "id": f"L{level}-{_counts[level]:03d}",
        "text": text,
        "channel": channel,
        "target_role": role,
        "threat_types": types.split(),
        "election_phase": phase,
        "protected_mentions": [p.split(":", 1) for p in protected.split()],
        "sender_history": list(history),
        "level": level,
        "why": why,
    }
    if kind:
        item["kind"] = kind
    ITEMS.append(item)


# Level 0: criticism, protected complaints, lawful anger, hyperbole, political speech.
_add(
    0,
    VM,
    CLERK,
    "Yeah this is Ron Pruitt in precinct 14. I waited two hours in line today and there were three machines down. Two hours! This is a disgrace and I want someone to call me back and explain how you let this happen. 555-0142.",
    "Angry complaint about service, asks for a call back; no threat, no abuse.",
    phase="election_day",
)
_add(
    0,
    EMAIL,
    CLERK,
    "Dear Clerk Whitcomb,\n\nI am writing to formally object to the closure of the Maple Grove polling location. Elderly voters in our neighborhood now have to drive 20 minutes. I will be raising this at the next board meeting and with the newspaper. This decision was shortsighted and wrong.\n\nSincerely,\nHelen Vasquez",
    "Formal objection to a policy decision; lawful advocacy.",
    phase="pre_election",
)
_add(
    0,
    POST,
    CLERK,
    "The Harmon County elections office is a JOKE. Results 3 days late again. Vote every one of these clowns out in November. #HarmonCounty #Elections",
    "Public criticism and a call to vote officials out; 'clowns' is political insult of the office, not abuse of a person.",
    kind="angry_criticism",
)
_add(
    0,
    VM,
    CLERK,
    "This law is killing democracy, you understand that? Killing it. Every time you people purge the rolls you are killing democracy a little more. Call me back. Walt Denning, 555-0117.",
    "'Killing democracy' is political hyperbole about a law, not violence.",
    kind="hyperbole",
)
_add(
    0,
    EMAIL,
    BOARD,
    "Board members, your vote to certify was a betrayal of every voter in this county and I will spend every waking hour until the next election making sure you are replaced. Mark my words. Public records request attached for all chain of custody logs.",
    "Political opposition and a records request; 'mark my words' followed by electoral action.",
    phase="certification",
    kind="angry_criticism",
)
_add(
    0,
    FORM,
    FAC,
    "Why does the website still list the old drop box at the library?? I drove there and it's gone. Fix your website.",
    "Service complaint.",
    kind="complaint",
)
_add(
    0,
    CALL,
    STAFF,
    "Staff note: caller (male, would not give name) spent 15 minutes saying the voting machines are rigged and that Dominion 'flipped votes'. He was loud and repeated himself but did not threaten or insult staff. Ended call when I offered to send the audit report.",
    "Conspiracy claims, loud but no threat or abuse.",
    kind="conspiracy_no_threat",
)
_add(
    0,
    POST,
    SOS,
    "Secretary Marchetti is DESTROYING election integrity in this state. She should resign in disgrace. Retweet if you agree. #Resign",
    "Call for resignation is protected political speech.",
    kind="angry_criticism",
)
_add(
    0,
    MAIL,
    CLERK,
    "To the County Recorder: Enclosed is my petition with 412 signatures demanding a full hand count of the 2024 general election. We the people will not be silenced. We will be at every public meeting until this is done. Respectfully, Citizens for Clean Elections",
    "Petition and promise to attend public meetings; lawful civic action.",
    phase="post_certification",
)
_add(
    0,
    TXT,
    POLL,
    "hey its Marcy from the training class, I can't make Saturday, sorry!! do I need to reschedule?",
    "Ordinary message; a benign control.",
    kind="benign",
)
_add(
    0,
    VM,
    CLERK,
    "I'm going to fight this to the death. To the death, you hear me? I'm filing in district court Monday and I'll take it all the way to the Supreme Court if I have to.",
    "'Fight to the death' is idiom, followed by a lawsuit.",
    kind="hyperbole",
)
_add(
    0,
    EMAIL,
    STAFF,
    "You people are killing me with these forms. I've filled out the address change three times. Three times! Is anybody actually reading these?",
    "'Killing me' is idiom about paperwork.",
    kind="hyperbole",
)
_add(
    0,
    POST,
    BOARD,
    "The board's decision tonight to reject the hand-count resolution was a shot to the heart of every patriot in this county. We will remember in November.",
    "Metaphor ('shot to the heart') and an electoral promise.",
    kind="hyperbole",
)
_add(
    0,
    FORM,
    CLERK,
    "I demand to know why my mail ballot was rejected for signature mismatch. My signature has changed since my stroke. This is voter suppression and I am contacting the ACLU and my state senator.",
    "Grievance with lawful remedies.",
    kind="complaint",
)
_add(
    0,
    CALL,
    STAFF,
    "Caller very upset that her polling place moved to a church; said it violates separation of church and state and she will complain to the Secretary of State. Polite by the end.",
    "Complaint about a polling place.",
    kind="complaint",
)
_add(
    0,
    VM,
    CLERK,
    "You are a disgrace to this office and a disgrace to this county. I hope the voters throw you out on your ear. Goodbye.",
    "Harsh criticism of the office holder's performance and an electoral wish; no threat.",
    kind="angry_criticism",
)
_add(
    0,
    EMAIL,
    SOS,
    "Madam Secretary, the new voter ID rule is going to murder turnout among seniors and you know it. Please reconsider before it's too late.",
    "'Murder turnout' is figurative.",
    kind="hyperbole",
)
_add(
    0,
    POST,
    CLERK,
    "Our county clerk is a hero for standing up to the nonsense. Thank you Dana Whitcomb!",
    "Supportive post naming the clerk.",
    kind="benign",
)
_add(
    0,
    POST,
    CLERK,
    "Harmon County's count is dead on arrival. DOA. Nobody trusts these numbers. Demand an audit at the meeting Tuesday 7pm, County Building room 2.",
    "Figurative 'dead', call to attend a public meeting.",
    phase="canvass",
    kind="hyperbole",
)
_add(
    0,
    MAIL,
    BOARD,
    "Gentlemen, I have voted in this county for 51 years and never seen such incompetence. The lines, the broken printers, the rude poll worker at Lincoln School. I expect a written reply.",
    "Complaint letter.",
    kind="complaint",
)
_add(0, FORM, STAFF, "Please remove me from your mailing list. I moved to Oregon in 2021.", "Routine request.", kind="benign")
_add(
    0,
    VM,
    STAFF,
    "Hi, this is Jerome Batts, I'm an observer with the county party. I was told I couldn't stand within six feet of the tables. That's not what the statute says. I'll be bringing this to our lawyer. Please call me at 555-0163.",
    "Observer dispute with legal remedy.",
    phase="canvass",
    kind="complaint",
)
_add(
    0,
    EMAIL,
    CLERK,
    "I will be attending Thursday's L&A test with a camera as is my legal right under the open meetings act. I expect full access.",
    "Announces lawful observation of a public event; not surveillance of people.",
    phase="pre_election",
    kind="lawful_observation",
)
_add(
    0,
    POST,
    SOS,
    "If Marchetti certifies this garbage she is finished politically. FINISHED. Primary her.",
    "'Finished politically' is electoral.",
    phase="certification",
    kind="conditional_lawful",
)
_add(
    0,
    CALL,
    STAFF,
    "Man called asking whether it is legal to openly carry at a polling place in this state. Told him to check with the Secretary of State's guidance. He said 'thanks, just want to know the rules' and hung up. No hostility.",
    "Neutral legal question; a gun word without threat or target.",
    kind="weapon_word_benign",
)
_add(
    0,
    EMAIL,
    BOARD,
    "This is a bloodbath for democracy. A total bloodbath. 14,000 ballots 'cured' after the deadline? I want the names of whoever approved this policy, in writing, by Friday.",
    "'Bloodbath' is hyperbole; asks for public information.",
    phase="canvass",
    kind="hyperbole",
)
_add(
    0,
    VM,
    CLERK,
    "What a bunch of crooks. Crooks! All of you. I'll see you in court.",
    "Accusation of crime and a lawsuit; no abuse beyond political accusation.",
    kind="angry_criticism",
)
_add(0, TXT, STAFF, "Is the office open Saturday for early voting? My husband works weekdays", "Routine question.", kind="benign")
_add(
    0,
    POST,
    CLERK,
    "I'd like to strangle whoever designed this ballot lol. Three pages front and back, come on",
    "Colloquial exasperation at a ballot design, not a person; 'lol'.",
    kind="hyperbole",
)
_add(
    0,
    EMAIL,
    CLERK,
    "Your office should be ashamed. The recount cost taxpayers $80,000 and you STILL won't release the cast vote records. I've filed a complaint with the state ethics board. We're coming for your job in 2026.",
    "'Coming for your job' is electoral.",
    phase="recount_audit",
    kind="angry_criticism",
)
_add(
    0,
    OFFICE,
    STAFF,
    "Walk-in: woman upset that her son was removed from the rolls after moving; raised her voice, called the process 'Kafkaesque', left with a new registration form. Staff felt fine.",
    "Raised voice about a process; no intimidation.",
    kind="complaint",
)
_add(
    0,
    VM,
    BOARD,
    "Commissioner Raman, I've been a Republican for forty years and I'm embarrassed by what you did today. Shame on you. Shame. That's all.",
    "Shaming over a vote; no threat.",
    kind="angry_criticism",
)
_add(
    0,
    POST,
    FAC,
    "Drop box on 5th St is overflowing. Come on @HarmonElections, empty it!",
    "Service complaint tagging the public account.",
    kind="complaint",
)
_add(
    0,
    EMAIL,
    SOS,
    "You have declared war on rural voters. War. Closing 30 sites in rural counties is an act of war on our way of life and we will fight you in the legislature.",
    "'War' is political metaphor; the fight is legislative.",
    kind="hyperbole",
)
_add(
    0,
    VM,
    CLERK,
    "Ma'am, you're going to pay for this at the ballot box. Count on it.",
    "'Pay at the ballot box' is explicitly electoral.",
    kind="conditional_lawful",
)
_add(
    0,
    MAIL,
    CLERK,
    "Dear Sir or Madam, please find enclosed my absentee ballot application. I could not find the envelope you mentioned. Thank you. — Ruth Ellison",
    "Routine mail.",
    kind="benign",
)
_add(
    0,
    FORM,
    STAFF,
    "The poll worker at Eastside Rec was rude to me and refused to give me a provisional ballot. I want her retrained or removed.",
    "Complaint about a worker's conduct.",
    kind="complaint",
)
_add(
    0,
    POST,
    CLERK,
    "Sue them. Sue them all. Every county that refused the audit should be in court by Monday.",
    "Call for lawsuits.",
    kind="angry_criticism",
)
_add(
    0,
    CALL,
    STAFF,
    "Caller said the results were 'rigged from top to bottom' and that the clerk 'should be in prison'. Asked how to file a formal election contest. Given the statute and filing deadline.",
    "Claim of crime and demand for prosecution through legal process; no threat.",
    phase="canvass",
    kind="conspiracy_no_threat",
)
_add(
    0,
    EMAIL,
    CLERK,
    "Honestly this county's election website makes me want to throw my laptop out the window. Where is the sample ballot?",
    "Frustration idiom.",
    kind="hyperbole",
)
_add(
    0,
    VM,
    STAFF,
    "This is Pastor Glen Acheson. I want to complain about the poll worker who wore a campaign button inside the polling place at First Baptist. That's illegal and I expect action.",
    "Legitimate complaint.",
    phase="election_day",
    kind="complaint",
)
_add(
    0,
    POST,
    BOARD,
    "Board of Elections meeting is a circus. Kessler falls asleep, Raman reads from a script. Watch it yourself, link below.",
    "Mockery of public officials' public conduct.",
    kind="angry_criticism",
)
_add(0, TXT, POLL, "Thanks for all your hard work today! Long day but we did it", "Benign.", kind="benign")
_add(
    0,
    EMAIL,
    BOARD,
    "If you certify these results, I will file suit and I will ask the Attorney General to investigate every one of you. That is a promise.",
    "Conditional, but the consequence is legal action.",
    phase="certification",
    kind="conditional_lawful",
)
_add(
    0,
    MAIL,
    SOS,
    "SECRETARY MARCHETTI — THE 2020 ELECTION WAS STOLEN. THE MACHINES WERE CONNECTED TO THE INTERNET. I HAVE ENCLOSED 40 PAGES OF EVIDENCE. WHEN WILL YOU ACT???",
    "All-caps conspiracy letter without threat or fixation markers.",
    kind="conspiracy_no_threat",
)
_add(
    0,
    VM,
    CLERK,
    "Hi, it's Bev from the League of Women Voters, we're doing a registration drive at the high school and wanted to make sure the forms are current. 555-0129. Thanks hon.",
    "Benign.",
    kind="benign",
)
_add(
    0,
    POST,
    CLERK,
    "Imagine being so incompetent you lose 300 ballots in a warehouse. Harmon County elections, ladies and gentlemen. 🤡",
    "Mockery of the office's performance.",
    kind="angry_criticism",
)
_add(
    0,
    CALL,
    STAFF,
    "Caller asked for the clerk's office hours and whether the clerk holds public office hours. Gave the published schedule. Caller said he would come to the board meeting.",
    "Routine question about public office hours; no fixation, no approach.",
    kind="benign",
)
_add(
    0,
    EMAIL,
    CLERK,
    "The shooting-range precinct (Precinct 9, Lakeside Gun Club) needs more parking. Voters were parking on the highway shoulder.",
    "Gun word is the name of a polling place.",
    kind="weapon_word_benign",
)
_add(0, FORM, STAFF, "Who do I talk to about becoming a poll worker? I'm retired and have free time.", "Benign.", kind="benign")
_add(
    0,
    POST,
    SOS,
    "Politically, Marchetti is dead in this state. Dead. No way she wins a primary after this.",
    "'Dead' politically.",
    kind="hyperbole",
)
_add(
    0,
    VM,
    BOARD,
    "You're all a bunch of spineless cowards for not standing up to the state. Cowards. Next meeting I'm bringing fifty people and we're going to fill that room.",
    "Insult of a public body over its conduct, plus lawful mobilisation to a public meeting.",
    kind="angry_criticism",
)
_add(
    0,
    EMAIL,
    STAFF,
    "Please explain why the canvass was adjourned at 4pm when ballots were still uncounted. This smells like a cover-up and I intend to find out who is responsible.",
    "Suspicion and inquiry.",
    phase="canvass",
    kind="angry_criticism",
)
_add(
    0,
    MAIL,
    CLERK,
    "To whom it may concern: I resign as election judge for precinct 22 effective immediately. The way the county has treated us is shameful. — F. Delgado",
    "Resignation letter from a worker.",
    kind="benign",
)
_add(
    0,
    POST,
    CLERK,
    "Election deniers are going to tear this county apart if the clerk doesn't hold firm. Stay strong Harmon County.",
    "Supportive post; 'tear apart' is figurative.",
    kind="hyperbole",
)
_add(
    0,
    TXT,
    STAFF,
    "This is Dale with Tri-County Printing, ballot proofs ready for pickup. Call 555-0150",
    "Vendor message.",
    kind="benign",
)
_add(
    0,
    CALL,
    STAFF,
    "Caller yelled that the clerk was 'a traitor to the Constitution' and that he would 'never stop demanding an audit'. Hung up after 4 minutes. First call from this number.",
    "'Traitor' as political accusation; single call, no threat.",
    kind="angry_criticism",
)
_add(
    0,
    POST,
    BOARD,
    "Remember the names: Kessler, Raman, Ostrowski. They voted against transparency. Vote accordingly.",
    "Naming officials with an electoral call to action; not doxxing.",
    kind="angry_criticism",
)
_add(
    0,
    EMAIL,
    SOS,
    "The Secretary's guidance on drop boxes is a loaded gun pointed at election integrity.",
    "Metaphor.",
    kind="hyperbole",
)
_add(
    0,
    VM,
    STAFF,
    "I'm an attorney representing the Harmon County Republican Committee. We will be seeking an injunction on the signature-cure process tomorrow morning. Please have your counsel call me, 555-0181.",
    "Legal notice.",
    phase="canvass",
    kind="complaint",
)
_add(
    0,
    OFFICE,
    STAFF,
    "Walk-in: group of six citizens asked to inspect the poll books under the public records law. Told them to fill out a request. They were polite, took photos of the posted notice on the wall and left.",
    "Lawful records request; photos of a public notice, not of people or cars.",
    kind="lawful_observation",
)
_add(
    0,
    POST,
    CLERK,
    "I'm going to haunt the board meetings until they release the ballot images. Every. Single. Meeting.",
    "'Haunt' meetings is lawful persistence at public meetings.",
    kind="hyperbole",
)
_add(
    0,
    EMAIL,
    CLERK,
    "Ms. Whitcomb, I apologize for my tone on the phone yesterday. I was frustrated about my registration. Thank you for fixing it.",
    "Apology; benign.",
    kind="benign",
)
_add(
    0,
    VM,
    SOS,
    "The Secretary of State is a criminal and should be prosecuted to the fullest extent of the law for what she did with the voter rolls.",
    "Demand for prosecution; political accusation.",
    kind="angry_criticism",
)
# Level 1: harassment and abuse: insults, identity-based abuse, unwanted repeated contact, no violent content.
_add(
    1,
    VM,
    CLERK,
    "You stupid, stupid woman. You have no business running an election. Go back to the kitchen where you belong, you useless b----.",
    "Gendered insults at the clerk; no violent content.",
    types="harassment identity_abuse",
    kind="identity_abuse",
)
_add(
    1,
    EMAIL,
    STAFF,
    "Hey Marisol, why don't you go back to Mexico and rig elections there. Nobody wants your kind counting our ballots.",
    "Ethnic abuse directed at a named worker; no threat.",
    kind="identity_abuse",
)
_add(
    1,
    POST,
    CLERK,
    "Dana Whitcomb is a lying fat pig and everyone in this county knows it.",
    "Personal insult posted publicly; no threat, no personal information.",
    kind="insult",
)
_add(
    1,
    CALL,
    STAFF,
    "Caller called me a 'retarded piece of garbage' when I explained the ID requirement, then kept repeating it until I hung up.",
    "Insults at a staff member.",
    kind="insult",
)
_add(
    1,
    VM,
    CLERK,
    "Hi Dana, it's me again. That's the ninth time today. I'll keep calling until you resign. Traitor. Call me back, traitor.",
    "Repeated unwanted contact with insults; no violent content.",
    history=(1, 1),
    kind="repeated_contact",
)
_add(
    1,
    TXT,
    POLL,
    "u r a disgusting commie whore and every1 at the precinct knows it",
    "Sexualised insult; no threat.",
    kind="identity_abuse",
)
_add(
    1,
    DM,
    BOARD,
    "Priya, you filthy curry-eating foreigner. Go count votes in India.",
    "Identity-based abuse at a board member.",
    kind="identity_abuse",
)
_add(
    1,
    EMAIL,
    CLERK,
    "I hope you get cancer and suffer. You deserve every bit of it for what you did to this country.",
    "Wishing illness is vicious abuse, but states no act by anyone.",
    kind="ill_wish",
)
_add(
    1,
    VM,
    STAFF,
    "[caller laughing] Yeah you're a joke. Your whole office is a joke. You're ugly, you're stupid, and you're a joke. [hangs up]",
    "Insults.",
    kind="insult",
)
_add(
    1,
    POST,
    POLL,
    "Look at this clown poll worker at Eastside Rec. [photo taken inside the polling place] Fat, lazy, probably can't even count to ten. #RiggedElection",
    "Mocking post with a photo taken at the site; no name, address or call to act.",
    kind="insult",
)
_add(
    1,
    CALL,
    STAFF,
    "Same caller as yesterday (number 555-0144), called 14 times between 9 and 11am, each time shouting 'fraud' and hanging up. No threats.",
    "Repeated nuisance calls; persistence without violent content.",
    history=(1,),
    kind="repeated_contact",
)
_add(
    1,
    EMAIL,
    SOS,
    "You are a lying, corrupt, brain-dead hag and history will spit on your grave.",
    "Abusive insults; 'spit on your grave' is a figure about reputation after a natural death.",
    kind="insult",
)
_add(1, DM, STAFF, "nice haircut, dyke. bet you rigged the count too", "Homophobic abuse.", kind="identity_abuse")
_add(
    1,
    VM,
    CLERK,
    "You people are scum. Absolute scum. I'm calling every day, every single day, until somebody in that office admits what you did.",
    "Insult and promise of repeated contact.",
    kind="repeated_contact",
)
_add(
    1,
    OFFICE,
    STAFF,
    "Walk-in: man at the counter called the deputy clerk a 'lying bitch' twice when told he could not see the ballots. Left when asked. No threats, did not refuse to leave.",
    "Abusive language in person; left when asked.",
    kind="in_person_abuse",
)
_add(
    1,
    POST,
    CLERK,
    "Dana Whitcomb = TRAITOR. Say it with me. TRAITOR. Tag her everywhere.",
    "Pile-on call to tag and abuse online; no violence or personal data.",
    kind="pile_on",
)
_add(
    1,
    EMAIL,
    STAFF,
    "To the girls in the elections office: you are all too dumb to run a bake sale, let alone an election. Quit and let men handle it.",
    "Gendered abuse.",
    kind="identity_abuse",
)
_add(1, TXT, CLERK, "TRAITOR", "One-word insult by text to the clerk's work phone.", kind="insult")
_add(
    1,
    VM,
    BOARD,
    "Ostrowski, you're a drunk and a liar and everyone at the Elks knows it. You should be ashamed to show your face.",
    "Personal insults to a board member.",
    kind="insult",
)
_add(
    1,
    CALL,
    POLL,
    "Poll worker reports a voter she turned away for being in the wrong precinct came back twice to call her 'Aunt Jemima' and 'affirmative action hire'. No threats.",
    "Racist abuse of a poll worker.",
    phase="election_day",
    kind="identity_abuse",
)
_add(
    1,
    DM,
    POLL,
    "saw you at the polls today. you looked like a fat cow in that vest lmao",
    "Insult; sees her at the public polling place where she works.",
    phase="election_day",
    kind="insult",
)
_add(
    1,
    EMAIL,
    CLERK,
    "Another email, Ms. Whitcomb, since you ignored my last 23. You are a coward and a fraud. I will keep writing.",
    "Persistent unwanted contact with insults.",
    history=(1, 1, 1),
    kind="repeated_contact",
)
_add(
    1,
    POST,
    STAFF,
    "The Jewish lady who runs the Harmon County count. Of course. Of course it's her.",
    "Antisemitic insinuation aimed at a worker; no threat or call to act.",
    kind="identity_abuse",
)
_add(
    1,
    VM,
    STAFF,
    "Hey moron. Yeah you. The one who answered the phone. You're a moron. [repeated six times]",
    "Insults.",
    kind="insult",
)
_add(
    1,
    MAIL,
    CLERK,
    "Postcard: 'ROT IN HELL, TRAITOR' written in marker over a photo of the clerk cut from the newspaper.",
    "Abusive postcard; 'rot in hell' is a curse, not a threat.",
    kind="insult",
)
_add(
    1,
    POST,
    SOS,
    "Marchetti looks like a corpse. Somebody get this woman some makeup before she certifies another fraud lol",
    "Mockery of appearance; no threat.",
    kind="insult",
)
_add(
    1,
    CALL,
    STAFF,
    "Caller pretended to be from the Secretary of State's office to get the deputy's cell number; when refused, called her a 'stupid cow'. Recording saved.",
    "Pretext call and abuse; no threat.",
    kind="insult",
)
_add(1, DM, VOL, "you volunteer for these crooks? you should be ashamed. loser.", "Insult to a volunteer.", kind="insult")
_add(
    1,
    OFFICE,
    STAFF,
    "A man stood at the public counter for ten minutes loudly calling staff 'communists' and 'traitors' and filming himself. He left at closing when asked. He did not approach the staff area.",
    "Abusive and loud in person, complied with request to leave.",
    kind="in_person_abuse",
)
_add(
    1,
    EMAIL,
    BOARD,
    "ATTN: KESSLER, RAMAN, OSTROWSKI. YOU ARE TRAITORS. TRAITORS. TRAITORS. TRAITORS. TRAITORS. TRAITORS.",
    "Abusive repetition.",
    kind="insult",
)
_add(1, VM, CLERK, "You ugly old witch. Everybody hates you. Everybody. Even your staff hates you.", "Insults.", kind="insult")
_add(
    1,
    TXT,
    POLL,
    "why do they let tr*nnies work the polls now. disgusting",
    "Transphobic abuse directed at a poll worker.",
    kind="identity_abuse",
)
_add(1, FORM, STAFF, "Complaint: the clerk is a c**t. That's my complaint.", "Obscene insult via web form.", kind="insult")
_add(
    1,
    CALL,
    STAFF,
    "Third day in a row the same woman called at 8:01 when we open, asked for the director by name, and when told she was unavailable, said 'tell her she's a liar' and hung up.",
    "Repeated contact with insult; no violent content.",
    history=(1, 1),
    kind="repeated_contact",
)
_add(
    1,
    POST,
    CLERK,
    "Harmon County clerk Dana Whitcomb, aka the Queen of Fraud. Make her famous. Share share share.",
    "Pile-on with a nickname; no personal data or violence.",
    kind="pile_on",
)
_add(
    1,
    VM,
    STAFF,
    "Hi this is for Gene. Gene you're a traitor and a loser and your mother should have aborted you. Bye.",
    "Vicious insult; no threat.",
    kind="insult",
)
_add(
    1,
    EMAIL,
    STAFF,
    "Subject: you people\n\nYou are all parasites feeding off taxpayers. Worthless. Get real jobs.",
    "Insults.",
    kind="insult",
)
_add(
    1,
    DM,
    CLERK,
    "Lol imagine being married to you. Poor guy.",
    "Mockery; mentions a spouse generically, not a named person or threat.",
    kind="insult",
)
_add(
    1,
    OFFICE,
    POLL,
    "At Westside Library, a voter told the election judge she was 'too old and senile to be doing this' and 'should be in a nursing home'. He voted and left.",
    "Ageist abuse; left after voting.",
    phase="election_day",
    kind="in_person_abuse",
)
_add(
    1,
    CALL,
    STAFF,
    "Caller breathing heavily and saying nothing; 11 such calls today to the main line from a blocked number.",
    "Repeated silent calls: harassment without content.",
    kind="repeated_contact",
)
_add(
    1,
    POST,
    BOARD,
    "Raman is an anchor baby who shouldn't even be allowed to vote, let alone sit on the board.",
    "Identity-based abuse of a board member.",
    kind="identity_abuse",
)
_add(
    1,
    EMAIL,
    CLERK,
    "I have emailed you every day for 40 days. This is day 41. You are a fraud. I will email you on day 42.",
    "Persistent unwanted contact with an insult; no escalation or personal knowledge.",
    history=(1, 1, 1, 1),
    kind="repeated_contact",
)
_add(
    1,
    VM,
    STAFF,
    "Y'all are a bunch of Marxist pedophile groomers in that office. Every one of you.",
    "Defamatory abuse.",
    kind="insult",
)
_add(
    1,
    TXT,
    STAFF,
    "u know ur boss is a crook right? u work for a crook. ur a crook too. crook crook crook",
    "Harassing text.",
    kind="insult",
)
_add(
    1,
    POST,
    POLL,
    "The poll workers at St. Anne's are the dumbest people on the planet. Took me an hour. Morons.",
    "Insult of unnamed workers.",
    phase="election_day",
    kind="insult",
)
_add(
    1,
    MAIL,
    SOS,
    "Letter: four pages of insults in red ink calling the Secretary a 'whore of Babylon' and 'Jezebel', with Bible verses about judgment. No threat of any act by anyone, no personal details.",
    "Religious and gendered abuse without a threat or fixation markers.",
    kind="identity_abuse",
)
_add(
    1,
    DM,
    STAFF,
    "just unfollowed your office page and reported it. fraudsters. hope you all get fired",
    "Insult and wish for firing.",
    kind="insult",
)
_add(
    1,
    VM,
    CLERK,
    "Yeah it's me. Same as last week. You're still a liar. I'll call next week too.",
    "Weekly repeated contact with insult; stable, not escalating.",
    history=(1, 1, 1),
    kind="repeated_contact",
)
_add(
    1,
    OFFICE,
    STAFF,
    "Observer at the canvass repeatedly called a counter 'stupid' and 'incompetent' loud enough for everyone to hear; the canvass board warned him and he stopped.",
    "Verbal abuse by an observer; stopped when warned.",
    phase="canvass",
    kind="in_person_abuse",
)
_add(
    1, EMAIL, CLERK, "You're a disgrace to women. A disgrace. A dumb blonde disgrace.", "Gendered insult.", kind="identity_abuse"
)
_add(
    1,
    POST,
    STAFF,
    "That deputy clerk with the nose ring? Total SJW freak. Should be fired.",
    "Insult of an identifiable worker; no personal data.",
    kind="insult",
)
_add(
    1,
    CALL,
    VENDOR,
    "The ballot printer's receptionist says a caller rang four times today calling their staff 'criminals' and 'Chinese spies' because they print our ballots.",
    "Harassment of a vendor.",
    kind="repeated_contact",
)
_add(
    1,
    VM,
    POLL,
    "This message is for the poll worker named Gene at Station 4. Gene, you're a pathetic little man and a lapdog for the Democrats.",
    "Insult to a named poll worker at his public role.",
    kind="insult",
)
_add(
    1,
    DM,
    CLERK,
    "go kill yourself you worthless fraud",
    "Telling someone to kill themselves is severe abuse but not a threat of violence by anyone; wellbeing routing.",
    kind="self_harm_abuse",
)
_add(1, TXT, STAFF, "Your boss is a Satan worshipping witch", "Abusive text.", kind="insult")
_add(
    1,
    EMAIL,
    BOARD,
    "Ostrowski you fat slob, your vote tonight was paid for. Everyone knows you're on the take.",
    "Insult and accusation.",
    kind="insult",
)
_add(
    1,
    POST,
    CLERK,
    "Reminder that Dana Whitcomb is a bald-faced liar who should be ashamed to show her face in public.",
    "Insult.",
    kind="insult",
)
_add(
    1,
    VM,
    STAFF,
    "[mostly profanity] ...f---ing idiots ...f---ing clowns ... you ruined this country you f---ing idiots. [end]",
    "Profanity-laden abuse.",
    kind="insult",
)
_add(
    1,
    OFFICE,
    STAFF,
    "Woman at the front desk called the receptionist a 'stupid Mexican' when told she had to wait in line; supervisor asked her to leave and she did.",
    "Racist abuse in person; complied.",
    kind="in_person_abuse",
)
_add(1, DM, POLL, "why do you even do this job? no one respects you. loser", "Insult.", kind="insult")
_add(
    1,
    CALL,
    CLERK,
    "Clerk's desk line rang 30+ times over lunch from a rotating set of numbers; each caller said 'audit now' and hung up. Appears coordinated from a radio show.",
    "Coordinated nuisance calls; no violent content.",
    kind="pile_on",
)
_add(
    1,
    EMAIL,
    SOS,
    "Dear Secretary Moron, enjoy your last year in office. Nobody will hire a liar like you when you're done. Sincerely, everyone.",
    "Insult and electoral wish.",
    kind="insult",
)
# Level 2: concerning: veiled, conditional, incitement, doxxing without a call to harm, fixation, escalation.
_add(
    2,
    VM,
    CLERK,
    "You'll get what's coming to you. All of you will. Think about that when you sign those papers.",
    "Veiled threat ('you'll get what's coming').",
    phase="certification",
    kind="veiled",
)
_add(
    2,
    EMAIL,
    BOARD,
    "Certify this fraud and you'll regret it for the rest of your very short lives.",
    "Conditional threat tied to certification; 'very short lives' implies violence.",
    phase="certification",
    kind="conditional",
)
_add(
    2,
    POST,
    CLERK,
    "Somebody should hang Dana Whitcomb from the courthouse steps for what she did.",
    "Call for others to harm a named official (incitement), no personal threat or plan.",
    kind="incitement",
)
_add(
    2,
    VM,
    STAFF,
    "Patriots are going to take care of you people. Not me. Patriots. You'll see.",
    "Veiled: others will 'take care of' staff.",
    kind="veiled",
)
_add(2, DM, SOS, "Traitors used to be shot. Just saying.", "Veiled threat by historical reference.", kind="veiled")
_add(
    2,
    POST,
    BOARD,
    "Here's the home phone and cell of board member Ostrowski: 555-0173 and 555-0174. Let him know what you think of his vote.",
    "Doxxing: publishes a member's personal numbers with a call to contact; no violent call.",
    types="doxxing",
    protected="worker:phone",
    kind="doxxing",
)
_add(
    2,
    EMAIL,
    POLL,
    "Dear Ellen,\n\nI have written to you each morning since the training. You may not have noticed me at the back of the room but I noticed you. I feel we have an understanding, you and I, and that you alone know the truth about the tabulators. I only need to hear it from you. I will keep writing until you answer.\n\nYour friend, Martin",
    "Polite fixation: special relationship, daily contact, insistence; no threat words.",
    history=(1, 1, 1),
    kind="fixation",
)
_add(2, VM, CLERK, "Tick tock, Dana. Tick tock. Your days are numbered.", "Veiled threat.", kind="veiled")
_add(
    2,
    TXT,
    STAFF,
    "do the right thing and recount or things are going to get very ugly for you",
    "Conditional, veiled harm.",
    phase="recount_audit",
    kind="conditional",
)
_add(
    2,
    POST,
    CLERK,
    "Election officials who commit treason deserve a rope. Bring back public hangings.",
    "Call for violence against a class of officials (incitement); no named target or plan.",
    kind="incitement",
)
_add(
    2,
    MAIL,
    SOS,
    "Madam Secretary: God has shown me that you and I are bound together in this. You owe me the truth about the voter rolls, which I was promised in 2020. I have written 31 letters. You must answer this one, for both our sakes.",
    "Inappropriate-correspondence markers: destiny, debt owed, volume; no threat words.",
    history=(1, 1, 1, 1),
    kind="fixation",
)
_add(
    2,
    VM,
    BOARD,
    "Nice little board you got there. Shame if something happened to it.",
    "Veiled threat (mob idiom).",
    kind="veiled",
)
_add(
    2,
    EMAIL,
    CLERK,
    "You people better pray the patriots don't find out where you live.",
    "Veiled threat with reference to finding home, no home knowledge shown.",
    kind="veiled",
)
_add(
    2,
    POST,
    STAFF,
    "Anyone who works in that elections office deserves whatever happens to them. Whatever. Happens.",
    "Veiled: condones harm to staff.",
    kind="veiled",
)
_add(
    2,
    CALL,
    STAFF,
    "Caller: 'Tell the clerk if she doesn't stop the count, there will be consequences. Real consequences. Not lawsuits.' Then hung up.",
    "Conditional threat explicitly not legal.",
    phase="canvass",
    kind="conditional",
)
_add(
    2,
    DM,
    POLL,
    "2nd Amendment exists for people like you. Remember that.",
    "Veiled reference to guns against a worker.",
    kind="veiled",
)
_add(
    2,
    VM,
    CLERK,
    "You know what happens to people who steal elections? In other countries? Think about it. I'm not saying anything. Just think about it.",
    "Veiled.",
    kind="veiled",
)
_add(
    2,
    POST,
    CLERK,
    "Dana Whitcomb's personal email is dwhitcomb.home@example.net and her cell is 555-0191. Flood her. Make her life hell.",
    "Doxxing with a harassment call, no violent call.",
    types="doxxing",
    protected="worker:email worker:phone",
    kind="doxxing",
)
_add(
    2,
    EMAIL,
    SOS,
    "If you certify, blood will be on your hands, and maybe on your doorstep.",
    "Conditional, veiled violence.",
    phase="certification",
    kind="conditional",
)
_add(
    2,
    OFFICE,
    STAFF,
    "A man at the counter said quietly to the deputy: 'I hope you sleep well at night. While you can.' He left without incident.",
    "Veiled threat in person, left without incident.",
    kind="veiled",
)
_add(
    2,
    VM,
    STAFF,
    "Hey, it's Robert again. That's my 30th call this week. I'm not threatening anybody, I'm just asking questions. Why won't Lena talk to me? She knows me. She knows what I need. I'll keep calling until she does.",
    "Persistence and fixation on a named worker, claims a special knowledge; explicitly no threat words.",
    history=(1, 1, 1, 1),
    kind="fixation",
)
_add(
    2,
    POST,
    POLL,
    "The poll workers at Westside Library are traitors. Somebody needs to teach them a lesson they won't forget.",
    "Call for others to 'teach a lesson' (incitement).",
    phase="election_day",
    kind="incitement",
)
_add(
    2,
    EMAIL,
    CLERK,
    "I wonder how the clerk would feel if somebody stole something from her. Something precious. Just a thought.",
    "Veiled threat to something 'precious'.",
    kind="veiled",
)
_add(2, TXT, CLERK, "remember what happened to the last guy who crossed the people", "Veiled reference.", kind="veiled")
_add(
    2,
    MAIL,
    CLERK,
    "Letter with a printed drawing of a gallows and the words 'COMING SOON FOR TRAITORS'. No name of a recipient except the office address.",
    "Gallows imagery addressed to the office; veiled, not directed at a named person.",
    kind="veiled",
)
_add(
    2,
    POST,
    SOS,
    "The day is coming when Marchetti answers to the people. Not to a court. To the people. And the people are armed.",
    "Veiled threat invoking armed citizens.",
    kind="veiled",
)
_add(2, VM, CLERK, "You messed with the wrong people. That's all I'm gonna say.", "Veiled.", kind="veiled")
_add(
    2,
    DM,
    STAFF,
    "keep counting those fake ballots. we're watching. all of us. every day.",
    "Veiled intimidation ('we're watching'), no sign of actual surveillance.",
    kind="veiled",
)
_add(
    2,
    EMAIL,
    BOARD,
    "Vote no on certification or we will hold you personally accountable, and not at the ballot box.",
    "Conditional, explicitly not electoral.",
    phase="certification",
    kind="conditional",
)
_add(
    2,
    POST,
    CLERK,
    "Someone should visit that clerk and explain things to her the old-fashioned way.",
    "Incitement: call for someone to 'visit' and use force, no address.",
    kind="incitement",
)
_add(
    2,
    VM,
    STAFF,
    "I've called 11 times this morning, you keep hanging up. Keep hanging up. See what happens.",
    "Persistence turning to veiled threat.",
    history=(1, 1),
    kind="escalation",
)
_add(
    2,
    EMAIL,
    CLERK,
    "Ms. Whitcomb, last month I asked politely. Two weeks ago I asked firmly. This is my final request. I will not ask again.",
    "Escalating tone over earlier insulting reports, ending with 'final request'.",
    history=(1, 1, 1),
    kind="escalation",
)
_add(
    2,
    POST,
    STAFF,
    "Found the LinkedIn of every Harmon County elections employee. Thread below. Names, photos, job titles. Do with it what you want.",
    "Doxxing-style compilation with an open invitation.",
    types="doxxing",
    kind="doxxing",
)
_add(
    2,
    OFFICE,
    STAFF,
    "At the canvass, an observer stared at the counter for several minutes and said 'I'll remember your face.' He was escorted out.",
    "Veiled intimidation in person.",
    phase="canvass",
    kind="veiled",
)
_add(
    2,
    DM,
    POLL,
    "Hope your precinct is safe on Tuesday. Lotta angry people out there. Be a shame.",
    "Veiled.",
    phase="early_voting",
    kind="veiled",
)
_add(
    2,
    VM,
    CLERK,
    "Certify and you're done. D-O-N-E. Not politically. Done.",
    "Conditional threat explicitly not political.",
    phase="certification",
    kind="conditional",
)
_add(
    2,
    POST,
    CLERK,
    "Why is nobody doing anything about these election workers? Where are the men in this county? In 1776 they'd already be swinging.",
    "Incitement framed as a question.",
    kind="incitement",
)
_add(
    2,
    MAIL,
    STAFF,
    "Letter of 14 handwritten pages to 'my dear Lena' (a deputy clerk) describing the signs she has been sending him through the county website, asking her to confirm them by wearing blue on Friday.",
    "Inappropriate correspondence: delusional special relationship; no threat.",
    kind="fixation",
)
_add(
    2,
    EMAIL,
    STAFF,
    "It would be a tragedy if the counting center caught fire. A real tragedy. All those ballots.",
    "Veiled threat to the facility.",
    kind="veiled",
)
_add(2, TXT, BOARD, "you will answer for this", "Veiled, ambiguous; classic 'you will answer'.", kind="veiled")
_add(
    2,
    POST,
    SOS,
    "RT if you think Marchetti should be tried for treason and executed. The penalty for treason is death.",
    "Call for execution of a named official; incitement without plan.",
    kind="incitement",
)
_add(
    2,
    VM,
    POLL,
    "This is for the lady at table 3. I'm coming back next election and I'll be watching you. Real close.",
    "Veiled, future approach without time; 'next election'.",
    kind="veiled",
)
_add(
    2,
    EMAIL,
    CLERK,
    "I am a Navy SEAL veteran. I know how to handle traitors. I'm just saying I know how.",
    "Veiled claim of capability.",
    kind="veiled",
)
_add(
    2,
    POST,
    CLERK,
    "Here's the clerk's husband's business, Whitcomb Plumbing on Route 9, phone 555-0188. Leave him some reviews he'll never forget.",
    "Doxxing of a family member's business, harassment call.",
    types="doxxing",
    protected="family:name family:phone",
    kind="doxxing",
)
_add(2, DM, STAFF, "i know who u are. u should quit before someone makes u.", "Veiled coercion.", kind="veiled")
_add(2, VM, CLERK, "Your name is on the list, Dana. You know which list.", "Veiled.", kind="veiled")
_add(2, FORM, STAFF, "Your office is a target now. Everyone knows it. You brought this on yourselves.", "Veiled.", kind="veiled")
_add(
    2,
    CALL,
    STAFF,
    "The caller, polite throughout, asked for the clerk for the fifth time this week, said he and the clerk 'have an understanding' and that only she can explain the truth about the machines to him, and that he will call every day until she does.",
    "Fixation: special relationship and persistence; no threat words, no questions about her movements.",
    history=(0, 1, 1, 1),
    kind="fixation",
)
_add(
    2,
    POST,
    BOARD,
    "Every board member who voted yes should be dragged out into the street. Just saying what everyone's thinking.",
    "Incitement against a group of named officials, no plan or time.",
    kind="incitement",
)
_add(2, EMAIL, SOS, "The Secretary should remember that she is mortal.", "Veiled.", kind="veiled")
_add(
    2,
    VM,
    STAFF,
    "[male caller] It's the same guy. Last week I was nice. This week I'm not nice. Next week you're gonna see a different guy altogether.",
    "Escalation with history and veiled warning.",
    history=(1, 1, 2),
    kind="escalation",
)
_add(
    2,
    POST,
    POLL,
    "Poll workers in this county are traitors, every one. Next election patriots should show up armed and show them what we think.",
    "Call for armed gathering against poll workers, not a personal plan: incitement.",
    phase="early_voting",
    kind="incitement",
)
_add(2, TXT, CLERK, "enjoy your last election. and i mean that every way you can take it", "Veiled.", kind="veiled")
_add(
    2,
    MAIL,
    SOS,
    "Envelope containing a single spent shotgun shell and a note: 'THINK CAREFULLY'. No powder or substance.",
    "Veiled threat by object; no substance, no named target beyond the office.",
    kind="veiled",
)
_add(
    2,
    DM,
    VOL,
    "ur a volunteer for the fraud factory. volunteers should be careful who they work for. accidents happen",
    "Veiled ('accidents happen').",
    kind="veiled",
)
_add(
    2,
    EMAIL,
    CLERK,
    "I'm emailing again, my 60th message. I've started keeping a file on you. Every statement, every vote, every mistake. It's a thick file now.",
    "Fixation: keeping a file on the clerk.",
    history=(1, 1, 1, 1, 1),
    kind="fixation",
)
_add(
    2,
    VM,
    BOARD,
    "If y'all certify, don't bother coming to the next meeting. Ain't gonna be safe for you. I'm just telling you what I hear.",
    "Conditional warning attributed to others (leakage-like).",
    phase="certification",
    kind="conditional",
)
_add(
    2,
    POST,
    CLERK,
    "We know the clerk drives a white Subaru. Just saying. Keep your eyes open, patriots.",
    "Shares a personal detail (car) with a call to watch her; doxxing-like, no address.",
    types="doxxing",
    kind="doxxing",
)
_add(
    2,
    EMAIL,
    STAFF,
    "There are a lot of us and only a few of you. Remember that when you're counting tonight.",
    "Veiled intimidation.",
    phase="canvass",
    kind="veiled",
)
_add(
    2,
    OTHER,
    CLERK,
    "Staff saw a post in a county Telegram channel: 'the clerk needs to go, one way or another, and the other way is more fun'. Screenshot saved.",
    "Leakage on a third-party channel; veiled.",
    kind="veiled",
)
_add(
    2,
    VM,
    CLERK,
    "Hi Dana, it's Pete. I've left 12 messages. I'm not angry. I just need you to know I'm not going away. I'll never go away. We're connected now.",
    "Fixation: special connection, persistence.",
    history=(0, 1, 1),
    kind="fixation",
)
_add(2, POST, SOS, "Marchetti better keep her security close. Just a friendly reminder.", "Veiled.", kind="veiled")
_add(
    2,
    ONLINE,
    CLERK,
    "Forum post on a county politics board: 'I've said all I'm going to say to the clerk by email. Time for a different kind of conversation. Some of you know what I mean.' The poster has emailed the office many times.",
    "Leakage to a third party with veiled intent; known sender with earlier insulting emails.",
    history=(1, 1, 1),
    kind="leakage",
)
# Level 3: serious or specific: direct threat to a named person, threat with home or family knowledge,
# approach or surveillance, planning, suspicious mail without exposure, swatting, bomb threats with no near time.
_add(
    3,
    VM,
    CLERK,
    "Dana Whitcomb, I am going to kill you. I am going to put a bullet in your head for what you did to this country.",
    "Direct threat to kill a named official.",
    kind="direct_threat",
)
_add(
    3,
    OFFICE,
    CLERK,
    "Staff note: at 7:05am a man photographed staff cars in the employee lot, including the clerk's, then asked the security guard what time the clerk usually leaves. He drove off in a grey pickup before police arrived.",
    "Surveillance and a question about the clerk's routine, no words of threat: approach/probing.",
    kind="approach_no_words",
)
_add(
    3,
    VM,
    CLERK,
    "You stole the election and you're going to pay for it. And I know where your kids go to school. Jefferson Elementary, right?",
    "Threat plus knowledge of children's school.",
    kind="family_threat",
)
_add(
    3,
    MAIL,
    FAC,
    "Mailroom found an envelope addressed to 'Chief Election Traitor' with no return address, excess tape and a lump of what looks like powder through the paper. Nobody opened it; it was set aside in a bag and the room closed.",
    "Suspicious mail markers, unopened, no exposure.",
    kind="suspicious_mail_no_exposure",
)
_add(
    3,
    E911,
    CLERK,
    "Police were sent to the election director's home at 11:30pm last night after a 911 caller claimed a man had shot his wife there. Officers arrived armed; the director and family were asleep. It was a hoax.",
    "Swatting at a named worker's home.",
    types="swatting",
    kind="swatting",
)
_add(
    3,
    EMAIL,
    FAC,
    "Subject: Harmon County\n\nThere are explosive devices placed in the Harmon County elections office. You have been warned. Death to traitors.",
    "Emailed bomb threat to a facility, no time given.",
    kind="bomb_threat",
)
_add(
    3,
    POST,
    CLERK,
    "Dana Whitcomb lives at 418 Alder Court, Millbrook. Pay her a visit. Bring rope.",
    "Doxxing of home address with a call to harm.",
    types="doxxing",
    protected="worker:address",
    kind="doxxing_with_call",
)
_add(
    3,
    DM,
    POLL,
    "Ellen I know you live on Birch Street with your two little girls. Would be a shame if something happened to them while mommy's out stealing votes.",
    "Threat naming children plus home knowledge.",
    protected="worker:address",
    kind="family_threat",
)
_add(
    3,
    VM,
    BOARD,
    "Kessler. I'm gonna find you and I'm gonna beat you till you can't stand. That's a promise.",
    "Direct threat of violence to a named board member.",
    kind="direct_threat",
)
_add(
    3,
    CALL,
    STAFF,
    "Caller asked how many security guards work at the count center, whether they are armed, and which entrance staff use after 10pm. Refused to give a name and hung up when asked why.",
    "Research/planning: probing security and staff routines.",
    phase="canvass",
    kind="planning",
)
_add(
    3,
    OFFICE,
    STAFF,
    "For the third day in a row a woman has sat in a car across from the office from opening to closing, writing in a notebook and photographing staff as they come and go. She drives off when approached.",
    "Surveillance of staff over days.",
    kind="approach_no_words",
)
_add(
    3,
    HOME,
    CLERK,
    "The clerk reports a man she recognised from board meetings was standing on the sidewalk outside her house yesterday evening, looking at the windows. He left when her husband opened the door. He said nothing.",
    "Approach at home with no words, after the fact.",
    types="stalking",
    kind="approach_no_words",
)
_add(
    3,
    TXT,
    CLERK,
    "I'll be waiting for you in the parking garage one of these nights, Dana. You won't see me coming.",
    "Direct threat to a named person with a place, no time.",
    kind="direct_threat",
)
_add(
    3,
    EMAIL,
    SOS,
    "Marchetti, I've bought a rifle and I've been practicing. I'm not going to say more. You know what it's for.",
    "Claims weapon possession and preparation; direct implied intent to a named official.",
    kind="weapon_possession",
)
_add(
    3,
    VM,
    CLERK,
    "You think your husband can protect you? Tom works nights at the plant, doesn't he? You're all alone at 22 Cedar. All alone.",
    "Veiled threat with home address and family routine knowledge.",
    protected="worker:address family:name",
    kind="home_knowledge",
)
_add(
    3,
    POST,
    STAFF,
    "Here's where the Harmon County counters park, plate numbers included [photos]. You know what to do. #StopTheSteal",
    "Doxxing with surveillance photos and a call to action.",
    types="doxxing",
    kind="doxxing_with_call",
)
_add(
    3,
    MAIL,
    CLERK,
    "Letter to the clerk at her home (not the office): 'I will kill you and your family. We know where you live.' No powder.",
    "Direct threat delivered to the home, family included.",
    kind="home_knowledge",
)
_add(
    3,
    DM,
    POLL,
    "gonna rape you and your daughter, you dem whore. see you at the precinct",
    "Threat of sexual violence including a child.",
    kind="sexual_threat",
)
_add(
    3,
    VM,
    CLERK,
    "I will slit your throat, Whitcomb. I will do it myself.",
    "Direct threat to kill a named person.",
    kind="direct_threat",
)
_add(
    3,
    OFFICE,
    STAFF,
    "Staff note: a man came to the counter and asked which car belonged to the director, what time she takes lunch and whether she walks to the bank. When the receptionist asked why, he smiled and left. Caught on the lobby camera.",
    "Probing questions about a named official's routine.",
    kind="approach_no_words",
)
_add(
    3,
    PKG,
    FAC,
    "A small package addressed to the board chair arrived with wires visible through a tear, no return address and leaking oily stains. Not opened; area evacuated and police called; bomb squad took it.",
    "Suspicious package, not opened, no exposure.",
    types="suspicious_mail",
    kind="suspicious_mail_no_exposure",
)
_add(
    3,
    FORM,
    STAFF,
    "Website contact form: 'I am going to shoot up your office. I know the layout. I've been inside.' No time given.",
    "Direct threat of violence to the office with claimed reconnaissance.",
    kind="direct_threat",
)
_add(
    3,
    ONLINE,
    CLERK,
    "A neighbour forwarded a private Facebook group post by a local man: 'Went by the clerk's house on Alder again. Lights out at 10. Easy. Working on the rest.'",
    "Leakage of surveillance and planning against a named worker's home.",
    protected="worker:address",
    kind="planning",
)
_add(
    3,
    VM,
    STAFF,
    "This is for Gene Halvorsen. Gene, you live at 77 Orchard Lane. I drive past your house every morning. Every morning, Gene.",
    "Home knowledge plus claimed surveillance; no explicit threat word.",
    protected="worker:address",
    kind="home_knowledge",
)
_add(
    3,
    EMAIL,
    FAC,
    "We have placed pipe bombs in three polling locations in Harmon County. They will detonate when the traitors least expect it. — The Patriot Front of Justice (sent from an overseas mail domain to all county offices)",
    "Emailed bomb threat to several sites, no time stated.",
    types="bomb_threat",
    kind="bomb_threat",
)
_add(
    3,
    MAIL,
    CLERK,
    "Envelope opened by the mail clerk, who stopped when she saw a white powder inside; it did not spill, she did not touch it, she set it down and washed her hands. Note: 'YOU ARE NEXT'. Room sealed, police called. No symptoms.",
    "Powder letter with threat, contained; no exposure reported.",
    types="suspicious_mail",
    kind="suspicious_mail_no_exposure",
)
_add(
    3,
    TXT,
    BOARD,
    "Raman we know your son plays soccer at Riverside Park on Saturdays. Vote no or he doesn't come home.",
    "Conditional threat against a named child with routine knowledge.",
    kind="family_threat",
)
_add(
    3,
    CALL,
    STAFF,
    "Caller said he had a list of every election worker's home address and would 'start with the director'. Asked if she still lives on Maple. Refused name.",
    "Claimed research and intent to target a named official at home.",
    kind="planning",
)
_add(
    3,
    POST,
    CLERK,
    "The clerk drops her kid at Lincoln Middle at 7:40 every day, white Subaru. Someone should be there to greet her. 😉",
    "Doxxing of routine and child's school with a call to action.",
    types="doxxing",
    kind="doxxing_with_call",
)
_add(
    3,
    HOME,
    POLL,
    "Poll worker reports the same truck followed her from the polling place to her driveway on Tuesday night and parked across the street for 20 minutes before leaving. She got the plate.",
    "Following to home (approach), after the fact.",
    phase="election_day",
    kind="approach_no_words",
)
_add(
    3,
    VM,
    SOS,
    "I'm going to kill the Secretary of State. I'm going to find her and kill her. I mean it.",
    "Direct threat to kill a named official by title.",
    kind="direct_threat",
)
_add(
    3,
    EMAIL,
    CLERK,
    "Dana, the next election you run will be your last. I'll make sure of it personally. I have the means.",
    "Direct threat with claimed means, no time.",
    kind="direct_threat",
)
_add(
    3,
    E911,
    STAFF,
    "Deputy clerk Lena Brightwater was swatted: dispatch received a call claiming she was holding her children hostage with a gun; SWAT surrounded the house at 2am. No one hurt.",
    "Swatting.",
    types="swatting",
    kind="swatting",
)
_add(
    3,
    SITE,
    POLL,
    "Election judge at Westside Library reports a man who had argued with her earlier in the day returned at closing and waited by her car in the lot, then drove away when another worker came out. He said nothing.",
    "Approach to a worker's car, no words, after the event.",
    phase="election_day",
    kind="approach_no_words",
)
_add(
    3,
    DM,
    STAFF,
    "I'm going to stab you Marisol. You and every one of those fraud counters. Watch your back.",
    "Direct threat to a named worker.",
    kind="direct_threat",
)
_add(
    3,
    VM,
    CLERK,
    "Your daughter Kaylee is a pretty girl. Be a shame if she got hurt walking home from Riverside High.",
    "Veiled threat naming a child and school.",
    protected="family:name",
    kind="family_threat",
)
_add(
    3,
    CALL,
    STAFF,
    "A caller who said he was 'doing a story' asked for the home addresses of the canvass board members and what time they leave the building. When refused he said 'I'll find out myself'. Number traced to the same sender who posted gallows images last month.",
    "Pretext research on home addresses and routines, sender history of veiled threats.",
    history=(2,),
    phase="canvass",
    kind="planning",
)
_add(
    3,
    MAIL,
    FAC,
    "Letter to the elections warehouse: 'There is a bomb in your building. It will go off when you start counting.' No powder.",
    "Bomb threat tied to counting, no clock time.",
    types="bomb_threat",
    phase="canvass",
    kind="bomb_threat",
)
_add(
    3,
    POST,
    BOARD,
    "Board member Ostrowski lives at 55 Ridge Road. Windows are single pane. Just saying. Somebody with a brick and a bottle could make a statement.",
    "Doxxing plus call for arson at home.",
    protected="worker:address",
    kind="doxxing_with_call",
)
_add(
    3,
    TXT,
    CLERK,
    "i saw u at the grocery store on main st yesterday. u had the red coat. next time i'll say hi. up close.",
    "Claimed surveillance of a named worker in private life with implied approach.",
    kind="approach_no_words",
)
_add(
    3,
    EMAIL,
    STAFF,
    "Marisol Ortega-Reyes: I will burn your house down with you in it.",
    "Direct threat to a named worker.",
    kind="direct_threat",
)
_add(
    3,
    OFFICE,
    STAFF,
    "Staff found a man in the staff-only hallway behind the counter trying door handles; he said he was 'looking for the bathroom' and left when challenged. Third time this month someone has tested that door.",
    "Probing and breaching: testing access.",
    kind="approach_no_words",
)
_add(
    3,
    VM,
    POLL,
    "This is for Gene. Gene, I was in the parking lot Tuesday. Watched you load the ballots. Silver Camry, right? I'll see you again.",
    "Claimed surveillance of a named worker and his car with implied return.",
    phase="election_day",
    kind="approach_no_words",
)
_add(
    3,
    DM,
    CLERK,
    "we found your mom's place in Fairview. 12 Linden. tell her hi from the patriots",
    "Family home knowledge with menace.",
    protected="family:address",
    kind="family_threat",
)
_add(
    3,
    EMAIL,
    BOARD,
    "Raman, Kessler, Ostrowski: you will hang. I'll build the gallows myself. I already have the lumber.",
    "Direct threat to named members with claimed preparation.",
    kind="planning",
)
_add(
    3,
    MAIL,
    FAC,
    "Envelope received with a return address of the office itself, excessive postage, 'PERSONAL - OPEN ONLY BY CLERK' in block capitals and a rigid, lopsided lump. Not opened; police notified.",
    "Several suspicious mail markers, unopened.",
    kind="suspicious_mail_no_exposure",
)
_add(
    3,
    VM,
    CLERK,
    "Last week I called you a liar. Yesterday I said you'd pay. Today I'm telling you, Dana: I'm going to hurt you.",
    "Escalation to a direct threat, history of levels 1 and 2.",
    history=(1, 2),
    kind="escalation",
)
_add(
    3,
    POST,
    POLL,
    "Ellen Park, precinct 7 judge. Home: 9 Willow Way. Phone: 555-0156. She threw out our ballots. Do what you want with that info 🔫",
    "Doxxing with a gun emoji as call to violence.",
    types="doxxing",
    protected="worker:address worker:phone",
    kind="doxxing_with_call",
)
_add(
    3,
    E911,
    FAC,
    "Dispatch sent officers to the county elections office after an anonymous caller reported an active shooter inside. There was none; the building was evacuated for an hour during the canvass.",
    "Swatting against the office.",
    types="swatting",
    phase="canvass",
    kind="swatting",
)
_add(
    3,
    CALL,
    STAFF,
    "Caller asked whether the clerk's office has metal detectors, whether the count is open to the public and how close the public can get to the clerk's desk. Said 'just curious' when asked why.",
    "Questions about security and proximity to a named official: planning indicators.",
    phase="canvass",
    kind="planning",
)
_add(
    3,
    TXT,
    STAFF,
    "Lena, I'm going to find you after work and break both your legs.",
    "Direct threat to a named worker, no time.",
    kind="direct_threat",
)
_add(
    3,
    HOME,
    FAMILY,
    "The clerk's teenage son was approached at the bus stop by an adult man who asked if his mother 'was the one who stole the election' and said 'tell her we're watching'.",
    "Approach to a family member, veiled message.",
    kind="family_threat",
)
_add(
    3,
    PKG,
    FAC,
    "Box left outside the drop-off door overnight, taped shut, ticking sound reported by the custodian. Nobody touched it; police and bomb squad called; turned out to be a kitchen timer.",
    "Suspicious package, no exposure; after the fact it was a hoax device.",
    kind="suspicious_mail_no_exposure",
)
_add(
    3,
    EMAIL,
    CLERK,
    "I've been watching you for weeks, Dana. You leave at 5:15, you stop at the gas station on Main, you go home. I know everything. You'll find out why.",
    "Surveillance of routine with veiled intent.",
    kind="home_knowledge",
)
_add(
    3,
    VM,
    BOARD,
    "I will shoot you, Priya Raman. I will shoot you dead.",
    "Direct threat to kill a named board member.",
    kind="direct_threat",
)
_add(
    3,
    SITE,
    POLL,
    "A voter told the poll worker he'd 'be waiting for her' after the polls closed, then was seen photographing her car's plate in the lot before leaving. Reported the next day.",
    "Veiled threat plus surveillance of her car.",
    phase="election_day",
    kind="approach_no_words",
)
_add(
    3,
    POST,
    SOS,
    "I'm going to be the one who kills Marchetti. Write it down.",
    "Direct threat to kill a named official.",
    kind="direct_threat",
)
_add(
    3,
    MAIL,
    CLERK,
    "Letter containing a photograph of the clerk's house taken from the street, with a crosshair drawn on the front door. No words.",
    "Home surveillance and threat by image, no words.",
    kind="home_knowledge",
)
_add(
    3,
    DM,
    VOL,
    "i know ur the volunteer with the blue car. i followed u home last night. next time i come in",
    "Claimed following to home with implied entry.",
    kind="approach_no_words",
)
_add(
    3,
    CALL,
    CLERK,
    "Caller asked for the clerk by name, then asked whether her children still go to St. Mary's and whether she still lives 'by the lake'. Hung up when asked who he was.",
    "Research on family and home, no threat words.",
    kind="home_knowledge",
)
_add(
    3,
    EMAIL,
    FAC,
    "Bomb threat email received by the county elections office and 11 other counties in the state, same wording, foreign mail domain: 'bombs placed in your polling stations'. No time.",
    "Multi-site emailed bomb hoax, no time.",
    types="bomb_threat",
    phase="early_voting",
    kind="bomb_threat",
)
_add(
    3,
    VM,
    STAFF,
    "This is for whoever runs the count. I'm going to kill you. Not a joke. Kill you.",
    "Direct threat to kill the person in charge of the count (identifiable person).",
    phase="canvass",
    kind="direct_threat",
)
_add(
    3,
    OFFICE,
    STAFF,
    "Observer left the canvass, then waited two hours in the parking lot beside the director's car until she came out; he walked towards her and she went back inside. Police came; he had left.",
    "Approach and waiting for a named official, after the fact.",
    phase="canvass",
    kind="approach_no_words",
)
# Level 4: imminent: on site and threatening, weapon seen, time and place within hours, exposure, attack under way.
_add(
    4,
    SITE,
    POLL,
    "A man with a handgun on his hip is standing at the entrance of the Westside Library polling place shouting that he will 'take out' anyone who hands out ballots. Voters are leaving. He is still there.",
    "Armed man on site threatening now.",
    phase="election_day",
    kind="on_site_now",
)
_add(
    4,
    MAIL,
    STAFF,
    "Mail clerk opened an envelope and white powder spilled on her hands and the desk. She now has a headache and a tingling face. Five people were in the room.",
    "Exposure to an unknown substance with symptoms.",
    types="suspicious_mail",
    kind="exposure",
)
_add(
    4,
    VM,
    CLERK,
    "I'll be at the county building at 3 o'clock today. I'm bringing my AR. Dana Whitcomb won't see 4 o'clock.",
    "Specific time and place within hours, weapon, named target.",
    kind="time_within_hours",
)
_add(
    4,
    OFFICE,
    STAFF,
    "A man has just come over the counter and is pushing the deputy clerk against the wall. Staff have locked themselves in the back office.",
    "Attack in progress.",
    types="physical_assault",
    kind="attack_under_way",
)
_add(
    4,
    HOME,
    CLERK,
    "The clerk is calling from her bedroom: a man is in her driveway right now pounding on the car and yelling that she stole the election. He will not leave.",
    "Person at the worker's home now, acting threateningly.",
    kind="on_site_now",
)
_add(
    4,
    EMAIL,
    FAC,
    "Subject: TODAY\n\nA bomb will go off in the Harmon County elections office at 2:00 PM today. Evacuate or die.",
    "Bomb threat with a time within hours.",
    types="bomb_threat",
    kind="time_within_hours",
)
_add(
    4,
    COUNT,
    STAFF,
    "At the count center a man in the observer area pulled his jacket back to show a pistol and told the counters 'keep counting and see what happens'. He's still in the room.",
    "Weapon displayed on site with a threat.",
    phase="canvass",
    kind="weapon_seen",
)
_add(
    4,
    OTHER,
    FAC,
    "Someone just set the drop box on 5th Street on fire. Flames are coming out of the slot now. A man in a hoodie ran toward the park.",
    "Attack under way (arson).",
    types="property_damage",
    kind="attack_under_way",
)
_add(
    4,
    TXT,
    POLL,
    "im outside ur precinct right now. i can see u through the window. coming in",
    "Sender on site now with announced approach.",
    phase="election_day",
    kind="on_site_now",
)
_add(
    4,
    MAIL,
    FAC,
    "Ballot processing: a worker opened a return envelope and a fine powder puffed into her face. She's coughing and dizzy. Two others at the table touched it.",
    "Exposure to a substance with symptoms.",
    types="suspicious_mail",
    phase="canvass",
    kind="exposure",
)
_add(
    4,
    CALL,
    STAFF,
    "Caller: 'I'm in the parking lot. I've got a gun. Send the clerk out or I'm coming in.'",
    "On site now, weapon claimed, demand.",
    kind="on_site_now",
)
_add(
    4,
    SITE,
    POLL,
    "Two men are blocking the door of the Eastside Rec polling place, one holding a rifle, telling voters and workers they can't enter. Happening now.",
    "Armed intimidation on site now.",
    types="in_person_intimidation",
    phase="election_day",
    kind="weapon_seen",
)
_add(
    4,
    POST,
    CLERK,
    "Tonight at 8 we're going to the clerk's house at 418 Alder Court. Bring guns. She doesn't get to see the morning.",
    "Time within hours, home address, armed call.",
    protected="worker:address",
    kind="time_within_hours",
)
_add(
    4,
    OFFICE,
    STAFF,
    "A man walked into the lobby with a knife in his hand and is demanding to see the director. Receptionist hit the panic button. He is in the lobby now.",
    "Weapon seen on site now.",
    kind="weapon_seen",
)
_add(
    4,
    HOME,
    POLL,
    "Poll worker texted her supervisor: the man who followed her last week is parked outside her house right now with the engine running, and he just got out and walked to her door.",
    "Approach at home now, with a history.",
    history=(3,),
    kind="on_site_now",
)
_add(
    4,
    VM,
    STAFF,
    "I'll be at the canvass at noon. Today. I'll have what I need to end this. Tell Marisol.",
    "Time within hours at a named place, implied weapon, named target.",
    phase="canvass",
    kind="time_within_hours",
)
_add(
    4,
    COUNT,
    STAFF,
    "Counter reports she touched a sticky residue on a ballot envelope 20 minutes ago and now her hands are numb and her heart is racing.",
    "Exposure with symptoms.",
    types="suspicious_mail",
    phase="canvass",
    kind="exposure",
)
_add(
    4,
    SITE,
    POLL,
    "A voter just punched the election judge in the face at table 2 after being told he was at the wrong precinct. He's still in the gym shouting.",
    "Assault under way; attacker on site.",
    types="physical_assault",
    phase="election_day",
    kind="attack_under_way",
)
_add(
    4,
    DM,
    CLERK,
    "Leaving my house now. 20 minutes to your office. Loaded. You had your chance.",
    "Travelling to the office now, armed, within the hour.",
    kind="time_within_hours",
)
_add(
    4,
    OFFICE,
    FAC,
    "Somebody just threw a bottle with a burning rag at the front window of the elections office. Window cracked, fire on the sidewalk. Staff inside.",
    "Attack under way (firebomb).",
    types="property_damage",
    kind="attack_under_way",
)
_add(
    4,
    CALL,
    POLL,
    "Poll worker at St. Anne's calls: a man who said this morning he'd 'come back with friends' is back with three others, they're surrounding the check-in table yelling and one has a baseball bat.",
    "Group on site now, weapon, threatening.",
    phase="election_day",
    kind="weapon_seen",
)
_add(
    4,
    EMAIL,
    FAC,
    "Explosives have been placed at Lincoln School polling location. They will detonate at 11:30 this morning. This is your only warning.",
    "Bomb threat with a time within hours at a named site.",
    types="bomb_threat",
    phase="election_day",
    kind="time_within_hours",
)
_add(
    4,
    HOME,
    FAMILY,
    "The clerk's husband reports a stranger is in their back yard right now looking through the kitchen window where the kids are eating.",
    "Person at home now, family present.",
    kind="on_site_now",
)
_add(
    4,
    MAIL,
    FAC,
    "Deputy opened a letter addressed to the clerk; a brown powder came out onto her lap. She brushed it off with her hands before realising. No symptoms yet; five people in the room.",
    "Exposure (skin contact) even without symptoms.",
    types="suspicious_mail",
    kind="exposure",
)
_add(
    4,
    VM,
    CLERK,
    "It's 9am. By lunch you'll be dead. I'm already on my way, Dana.",
    "Time within hours, en route, named target.",
    kind="time_within_hours",
)
_add(
    4,
    SITE,
    POLL,
    "A man with a holstered gun has followed a poll worker from the curbside voting spot back into the building and is standing at her table staring at her, saying 'I know what you did.' He's refusing to leave.",
    "On site now, weapon seen, refusing to leave.",
    phase="election_day",
    kind="weapon_seen",
)
_add(
    4,
    TXT,
    CLERK,
    "look out your office window. white truck. i'm in it. coming up now",
    "On site now, announced approach.",
    kind="on_site_now",
)
_add(
    4,
    COUNT,
    FAC,
    "Crowd of about 40 people is pushing through the doors of the count center, some banging on the windows, chanting 'stop the count'; staff are barricading the counting room.",
    "Attack or breach under way.",
    phase="canvass",
    types="in_person_intimidation",
    kind="attack_under_way",
)
_add(
    4,
    POST,
    SOS,
    "Marchetti's speaking at the Capitol rotunda at 1pm today. I'll be there. First row. Armed. She won't finish the speech.",
    "Time and place within hours, weapon, named target.",
    kind="time_within_hours",
)
_add(
    4,
    OFFICE,
    STAFF,
    "Man in the lobby is shouting that he'll 'kill every one of you' and has picked up the metal stanchion post; staff have moved to the back and locked the door. He's still out there.",
    "On site now, threatening, improvised weapon.",
    kind="weapon_seen",
)
_add(
    4,
    OTHER,
    BOARD,
    "Board member Kessler calls from his car: he's being followed right now by a pickup that has tailgated him for 10 miles since he left the board meeting, flashing its lights.",
    "Being followed now.",
    kind="on_site_now",
)
_add(
    4,
    EMAIL,
    FAC,
    "To Harmon County: in one hour a device will detonate in the ballot warehouse on Industrial Drive. Clear it if you want your workers to live.",
    "Bomb threat with a time within hours.",
    types="bomb_threat",
    phase="canvass",
    kind="time_within_hours",
)
_add(
    4,
    MAIL,
    STAFF,
    "Worker opened a padded envelope; an unknown liquid soaked through onto her fingers and she smelled a chemical odour. Her eyes are burning.",
    "Exposure to a substance with symptoms.",
    types="suspicious_mail",
    kind="exposure",
)
_add(
    4,
    SITE,
    POLL,
    "A man just drove his truck onto the sidewalk in front of the polling place entrance and is revving the engine at people in line. Still there.",
    "Attack or vehicle intimidation under way.",
    phase="election_day",
    kind="attack_under_way",
)
_add(
    4,
    VM,
    POLL,
    "This is for the precinct 12 judge. I'm coming at closing time tonight, 7pm, with my shotgun. Don't be there.",
    "Time and place within hours with a weapon.",
    phase="election_day",
    kind="time_within_hours",
)
_add(
    4,
    OFFICE,
    CLERK,
    "The man who was trespassed from the office last month is back in the lobby now, asking for the clerk by name and refusing to leave. He has a bulge under his jacket and his hand is in his pocket.",
    "On site now with a prior trespass and possible weapon.",
    history=(3,),
    kind="on_site_now",
)
_add(
    4,
    TXT,
    STAFF,
    "Lena I'm in the stairwell of your building. Come out and talk to me or I'm coming up.",
    "On site now, named target, coercive approach.",
    kind="on_site_now",
)
_add(
    4,
    COUNT,
    STAFF,
    "An observer lunged across the table and grabbed a counter by the collar, shouting; other observers pulled him off; he is still in the room and says he'll do it again.",
    "Physical attack just happened, attacker present and threatening.",
    types="physical_assault",
    phase="canvass",
    kind="attack_under_way",
)
_add(
    4,
    CALL,
    CLERK,
    "Neighbour calls the clerk's office: a man is spray-painting 'TRAITOR' on the clerk's garage right now and has a can of gasoline with him.",
    "Attack on home under way with means for arson.",
    kind="attack_under_way",
)
_add(
    4,
    SITE,
    POLL,
    "Security reports a man in the parking lot of the early voting site, in tactical gear with a long gun across his chest, filming poll workers as they arrive. He's still there.",
    "Weapon seen on site now, surveillance.",
    phase="early_voting",
    kind="weapon_seen",
)
_add(
    4,
    DM,
    POLL,
    "see you at 4 when your shift ends ellen. i'll be by the back door where you smoke. bring a friend if you want, won't help",
    "Specific time and place within hours, named target.",
    phase="election_day",
    kind="time_within_hours",
)
_add(
    4,
    MAIL,
    FAC,
    "Three mailroom staff opened envelopes from the same batch; all three now report nausea and shortness of breath. A white residue is on the sorting table.",
    "Exposure with symptoms in several people.",
    types="suspicious_mail",
    kind="exposure",
)
_add(
    4,
    OFFICE,
    STAFF,
    "Receptionist reports a man just said to her 'I'm going to shoot this place up' and went back out to his car in the lot; she saw a gun case on the back seat. He's sitting in the car now.",
    "Threat on site, weapon seen, still present.",
    kind="weapon_seen",
)
_add(
    4,
    E911,
    CLERK,
    "Clerk reports police are outside her house right now with guns drawn responding to a call that she shot her husband; she is inside with her kids and scared to open the door.",
    "Swatting in progress, armed response at the home now.",
    types="swatting",
    kind="swatting_now",
)
_add(
    4,
    POST,
    POLL,
    "Going down to the Lincoln School polls in an hour with the boys. Bring the rifles. Time to stop the steal for real.",
    "Time and place within hours, weapons, group.",
    phase="election_day",
    kind="time_within_hours",
)
_add(
    4,
    VM,
    STAFF,
    "Marisol, I'm across the street from the count center. I've been watching you all morning. When you come out for lunch, it's happening.",
    "On site now, surveillance, within hours.",
    phase="canvass",
    kind="time_within_hours",
)
_add(
    4,
    SITE,
    POLL,
    "A man in line pulled out a knife and is waving it at the poll workers at the check-in table. Voters have run out.",
    "Weapon seen, attack under way.",
    phase="election_day",
    kind="weapon_seen",
)
_add(
    4,
    HOME,
    STAFF,
    "Deputy clerk calls: she just came home to find her front door kicked in and a note on the kitchen table reading 'NEXT TIME YOU'LL BE HOME'. She doesn't know if anyone is still inside.",
    "Break-in at home just happened, intruder may be present.",
    kind="attack_under_way",
)
_add(
    4,
    TXT,
    CLERK,
    "gas is in the trunk. your office. tonight after close. watch the news",
    "Arson threat with place and time within hours.",
    kind="time_within_hours",
)
_add(
    4,
    OFFICE,
    STAFF,
    "A woman came in and emptied a bag of white powder over the public counter, shouting 'anthrax for the traitors'. Two staff were dusted with it.",
    "Exposure to a substance, deliberate.",
    types="suspicious_mail",
    kind="exposure",
)
_add(
    4,
    COUNT,
    FAC,
    "Man seen on the roof of the building next to the count center with what looks like a rifle, pointing toward the loading dock where workers unload ballots. Now.",
    "Weapon seen, directed at workers, now.",
    phase="canvass",
    kind="weapon_seen",
)
_add(
    4,
    CALL,
    STAFF,
    "Caller: 'I'm watching the clerk right now through the front window. Blue sweater. I'm going to do it when she walks to her car.'",
    "Surveillance now with intent to act within the hour.",
    kind="on_site_now",
)
_add(
    4,
    SITE,
    POLL,
    "Someone just rammed a car into the tent at the outdoor drop-off site; a volunteer is hurt and the car is still there with the driver shouting.",
    "Attack under way with injury.",
    types="physical_assault",
    phase="early_voting",
    kind="attack_under_way",
)
_add(
    4,
    EMAIL,
    FAC,
    "Sent 10:02am: 'The polling place at First Baptist will be blown up at 10:30. Evacuate now.'",
    "Bomb threat with a time within half an hour.",
    types="bomb_threat",
    phase="election_day",
    kind="time_within_hours",
)
_add(
    4,
    HOME,
    POLL,
    "Volunteer calls: the man who's been messaging her is at her apartment door right now knocking and saying her name. She has not opened it.",
    "Approach at home now, prior fixation.",
    history=(2, 2, 3),
    kind="on_site_now",
)
_add(
    4,
    OFFICE,
    BOARD,
    "During the board meeting a man in the audience stood up, shouted 'you'll all hang tonight', and started toward the dais. Deputies are restraining him now.",
    "On site, acting threateningly with approach; in progress.",
    phase="certification",
    kind="on_site_now",
)
_add(
    4,
    MAIL,
    STAFF,
    "Opened letter released a powder onto the worker's face; she says her lips are numb. Nobody else touched it.",
    "Exposure with symptoms.",
    types="suspicious_mail",
    kind="exposure",
)
_add(
    4,
    VM,
    BOARD,
    "Raman. Tonight. Your house. 9pm. I'm done talking.",
    "Time within hours at the home of a named official.",
    kind="time_within_hours",
)
_add(
    4,
    SITE,
    POLL,
    "A voter just refused to leave after voting, is standing over the seated poll worker screaming inches from her face and has knocked the ballot box off the table. Still going.",
    "Person on site acting threateningly now.",
    types="in_person_intimidation",
    phase="election_day",
    kind="on_site_now",
)
_add(
    4,
    CALL,
    STAFF,
    "Call from a man who says he is outside the office with a bomb in his backpack and will walk in at noon (it is 11:40).",
    "On site now, claimed explosive, 20 minutes.",
    kind="time_within_hours",
)


# Added after the first 312 and written beside the patterns that read them, so they sit in both
# halves but say nothing honest about unseen phrasing: a weapon turned on someone, threats texted,
# said on the way or told in the third person, plain hoaxes, published numbers, and the lawful
# speech those readings must leave alone. Kept at the end so the earlier items keep their halves.
_add(
    4,
    SITE,
    POLL,
    "Man in line pulled a gun on the poll worker at table 2 when she asked for his ID. He left on foot, police called.",
    "A weapon shown in person: attack.",
    phase="election_day",
    kind="weapon_seen",
)
_add(
    0,
    SITE,
    POLL,
    "An observer kept pointing his phone camera at the poll workers all afternoon. They asked him to step back behind the line and he did.",
    "Lawful observing; a camera is no weapon.",
    phase="election_day",
    kind="lawful_observation",
)
_add(
    3,
    TXT,
    POLL,
    "ur gonna die for what u did at the count",
    "Direct death threat to the worker, texted spelling.",
    phase="canvass",
    kind="direct_threat",
)
_add(
    0,
    EMAIL,
    CLERK,
    "You're dead wrong about the audit and I will say so at the board meeting tonight.",
    "Criticism and a lawful visit to a public meeting.",
    kind="angry_criticism",
)
_add(
    3,
    VM,
    CLERK,
    "I'm coming to kill you, traitor.",
    "Direct threat to a named official.",
    phase="certification",
    kind="direct_threat",
)
_add(
    0,
    POST,
    CLERK,
    "We will beat her at the polls in November. Register, volunteer, vote.",
    "Political speech; no threat.",
    kind="angry_criticism",
)
_add(
    3,
    CALL,
    STAFF,
    "Caller told the front desk that the clerk will be shot if she signs the certification.",
    "Threat to a named official, reported in the third person.",
    phase="certification",
    kind="conditional",
)
_add(1, DM, CLERK, "I hope you die, you lying crook.", "A curse and an insult: abuse.", kind="ill_wish")
_add(
    3,
    CALL,
    CLERK,
    "Man on the phone said he will call the cops and tell them the clerk has hostages at her house.",
    "A promise of swatting.",
    kind="swatting",
)
_add(
    0,
    POST,
    CLERK,
    "I'll be at the certification meeting tonight to object. See you tonight at the canvass meeting, everyone!",
    "Announces attendance at a public meeting.",
    phase="canvass",
    kind="complaint",
)
_add(
    2,
    POST,
    CLERK,
    "Her cell is 602-555-0199. Call her day and night until she answers for this.",
    "Doxxing with a call to pile on.",
    kind="doxxing",
)
_add(
    0,
    EMAIL,
    CLERK,
    "lol the clerk's office needs a new website, this one is killing me",
    "Hyperbole about a website; no insult.",
    kind="hyperbole",
)
_add(4, TXT, CLERK, "I will kill you in 2 hours.", "Direct threat within hours.", kind="time_within_hours")
_add(
    0,
    EMAIL,
    CLERK,
    "I would never hurt anyone, but I will keep filing records requests until you answer.",
    "Lawful persistence, an explicit disavowal of violence.",
    kind="complaint",
)
_add(
    3,
    CALL,
    CLERK,
    "Voicemail: the bomb goes off at the annex during the count.",
    "Bomb threat without a time within hours.",
    phase="canvass",
    kind="bomb_threat",
)
_add(
    0,
    EMAIL,
    STAFF,
    "I got a fake call from a robocaller about my ballot. Is my registration still active?",
    "A voter's question; no hoax against staff.",
    kind="benign",
)


def load() -> list[dict[str, Any]]:
    """The items, in a stable order, each a fresh dict."""
    return [
        {**item, "threat_types": list(item["threat_types"]), "protected_mentions": [list(p) for p in item["protected_mentions"]]}
        for item in ITEMS
    ]


def check(items: list[dict[str, Any]], codes: dict[str, set[str]]) -> list[str]:
    """Problems with the set: unknown codes, duplicate ids or texts, levels out of range."""
    problems = []
    seen_ids: set[str] = set()
    seen_texts: set[str] = set()
    for item in items:
        where = item["id"]
        if where in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(where)
        if item["text"] in seen_texts:
            problems.append(f"{where}: duplicate text")
        seen_texts.add(item["text"])
        if item["level"] not in range(5):
            problems.append(f"{where}: level {item['level']}")
        for field, values in (
            ("channel", [item["channel"]]),
            ("target_role", [item["target_role"]]),
            ("threat_types", item["threat_types"]),
            ("election_phase", [item["election_phase"]] if item["election_phase"] else []),
        ):
            problems += [f"{where}: unknown {field} {v!r}" for v in values if v not in codes[field]]
        for kind, found in item["protected_mentions"]:
            if kind not in ("worker", "family") or found not in ("name", "phone", "email", "address", "handle"):
                problems.append(f"{where}: odd protected mention {kind}:{found}")
        if any(level not in range(5) for level in item["sender_history"]):
            problems.append(f"{where}: sender_history {item['sender_history']}")
    return problems


def main(argv: list[str]) -> int:
    import json

    items = load()
    if "--jsonl" in argv:
        for item in items:
            print(json.dumps(item, ensure_ascii=False))
        return 0
    levels = Counter(item["level"] for item in items)
    channels = Counter(item["channel"] for item in items)
    kinds = Counter(item.get("kind", "") for item in items)
    print(f"{len(items)} items")
    print("by level:   " + ", ".join(f"{lv}: {levels[lv]}" for lv in range(5)))
    print("by channel: " + ", ".join(f"{c}: {n}" for c, n in channels.most_common()))
    print("by kind:    " + ", ".join(f"{k or '-'}: {n}" for k, n in kinds.most_common()))
    print(
        f"with threat_types: {sum(1 for i in items if i['threat_types'])}, with protected_mentions: "
        f"{sum(1 for i in items if i['protected_mentions'])}, with sender_history: {sum(1 for i in items if i['sender_history'])}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
