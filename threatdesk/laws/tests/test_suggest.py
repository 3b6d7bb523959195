"""suggest() ranks the provisions a reviewer would look at first, and every reason is for review."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from threatdesk.assessment import Facts, assess, engine, indicators
from threatdesk.laws.suggest import INDICATOR_CONDUCT, NO_CONDUCT, REPEATED_INDICATORS, Suggestion, suggest

CLERK = "county_election_official"


def run(**facts: Any) -> list[Suggestion]:
    defaults: dict[str, Any] = {"state": "AZ", "channel": "", "target_role": "", "threat_types": [], "indicators": []}
    return suggest(**{**defaults, **facts})


def federal(found: list[Suggestion]) -> list[str]:
    return [s.citation for s in found if s.jurisdiction == "federal"]


def citations(found: list[Suggestion]) -> list[str]:
    return [s.citation for s in found]


def assert_reviewable(found: list[Suggestion]) -> None:
    assert found
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    for s in found:
        assert "law-enforcement review" in s.reason
        assert "is guilty" not in s.reason and "violated" not in s.reason


def test_voicemail_death_threat_to_a_county_official_in_arizona() -> None:
    found = run(
        state="AZ",
        channel="voicemail",
        target_role="county_election_official",
        threat_types=["threat_violence"],
        indicators=["direct_threat", "named_target", "time_place"],
    )
    assert_reviewable(found)
    assert found[0].citation == "18 U.S.C. 875(c)"
    assert "crosses state lines" in found[0].reason
    assert "A.R.S. 16-1004" in citations(found)  # the state's election-officer provision
    assert "18 U.S.C. 876(c)" not in citations(found)  # not a letter
    assert "18 U.S.C. 115" not in citations(found)[:5]  # federal officials only


def test_threatening_letter_points_to_876() -> None:
    found = run(
        state="GA",
        channel="postal_mail",
        target_role="county_election_official",
        threat_types=["threat_violence"],
        indicators=["direct_threat"],
    )
    assert_reviewable(found)
    assert federal(found)[0] == "18 U.S.C. 876(c)"
    assert "18 U.S.C. 875(c)" not in citations(found)
    assert "mail was used" in found[0].reason
    assert not found[0].verified and "Not verified" in found[0].reason


def test_hoax_bomb_email_and_swatting_point_to_1038() -> None:
    hoax = run(state="GA", channel="email", target_role="facility", threat_types=["bomb_threat"], indicators=["hoax_swatting"])
    assert_reviewable(hoax)
    assert hoax[0].citation == "18 U.S.C. 1038"
    swat = run(state="PA", channel="emergency_call", target_role="county_election_official", threat_types=["swatting"])
    assert_reviewable(swat)
    assert federal(swat)[0] == "18 U.S.C. 1038"


def test_bomb_threat_email_lists_844e_and_1038_near_the_top() -> None:
    """875(c) may lead when the words are also a direct threat: DOJ charged it beside 844(e) and
    1038 in the election-office bomb-threat case."""
    found = run(state="GA", channel="email", target_role="facility", threat_types=["bomb_threat"], indicators=["direct_threat"])
    assert_reviewable(found)
    assert set(federal(found)[:3]) == {"18 U.S.C. 875(c)", "18 U.S.C. 844(e)", "18 U.S.C. 1038"}
    only_the_bomb = run(state="GA", channel="email", target_role="facility", threat_types=["bomb_threat"])
    assert federal(only_the_bomb)[0] == "18 U.S.C. 844(e)"


def test_a_plain_death_threat_is_not_offered_the_fire_or_explosive_statute() -> None:
    """844(e) covers threats by fire or an explosive, not every threat to kill."""
    for channel in ("email", "phone_call", "postal_mail"):
        found = run(channel=channel, target_role=CLERK, indicators=["direct_threat"])
        assert found, channel
        assert "18 U.S.C. 844(e)" not in citations(found), channel


def engine_codes(text: str, channel: str, target_role: str = CLERK) -> list[str]:
    return list(assess(Facts(text=text, channel=channel, target_role=target_role)).indicator_codes)


def test_an_emailed_bomb_threat_ranks_the_explosives_threat_statute_and_is_not_called_swatting() -> None:
    """The engine has one code for a bomb threat, a hoax and a swatting; a bomb named in an email
    must bring 844(e) near the top, and an email is no false emergency call."""
    found = run(channel="email", target_role=CLERK, indicators=engine_codes("There's a bomb in your building.", "email"))
    assert_reviewable(found)
    assert "18 U.S.C. 844(e)" in citations(found)[:2]
    assert "bomb threat" in found[0].reason
    assert [s.reason for s in found if "swatting" in s.reason] == []


def test_a_bomb_threat_ticked_as_a_hoax_is_not_called_swatting() -> None:
    """The type "Hoax or swatting" covers any hoax: beside "Bomb threat" it is a hoax bomb threat."""
    found = run(
        state="GA",
        channel="email",
        target_role="facility",
        threat_types=["bomb_threat", "swatting"],
        indicators=["hoax_swatting"],
    )
    assert_reviewable(found)
    assert found[0].citation == "18 U.S.C. 1038"
    assert "bomb threat" in found[0].reason
    assert [s.reason for s in found if "swatting" in s.reason] == []


def test_a_swatting_is_not_called_a_bomb_threat() -> None:
    """A false emergency call, made or promised, threatens no one with an explosive: 1038, not 844(e)."""
    call = run(state="PA", channel="emergency_call", target_role=CLERK, threat_types=["swatting"], indicators=["hoax_swatting"])
    assert_reviewable(call)
    assert call[0].citation == "18 U.S.C. 1038"
    assert "swatting" in call[0].reason
    promise = run(channel="text_message", target_role=CLERK, indicators=engine_codes("Gonna swat u tonight", "text_message"))
    assert_reviewable(promise)
    assert "18 U.S.C. 1038" in citations(promise)
    assert "18 U.S.C. 844(e)" not in citations(promise)
    assert [s.reason for s in call + promise if "bomb threat" in s.reason] == []


def test_an_assault_at_a_polling_place_is_offered_the_election_officer_provisions() -> None:
    """Force used on a worker at work is what the interference and force-or-threat provisions cover."""
    codes = engine_codes("The man punched a poll worker and ran.", "in_person_voting_site", "poll_worker")
    assert "attack" in codes
    found = run(state="AZ", channel="in_person_voting_site", target_role="poll_worker", indicators=codes)
    assert_reviewable(found)
    assert found[0].citation == "A.R.S. 16-1004"
    assert federal(found)[0] == "18 U.S.C. 245(b)(1)(A)"
    assert "18 U.S.C. 875(c)" not in citations(found)  # in person, not a transmitted message


def test_insults_are_offered_harassment_provisions_and_never_outrank_a_threat() -> None:
    """Abuse alone is a weak sign of harassment; a threat beside it still leads."""
    insults = run(channel="text_message", target_role=CLERK, indicators=["abuse"])
    assert_reviewable(insults)
    assert insults[0].citation == "47 U.S.C. 223(a)(1)(C), (E)"
    assert "harassment" in insults[0].reason
    threat = run(channel="text_message", target_role=CLERK, indicators=["abuse", "direct_threat"])
    assert threat[0].citation == "18 U.S.C. 875(c)"


def test_a_grievance_or_a_figure_of_speech_alone_is_offered_nothing() -> None:
    """Complaining about an election is lawful speech, whatever words it uses."""
    assert run(channel="email", target_role=CLERK, indicators=["grievance", "hyperbole"]) == []


def codes_the_engine_emits() -> set[str]:
    """Every rule's code, and the codes the engine builds without a rule (`Indicator("…", …)`)."""
    tree = ast.parse(Path(engine.__file__).read_text(encoding="utf-8"))
    built = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Indicator"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert built, 'found no Indicator("code", ...) in engine.py; update this reading of it'
    return set(indicators.BY_CODE) | built


def test_every_code_the_engine_emits_is_mapped_to_conduct_or_deliberately_not() -> None:
    """A new or renamed indicator must be placed, or reports that show it quietly lose provisions."""
    emitted = codes_the_engine_emits()
    mapped = set(INDICATOR_CONDUCT)
    assert mapped.isdisjoint(NO_CONDUCT)
    assert emitted - mapped - NO_CONDUCT == set(), "add to INDICATOR_CONDUCT or NO_CONDUCT"
    assert (mapped | NO_CONDUCT | REPEATED_INDICATORS) - emitted == set(), "the engine no longer emits these"


def test_doxxing_suggests_state_doxxing_law_and_explains_119() -> None:
    for state, law in (
        ("CO", "Colo. HB22-1273 (personal information)"),
        ("NV", "NRS 293.705 (personal information)"),
        ("MN", "Minn. Stat. 211B.076 (personal information)"),
    ):
        found = run(
            state=state,
            channel="social_post",
            target_role="county_election_official",
            threat_types=["doxxing"],
            indicators=["doxxing"],
        )
        assert_reviewable(found)
        assert found[0].citation == law, state
        assert "18 U.S.C. 119" in citations(found)
        reason_119 = next(s.reason for s in found if s.citation == "18 U.S.C. 119")
        assert "federal officials" in reason_119
        reason_2261a = next(s.reason for s in found if s.citation == "18 U.S.C. 2261A(2)")
        assert "course of conduct" in reason_2261a


def test_repeated_contact_lifts_cyberstalking() -> None:
    once = run(channel="email", target_role="poll_worker", threat_types=["harassment"])
    again = run(
        channel="email", target_role="poll_worker", threat_types=["harassment"], indicators=["repeated_contact", "escalation"]
    )
    score = {s.citation: s.score for s in once}
    score_again = {s.citation: s.score for s in again}
    assert score_again["18 U.S.C. 2261A(2)"] > score.get("18 U.S.C. 2261A(2)", 0)


def test_voter_intimidation_points_to_594_and_20511() -> None:
    found = run(
        state="NV",
        channel="in_person_voting_site",
        target_role="voter",
        threat_types=["in_person_intimidation"],
        indicators=["direct_threat"],
    )
    assert_reviewable(found)
    assert set(federal(found)[:2]) == {"18 U.S.C. 594", "52 U.S.C. 20511"}
    assert "NRS 293.710" in citations(found)
    assert "18 U.S.C. 875(c)" not in citations(found)  # in person, not a transmitted message


def test_only_offenses_are_suggested_and_no_facts_means_nothing() -> None:
    found = run(state="AZ", channel="social_post", target_role="county_election_official", threat_types=["doxxing"])
    assert "Ariz. SB 1061 (2023)" not in citations(found)  # a records remedy, not a crime
    assert "Ariz. SB 1652 / HB 2532 (2025)" not in citations(found)  # a bill
    assert run(state="AZ", channel="email") == []


def test_state_without_a_file_gets_federal_only_and_unknown_codes_are_ignored() -> None:
    found = run(
        state="KS",
        channel="text_message",
        target_role="poll_worker",
        threat_types=["threat_violence", "nonsense"],
        indicators=["??"],
    )
    assert found and {s.jurisdiction for s in found} == {"federal"}
    assert found[0].citation == "18 U.S.C. 875(c)"
