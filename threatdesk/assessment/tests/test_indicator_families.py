"""Each family of patterns fires on new phrasings of its kind, and stays quiet on lawful anger and hyperbole."""

from __future__ import annotations

import pytest

from threatdesk.assessment import Facts, assess

ROLE = "county_election_official"


def assessed(text: str, channel: str = "email") -> tuple[set[str], int]:
    """The indicators fired and the level, from one assessment of the text."""
    result = assess(Facts(text=text, channel=channel, target_role=ROLE))
    return set(result.indicator_codes), result.level


def codes_of(text: str, channel: str = "email") -> set[str]:
    return assessed(text, channel)[0]


def level_of(text: str, channel: str = "email") -> int:
    return assessed(text, channel)[1]


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to snap your neck like a twig.",
        "We will run you over in the parking garage.",
        "imma put a bullet through your skull",
        "I want to make you bleed for what you did.",
        "You're gonna end up in a body bag.",
        "We will hang every last traitor in that building.",
        "The caller said he would strangle the recorder.",
        "She threatened to torch the annex.",
        "he's going to shoot every one of you",
    ],
)
def test_threats_with_uncommon_verbs_are_direct_threats(text):
    assert "direct_threat" in codes_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "We are going to beat you in November.",
        "We will bury them at the ballot box, every last one.",
        "I'll shoot you an email tomorrow with the precinct list.",
        "I will take out an ad in the paper about the closures.",
        "I would never hurt you, I just want answers.",
        "I'm not going to hurt anyone, calm down.",
        "We're going to crush you in the primary.",
        "You won't see another term, we'll vote you out.",
    ],
)
def test_political_negated_and_everyday_phrasings_are_not_threats(text):
    codes, level = assessed(text)
    assert "direct_threat" not in codes
    assert level <= 1


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I'm coming to kill you.", 3),
        ("We're headed over to hurt you.", 3),
        ("Gonna kill you.", 3),
        ("Listen. Going to shoot you.", 3),
        ("I will... kill you", 3),
        ("I will - kill you", 3),
        ("I'm going to, kill you", 3),
        ("I'm coming to kill Marchetti.", 3),
        ("I'm coming to kill you right now.", 4),
        ("I am on my way to kill you.", 4),  # "on my way": now
    ],
)
def test_threats_said_on_the_way_without_a_subject_or_with_a_pause_are_direct_threats(text, level):
    codes, found = assessed(text, "phone_call")
    assert "direct_threat" in codes
    assert found == level


@pytest.mark.parametrize(
    "text",
    [
        "I'm coming to the board meeting to object to the canvass.",
        "I'm coming to kill time before the hearing starts.",
        "I'm coming to beat the rush at the polls.",
        "Gonna beat you in November.",
        "Going to shoot you an email with the list.",
        "Not gonna kill you, relax, I just want answers.",
        "I'm on my way to vote.",
        "I will. Kill the bill!",
        "We're heading to the count to shoot video for the paper.",
        "I will, of course, beat you in the primary.",
    ],
)
def test_everyday_and_political_phrasings_on_the_way_or_after_a_pause_are_not_threats(text):
    codes, level = assessed(text)
    assert "direct_threat" not in codes
    assert level <= 1


@pytest.mark.parametrize(
    "text",
    [
        "You're dead.",
        "If you certify, you're dead.",
        "Certify this and you're dead.",
        "ur dead.",
        "youre going to die",
        "your gonna get shot",
        "ur gonna die",
        "u will die",
        "He told me I would be killed.",
        "The voicemail said the clerk will be shot.",
        "[WORKER-1] is going to die.",
    ],
)
def test_death_threats_texted_or_told_in_the_third_person_are_direct_threats(text):
    codes, level = assessed(text, "text_message")
    assert "direct_threat" in codes
    assert level == 3


def test_where_u_live_is_knowing_where_you_live():
    codes, level = assessed("I know where u live", "text_message")
    assert {"veiled_threat", "home_family_knowledge"} <= codes
    assert level == 3


@pytest.mark.parametrize(
    "text",
    [
        "You're dead wrong about the audit.",
        "You're dead on about the canvass.",
        "You're dead to me.",
        "If you certify you're dead politically.",
        "You are dead in the water in November.",
        "You will be killed at the polls in November.",
        "Your dead father would be ashamed of this count.",
        "ur dead cat was cute in the holiday card",
        "Your going to lose in November.",
        "Where do you hang out after the count?",
        "Will you die on this hill of election denial?",
        "Thank you hang in there",
        "The proposal from the clerk will be shot down.",
        "I'd be killed in the primary if I voted for it.",
        "The bill will be killed in committee.",
        "He's going to die of old age before the recount ends.",
        "I'll be hanged if I know why the count is late.",
    ],
)
def test_dead_wrong_dead_to_me_and_political_deaths_are_not_threats(text):
    codes, level = assessed(text, "text_message")
    assert "direct_threat" not in codes
    assert level <= 1


@pytest.mark.parametrize(
    "text",
    [
        "The poll worker will hang the Vote Here banner at 6 am.",
        "The clerk will hang the certification notice on the door.",
        "We'll hang a banner at the rally.",
        "I will hang the flyers at the library tomorrow.",
        "The volunteer will hang signs outside the precinct.",
        "We're going to hang lights at the drive-through drop box.",
        "The supervisor will hang her coat in the break room.",
        "You will hang the ballot box seals on the hook.",
        "The clerk will die a little inside when she sees this turnout report.",
        "The clerk would die for her staff, she loves them.",
    ],
)
def test_hanging_a_sign_or_a_coat_is_no_threat(text):
    codes, level = assessed(text, "text_message")
    assert "direct_threat" not in codes
    assert level <= 1


@pytest.mark.parametrize(
    "text",
    [
        "You will hang for treason.",
        "The clerk will hang for this.",
        "[WORKER-1] is going to hang.",
        "You'll hang from a tree.",
        "She will hang by the neck.",
        "I will hang you from the courthouse steps.",
    ],
)
def test_hanging_a_person_is_still_a_direct_threat(text):
    codes, level = assessed(text, "text_message")
    assert "direct_threat" in codes
    assert level == 3


@pytest.mark.parametrize(
    "text",
    [
        "I'm headed to the polls to beat you.",
        "I'm on my way to the polls to beat you.",
        "Gonna beat you in the debate.",
        "Gonna destroy you in the debate tonight.",
        "You're dead in the polls, buddy.",
        "You're dead in the race.",
        "I'm coming to beat you at the county commission meeting.",
        "I'm headed to the debate to destroy you.",
        "We're heading to the convention to crush you.",
        "I'm headed to the forum to take you down in the debate.",
        "I'm heading to the hearing to beat them on the merits.",
        "We will beat you in the debate.",
        "We're going to crush them at the county commission meeting.",
        "Gonna beat you at chess.",
    ],
)
def test_contests_at_the_polls_in_debates_and_at_meetings_are_no_direct_threat(text):
    codes, level = assessed(text)
    assert "direct_threat" not in codes
    assert level <= 1


@pytest.mark.parametrize(
    "text",
    [
        "I'm coming to beat you to death.",
        "I'm headed to your house to beat you.",
        "I'm coming to the meeting to kill you.",
        "I'm headed to the polls to shoot you.",
        "I'll beat you after the meeting.",
        "I will kill you at the county commission meeting.",
        "Gonna kill you at the debate.",
        "Gonna beat you till you bleed.",
        "You're dead meat.",
        "He's going to beat you when you walk out.",
    ],
)
def test_violence_on_the_way_to_or_at_a_meeting_is_still_a_direct_threat(text):
    codes, level = assessed(text, "voicemail")
    assert "direct_threat" in codes
    assert level >= 3


@pytest.mark.parametrize("text", ["I hope you die.", "I hope u die", "hope you die, traitor"])
def test_hoping_someone_dies_is_a_curse_not_a_direct_threat(text):
    codes, level = assessed(text)
    assert "direct_threat" not in codes
    assert level == level_of("Drop dead.") == 1


@pytest.mark.parametrize(
    "text",
    [
        "He was outside my house at midnight again.",
        "A stranger stood across the street from her driveway for an hour.",
        "Someone was banging on my front door at 2 am.",
        "That man is back again and pacing near the table.",
        "A guy in a hoodie followed her home from the bus stop.",
    ],
)
def test_approach_described_in_a_narrative_is_serious(text):
    codes, level = assessed(text, "phone_call")
    assert "approach" in codes
    assert level >= 3


@pytest.mark.parametrize(
    "text",
    [
        "A grey van has been parked across from her house all week.",
        "I can see you through the window.",
        "Caller asked the receptionist whether her son still walks to school.",
        "They posted photos of your front door and driveway.",
        "You left the office at 6:10 and parked on Elm. I noticed.",
    ],
)
def test_surveillance_described_without_keywords_is_serious(text):
    codes, level = assessed(text, "phone_call")
    assert "surveillance" in codes
    assert level >= 3


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("He was outside my house with a gun.", "phone_call"),
        ("A man with a rifle slung over his shoulder is standing by the drop box.", "in_person_voting_site"),
        ("The woman had a knife in her hand and would not leave the counter.", "phone_call"),
        ("im outside ur office right now. coming up", "text_message"),
        ("I will shoot you at 5 pm today.", "voicemail"),
    ],
)
def test_weapons_and_presence_told_as_a_story_are_imminent(text, channel):
    assert level_of(text, channel) == 4


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("He pointed a gun at the poll worker.", "in_person_voting_site"),
        ("A man pulled a gun on a poll worker.", "in_person_voting_site"),
        ("He aimed a rifle at the poll workers.", "in_person_voting_site"),
        ("The observer drew a knife on one of the volunteers.", "phone_call"),
        ("He pointed a loaded pistol at me and walked out.", "in_person_office"),
    ],
)
def test_a_weapon_pointed_at_someone_is_an_attack(text, channel):
    codes, level = assessed(text, channel)
    assert "attack" in codes
    assert level == 4


@pytest.mark.parametrize(
    "text",
    [
        "He pointed a camera at the poll worker the whole time.",
        "An observer kept pointing his phone camera at the poll workers.",
        "She aimed her criticism at the clerk, and rightly so.",
        "He pointed at the sign and asked where to vote.",
        "The cartoonist drew a gun on the wall of the mural.",
        "The sheriff pointed out that a gun at the polls is illegal here.",
    ],
)
def test_pointing_a_camera_or_words_at_someone_is_no_attack(text):
    codes, level = assessed(text, "in_person_voting_site")
    assert "attack" not in codes
    assert level <= 1


@pytest.mark.parametrize(
    "text",
    [
        "Anyone could walk in with a gun. Please add security at the annex.",
        "I will be at every public hearing until the audit is done.",
        "Crooks, all of you. See you in court.",
        "The sheriff's office says the polling place at the gun club is fine.",
    ],
)
def test_lawful_worries_visits_and_lawsuits_raise_nothing(text):
    assert level_of(text) <= 1


@pytest.mark.parametrize(
    "text",
    [
        "I would never hurt your family.",
        "I will not hurt your kids.",
        "I won't hurt your kids, I just want the recount.",
        "I hope your family is safe and well.",
        "Your kids did nothing wrong and never should pay for this.",
        "Our volunteers will knock on every door in your neighborhood.",
    ],
)
def test_a_negated_or_kind_mention_of_family_is_no_threat_and_no_knowledge_of_home(text):
    """Naming someone's family or neighbourhood in kind words says nothing of knowing where they live."""
    codes, level = assessed(text)
    assert not {"threat_to_family", "home_family_knowledge"} & codes
    assert level == 0


@pytest.mark.parametrize(
    "text",
    ["We know where your kids go to school.", "We know your son plays soccer at the park on Saturdays.", "Your kids. Tonight."],
)
def test_knowing_where_the_kids_go_is_knowledge_of_the_family(text):
    assert "home_family_knowledge" in codes_of(text, "text_message")


@pytest.mark.parametrize(
    "text",
    ["Your kids won't be safe.", "Your family will pay.", "Your kids are not going to be safe.", "We will hurt your kids."],
)
def test_a_threat_to_family_still_fires(text):
    codes, level = assessed(text)
    assert "threat_to_family" in codes
    assert level == 3


@pytest.mark.parametrize(
    "text",
    [
        "We will beat you at the polls.",
        "We will crush him at the next election.",
        "We're going to beat her at the polls.",
    ],
)
def test_beating_someone_at_the_polls_is_not_a_threat(text):
    codes, level = assessed(text)
    assert "direct_threat" not in codes
    assert level == 0


@pytest.mark.parametrize(
    "text",
    [
        "I'll be at the certification meeting tonight to object.",
        "See you tonight at the canvass meeting.",
        "I'll be at the county board of supervisors meeting.",
        "I will be there at the special session on Tuesday.",
    ],
)
def test_any_public_meeting_is_a_lawful_place_to_be_even_tonight(text):
    codes, level = assessed(text)
    assert "announced_approach" not in codes
    assert level == 0


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I'll be at your home meeting you when you get back.", 3),
        ("I'll be at the parking lot after the meeting.", 1),
        ("See you at the meeting, you'll regret it.", 2),
    ],
)
def test_a_meeting_does_not_hide_an_approach_or_a_threat(text, level):
    assert level_of(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "Bomb goes off at noon today.",
        "The bombs are set to go off during the count.",
        "I'll call the cops and tell them you have hostages in your house.",
        "Police got a fake call saying there was a shooting at her home.",
        "Someone made a hoax 911 call about the clerk's address.",
        "The caller said he will call the cops and tell them the clerk has hostages at her house.",
        "I will bomb your office.",
        "We're going to bomb the counting center.",
        "Imma bomb you.",
        "A bomb is going off in the lobby today.",
        "Bombs are going off in the precinct at 5.",
        "There's a bomb under your car.",
        "I'm going to call 911 and say there's a dead body at your house.",
        "We'll call the police and report a shooting at her address.",
        "Deputies responded to a false call at the clerk's home last night.",
        "Police received a prank call claiming the recorder had shot her husband.",
        "Someone placed a fake 911 call to the recorder's home.",
        "A hoax emergency call sent officers to [WORKER-1]'s house.",
    ],
)
def test_bomb_threats_and_false_calls_to_police_are_hoaxes(text):
    codes, level = assessed(text, "phone_call")
    assert "hoax_swatting" in codes
    assert level >= 3


@pytest.mark.parametrize(
    "text",
    [
        "He dropped truth bombs at the hearing.",
        "The pension debt is a time bomb set to go off next year.",
        "The deficit is a ticking time bomb that will go off in 2030.",
        "Her speech dropped a bomb in the chamber.",
        "The F-bombs in the debate were embarrassing.",
        "The photo bombs in the press conference were funny.",
        "The cherry bombs at the Fourth of July parade were loud.",
        "A bath bomb in the gift basket for volunteers.",
        "I'm going to bomb this interview, I'm so nervous.",
        "We're going to bomb you with emails until the audit.",
        "I will call 911 if someone is shot.",
        "If I see anyone with a gun at the polls I will call the police and report a shooting.",
        "We'll call the cops and report the shooting we heard.",
        "He said he would call the police if he saw a dead body.",
        "Sheriff's deputies said they received false calls about ballots.",
        "911 dispatchers are tired of prank calls.",
        "Police warned about prank calls during election week.",
        "A false 911 call is a felony in Arizona.",
        "Cops are cracking down on prank calls.",
        "I got a fake call from a robocaller about my ballot.",
        "I called the police and told them about the shooting threats.",
        "The candidate filed a false report with the police about the canvass.",
    ],
)
def test_truth_bombs_robocalls_and_calling_the_police_are_no_hoax(text):
    assert "hoax_swatting" not in codes_of(text, "phone_call")


@pytest.mark.parametrize(
    "text",
    [
        "Her cell is 602-555-0143, call her day and night.",
        "[WORKER-1] lives at [ADDRESS]",
        "Here is [WORKER-1] address: [ADDRESS]. Her cell is [PHONE].",
        "She lives at 1423 Elm Street. Go tell her what you think.",
        "She lives at 1423 Elm. Go tell her.",
        "His address is 55 Ridge Road.",
        "Her phone number is (602) 555-0143.",
        "Their address is 12 Oak Lane, go say hi.",
        "He lives on 88 Cactus Way.",
    ],
)
def test_a_published_phone_number_or_address_is_doxxing(text):
    codes, level = assessed(text, "social_post")
    assert "doxxing" in codes
    assert level >= 2


@pytest.mark.parametrize(
    "text",
    [
        "My cell is [PHONE], call me back about my ballot.",
        "Our office address is [ADDRESS], open 8 to 5.",
        "Her number is on the county website.",
        "The clerk's office phone is 602-555-0100.",
        "Her number is 3 on the ballot.",
        "Their number is 40 percent lower than last year.",
        "His number is 52 percent approval.",
        "Their number is 300 voters in the precinct.",
        "Her cell number is 2 digits off from mine.",
        "Her phone is 2 years old.",
        "He lives on 40 acres outside town.",
        "She lives on 5 acres near the river.",
        "They live on 30 dollars a day.",
        "He lives on 3 hours of sleep during the canvass.",
        "He lives at 6 am on the farm, up with the cows.",
        "Their address is 2 hours from the office.",
        "His address is 10 minutes long and worth watching.",
    ],
)
def test_ones_own_an_offices_or_a_number_that_is_no_phone_or_street_is_not_doxxing(text):
    codes, level = assessed(text, "social_post")
    assert "doxxing" not in codes
    assert level <= 1


@pytest.mark.parametrize("text", ["I'm outside 1423 Elm Street right now.", "I'm outside [ADDRESS] right now."])
def test_outside_a_street_address_right_now_is_an_approach_now(text):
    codes, level = assessed(text, "text_message")
    assert "approach" in codes
    assert level == 4


@pytest.mark.parametrize(
    "text",
    [
        "I'm at 200 Main Street for the public meeting.",
        "We're outside 200 W Washington St for the rally.",
        "We're outside the building for the protest at noon.",
    ],
)
def test_gathering_outside_an_office_for_a_rally_is_no_approach(text):
    codes, level = assessed(text, "text_message")
    assert "approach" not in codes
    assert level <= 1


@pytest.mark.parametrize(
    "text",
    [
        "A card with a drawing of a noose was taped to the office door.",
        "Tell your husband we said hello.",
        "The police can't protect you forever.",
        "Watch the news on Friday, clerk.",
    ],
)
def test_veiled_imagery_and_messages_are_veiled_threats(text):
    codes, level = assessed(text, "postal_mail")
    assert "veiled_threat" in codes
    assert level >= 2


def test_a_veiled_threat_with_an_hour_is_not_yet_imminent():
    assert level_of("You've been warned. Enjoy counting tonight.") == 2


@pytest.mark.parametrize(
    "text",
    [
        "Our volunteers killed it at the canvass today.",
        "The new turnout numbers are to die for.",
        "Your days are numbered in office, we are organising.",
        "The elections office is a joke and this process is a disgrace.",
    ],
)
def test_hyperbole_and_lawful_criticism_raise_nothing(text):
    assert level_of(text) == 0


@pytest.mark.parametrize(
    "text",
    [
        "rot in hell, traitor",
        "you're a joke and everyone knows it",
        "lmao you fat cow",
        "Clerk's line rang 40 times in an hour, all hang-ups.",
        "Make her famous. Share share share.",
    ],
)
def test_curses_insults_and_pile_ons_are_harassment(text):
    assert level_of(text) == 1


@pytest.mark.parametrize(
    "text",
    [
        "He was outside my house with a gun.",
        "A grey van has been parked across from her house all week.",
        "Tell your husband we said hello.",
        "I'm going to snap your neck like a twig.",
    ],
)
def test_every_indicator_fired_by_words_quotes_them(text):
    for indicator in assess(Facts(text=text, channel="phone_call", target_role=ROLE)).indicators:
        if indicator.axis != "context" or indicator.code == "imminent":
            assert indicator.evidence and indicator.evidence in text, indicator


@pytest.mark.parametrize(
    "text",
    [
        "A voter yelled at the poll worker this afternoon about the lines.",
        "The poll worker stayed late tonight to finish the count.",
        "A man came in just now asking about provisional ballots.",
    ],
)
def test_an_hour_in_a_report_of_a_visit_is_no_danger_by_itself(text):
    """On site, "tonight" or "this afternoon" dates what happened; only with a threat or a deed does
    it say the danger is for the coming hours."""
    assert level_of(text, "in_person_voting_site") == 0


def test_today_in_a_story_of_what_happened_is_not_a_time_to_come():
    codes, level = assessed("Today a man photographed staff cars in the lot.", "phone_call")
    assert "within_hours" not in codes
    assert level == 3


def test_owning_a_gun_is_no_sign_of_someone_here_now_but_a_gun_on_site_is():
    codes, level = assessed("He told me he has a gun and he hates what we did.", "phone_call")
    assert "imminent" not in codes
    assert level < 4
    assert level_of("A man in line has a gun and is yelling at voters.", "in_person_voting_site") == 4


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("A man is standing at the entrance of the polling place with an AR-15 intimidating voters.", "in_person_voting_site"),
        ("He said he was going to his truck to get his gun.", "in_person_voting_site"),
        ("He said he'd go get his rifle and come back.", "in_person_voting_site"),
        ("He said he's coming back with his friends and his guns.", "in_person_office"),
        ("The man said he was going out to his truck to grab his gun.", "in_person_office"),
    ],
)
def test_a_weapon_on_site_told_at_length_or_a_gun_fetched_is_a_weapon_in_person(text, channel):
    codes, level = assessed(text, channel)
    assert "weapon_possession" in codes
    assert level == 4


def test_a_gun_said_to_be_loaded_with_an_hour_is_imminent():
    assert level_of("On my way. Loaded.", "text_message") == 4
    assert level_of("The rifle is loaded. See you in 2 hours.", "text_message") == 4


def test_a_promise_to_come_back_with_a_gun_is_serious_by_phone_too():
    codes, level = assessed("He said he would go home and get his shotgun and come back.", "phone_call")
    assert {"announced_approach", "weapon_possession"} <= codes
    assert level == 3


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("The polling place at the gun club opens at 7 am tomorrow.", "in_person_voting_site"),
        ("A man in line asked whether the polling place had a gun ban.", "in_person_voting_site"),
        ("The poll worker loaded the ballots into the van today.", "in_person_voting_site"),
        ("The van is loaded and ready for the count.", "in_person_count_site"),
        ("A woman with a knife-sharpening business left flyers.", "in_person_voting_site"),
        ("Staff held a bomb threat drill this morning.", "in_person_office"),
        ("She went to get her gun license renewed.", "email"),
        ("We're going to get weapons screening at the door.", "email"),
    ],
)
def test_a_gun_club_a_permit_or_a_loaded_van_is_no_weapon_in_person(text, channel):
    codes, level = assessed(text, channel)
    assert "weapon_possession" not in codes
    assert level <= 1


def test_bringing_a_rifle_to_the_range_is_no_armed_visit():
    codes, level = assessed("I'm bringing my rifle to the range tomorrow.")
    assert "announced_approach" not in codes
    assert level < 3


@pytest.mark.parametrize(
    ("text", "channel", "level"),
    [
        ("Caller said he is in the parking lot and is going to shoot everyone inside.", "phone_call", 4),
        ("He said he is outside the building and is going to kill the clerk.", "phone_call", 4),
        ("The caller said he was watching me through the window right now.", "phone_call", 4),
        ("The caller said he was going to drive to the office and shoot everyone.", "phone_call", 3),
        ("She said she was in the lobby and was gonna stab the registrar.", "phone_call", 3),
        ("He said he knows where I live and he is coming for me.", "phone_call", 3),
        ("The voicemail said they know where my kids go to school.", "voicemail", 3),
        ("He threatened my life.", "phone_call", 3),
        ("He threatened the clerk's life.", "phone_call", 3),
    ],
)
def test_threats_told_in_the_reporters_own_words_are_read(text, channel, level):
    """Whoever took the threat down tells it in the first and third person: "he said he knows where I
    live", "the caller said he was watching me"."""
    assert level_of(text, channel) == level


@pytest.mark.parametrize(
    "text",
    [
        "She said she would go to the store and beat the rush.",
        "He said he would come to my house and fix the sink.",
        "He said he was at the polls and was going to shoot video for the news.",
        "She said she was at the precinct and was going to hang the banners.",
        "My husband is coming for me at 5 to drive me home.",
        "They're coming for me tomorrow to help me move.",
        "The observers were watching us from the gallery all day.",
    ],
)
def test_errands_rides_and_observers_told_in_a_narrative_are_no_threat(text):
    codes, level = assessed(text, "phone_call")
    assert not {"direct_threat", "veiled_threat", "surveillance"} & codes
    assert level <= 1


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I'm coming to the office at noon to kill you.", 3),
        ("Bringing my AR to your office at noon.", 3),
        ("I'm 5 minutes from your house.", 4),
        ("I'm down the street from your house.", 4),
        ("I'm parked around the corner from your house right now.", 4),
        ("Im waiting by your car", 4),
    ],
)
def test_an_armed_or_near_approach_is_serious_and_near_a_home_is_now(text, level):
    assert level_of(text, "text_message") == level


@pytest.mark.parametrize(
    "text",
    [
        "I'm 5 minutes from the office, save me a seat.",
        "I'm down the street from the county building.",
        "Im waiting by the front door of the library for the meeting.",
        "I'll be there in 30 minutes to drop off my ballot.",
        "I will be at the count center in 2 hours to observe.",
    ],
)
def test_a_visit_to_a_public_place_or_for_a_lawful_errand_is_no_approach(text):
    codes, level = assessed(text, "text_message")
    assert not {"approach", "announced_approach"} & codes
    assert level == 0


@pytest.mark.parametrize(
    "text",
    [
        "I'm coming to the office at noon to kill time before the hearing.",
        "I'm going to the range on Saturday to shoot my new rifle.",
    ],
)
def test_killing_time_or_shooting_at_the_range_on_the_way_is_no_threat(text):
    assert "direct_threat" not in codes_of(text, "text_message")


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ('Letter says "this is anthrax, enjoy".', "postal_mail"),
        ("The envelope said it contained fentanyl.", "postal_mail"),
        ("The letter contained ricin.", "postal_mail"),
        ("A package arrived with wires sticking out and a ticking sound.", "package"),
        ("Suspicious package left at the front desk, no sender, it's ticking.", "in_person_office"),
        ("The bag in the lobby is ticking.", "in_person_office"),
    ],
)
def test_mail_that_claims_a_toxin_or_a_package_that_ticks_is_suspicious(text, channel):
    """A letter is named by what it claims to hold and a device by what it shows (CISA and the
    Postal Inspection Service name fentanyl, anthrax and ricin)."""
    codes, level = assessed(text, channel)
    assert {"suspicious_mail", "hoax_swatting"} & codes
    assert level >= 3


@pytest.mark.parametrize(
    "text",
    [
        "The letter said fentanyl is killing our kids.",
        "A letter with questions about the fentanyl crisis arrived.",
        "The letter complained about fentanyl at the border.",
        "This policy is poison.",
        "You've been exposed as a fraud.",
        "The tabulator's power box has exposed wires, please send IT.",
        "The package from the vendor arrived; the clock is ticking on certification.",
    ],
)
def test_a_letter_about_fentanyl_or_a_clock_ticking_is_no_suspicious_mail(text):
    codes, level = assessed(text, "postal_mail")
    assert not {"suspicious_mail", "hoax_swatting"} & codes
    assert level <= 1


@pytest.mark.parametrize(
    "text",
    [
        "Someone called in a bomb threat to the polling place.",
        "We got a bomb threat.",
        "The building was evacuated after a bomb threat.",
        "Police came to my house last night after someone called in a fake hostage situation.",
        "The sheriff got a call that there was a shooting at my house. There wasn't.",
        "Email: a device will detonate in the tabulation room today.",
    ],
)
def test_a_bomb_threat_or_a_false_emergency_told_as_what_happened_is_a_hoax(text):
    codes, level = assessed(text, "phone_call")
    assert "hoax_swatting" in codes
    assert level >= 3


@pytest.mark.parametrize(
    "text",
    [
        "We received the bomb threat checklist from CISA.",
        "Staff held a bomb threat drill this morning.",
        "We trained staff on how to handle a bomb threat.",
        "Turnout is going to explode this year.",
    ],
)
def test_bomb_threat_training_and_exploding_turnout_are_no_hoax(text):
    codes, level = assessed(text, "phone_call")
    assert "hoax_swatting" not in codes
    assert level <= 1


@pytest.mark.parametrize(
    "text",
    [
        "Patriots will take care of you.",
        "Wouldn't want anything to happen to that pretty face.",
        "It would be a real shame if your house caught fire.",
        "Pretty little girl you have. Shame if she didn't come home from school.",
        "Be careful walking to your car tonight.",
        "Don't certify or we'll make you regret it.",
        "There will be blood.",
        "Ropes are cheap. Trees are plentiful.",
        "You'll be swinging from a rope.",
        "We know what car you drive.",
    ],
)
def test_the_reference_veiled_threat_and_close_paraphrases_are_read(text):
    """ "Patriots will take care of you" is the reference's own veiled threat; the others say the
    patterns' phrases in other words."""
    codes, level = assessed(text)
    assert {"veiled_threat", "conditional_threat", "direct_threat"} & codes
    assert level >= 2


@pytest.mark.parametrize(
    "text",
    [
        "It would be a real shame if turnout dropped.",
        "There will be blood drives at the library on Saturday.",
        "Say hi to your family for me!",
        "Tell your husband hello from all of us at the library.",
        "We know where you stand on the audit.",
        "Be careful driving home in the snow.",
        "Rope is cheap at the hardware store, bring some for the tents.",
        "My friends will take care of the food for the volunteers.",
        "Certify the results or we'll see you in court.",
        "Release the logs or we'll sue and you'll pay the legal fees.",
    ],
)
def test_greetings_blood_drives_and_lawsuits_are_no_veiled_threat(text):
    codes, level = assessed(text)
    assert not {"veiled_threat", "conditional_threat"} & codes
    assert level <= 1


@pytest.mark.parametrize(
    "text",
    [
        "Hang the clerk.",
        "Shoot every last traitor.",
        "The clerk needs to be hanged.",
        "Traitors should be executed.",
        "That clerk deserves to hang.",
        "Somebody needs to put a bullet in that bitch.",
        "Election workers deserve a bullet.",
        "Here's the clerk's address: 1423 Elm Street. Go get her.",
    ],
)
def test_orders_and_wishes_to_harm_are_calls_on_others(text):
    codes, level = assessed(text, "social_post")
    assert {"incitement", "doxxing"} & codes
    assert level >= 2


@pytest.mark.parametrize(
    "text",
    [
        "The contract should be executed today.",
        "The recount must be executed by Friday.",
        "The commercial should be shot downtown.",
        "The signs should be hung at the entrance by 6am.",
        "Shoot the poll workers a quick email about the schedule.",
        "Hang the clerk's portrait in the lobby.",
        "Here's the county's address for mail ballots.",
    ],
)
def test_a_contract_executed_a_scene_shot_or_a_sign_hung_is_no_call_to_harm(text):
    codes, level = assessed(text, "social_post")
    assert not {"incitement", "doxxing"} & codes
    assert level <= 1


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("They posted my address on Facebook with a picture of a noose.", 3),
        ("Someone posted the clerk's home address on telegram.", 2),
        ("Someone leaked the recorder's cell number on X.", 2),
    ],
)
def test_an_address_or_number_posted_by_others_is_doxxing(text, level):
    """Told as what happened; with a noose beside it, the address is a threat with knowledge of home."""
    codes, found = assessed(text, "social_post")
    assert "doxxing" in codes
    assert found == level


@pytest.mark.parametrize(
    "text", ["I shared my address with the registrar to update my registration.", "She shared her address with the police."]
)
def test_ones_own_address_given_to_the_registrar_or_the_police_is_not_doxxing(text):
    codes, level = assessed(text, "social_post")
    assert "doxxing" not in codes
    assert level == 0


@pytest.mark.parametrize(
    "text",
    [
        "Im gonna f***ing kill you",
        "I'm gonna f*cking kill you",
        "I'm going to k1ll you",
        "im gonna k1ll u",
        "I'm going to sh00t you.",
        "Gonna burn your house down with you in it.",
        "Gonna shoot up the election office",
    ],
)
def test_masked_misspelt_and_sentence_opening_threats_are_direct_threats(text):
    codes, level = assessed(text, "social_dm")
    assert "direct_threat" in codes
    assert level >= 3


@pytest.mark.parametrize(
    "text",
    [
        "Gonna beat the traffic.",
        "Gonna hurt my back lifting these boxes.",
        "Gonna burn the midnight oil tonight.",
        "I will f***ing vote you out in November.",
    ],
)
def test_sentence_opening_gonna_and_masked_words_in_everyday_speech_are_no_threat(text):
    codes, level = assessed(text, "social_dm")
    assert "direct_threat" not in codes
    assert level <= 1


def test_digits_in_times_and_addresses_are_not_read_as_letters():
    assert level_of("I will kill you in 2hrs.", "text_message") == 4
    assert "doxxing" in codes_of("She lives at 1423 Elm Street.", "social_post")


@pytest.mark.parametrize(
    "text", ["[NAME] will be shot.", "[NAME] is going to die.", "Katie Hobbs will hang.", "Maria Lopez is going to be killed."]
)
def test_a_threat_against_a_person_by_name_is_a_direct_threat(text):
    """A name as written, or the "[NAME]" the redacted copy has instead."""
    codes, level = assessed(text, "social_post")
    assert "direct_threat" in codes
    assert level >= 3


@pytest.mark.parametrize(
    "text",
    [
        "Mark Kelly will die on this hill.",
        "Joe Biden will be killed in the primary.",
        "Senate Bill will die in committee.",
        "Sunday School will hang the banners.",
        "The Republic will die if we let this stand.",
    ],
)
def test_a_name_in_a_figure_of_speech_or_a_political_death_is_no_threat(text):
    codes, level = assessed(text, "social_post")
    assert "direct_threat" not in codes
    assert level <= 1


def test_printers_on_fire_are_busy_not_burning():
    codes, level = assessed("The printers are on fire today, we finished early.")
    assert "attack" not in codes
    assert level == 0
    assert level_of("Our phones are on fire this morning with voters asking about drop boxes.") == 0
    assert level_of("Fanning the flames of distrust is wrong.") == 0


@pytest.mark.parametrize("text", ["The drop box is on fire.", "The office is in flames.", "Someone set the drop box on fire."])
def test_a_drop_box_or_an_office_on_fire_is_an_attack(text):
    assert "attack" in codes_of(text, "in_person_voting_site")


@pytest.mark.parametrize(
    "text",
    [
        "I'm gonna beat you to the punch and file first.",
        "We'll bury you in paperwork.",
        "We'll bury you in public records requests until you release the logs.",
        "We are going to execute the plan tomorrow morning.",
        "I'm going to execute the audit tomorrow.",
    ],
)
def test_idioms_and_tasks_are_no_direct_threat(text):
    codes, level = assessed(text)
    assert "direct_threat" not in codes
    assert level <= 1


def test_going_to_the_polling_place_to_vote_is_no_approach():
    codes, level = assessed("My husband and I will be at the polling place at 7 am to vote.")
    assert "announced_approach" not in codes
    assert level == 0


@pytest.mark.parametrize(
    "text",
    [
        "Te voy a matar.",
        "Vamos a matarte, traidora.",
        "Te vamos a colgar.",
        "Vas a morir.",
        "Estás muerto.",
    ],
)
def test_the_commonest_spanish_death_threats_are_direct_threats(text):
    codes, level = assessed(text, "voicemail")
    assert "direct_threat" in codes
    assert level == 3


def test_knowing_where_someone_lives_in_spanish_is_knowledge_of_home():
    codes, level = assessed("Sabemos dónde vives.", "voicemail")
    assert {"veiled_threat", "home_family_knowledge"} <= codes
    assert level == 3


@pytest.mark.parametrize(
    "text", ["Me vas a matar de risa.", "Vas a morir de risa con este video.", "Estoy muerta de cansancio después del conteo."]
)
def test_spanish_figures_of_speech_are_no_threat(text):
    codes, level = assessed(text, "voicemail")
    assert "direct_threat" not in codes
    assert level == 0
