"""The prefilter only ever skips a rule that cannot match: the literals it derives from a pattern
are in every match of it, and the engine's answers are the same with it and without it."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threatdesk.assessment import Facts, assess, engine
from threatdesk.assessment.indicators import CASED, PATTERNS, PREFILTER, RULES, WORDS, Rule
from threatdesk.assessment.prefilter import Prefilter, required_literals, required_sets


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


def test_a_pattern_needs_a_string_of_each_of_its_sets():
    pattern = re.compile(r"\b(?:i|we) will\s+(?:kill|shoot)\s+(?:all|each) of you\b")
    assert required_sets(pattern) == [{"all of you", "each of you"}, {"i will", "we will"}, {"kill", "shoot"}]
    prefilter = Prefilter([pattern])
    assert prefilter.candidates("we will shoot all of you") == {0}
    assert prefilter.candidates("i will shoot hoops with each of them") == set()  # no 'of you'
    assert prefilter.candidates("all of you: i will vote") == set()  # no 'kill' or 'shoot'


def test_sets_of_short_strings_beyond_the_first_are_left_out():
    # 'a'/'an' would be found in nearly every text; only the set of longer strings is kept.
    assert required_sets(re.compile(r"\b(?:a|an)\s+(?:bomb|device)\b")) == [{"bomb", "device"}]


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_every_match_of_every_pattern_is_let_through(rule):
    indexes = [index for index, (owner, _pattern) in enumerate(PATTERNS) if owner is rule]
    if not indexes:
        pytest.skip(f"{rule.code} has no patterns")

    drawn_match = st.sampled_from(indexes).flatmap(lambda i: st.tuples(st.just(i), st.from_regex(PATTERNS[i][1])))

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
    @given(drawn_match, st.text(max_size=20), st.text(max_size=20))
    def check(drawn: tuple[int, str], before: str, after: str) -> None:
        index, match = drawn
        text = f"{before} {match} {after}".lower()
        if PATTERNS[index][1].search(text):
            assert index in PREFILTER.candidates(text)

    check()


def test_every_pattern_has_strings_the_prefilter_looks_for():
    """A pattern with none is searched in every text, whatever it holds: the engine's cost."""
    assert [pattern.pattern for _rule, pattern in PATTERNS + CASED if not required_sets(pattern)] == []


@pytest.mark.parametrize(("rule", "pattern"), CASED, ids=[f"{rule.code}-cased-{i}" for i, (rule, _p) in enumerate(CASED)])
def test_a_pattern_run_on_the_words_as_written_is_let_through_by_their_lower_case(rule, pattern):
    """Patterns that need capitals (names) are run on the original text, but the prefilter reads the
    lower-cased one: every string it looks for must be in lower case, and every match let through."""
    assert all(literal == literal.lower() for literals in required_sets(pattern) for literal in literals)
    index = len(PATTERNS) + CASED.index((rule, pattern))

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(pattern), st.text(max_size=20), st.text(max_size=20))
    def check(match: str, before: str, after: str) -> None:
        text = f"{before} {match} {after}"
        if pattern.search(text):
            assert index in PREFILTER.candidates(engine._normalised(text)[0])

    check()


class _Everything:
    def candidates(self, text: str) -> range:
        return range(len(PATTERNS) + len(CASED))


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


def test_a_rule_is_evidenced_by_its_earliest_match_and_by_the_first_written_pattern_on_a_tie(monkeypatch):
    # As one alternation of the three would: 'kill you' starts later, and at 'I' the second is written first.
    rule = Rule("direct_threat", "Direct threat of violence", WORDS, 3, (r"\bkill you\b", r"\bi will kill\b", r"\bi will\b"))
    patterns = tuple((rule, pattern) for pattern in rule.compiled())
    monkeypatch.setattr(engine, "PATTERNS", patterns)
    monkeypatch.setattr(engine, "PREFILTER", Prefilter(pattern for _rule, pattern in patterns))
    assert engine.read_words("Then I will kill you.")["direct_threat"].evidence == "I will kill"
    assert engine.read_words("Kill you, I will.")["direct_threat"].evidence == "Kill you"
