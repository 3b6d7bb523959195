"""The prefilter only ever skips a rule that cannot match: the literals it derives from a pattern
are in every match of it, and the engine's answers are the same with it and without it."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threatdesk.assessment import Facts, assess, engine
from threatdesk.assessment.indicators import COMPILED, PREFILTER
from threatdesk.assessment.prefilter import Prefilter, required_literals


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\bor else\b", {"or else"}),
        (r"\b(?:i|we) will\b", {"i will", "we will"}),
        (r"\bidiots?\b", {"idiot", "idiots"}),
        (r"\bf+u+c+k+", {"fu"}),  # "ffuuck": only "fu" is sure to be there in one piece
        (r"\bcall(?:ed|ing)\b.{0,40}\bagain\b", {"called", "calling"}),  # longer than "again"
        (r"[a-z]+ing", {"ing"}),
        (r"\bdox(?:x)?(?:ed|ing)?\b", {"dox", "doxx", "doxed", "doxing", "doxxed", "doxxing"}),
    ],
)
def test_literals_are_what_every_match_contains(pattern, literals):
    assert required_literals(re.compile(pattern)) == literals


@pytest.mark.parametrize("pattern", [r"\w+", r"a?b?", r"(?:foo|\d+)", r"(?i:threat)", r"x*"])
def test_patterns_without_sure_literals_are_always_searched(pattern):
    assert required_literals(re.compile(pattern)) is None
    assert Prefilter([re.compile(pattern)]).candidates("") == {0}


def test_a_text_without_a_rules_literals_skips_only_that_rule():
    patterns = [re.compile(r"\bbomb\b"), re.compile(r"\bgun\b"), re.compile(r"\d")]
    assert Prefilter(patterns).candidates("he has a gun") == {1, 2}


@pytest.mark.parametrize("index", range(len(COMPILED)), ids=[rule.code for rule, _pattern in COMPILED])
def test_every_match_of_every_rule_is_let_through(index):
    rule, pattern = COMPILED[index]
    if pattern is None:
        pytest.skip(f"{rule.code} has no patterns")

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(pattern), st.text(max_size=20), st.text(max_size=20))
    def check(match: str, before: str, after: str) -> None:
        text = f"{before} {match} {after}".lower()
        if pattern.search(text):
            assert index in PREFILTER.candidates(text)

    check()


class _Everything:
    def candidates(self, text: str) -> range:
        return range(len(COMPILED))


@pytest.mark.parametrize(
    "text",
    [
        "I will find you after the count and you will pay. We know where your kids go to school.",
        "Nice quiet street you live on. Be a shame if anything happened there. lol jk",
        "A man photographed staff cars in the lot at 9 pm and asked when the clerk leaves.",
        "Envelope with white powder, no return address; she did not touch it. F***ing traitors.",
    ],
)
def test_the_engine_answers_the_same_without_the_prefilter(text, monkeypatch):
    facts = Facts(text=text, channel="email", target_role="poll_worker")
    with_prefilter = assess(facts)
    monkeypatch.setattr(engine, "PREFILTER", _Everything())
    assert assess(facts) == with_prefilter
