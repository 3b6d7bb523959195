"""Regular expressions applied to what anyone may type must not backtrack without bound.

The public report form takes two texts of up to 20,000 characters each and redacts both before
storing the report (and again each time the filer's browser opens the receipt, and for an API
answer to the filer). Before these patterns were made possessive, "Car tag" + 2,000 spaces + "!1"
took 17 s to redact (cubic in the spaces), "dob" + 19,990 spaces 31 s, and an API `occurred_on`
of 32,000 digits and a letter 23 s before its 422 (quadratic); now each takes a few milliseconds.

The cause was always the same shape: two unbounded repeats that can match the same character
(`\\s*(?:is|:)?\\s*`, `\\d+\\.?\\d*`) with only optional items between them, so a failing match
tries every way of splitting a run between them, or a lookahead that reads to the end of the text
from every place it is tried. These tests look for those shapes in the parsed patterns, so they
take no time and do not depend on the machine; a possessive or atomic repeat (`\\s*+`), or a
pattern rewritten so that the split is unique, passes.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest

from threatdesk.privacy import identifiers, redaction
from threatdesk.reports import schemas

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)
_POSSESSIVE = getattr(sre, "POSSESSIVE_REPEAT", None)
_ATOMIC = getattr(sre, "ATOMIC_GROUP", None)
# Characters to probe a character class with: enough to tell spaces, letters, digits and signs apart.
_PROBE = [chr(c) for c in range(0x20, 0x7F)] + ["\t", "\n", "\r", "\u00a0", "\u2003", "\u00e9", "\u0663"]


def _category(category: Any, ch: str) -> bool:
    word = ch.isalnum() or ch == "_"
    return {
        sre.CATEGORY_SPACE: ch.isspace(),
        sre.CATEGORY_NOT_SPACE: not ch.isspace(),
        sre.CATEGORY_DIGIT: ch.isdecimal(),
        sre.CATEGORY_NOT_DIGIT: not ch.isdecimal(),
        sre.CATEGORY_WORD: word,
        sre.CATEGORY_NOT_WORD: not word,
    }.get(category, True)


def _chars(op: Any, av: Any) -> set[str] | None:
    """The probe characters one single-character item matches (either case); None for any other item."""
    if op is sre.LITERAL:
        return {ch for ch in _PROBE if chr(av) in (ch, ch.lower(), ch.upper())}
    if op is sre.NOT_LITERAL:
        return {ch for ch in _PROBE if ch != chr(av)}
    if op is sre.ANY:
        return set(_PROBE) - {"\n"}
    if op is not sre.IN:
        return None
    negated = any(iop is sre.NEGATE for iop, _ in av)
    found = set()
    for ch in _PROBE:
        hit = any(_class_item(iop, iav, ch) for iop, iav in av)
        if hit != negated:
            found.add(ch)
    return found


def _class_item(op: Any, av: Any, ch: str) -> bool:
    cases = (ch, ch.lower(), ch.upper())
    if op is sre.LITERAL:
        return chr(av) in cases
    if op is sre.RANGE:
        return any(av[0] <= ord(c) <= av[1] for c in cases)
    return op is sre.CATEGORY and _category(av, ch)


def _nullable(op: Any, av: Any) -> bool:
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT, sre.GROUPREF):
        return True
    if op in _REPEATS or op is _POSSESSIVE:
        return av[0] == 0 or all(_nullable(*item) for item in av[2])
    if op is sre.SUBPATTERN:
        return all(_nullable(*item) for item in av[3])
    if op is _ATOMIC:
        return all(_nullable(*item) for item in av)
    if op is sre.BRANCH:
        return any(all(_nullable(*item) for item in branch) for branch in av[1])
    return False


def _unbounded(op: Any, av: Any) -> set[str] | None:
    """The characters of a backtracking `x*`, `x+`, `x*?` over one character item; None otherwise."""
    if op in _REPEATS and av[1] == sre.MAXREPEAT and len(av[2]) == 1:
        return _chars(*av[2][0])
    return None


def ambiguous_runs(items: Any) -> list[str]:
    """Pairs of unbounded repeats over overlapping characters with only optional items between."""
    found: list[str] = []
    pending: set[str] | None = None
    for op, av in items:
        chars = _unbounded(op, av)
        if chars is not None:
            if pending and chars & pending:
                found.append("".join(sorted(chars & pending)))
            pending = chars
            continue
        if op is sre.SUBPATTERN:
            found += ambiguous_runs(av[3])
        elif op is sre.BRANCH:
            for branch in av[1]:
                found += ambiguous_runs(branch)
        elif op in _REPEATS or op is _POSSESSIVE:
            found += ambiguous_runs(av[2])
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            found += ambiguous_runs(av[1])
        if not _nullable(op, av):
            pending = None
    return found


def lookarounds_across_words(items: Any, inside: bool = False) -> list[str]:
    """Unbounded repeats inside a lookaround that can run over letters and spaces alike: tried at
    each position of a text, such a lookaround reads the rest of the text each time."""
    found: list[str] = []
    for op, av in items:
        chars = _unbounded(op, av)
        if chars is not None and inside and " " in chars and "a" in chars:
            found.append("".join(sorted(chars))[:30])
        if op is sre.SUBPATTERN:
            found += lookarounds_across_words(av[3], inside)
        elif op is sre.BRANCH:
            for branch in av[1]:
                found += lookarounds_across_words(branch, inside)
        elif op in _REPEATS or op is _POSSESSIVE:
            found += lookarounds_across_words(av[2], inside)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            found += lookarounds_across_words(av[1], True)
    return found


def _parsed(pattern: re.Pattern[str]) -> Any:
    return sre_parse.parse(pattern.pattern, pattern.flags)


def test_the_checks_tell_a_safe_pattern_from_an_unsafe_one() -> None:
    assert ambiguous_runs(_parsed(re.compile(r"dob\s*(?:is|:)?\s*\d")))
    assert ambiguous_runs(_parsed(re.compile(r"\d+\.?\d*")))
    assert not ambiguous_runs(_parsed(re.compile(r"dob\s*+(?:is|:)?\s*\d")))
    assert not ambiguous_runs(_parsed(re.compile(r"dob(?:\s*(?:is|:))?\s*\d|\d+(?:\.\d*)?")))
    assert lookarounds_across_words(_parsed(re.compile(r"x(?=[a-z ]*\d)")))
    assert not lookarounds_across_words(_parsed(re.compile(r"x(?=[a-z ]{0,12}\d)")))


# The generic patterns the redactor runs over every report's narrative and exact words.
@pytest.mark.parametrize("name", sorted(redaction.PATTERNS))
def test_redaction_pattern_has_no_ambiguous_runs(name: str) -> None:
    assert ambiguous_runs(_parsed(redaction.PATTERNS[name])) == []


@pytest.mark.parametrize("name", sorted(redaction.PATTERNS))
def test_redaction_pattern_has_no_lookaround_that_reads_across_words(name: str) -> None:
    # PATTERNS["plate"]: `(?=[A-Za-z0-9 -]*\d)` reads on to the first digit from every "tag" or
    # "plate": "plate " * 3333 + "!1" takes 1.3 s, "tag   " * 3333 + "!1" 4.2 s.
    assert lookarounds_across_words(_parsed(redaction.PATTERNS[name])) == []


# Every compiled pattern of the modules that read what a filer typed, under its module's name:
# a pattern added later is checked too.
_USER_TEXT_PATTERNS = {
    f"{module.__name__.rsplit('.', 1)[-1]}.{name}": value
    for module in (redaction, identifiers, schemas)
    for name, value in vars(module).items()
    if isinstance(value, re.Pattern)
}


@pytest.mark.parametrize("name", sorted(_USER_TEXT_PATTERNS))
def test_no_pattern_that_reads_typed_text_has_either_shape(name: str) -> None:
    pattern = _parsed(_USER_TEXT_PATTERNS[name])
    assert (ambiguous_runs(pattern), lookarounds_across_words(pattern)) == ([], [])


def test_the_date_check_has_no_ambiguous_runs() -> None:
    # ReportIn.occurred_on and occurred_time run `_NUMBER.fullmatch` on whatever string is sent.
    assert ambiguous_runs(_parsed(schemas._NUMBER)) == []


class _CountingList(list):  # type: ignore[type-arg]
    """A list that counts the items its slices copy."""

    copied = 0

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):
            _CountingList.copied += len(range(*key.indices(len(self))))
        return super().__getitem__(key)


def test_a_long_run_of_digits_costs_linear_work_when_a_phone_is_known(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a known phone (the report's own sender's, or any protected worker's of the office), every
    run of digits is searched for it group by group, and each group copies every group before it
    (`_ends_an_area_code(groups[:first])`): "1 " * 10,000 takes 1.3 s per text, quadratic."""
    real = redaction._ends_an_area_code
    _CountingList.copied = 0
    monkeypatch.setattr(redaction, "_ends_an_area_code", lambda groups, first: real(_CountingList(groups), first))
    redactor = redaction.Redactor([redaction.Person(key="sender", kind="sender", phones=["+16025550199"])])
    groups = 4000
    result = redactor.redact("1 " * groups)
    assert result.text == "1 " * groups  # no phone in it
    # A few groups back are all an area code needs; 16 per group is generous.
    assert _CountingList.copied <= 16 * groups
