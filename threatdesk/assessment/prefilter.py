"""Which indicator patterns could match a text at all, found with one scan for literal words.

Each rule's patterns are run with `search`, which tries every position of the text; for a
pattern whose every match must contain one of a few literal strings ('or else', 'bomb'), a text
holding none of them cannot match, so the search is skipped. Most threat patterns need several
such sets at once (one of 'i will', 'we will'…, one of 'kill', 'shoot'…), and a text must hold a
string of each. The strings are derived from
the parsed patterns themselves, never typed by hand, so the rules stay the only source of truth:
a pattern the derivation cannot reason about gets no filter and is always searched. One
Aho-Corasick automaton finds every rule's strings in a single pass over the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

# The parser the re module itself uses; its public alias sre_parse is deprecated since 3.11.
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import ahocorasick

Literals = frozenset[str]
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


MAX_STRINGS = 256  # beyond this many spellings, a set of strings stops growing
MAX_REQUIRED = 4096  # strings one rule may need the automaton to look for
MAX_CLASS = 16  # a character class of at most this many characters is spelt out
MAX_SETS = 4  # sets one pattern may require together
MIN_EXTRA = 3  # shortest string a set beyond the most selective may have


def _better(current: Literals | None, candidate: Literals | None) -> Literals | None:
    """The more selective of two sets that are each required: longer shortest string, then fewer."""
    if not candidate or "" in candidate:
        return current
    if current is None:
        return candidate
    return min(current, candidate, key=_selectivity)


def _exact(op: Any, av: Any) -> Literals | None:
    """Every string this one item can match, when they are few; None otherwise.

    Anchors and lookarounds match no characters, so for what a match contains they are ''.
    """
    if op is sre.LITERAL:
        return frozenset({chr(av)})
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return frozenset({""})
    if op is sre.IN:
        return _class(av)
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        return None if add_flags or del_flags else _exact_sequence(body)
    if op is sre.BRANCH:
        branches = [_exact_sequence(branch) for branch in av[1]]
        return _union(branches)
    if op in _REPEATS and av[1] <= 3:
        one = _exact_sequence(av[2])
        return _union([_power(one, n) for n in range(av[0], av[1] + 1)]) if one is not None else None
    return None


def _class(items: Any) -> Literals | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < MAX_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None  # a negated class, \w, \d…: too many characters
    return frozenset(chars) if len(chars) <= MAX_CLASS else None


def _union(sets: Sequence[Literals | None], limit: int = MAX_STRINGS) -> Literals | None:
    if any(s is None for s in sets):
        return None
    union = frozenset().union(*sets)  # type: ignore[arg-type]
    return union if len(union) <= limit else None


def _product(left: Literals | None, right: Literals | None) -> Literals | None:
    if left is None or right is None or len(left) * len(right) > MAX_STRINGS:
        return None
    return frozenset(a + b for a in left for b in right)


def _power(one: Literals | None, times: int) -> Literals | None:
    result: Literals | None = frozenset({""})
    for _ in range(times):
        result = _product(result, one)
    return result


def _exact_sequence(items: Sequence[tuple[Any, Any]]) -> Literals | None:
    result: Literals | None = frozenset({""})
    for op, av in items:
        result = _product(result, _exact(op, av))
        if result is None:
            return None
    return result


def _required(items: Sequence[tuple[Any, Any]]) -> Literals | None:
    """A set of strings one of which every match of this sequence contains; None if none is known.
    The most selective of `_candidates`."""
    best: Literals | None = None
    for candidate in _candidates(items):
        best = _better(best, candidate)
    return best


def _candidates(items: Sequence[tuple[Any, Any]]) -> Iterator[Literals | None]:
    """Sets of strings each of which every match of this sequence contains one of.

    Items whose spellings are few are multiplied out into the spellings of the run they form
    ('(?:i|we) will' -> 'i will', 'we will'); a run ends at an item that cannot be spelt out, and
    is then one candidate, as is that item's own set (a group, an alternation whose every branch
    has one, a repeat taken at least once). A candidate may be None or hold '' (nothing known).
    """
    run: Literals = frozenset({""})
    for op, av in items:
        exact = _exact(op, av)
        joined = _product(run, exact)
        if joined is not None:
            run = joined
            continue
        if op in _REPEATS and av[0] >= 1 and (each := _exact_sequence(av[2])) is not None:
            # 'f+u+': the first copies join the run, and the last one touches what follows.
            yield _product(run, _power(each, av[0]))
            run = each
            continue
        yield run
        if exact is not None:
            run = exact  # too many spellings together: start again from this item
            continue
        yield _item_required(op, av)
        run = frozenset({""})
    yield run


def _item_required(op: Any, av: Any) -> Literals | None:
    """The set one item that cannot be spelt out still requires, if any."""
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        return None if add_flags or del_flags else _required(body)  # (?i:…) would need other cases
    if op is sre.BRANCH:
        return _union([_required(branch) for branch in av[1]], MAX_REQUIRED)
    if op in _REPEATS and av[0] >= 1:
        return _required(av[2])
    return None


def required_literals(pattern: re.Pattern[str]) -> Literals | None:
    """Strings one of which every match of `pattern` contains, or None when that is not known."""
    sets = required_sets(pattern)
    return sets[0] if sets else None


def required_sets(pattern: re.Pattern[str]) -> list[Literals]:
    """Sets of strings that every match of `pattern` contains one of each of, most selective first;
    empty when none is known. A text missing any one set cannot match.

    Beyond the most selective set, only sets whose strings all have MIN_EXTRA characters count: a
    set of one-letter words costs the scan a hit at almost every position and rules out little.
    """
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return []
    found = dict.fromkeys(c for c in _candidates(sre_parse.parse(pattern.pattern, pattern.flags)) if c and "" not in c)
    ranked = sorted(found, key=_selectivity)  # stable: of two as selective, the one written first
    return ranked[:1] + [s for s in ranked[1:MAX_SETS] if min(map(len, s)) >= MIN_EXTRA]


def _selectivity(literals: Literals) -> tuple[int, int]:
    """Longer shortest string first, then fewer strings."""
    return (-min(map(len, literals)), len(literals))


class Prefilter:
    """For patterns 0..n-1: which may match a text. A pattern without literals always may."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self._always: set[int] = set()
        self._needs: dict[int, int] = {}  # pattern index -> how many sets it needs found
        self._automaton: Any = ahocorasick.Automaton()
        owners: dict[str, set[tuple[int, int]]] = {}
        for index, pattern in enumerate(patterns):
            sets = required_sets(pattern)
            if not sets:
                self._always.add(index)
            self._needs[index] = len(sets)
            for number, literals in enumerate(sets):
                for literal in literals:
                    owners.setdefault(literal, set()).add((index, number))
        for literal, keys in owners.items():
            self._automaton.add_word(literal, frozenset(keys))
        if owners:
            self._automaton.make_automaton()
        self._empty = not owners

    def candidates(self, text: str) -> set[int]:
        """Indexes of the patterns that may match `text` (a superset of those that do): those with
        no sets, and those each of whose sets has a string in the text."""
        found = set(self._always)
        if self._empty:
            return found
        hits: set[tuple[int, int]] = set()
        for _end, keys in self._automaton.iter(text):
            hits |= keys
        sets_found = Counter(index for index, _number in hits)
        found.update(index for index, count in sets_found.items() if count == self._needs[index])
        return found
