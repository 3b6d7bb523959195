"""The engine's levels and explanations on messages of each kind, including the hard cases."""

from __future__ import annotations

import pytest

from threatdesk.assessment import Facts, assess, read_words
from threatdesk.assessment.playbook import Guidance, guidance_for
from threatdesk.assessment.types import Assessment

ROLE = "county_election_official"


def level_of(text: str, channel: str = "email", **facts: object) -> int:
    return assess(Facts(text=text, channel=channel, target_role=ROLE, **facts)).level  # type: ignore[arg-type]


def advice(text: str, channel: str = "email", role: str = ROLE) -> tuple[Assessment, Guidance]:
    """The assessment and the playbook's advice for it, as a filer who ticked no types would get them."""
    result = assess(Facts(text=text, channel=channel, target_role=role))
    return result, guidance_for(level=result.level, channel=channel, threat_types=[], indicators=list(result.indicator_codes))


def situations(guidance: Guidance) -> list[str]:
    return [s.slug for s in guidance.situations]


REFERENCE_SCALE = [
    ("The certification was a disgrace and I will vote every one of you out.", "email", 0),
    ("I disagree with how the canvass was run and I will speak at the next board meeting.", "email", 0),
    ("This new law is killing democracy.", "social_post", 0),
    ("You stole this election and you are going to hang for treason.", "voicemail", 3),
    ("If you certify these results you will regret it.", "email", 2),
    ("Be a shame if anything happened to you after the count.", "voicemail", 2),
    ("Someone should string her up in front of the courthouse.", "social_post", 2),
    ("Nice quiet street you live on. Be a shame if anything happened there.", "voicemail", 3),
    ("We know where your kids go to school.", "text_message", 3),
    ("A man photographed staff cars in the lot and asked when the clerk leaves.", "in_person_office", 3),
    ("Envelope with white powder and no return address, not opened.", "postal_mail", 3),
    ("A staff member opened an envelope, powder spilled on her hands and she feels dizzy.", "postal_mail", 4),
    ("There is a man in the lobby right now with a gun yelling at the clerk.", "in_person_office", 4),
    ("There is a bomb in the counting center and it will go off at noon.", "email", 3),
]


@pytest.mark.parametrize(("text", "channel", "level"), REFERENCE_SCALE)
def test_levels_follow_the_reference_scale(text, channel, level):
    assert level_of(text, channel) == level


@pytest.mark.parametrize(("text", "channel", "level"), REFERENCE_SCALE)
def test_an_assessment_given_back_its_own_indicators_gives_its_own_level(text, channel, level):
    """What a filer is told is worked out again from the stored indicators, some left out: with
    none left out it must be the level stored, wherever the indicators came from."""
    facts = Facts(text=text, channel=channel, target_role=ROLE, threat_types=("threat_of_violence",), sender_history=(1, 2))
    first = assess(facts)
    again = assess(
        Facts(text="", channel=channel, target_role=ROLE, threat_types=("threat_of_violence",)),
        words={i.code: i for i in first.indicators},
    )
    assert again.level == first.level


def test_every_fired_indicator_carries_the_words_that_fired_it():
    result = assess(Facts(text="You are going to hang for treason, traitor.", channel="voicemail", target_role=ROLE))
    evidence = {i.code: i.evidence for i in result.indicators}
    assert evidence["direct_threat"] == "You are going to hang"
    assert evidence["grievance"] in ("treason", "traitor")


def test_the_explanation_names_the_reasons_and_never_claims_a_legal_finding():
    result = assess(Facts(text="We know where your kids go to school.", channel="text_message", target_role=ROLE))
    assert result.explanation.startswith("Level 3 (serious and specific).")
    assert "knowledge of home or family" in result.explanation
    assert "May meet a criminal threshold: refer to law enforcement." in result.explanation
    assert "not a legal finding" in result.explanation


def test_approach_with_no_words_at_all_is_serious():
    assert level_of("", "at_home") == 3
    assert level_of("", "emergency_call") == 3  # a false emergency call: swatting


def test_a_redacted_home_address_is_knowledge_of_home():
    assert level_of("We know you live at [WORKER-1 ADDRESS]. Watch your back.", "letter") == 3


def test_a_protected_family_member_named_with_a_threat_raises_the_level():
    plain = level_of("Watch your back.", "voicemail")
    with_family = level_of("Watch your back.", "voicemail", protected_mentions=(("family", "name"),))
    assert (plain, with_family) == (2, 3)


def test_persistence_and_escalation_come_from_the_senders_history():
    result = assess(Facts(text="You are a liar.", channel="email", sender_history=(1, 1, 2)))
    assert {"repeated_contact", "escalation"} <= set(result.indicator_codes)
    assert result.level == 2


def test_a_figure_of_speech_never_lowers_a_real_threat():
    assert level_of("I'm going to kill you lol", "social_dm") >= 2


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I'll be at your house. I own a rifle.", 3),
        ("I have your home address and I know your kids", 2),
    ],
)
def test_a_laugh_does_not_lower_a_level_set_by_conduct(text, level):
    assert level_of(text) == level
    assert level_of(f"lol {text}") == level
    assert level_of(f"{text} jk") == level


def test_a_laugh_still_lowers_words_that_are_only_a_figure_of_speech():
    assert level_of("This new law is killing democracy, you idiots lol") == 1
    assert level_of("Our volunteers killed it at the canvass lol") == 0


def test_ticked_threat_types_count_as_what_the_reporter_saw():
    assert level_of("He was there again.", "other", threat_types=("stalking",)) == 3


@pytest.mark.parametrize("threat_type", ["threat_violence", "threat_sexual"])
def test_a_ticked_threat_of_violence_is_a_direct_threat(threat_type):
    result = assess(Facts(text="", channel="phone_call", target_role=ROLE, threat_types=(threat_type,)))
    assert "direct_threat" in result.indicator_codes
    assert result.level == 3
    assert level_of("", "phone_call", threat_types=("political_pressure",)) == 0


@pytest.mark.parametrize(
    "text",
    [
        "He made a death threat against the clerk.",
        "Caller made death threats.",
        "The man left two death threats on her voicemail.",
        "She got a death threat on Facebook last night.",
        "Someone sent death threats to the clerk's personal email.",
        "A man called in a death threat to the front desk.",
        "The caller has made death threats twice this week.",
        "A voter yelled death threats at the poll workers.",
        "He texted death threats to my daughter.",
    ],
)
def test_a_death_threat_told_of_is_a_direct_threat(text):
    assert level_of(text, "phone_call") == 3


@pytest.mark.parametrize(
    "text",
    [
        "I condemn the death threats against our clerk.",
        "Death threats against election workers are unacceptable.",
        "The legislature passed a bill on death threats to officials.",
        "The new law made death threats against poll workers a felony.",
        "Congress made death threats to poll workers a federal offense.",
        "The bill makes sending death threats to election officials a crime.",
        "Anyone who sends death threats to election workers will be prosecuted.",
        "We condemn anyone who sends death threats to election workers.",
        "The FBI said it is investigating who sent death threats to clerks nationwide.",
        "A man was sentenced for sending death threats to the Secretary of State.",
        "He was charged with making death threats against an election worker in 2021.",
        "Stop sending death threats to election workers.",
        "Poll workers who receive death threats can call the hotline.",
    ],
)
def test_speaking_about_death_threats_is_no_threat(text):
    assert level_of(text) == 0


@pytest.mark.parametrize("text", ["I will kill you in 2 hours.", "I will kill you in 3 hrs.", "I will kill you in two hours."])
def test_a_threat_within_hours_is_imminent_however_the_hours_are_written(text):
    assert level_of(text, "phone_call") == 4


def test_hours_with_no_threat_or_deed_count_for_nothing():
    assert level_of("The results will be certified in 2 hours.") == 0


def test_indicators_from_ticked_types_and_the_channel_say_them_as_the_form_does():
    result = assess(Facts(text="", channel="at_home", target_role=ROLE, threat_types=("threat_family", "harassment")))
    evidence = {i.code: i.evidence for i in result.indicators}
    assert evidence["threat_to_family"] == "reported as threat naming family or children"
    assert evidence["approach"] == "came by at or near home"
    assert not any("_" in text for text in evidence.values())


def test_words_read_beforehand_give_the_same_assessment():
    facts = Facts(
        text="Nice quiet street you live on. Be a shame if anything happened there.",
        channel="voicemail",
        target_role=ROLE,
        sender_history=(1, 2),
    )
    words = read_words(facts.text)
    assert assess(facts, words=words) == assess(facts)
    assert assess(Facts(text="", channel="voicemail", target_role=ROLE, sender_history=(1, 2)), words=words) == assess(facts)
    assert read_words(facts.text) == words  # assessing did not change what was handed in


@pytest.mark.parametrize("text", ["", "   ", "ok"])
def test_empty_or_trivial_text_is_level_zero(text):
    assert level_of(text, "email") == 0


def test_quotes_and_spacing_do_not_hide_a_threat_and_the_evidence_keeps_them():
    result = assess(Facts(text='He said:  I am going to   "strangle" you.', channel="voicemail", target_role=ROLE))
    evidence = {i.code: i.evidence for i in result.indicators}
    assert evidence["direct_threat"] == 'I am going to "strangle" you'


def test_text_whose_length_changes_in_lower_case_still_quotes_the_original_words():
    result = assess(Facts(text="İzmir: I will KILL you", channel="voicemail", target_role=ROLE))
    assert {i.code: i.evidence for i in result.indicators}["direct_threat"] == "I will KILL you"


@pytest.mark.parametrize(
    ("text", "channel", "level"),
    [
        ("I will call 911 if anyone is hurt at the polling place.", "in_person_voting_site", 0),
        ("Call 911 if someone is hurt.", "in_person_office", 0),
        ("This scandal is a powder keg.", "email", 0),
        ("Someone is hurt in the lobby, call an ambulance.", "in_person_office", 4),
        ("A white powder fell out of the envelope.", "mail", 3),
    ],
)
def test_an_instruction_for_if_someone_is_hurt_and_a_powder_keg_are_no_attack_or_powder(text, channel, level):
    assert level_of(text, channel) == level


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to kill you today.",
        "I'm going to kill you later today.",
        "I'm going to kill you in 30 mins.",
        "I'm going to kill you in 45 min.",
        "I'm going to kill you in 2hrs.",
        "I'm going to kill you in half an hour.",
        "I'm going to kill you in a few minutes.",
        "I'm going to kill you before the end of the day.",
    ],
)
def test_a_threat_for_today_or_within_the_hour_is_imminent_and_says_call_911(text):
    result, guidance = advice(text, "text_message")
    assert result.level == 4
    assert guidance.call_911


def test_a_caller_who_says_he_owns_a_gun_is_not_explained_as_happening_now():
    result = assess(Facts(text="He told me he has a gun and he hates what we did.", channel="phone_call", target_role=ROLE))
    assert "imminent" not in result.indicator_codes
    assert "within hours" not in result.explanation


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("A man is standing at the entrance of the polling place with an AR-15 intimidating voters.", "in_person_voting_site"),
        ("He said he was going to his truck to get his gun.", "in_person_voting_site"),
        ("He said he's coming back with his friends and his guns.", "in_person_office"),
    ],
)
def test_a_weapon_on_site_or_a_gun_fetched_says_call_911(text, channel):
    result, guidance = advice(text, channel, "poll_worker")
    assert result.level == 4
    assert guidance.call_911


def test_a_threatened_visit_is_not_explained_as_an_approach_that_happened():
    """A visit announced ("he was going to come to my house") is not one that happened."""
    text = "The caller said that he was going to come to my house and kill me."
    result = assess(Facts(text=text, channel="phone_call", target_role=ROLE))
    assert "approach" not in result.indicator_codes
    assert {"direct_threat", "announced_approach"} <= set(result.indicator_codes)


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to shoot up the polling place tomorrow.",
        "I will shoot everyone at the count center.",
        "I'm going to kill everyone in that office.",
    ],
)
def test_a_threat_to_shoot_up_an_election_site_is_serious_whoever_the_target_is_coded_as(text):
    """A facility is a named target: the polling place or the office the threat names."""
    assert assess(Facts(text=text, channel="email", target_role="facility")).level >= 3


def test_a_direct_threat_with_a_time_or_place_is_specific_even_with_no_target_role():
    assert assess(Facts(text="I will shoot everyone at the count center.", channel="email")).level == 3
    assert assess(Facts(text="I will shoot everyone.", channel="email")).level == 2


@pytest.mark.parametrize(
    "text",
    [
        "A letter with powder came. I touched it and now I feel lightheaded and my chest is tight.",
        "The envelope had a white powdery substance. Two staff are coughing and have headaches.",
        "We received an envelope containing a granular substance; clerk vomited after opening it.",
        "Opened an envelope, some white stuff fell out and my throat is burning.",
        "I handled the envelope and now my hands are tingling.",
        "She felt dizzy after opening the package.",
    ],
)
def test_symptoms_after_a_letter_is_opened_or_touched_say_call_911(text):
    result, guidance = advice(text, "postal_mail")
    assert result.level == 4
    assert guidance.call_911


@pytest.mark.parametrize(
    "text",
    [
        "A staff member opened a letter with no stamp and powder came out onto her hands.",
        "I opened a letter without a return address and powder spilled on my desk.",
        "An envelope with no return address spilled white powder on her hands.",
        "I did not realize it was powder until it spilled on my hands.",
    ],
)
def test_a_no_that_belongs_to_another_word_does_not_undo_a_powder_spilled_on_someone(text):
    """A negation undoes only the word right after it: "no stamp", not the powder that came out."""
    result, guidance = advice(text, "postal_mail")
    assert {"suspicious_mail", "exposure"} <= set(result.indicator_codes)
    assert result.level == 4
    assert guidance.call_911


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("No powder or substance was found in the envelope.", 0),
        ("Envelope with white powder; nobody has touched it.", 3),
        ("Staff handled the envelope with gloves and bagged it; there was white powder inside.", 3),
        ("I opened the mail today and the complaints gave me a headache.", 0),
        ("The letter touched my heart, thank you.", 0),
    ],
)
def test_a_powder_denied_untouched_or_handled_with_gloves_and_a_figurative_headache_are_no_exposure(text, level):
    result = assess(Facts(text=text, channel="postal_mail", target_role=ROLE))
    assert "exposure" not in result.indicator_codes or "suspicious_mail" not in result.indicator_codes
    assert result.level == level


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("A man just threatened to shoot the poll workers and went to his truck.", "in_person_voting_site"),
        ("A man in the lobby said he will shoot the clerk.", "in_person_office"),
    ],
)
def test_a_direct_threat_made_in_person_on_site_says_call_911(text, channel):
    result, guidance = advice(text, channel, "poll_worker")
    assert result.level == 4
    assert guidance.call_911


@pytest.mark.parametrize(
    "text",
    [
        "I would never hurt you or your family.",
        "I hope your family is safe during the storm.",
        "Our volunteers will knock on every door in your neighborhood.",
    ],
)
def test_a_kind_mention_of_your_family_brings_no_home_or_family_steps(text):
    result, guidance = advice(text)
    assert result.level <= 1
    assert "family-or-home" not in situations(guidance)


def test_home_or_family_named_in_a_threat_brings_the_home_and_family_steps():
    result, guidance = advice("Gonna burn your house down with you in it.")
    assert result.level == 3
    assert "family-or-home" in situations(guidance)
