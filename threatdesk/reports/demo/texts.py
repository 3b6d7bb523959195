"""The words of the synthetic reports: kinds of incident, message and narrative templates, fill-ins.

Every template was written for this project in the style of what election offices describe
receiving (hostile, veiled, conditional, hyperbolic, doxxing, suspicious mail, harassment); none
quotes a real message. Every person's name is invented, every phone number is in the fictional
555-01xx range, and every email address is at example.org or example.com. Slurs and graphic
sexual content are shown as bracketed placeholders, as an office would log them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from threatdesk.reports.taxonomy import Channel, ElectionPhase, TargetRole, ThreatType

C, P, R, T = Channel, ElectionPhase, TargetRole, ThreatType  # short names keep the tables below readable
Weighted = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Kind:
    """One kind of incident: its threat types, likely channels and targets, and its words.

    `narratives_by_channel` overrides `narratives` for channels whose story differs (a powder
    letter and a suspicious parcel are told differently). `phases`, when set, limits the kind to
    those election phases (nobody demands a halt to certification in the spring).
    """

    code: str
    threat_types: tuple[str, ...]
    channels: Weighted
    roles: Weighted
    messages: tuple[str, ...]
    narratives: tuple[str, ...]
    weight: float
    phases: frozenset[str] | None = None
    narratives_by_channel: dict[str, tuple[str, ...]] = field(default_factory=dict)


AFTER_VOTING = frozenset({P.CANVASS, P.CERTIFICATION, P.RECOUNT_AUDIT, P.POST_CERTIFICATION, P.UNKNOWN})
VOTING = frozenset({P.EARLY_VOTING, P.ELECTION_DAY})

OFFICIALS: Weighted = (
    (R.LOCAL_OFFICIAL, 5),
    (R.OFFICE_STAFF, 3),
    (R.BOARD_MEMBER, 2),
    (R.POLL_WORKER, 2),
    (R.CHIEF_STATE_OFFICIAL, 0.4),
    (R.STATE_OFFICE_STAFF, 0.6),
    (R.CONTRACTOR, 0.3),
)
REMOTE: Weighted = (
    (C.VOICEMAIL, 5),
    (C.PHONE_CALL, 3),
    (C.EMAIL, 5),
    (C.TEXT_MESSAGE, 1.5),
    (C.SOCIAL_DM, 2),
    (C.SOCIAL_POST, 2),
    (C.WEB_FORM, 1),
    (C.POSTAL_MAIL, 1.5),
)

KINDS: tuple[Kind, ...] = (
    Kind(
        "direct_threat",
        (T.THREAT_VIOLENCE,),
        REMOTE,
        OFFICIALS,
        messages=(
            "You stole this election, {first}, and everybody knows it. You are going to hang for treason. Count on it.",
            "This message is for the {role_word}. You rigged those machines. You will not live to see Christmas.",
            "I know what you did in {county_short}. Somebody is going to put you in the ground and I hope it's me.",
            "Every one of you in that office is dead. Dead. You hear me? You are done.",
            "I'll be waiting in the parking lot after your shift and I'm going to beat the truth out of you.",
            "Keep lying about the count and see what happens. I have plenty of ammo and nothing left to lose.",
            "Traitors get the rope. You first, {first}.",
            "We are going to burn that office to the ground with all of you inside it.",
        ),
        narratives=(
            "The {sender_ref} accused the office of rigging the count and said the {role_word} would be killed.",
            "Direct threat to kill or hurt the {role_word}, who is named.",
            "Threat of violence against staff. The {role_word} was shaken and went home early.",
            "Explicit threat. The {role_word} does not recognise the {sender_ref}.",
        ),
        weight=13,
    ),
    Kind(
        "veiled_threat",
        (T.THREAT_VIOLENCE, T.HARASSMENT),
        REMOTE,
        OFFICIALS,
        messages=(
            "You'll get yours. Maybe not this week, but you'll get yours.",
            "Nice quiet street you live on, {first}. Be a shame if anything happened there.",
            "People are watching what goes on in {county_short}. Watch your back.",
            "Things happen to people who lie about elections. Just saying.",
            "Lots of accidents in parking garages this time of year. Drive safe, {first}.",
            "Tick tock, {first}. Your time is coming.",
            "I'd hate to be you when all this comes out. Really would.",
            "We know your face now. See you around.",
        ),
        narratives=(
            "Veiled threat toward the {role_word}. No act is named, but staff took it as a warning.",
            "Implied threat; the {role_word} asked that it be logged and reported.",
            "The wording stops short of a threat but reads as one. It names the {role_word}.",
        ),
        weight=12,
    ),
    Kind(
        "conditional_threat",
        (T.THREAT_VIOLENCE, T.POLITICAL_PRESSURE),
        REMOTE,
        OFFICIALS,
        messages=(
            "If you certify these fraudulent results we will come to {county_short} and deal with you ourselves.",
            "Stop the count or there will be consequences you can't imagine. This is your last warning.",
            "Hand count every ballot or we will be at your house. That is a promise, not a threat.",
            "Certify and you hang. Refuse and you live. Your choice, {first}.",
            "If your name is on that canvass you'll be the first one dragged into the street.",
            "Do the right thing on {day} or we will do it for you.",
        ),
        narratives=(
            "Conditional threat: violence if the board goes ahead with certification.",
            "The {sender_ref} demands that the count stop and threatens the {role_word} if it does not.",
            "Threat tied to a demand about the results; the {role_word} is named.",
        ),
        weight=9,
        phases=AFTER_VOTING,
    ),
    Kind(
        "certification_pressure",
        (T.POLITICAL_PRESSURE, T.HARASSMENT),
        ((C.EMAIL, 5), (C.PHONE_CALL, 2), (C.VOICEMAIL, 2), (C.IN_PERSON_OFFICE, 1), (C.POSTAL_MAIL, 1)),
        ((R.BOARD_MEMBER, 5), (R.LOCAL_OFFICIAL, 3), (R.CHIEF_STATE_OFFICIAL, 0.5)),
        messages=(
            "Do not certify. Thousands of us are watching and we will hold each of you personally accountable.",
            "You have a duty to refuse certification. If you sign, your name goes on the list of traitors.",
            "We have filed complaints against every one of you. Resign before you certify this fraud.",
            "The whole county knows the machines were rigged. Vote no or never show your face in this town again.",
        ),
        narratives=(
            "Pressure on the board not to certify; names the {role_word} and demands a no vote.",
            "One of a stream of messages demanding that the board refuse to certify.",
        ),
        weight=6,
        phases=AFTER_VOTING,
    ),
    Kind(
        "abuse",
        (T.HARASSMENT,),
        (*REMOTE, (C.WEB_FORM, 1)),
        OFFICIALS,
        messages=(
            "You are a lying piece of garbage and a disgrace to this country. Resign.",
            "How do you sleep at night? Everyone in town knows what you are.",
            "Answer your phone, coward. That is the twelfth time I have called today.",
            "Traitors like you should be tried and shot. Lock every one of you up.",
            "Hey fraudster. We see your little machines. We see all of it.",
            "You people are criminals. Firing squad for the lot of you.",
            "I am going to call every single day until you admit what you did.",
            "Nobody believes a word you say. Quit before you embarrass yourself more.",
            "F*** you and your rigged election.",
            "You should be ashamed of yourself. Your parents should be ashamed of you.",
        ),
        narratives=(
            "Abusive message calling the {role_word} a traitor and a criminal.",
            "Insults and accusations of fraud; no explicit threat.",
            "One of many hostile messages this week; this one names the {role_word}.",
            "Hostile and insulting. Staff asked that it be logged in case it escalates.",
        ),
        weight=20,
    ),
    Kind(
        "family_threat",
        (T.THREAT_FAMILY, T.THREAT_VIOLENCE),
        ((C.VOICEMAIL, 4), (C.EMAIL, 2), (C.TEXT_MESSAGE, 2), (C.SOCIAL_DM, 2), (C.POSTAL_MAIL, 1)),
        ((R.LOCAL_OFFICIAL, 4), (R.POLL_WORKER, 2), (R.FAMILY_MEMBER, 2), (R.OFFICE_STAFF, 1)),
        messages=(
            "We know where your kids go to school, {first}. {kid} has your eyes.",
            "Your {partner} leaves for work at 6:40. Think about that before {day}.",
            "You have a nice family. Think about them before you certify anything.",
            "Tell {kid} to be careful walking home from {school}.",
            "Your {partner} won't be safe either. We know the house.",
        ),
        narratives=(
            "Threat that brings in the {role_word}'s family. Family told, and police asked to check on the home.",
            "The {sender_ref} knows personal details about the {role_word}'s family.",
        ),
        weight=6,
    ),
    Kind(
        "sexual_threat",
        (T.THREAT_SEXUAL, T.HARASSMENT),
        ((C.VOICEMAIL, 3), (C.SOCIAL_DM, 3), (C.EMAIL, 2), (C.TEXT_MESSAGE, 1)),
        ((R.LOCAL_OFFICIAL, 3), (R.OFFICE_STAFF, 2), (R.POLL_WORKER, 2)),
        messages=("[Graphic sexual threat against the {role_word}; full text kept in the saved original.]",),
        narratives=(
            "The {sender_ref} made a graphic sexual threat against the {role_word}. The words are kept in the "
            "original and not repeated here.",
        ),
        weight=2,
    ),
    Kind(
        "identity_abuse",
        (T.IDENTITY_ABUSE, T.HARASSMENT),
        REMOTE,
        OFFICIALS,
        messages=(
            "Go back where you came from, [slur]. You don't get to run our elections.",
            "A woman has no business running an election. Go home.",
            "Of course they hired a [slur] to count the ballots. This is why it's rigged.",
            "People like you shouldn't be allowed near a ballot, [slur].",
        ),
        narratives=(
            "Identity-based abuse directed at the {role_word}; slurs are redacted here and kept in the original.",
            "Abuse aimed at who the {role_word} is, along with claims of fraud.",
        ),
        weight=3,
    ),
    Kind(
        "doxxing",
        (T.DOXXING, T.INCITEMENT),
        ((C.SOCIAL_POST, 4), (C.THIRD_PARTY_ONLINE, 3)),
        ((R.LOCAL_OFFICIAL, 4), (R.OFFICE_STAFF, 2), (R.POLL_WORKER, 2), (R.BOARD_MEMBER, 2)),
        messages=(
            "This is the {role_word} who stole {county_short}: {worker}, {address}. Drives {car}. Pay {obj} a visit.",
            "Found the home address of the {county_short} {role_word}: {address}. Spread it far. Patriots know what to do.",
            "Here's everyone who worked the count in {county_short}, home addresses included. Make sure they hear from you.",
            "{worker}'s personal cell is {victim_phone}. Call and tell {obj} what you think. Don't stop.",
            "Posting {worker}'s address and where {pos} {partner} works. They made this personal, not us.",
        ),
        narratives=(
            "The post publishes the {role_word}'s home address and urges others to go there.",
            "Personal information of election staff posted publicly with a call to act. Takedown requested from the platform.",
        ),
        weight=5,
    ),
    Kind(
        "stalking",
        (T.STALKING,),
        ((C.AT_HOME, 4), (C.IN_PERSON_OFFICE, 1), (C.OTHER, 1)),
        ((R.LOCAL_OFFICIAL, 4), (R.POLL_WORKER, 2), (R.OFFICE_STAFF, 2)),
        messages=("", "", "We know where you live.", "Saw you at the grocery store, {first}. You looked nervous."),
        narratives=(
            "A neighbour saw {car} idling outside the {role_word}'s home for about an hour; the driver photographed the house.",
            "The same {car} was parked outside the office in the afternoon and outside the {role_word}'s home that evening.",
            "A man followed the {role_word} from the office to a gas station and filmed {obj} on his phone.",
            "A note was left under the windshield wiper of the {role_word}'s car in {pos} driveway.",
            "Someone walked up the {role_word}'s driveway after dark, photographed the front door and left.",
        ),
        weight=4,
    ),
    Kind(
        "in_person_intimidation",
        (T.IN_PERSON_INTIMIDATION,),
        ((C.IN_PERSON_OFFICE, 3), (C.IN_PERSON_VOTING_SITE, 3), (C.IN_PERSON_COUNT_SITE, 2)),
        ((R.POLL_WORKER, 4), (R.OFFICE_STAFF, 3), (R.LOCAL_OFFICIAL, 2), (R.FACILITY, 1)),
        messages=(
            "",
            "",
            "We're watching every one of you. We know your names.",
            "Count it right or we'll be back with a lot more people.",
            "I can stand anywhere I want. Go ahead, call the cops.",
            "Smile for the camera, fraudster. A million people are going to see your face.",
        ),
        narratives=(),
        weight=8,
        narratives_by_channel={
            C.IN_PERSON_OFFICE: (
                "A man who called himself an independent auditor filmed staff during the public logic and accuracy "
                "test, accused them of rigging the machines and would not stay behind the observer line.",
                "A visitor at the counter demanded to see ballots, pounded on the glass and said he would be back.",
                "Three people came to the front desk, filmed staff faces one by one and read out their names.",
            ),
            C.IN_PERSON_VOTING_SITE: (
                "A group of four stood near the entrance for most of the morning, filming voters and workers and "
                "asking voters how they voted.",
                "A man followed a poll worker to her car at the end of the shift, shouting that she was a criminal.",
                "A man with a holstered handgun stood beside the line for an hour, staring at the check-in table.",
            ),
            C.IN_PERSON_COUNT_SITE: (
                "An observer shouted at the {role_word}, moved within a few feet of the ballot tables and would not "
                "step back when asked. Deputies escorted him out.",
                "A crowd outside the counting center banged on the windows and chanted for the count to stop.",
                "An observer photographed workers' badges and said he would post their names.",
            ),
        },
    ),
    Kind(
        "suspicious_mail",
        (T.SUSPICIOUS_MAIL,),
        ((C.POSTAL_MAIL, 4), (C.PACKAGE, 1)),
        ((R.FACILITY, 3), (R.OFFICE_STAFF, 3), (R.LOCAL_OFFICIAL, 2)),
        messages=("", "", "STOP THE COUNT", "You were warned. Next time it won't be flour.", "This is what traitors get."),
        narratives=(),
        weight=3,
        narratives_by_channel={
            C.POSTAL_MAIL: (
                "Envelope addressed to the {role_word} by name, no return address and too much postage. When it was "
                "opened in the mail room a white powder spilled onto the tray. Staff stopped work, closed the room, "
                "washed their hands and called 911; hazmat cleared the room hours later.",
                "Envelope with oily stains and a lopsided bulge, postmarked from another state. Set aside unopened, "
                "room cleared and 911 called; postal inspectors notified.",
                "Letter held a small amount of white powder and a printed note. The fire department's field test was "
                "negative and a sample went to a lab.",
            ),
            C.PACKAGE: (
                "Package with a handwritten label misspelling the office name, heavy on one side, with a wire showing "
                "through a tear. Nobody opened it; the building was evacuated and police called.",
                "Box left at the back entrance with no label. The bomb squad x-rayed it; it held printed flyers.",
            ),
        },
    ),
    Kind(
        "bomb_threat",
        (T.BOMB_THREAT,),
        ((C.EMAIL, 3), (C.PHONE_CALL, 2)),
        ((R.FACILITY, 1),),
        messages=(
            "There are explosive devices in your building. They go off at 2 PM. Nobody will survive.",
            "A bomb has been placed at {site}. You have one hour.",
            "Evacuate or die. Devices are already in the building.",
        ),
        narratives=(
            "Police swept {site} and found nothing. Voting paused for about {minutes} minutes.",
            "Building cleared by police; no device found; the site reopened after {minutes} minutes.",
        ),
        weight=2,
        phases=VOTING | {P.CANVASS},
    ),
    Kind(
        "swatting",
        (T.SWATTING,),
        ((C.EMERGENCY_CALL, 1),),
        ((R.LOCAL_OFFICIAL, 3), (R.BOARD_MEMBER, 1), (R.CHIEF_STATE_OFFICIAL, 0.3)),
        messages=("",),
        narratives=(
            "Police were sent to the {role_word}'s home late at night after a caller falsely reported a shooting "
            "there. Officers found the family asleep; nobody was hurt.",
            "Armed officers went to the {role_word}'s home on a false report of a hostage situation. The address "
            "had been flagged with the sheriff's liaison beforehand, which helped officers calm things quickly.",
        ),
        weight=1.2,
    ),
    Kind(
        "property_damage",
        (T.PROPERTY_DAMAGE, T.THREAT_PROPERTY),
        ((C.OTHER, 2), (C.IN_PERSON_OFFICE, 1)),
        ((R.FACILITY, 1),),
        messages=("", "TRAITORS", "STOLEN ELECTION - WE KNOW WHO YOU ARE"),
        narratives=(
            "The ballot drop box outside the {street} library was set on fire overnight; some ballots were damaged "
            "and those voters are being contacted.",
            "The front window of the elections office was broken overnight and words spray-painted on the door.",
            "Tires of two staff cars were slashed in the office lot during the count.",
        ),
        weight=2,
    ),
    Kind(
        "impersonation",
        (T.IMPERSONATION, T.HARASSMENT),
        ((C.SOCIAL_POST, 3), (C.TEXT_MESSAGE, 1), (C.EMAIL, 1)),
        ((R.OFFICE_STAFF, 2), (R.POLL_WORKER, 2), (R.LOCAL_OFFICIAL, 2)),
        messages=(
            "VIDEO: {county_short} poll worker caught shredding ballots!! Share before they delete it",
            "BREAKING: {county_short} {role_word} {worker} admits on tape the count was rigged",
            "Official notice from the {county} elections office: your polling place has moved. Vote Wednesday.",
        ),
        narratives=(
            "A clip edited to look like a staff member destroying ballots is spreading; the original shows routine "
            "disposal of spoiled envelopes. The worker's face is visible.",
            "An account is sharing a fake recording that uses a cloned voice of the {role_word}.",
            "Messages pretending to come from the office give voters the wrong day and name the {role_word}.",
        ),
        weight=2,
    ),
    Kind(
        "incitement",
        (T.INCITEMENT, T.THREAT_VIOLENCE),
        ((C.SOCIAL_POST, 3), (C.THIRD_PARTY_ONLINE, 3)),
        ((R.LOCAL_OFFICIAL, 2), (R.FACILITY, 2), (R.OFFICE_STAFF, 1), (R.POLL_WORKER, 1)),
        messages=(
            "Somebody needs to go down to the {county_short} count center tonight and drag them out one by one.",
            "If the cops won't do anything, patriots will. Their names are public. You know what to do.",
            "Every election worker in {county_short} should be afraid to go home. Make them afraid.",
            "Bring your rifles to the certification meeting on {day}. Let them see us.",
        ),
        narratives=(
            "The post urges others to confront or hurt election staff; it had hundreds of shares when found.",
            "The thread calls on people to go to the counting center; several replies say they will be there.",
        ),
        weight=3,
    ),
    Kind(
        "fixation",
        (T.HARASSMENT, T.STALKING),
        ((C.EMAIL, 3), (C.POSTAL_MAIL, 1), (C.WEB_FORM, 1)),
        ((R.POLL_WORKER, 3), (R.VOLUNTEER, 2)),
        messages=(
            "Dear {first}, this is my fourteenth letter. You still owe me the truth about the machines. I saw you at "
            "{church} on Sunday and you looked tired. We should talk in person.",
            "{first}, I noticed you changed your hair. I'll be there {day} to watch you work. Don't worry, I'll be polite.",
            "I don't want to cause trouble. I only need you to admit what you saw. I know you drive home along {street}.",
        ),
        narratives=(
            "The same man has written to the {role_word} almost daily for three weeks, first politely, then "
            "insisting {subj} owes him the truth. No threat words, but he knows personal details.",
            "Persistent, fixated messages to the {role_word}; he now says he will come to watch {obj} work.",
        ),
        weight=2,
        phases=frozenset({P.PRE_ELECTION, P.EARLY_VOTING, P.ELECTION_DAY, P.UNKNOWN}),
    ),
)

# How each channel's narrative opens, and who "they" are in it.
INTROS: dict[str, tuple[str, ...]] = {
    C.VOICEMAIL: (
        "Voicemail left on the main office line overnight; audio saved.",
        "Voicemail on the {role_word}'s direct line, found the next morning. Audio saved and transcribed.",
    ),
    C.PHONE_CALL: (
        "Call to the front desk; staff wrote down the words as close to verbatim as they could.",
        "Caller reached the {role_word}'s direct line and hung up after a minute or so.",
    ),
    C.EMAIL: ("Email to the office's general inbox.", "Email sent to the {role_word}'s work address."),
    C.TEXT_MESSAGE: ("Text message to the {role_word}'s work phone.",),
    C.SOCIAL_POST: (
        "Public post on {platform} tagging the office account.",
        "Post on {platform}, reported to us by a member of the public.",
    ),
    C.SOCIAL_DM: ("Direct message on {platform} to the {role_word}'s personal account.",),
    C.POSTAL_MAIL: (
        "Letter in the morning mail addressed to the {role_word} by name.",
        "Handwritten postcard, no return address.",
    ),
    C.PACKAGE: ("Package delivered to the front counter.",),
    C.WEB_FORM: ("Sent through the contact form on the office website.",),
    C.IN_PERSON_OFFICE: ("At the elections office during business hours.",),
    C.IN_PERSON_VOTING_SITE: ("At a voting site during voting hours.",),
    C.IN_PERSON_COUNT_SITE: ("At the central counting center.",),
    C.AT_HOME: ("At the {role_word}'s home.",),
    C.THIRD_PARTY_ONLINE: (
        "Found on a public forum by staff and forwarded to the office.",
        "A colleague in another county forwarded a link to this thread.",
    ),
    C.EMERGENCY_CALL: ("Reported by the {role_word} the next morning.",),
    C.OTHER: ("Found by staff opening the office in the morning.",),
}
SENDER_REF: dict[str, str] = {
    C.VOICEMAIL: "caller",
    C.PHONE_CALL: "caller",
    C.SOCIAL_POST: "poster",
    C.THIRD_PARTY_ONLINE: "poster",
}
CLOSINGS = (
    "Supervisor notified.",
    "Reported to the sheriff's office the same day.",
    "Reported to local police; no case number yet.",
    "Sent to the FBI tip line.",
    "The staff member was offered time off and the employee assistance line.",
    "Not the first contact from this sender.",
    "We have no record of earlier contact from this sender.",
    "Building security briefed.",
    "Original saved; nothing deleted.",
)

ROLE_WORDS: dict[str, tuple[str, ...]] = {
    R.CHIEF_STATE_OFFICIAL: ("Secretary of State",),
    R.STATE_OFFICE_STAFF: ("state elections staffer",),
    R.LOCAL_OFFICIAL: ("county recorder", "elections director", "county clerk", "registrar of voters"),
    R.BOARD_MEMBER: ("board member", "canvass board member", "county supervisor"),
    R.OFFICE_STAFF: ("ballot processing clerk", "front-desk clerk", "elections technician"),
    R.POLL_WORKER: ("poll worker", "election judge", "precinct inspector"),
    R.VOLUNTEER: ("volunteer",),
    R.CONTRACTOR: ("equipment technician",),
    R.FAMILY_MEMBER: ("clerk", "elections director"),
    R.FACILITY: ("site lead", "warehouse manager"),
    R.OTHER: ("staff member",),
}

# Invented names: ordinary first names with surnames made up for this data set.
WORKER_FIRST = (
    ("Dana", "f"),
    ("Marisol", "f"),
    ("Beth", "f"),
    ("Keisha", "f"),
    ("Linda", "f"),
    ("Priya", "f"),
    ("Carol", "f"),
    ("Janelle", "f"),
    ("Teresa", "f"),
    ("Gail", "f"),
    ("Tom", "m"),
    ("Luis", "m"),
    ("Darnell", "m"),
    ("Greg", "m"),
    ("Raymond", "m"),
    ("Ken", "m"),
    ("Marcus", "m"),
    ("Jorge", "m"),
)
WORKER_LAST = (
    "Fallowmere",
    "Quillfeather",
    "Brindlecombe",
    "Dunmarrow",
    "Elderwick",
    "Kestrelby",
    "Larkmoor",
    "Mossbeck",
    "Nettlecombe",
    "Pemberwick",
    "Rookhallow",
    "Saltmire",
    "Thistlecrest",
    "Underbough",
    "Wrenhollow",
    "Yarrowmede",
)
SENDER_FIRST = ("Dale", "Rick", "Wade", "Cody", "Travis", "Brent", "Sharon", "Deb", "Rhonda", "Curt", "Lyle", "Vance")
SENDER_LAST = (
    "Coldmarsh",
    "Ironvale",
    "Blackfen",
    "Stormbridge",
    "Ravensmoor",
    "Flintwhistle",
    "Cragmoor",
    "Dusktoller",
    "Ashfurrow",
    "Gravelwick",
)
KIDS = ("Milo", "Ava", "Jonah", "Lucy", "Theo", "Nora", "Eli", "Hazel")
STREETS = (
    "Larkspur Lane",
    "Quillfeather Court",
    "Juniper Hollow Road",
    "Mossbeck Drive",
    "Saltmire Way",
    "Wrenhollow Circle",
    "Kestrel Ridge Trail",
    "Amberfield Avenue",
)
CARS = (
    "a silver pickup",
    "a dark blue sedan",
    "a white van with no markings",
    "a black SUV with tinted windows",
    "a red hatchback",
)
PLATFORMS = ("X", "Facebook", "Telegram", "Instagram", "TikTok", "Truth Social", "Gab", "Rumble", "Reddit", "YouTube")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "certification day", "canvass day")
HANDLE_WORDS = ("patriot", "ballot", "audit", "freedom", "eagle", "truth", "watchman", "liberty", "redpill", "minuteman")
DESCRIPTIONS = (
    "Male voice, calm, sounded middle-aged.",
    "Male voice, shouting, background noise like a car.",
    "Female voice, rapid speech.",
    "Caller ID blocked.",
    "Man in his 40s, about six feet, gray hoodie, filming on a phone.",
    "Older man, ball cap, drove off in a pickup.",
    "Unknown; no return address.",
)
