"""The assessment: indicators fired, a level 0-4 with hard overrides, and an explanation.

Two axes are scored apart: what the words say, and what the sender did (approach, surveillance,
planning, research into home and family, persistence), because people who act often say little.
The level is the higher of the score's level and every override's minimum. The level is a triage
aid, never a legal finding.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Container, Mapping

from django.db.models import TextChoices

from threatdesk.assessment.indicators import (
    BEHAVIOUR,
    BY_CODE,
    CALENDAR_PEAKS,
    CASED,
    CONDUCT,
    FROM_CHANNELS,
    FROM_THREAT_TYPES,
    IN_PERSON_CHANNELS,
    NEGATABLE,
    PATTERNS,
    PREFILTER,
    SUPPORTING,
    THREATS,
    WORDS,
)
from threatdesk.assessment.types import Assessment, Facts, Indicator
from threatdesk.reports.taxonomy import Channel, ThreatType

LEVEL_NAMES = {
    0: "criticism or complaint",
    1: "harassment or abuse",
    2: "concerning: veiled, conditional or inciting",
    3: "serious and specific",
    4: "imminent danger",
}
EVIDENCE_CHARS = 80
LEGAL_NOTE = "May meet a criminal threshold: refer to law enforcement. This level is not a legal finding."


def _evidence(text: str, start: int, end: int) -> str:
    span = " ".join(text[start:end].split())
    return span if len(span) <= EVIDENCE_CHARS else span[: EVIDENCE_CHARS - 1] + "…"


# A negation right before the word, with at most one word between that is not a conjunction: "no
# powder", "did not touch", "nobody has touched it", "no powder or substance"; not the "no" of "no
# stamp and powder came out".
_NEGATION = re.compile(
    r"(?:\b(?:no|not|never|nothing|nobody|none|without|no one)|n't)(?: (?!(?:and|or|nor|but|with|then|until|so)\b)[\w'-]+)?"
    r"(?: (?:or|nor)(?: (?!(?:and|or|nor|but|with|then|until|so)\b)[\w'-]+)?)? $"
)

# Curly quotes read as straight ones; a quote that is not an apostrophe inside a word reads as a
# space, so "he will 'take out' anyone" reads like the words without the quotes.
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_STRAY = re.compile(r"\"|(?<![a-z0-9])'|'(?![a-z0-9])")
# Letters written as digits inside a word: "k1ll", "sh00t", "d3ad". A digit between letters only,
# so "2hrs", "5pm", "ar15" and "1423 elm" are left as they are; the length does not change.
_LEET = re.compile(r"[013457!](?<=[a-z][013457!])[013457!]*(?=[a-z])")  # the class first: a faster scan
_LEET_LETTERS = str.maketrans("013457!", "oieasti")
# Whitespace the tidy form changes: a leading run, and any run that is not one plain space. Single
# spaces between words stay inside the pieces that are copied whole.
_SPACES = re.compile(r"^\s+|\s{2,}|[^\S ]")
_UNTIDY = re.compile(r"\s\s|[^\S ]|\"|(?<![a-z0-9])'|'(?![a-z0-9])")


class Offsets:
    """Where each character of the tidied text came from in the original: the tidied text is the
    original's pieces with each run of spaces cut to one, so a position is found by bisection."""

    def __init__(self) -> None:
        self.tidy: list[int] = []  # where each piece starts in the tidied text
        self.original: list[int] = []  # and in the original

    def add(self, tidy: int, original: int) -> None:
        self.tidy.append(tidy)
        self.original.append(original)

    def __getitem__(self, position: int) -> int:
        piece = bisect.bisect_right(self.tidy, position) - 1
        return self.original[piece] + position - self.tidy[piece]


def _normalised(text: str) -> tuple[str, Offsets | list[int] | None]:
    """Lower case, straight quotes, single spaces; with where each character came from in `text`.

    Patterns are written for that one form, which keeps them short and fast (no IGNORECASE). The
    positions are None when nothing moved, the common case."""
    lowered = text.lower().translate(_QUOTES)
    if len(lowered) != len(text):
        return _normalised_by_character(text)  # a letter whose lower case is longer (İ)
    lowered = _unleet(lowered)
    if not _UNTIDY.search(lowered):
        return lowered, None
    unquoted = _STRAY.sub(" ", lowered)
    pieces: list[str] = []
    offsets = Offsets()
    done = length = 0
    for run in _SPACES.finditer(unquoted):
        if run.start() > done:
            offsets.add(length, done)
            pieces.append(unquoted[done : run.start()])
            length += run.start() - done
        if length:  # spaces before any word are dropped
            offsets.add(length, run.start())
            pieces.append(" ")
            length += 1
        done = run.end()
    if done < len(unquoted):
        offsets.add(length, done)
        pieces.append(unquoted[done:])
    return "".join(pieces), offsets


def _normalised_by_character(text: str) -> tuple[str, list[int]]:
    """The same tidying, one character at a time: for text whose lower case changes its length."""
    pairs = [(low, i) for i, char in enumerate(text) for low in char.lower().translate(_QUOTES)]
    unquoted = _STRAY.sub(" ", "".join(low for low, _i in pairs))
    chars: list[str] = []
    where: list[int] = []
    for low, (_char, i) in zip(unquoted, pairs, strict=True):
        if low.isspace() and (not chars or chars[-1] == " "):
            continue
        chars.append(" " if low.isspace() else low)
        where.append(i)
    return _unleet("".join(chars)), where


def _unleet(lowered: str) -> str:
    """Digits written for letters read as the letters ("k1ll" as "kill"), in place. Most texts hold
    none of those characters, and looking for each with `in` costs far less than a regex scan."""
    if not any(digit in lowered for digit in "013457!"):
        return lowered
    return _LEET.sub(lambda m: m.group().translate(_LEET_LETTERS), lowered)


def _negated(subject: str, start: int) -> bool:
    """'No powder', 'she did not touch it': a negation shortly before the match, same sentence."""
    return bool(_NEGATION.search(subject[max(0, start - 40) : start]))


def read_words(text: str) -> dict[str, Indicator]:
    """The indicators the words alone fire, by code: pure on the text and most of an assessment's
    cost, so a caller assessing many reports may work them out elsewhere (an import does, in worker
    processes) and hand them to `assess`."""
    return _from_words(text)


def _from_words(text: str) -> dict[str, Indicator]:
    fired: dict[str, Indicator] = {}
    subject, where = _normalised(text)
    possible = PREFILTER.candidates(subject)
    first = _first_matches(subject, possible)
    for code, match in first.items():
        rule = BY_CODE[code]
        start, end = (match.start(), match.end()) if where is None else (where[match.start()], where[match.end() - 1] + 1)
        fired[code] = Indicator(code, rule.label, rule.axis, rule.weight, _evidence(text, start, end))
    for index, (rule, pattern) in enumerate(CASED, start=len(PATTERNS)):
        if rule.code not in fired and index in possible and (found := pattern.search(text)):
            fired[rule.code] = Indicator(rule.code, rule.label, rule.axis, rule.weight, _evidence(text, *found.span()))
    return fired


def _first_matches(subject: str, possible: Container[int]) -> dict[str, re.Match[str]]:
    """Each rule's earliest match, in rule order; of two patterns matching at the same place, the
    one written first: what one alternation of the rule's patterns would find. `possible` holds
    the indexes of the patterns the prefilter lets through."""
    first: dict[str, re.Match[str]] = {}
    for index, (rule, pattern) in enumerate(PATTERNS):
        if index not in possible:
            continue
        match = _match(rule.code, pattern, subject)
        if match and (rule.code not in first or match.start() < first[rule.code].start()):
            first[rule.code] = match
    return first


def _match(code: str, pattern: re.Pattern[str], subject: str) -> re.Match[str] | None:
    if code in NEGATABLE:
        return next((m for m in pattern.finditer(subject) if not _negated(subject, m.start())), None)
    return pattern.search(subject)


@functools.cache
def _label(choices: type[TextChoices], code: str) -> str:
    """A coded fact as the filer chose it on the form, for the indicator's evidence. Remembered:
    Django works out an enum's values afresh each time they are asked for."""
    return str(choices(code).label).lower() if code in choices.values else code.replace("_", " ")


def _fact(code: str, evidence: str, weight: int | None = None) -> Indicator:
    rule = BY_CODE[code]
    return Indicator(code, rule.label, rule.axis, rule.weight if weight is None else weight, evidence)


def _from_facts(facts: Facts, fired: dict[str, Indicator]) -> None:
    """Indicators from what the reporter coded and from what the system knows of the sender."""
    for threat_type in facts.threat_types:
        code = FROM_THREAT_TYPES.get(threat_type)
        if code and code not in fired:
            fired[code] = _fact(code, f"reported as {_label(ThreatType, threat_type)}")
    code = FROM_CHANNELS.get(facts.channel)
    if code and code not in fired:
        fired[code] = _fact(code, f"came by {_label(Channel, facts.channel)}")
    kinds = {kind for kind, _found in facts.protected_mentions}
    found = {found for _kind, found in facts.protected_mentions}
    if ("address" in found or "family" in kinds) and "home_family_knowledge" not in fired:
        what = "a protected worker's home address" if "address" in found else "a protected family member"
        fired["home_family_knowledge"] = _fact("home_family_knowledge", f"names {what}")
    if facts.protected_mentions and "named_target" not in fired:
        fired["named_target"] = Indicator("named_target", "A named target", WORDS, 1, "names a protected person")
    history = facts.sender_history
    if history:
        fired.setdefault("repeated_contact", _fact("repeated_contact", f"{len(history)} earlier report(s) from the same sender"))
        if len(history) >= 2 and history[-1] > history[0]:
            fired["escalation"] = Indicator("escalation", "Escalation over time", CONDUCT, 2, f"earlier levels {list(history)}")
    if facts.election_phase in CALENDAR_PEAKS:
        label = facts.election_phase.replace("_", " ")
        fired["calendar_proximity"] = Indicator("calendar_proximity", "Near an election milestone", "context", 0, label)


def _overrides(fired: dict[str, Indicator], facts: Facts) -> list[tuple[int, str]]:
    """(minimum level, why) for every hard rule that applies."""
    rules: list[tuple[int, str]] = []
    threat = THREATS & fired.keys()
    if "direct_threat" in fired:
        # A facility is a named target too: the office, the polling place or the count it names.
        named = "named_target" in fired or facts.target_role not in ("", "other")
        rules.append((3, "direct threat to a named person or place") if named else (2, "direct threat"))
        if "time_place" in fired:
            rules.append((3, "a direct threat with a time or place"))
    if {"conditional_threat", "veiled_threat", "incitement", "doxxing", "fixation_markers"} & fired.keys():
        rules.append((2, "veiled, conditional or inciting words, doxxing or fixation"))
    if threat and "home_family_knowledge" in fired:
        rules.append((3, "a threat together with knowledge of home or family"))
    if "threat_to_family" in fired:
        rules.append((3, "a threat to family"))
    behaviour = sorted(BEHAVIOUR & fired.keys())
    if behaviour:
        rules.append((3, "conduct: " + ", ".join(BY_CODE[c].label.lower() for c in behaviour)))
    if "announced_approach" in fired and "weapon_possession" in fired:
        rules.append((3, "a visit announced with a weapon"))
    on_site = facts.channel in IN_PERSON_CHANNELS
    in_person = on_site or "approach" in fired
    # "Remember that when you're counting tonight": a veiled word and an hour are not yet a threat for the hour.
    explicit = {"direct_threat", "threat_to_family"} & fired.keys()
    acts = {"hoax_swatting", "weapon_means", "attack", "home_family_knowledge", "surveillance", "announced_approach", "planning"}
    # An hour to come is a threat for the hour with a threat or a deed that points to it; a photograph
    # taken this afternoon, or a visit on site today, happened already.
    acts_to_come = acts - {"surveillance"} | {"weapon_possession"}
    if ("imminent" in fired and (explicit or in_person or acts & fired.keys())) or (
        "within_hours" in fired and (explicit or acts_to_come & fired.keys())
    ):
        rules.append((4, "it may be happening now or within hours"))
    if on_site and explicit:
        rules.append((4, "a threat made in person"))
    if "attack" in fired:
        rules.append((4, "an attack or a weapon in person"))
    if "suspicious_mail" in fired and "exposure" in fired:
        rules.append((4, "someone may have been exposed to a substance"))
    if "weapon_possession" in fired and in_person:
        rules.append((4, "a weapon in person"))
    return rules


def _threat_or_conduct(fired: Mapping[str, Indicator]) -> bool:
    """Whether a threat or anything the sender did fired: "lol" does not undo knowing a worker's home."""
    return bool((THREATS | BEHAVIOUR) & fired.keys()) or any(i.axis == CONDUCT for i in fired.values())


def _score_level(score: int) -> int:
    if score <= 0:
        return 0
    if score <= 2:
        return 1
    return 2 if score <= 5 else 3


def _explain(level: int, score: int, fired: dict[str, Indicator], overrides: list[tuple[int, str]]) -> str:
    words = [i for i in fired.values() if i.axis == WORDS and i.weight]
    conduct = [i for i in fired.values() if i.axis == CONDUCT and i.weight]
    parts = [f"Level {level} ({LEVEL_NAMES[level]})."]
    if words:
        parts.append("The words: " + "; ".join(f'{i.label.lower()} ("{i.evidence}")' for i in words) + ".")
    if conduct:
        parts.append("The conduct: " + "; ".join(f"{i.label.lower()} ({i.evidence})" for i in conduct) + ".")
    binding = [why for minimum, why in overrides if minimum == level]
    if binding:
        parts.append(f"At least level {level} because of " + " and ".join(binding) + ".")
    if "hyperbole" in fired:
        parts.append(f'Read as a figure of speech in part ("{fired["hyperbole"].evidence}").')
    parts.append(f"Score {score}.")
    parts.append(LEGAL_NOTE if level >= 2 else "Document it and keep it with the others from this sender.")
    return " ".join(parts)


def assess(facts: Facts, *, words: Mapping[str, Indicator] | None = None) -> Assessment:
    """Assess one incident. Pure: the same facts always give the same answer.

    `words`, when given, is what `read_words(facts.text)` returned, and `facts.text` is not read.
    """
    fired = dict(words) if words is not None else _from_words(facts.text or "")
    _from_facts(facts, fired)
    reaching_home = THREATS | {"announced_approach"}
    if "home_family_mention" in fired and "home_family_knowledge" not in fired and reaching_home & fired.keys():
        # "Your house", "your kids" in a threat or a visit announced are the threat reaching home; in
        # kind words, a mention.
        fired["home_family_knowledge"] = _fact("home_family_knowledge", fired.pop("home_family_mention").evidence)
    in_person = facts.channel in IN_PERSON_CHANNELS
    meaningful = THREATS | BEHAVIOUR | {"home_family_knowledge", "doxxing", "weapon_possession", "announced_approach"}
    supporting = SUPPORTING & fired.keys() - {"calendar_proximity"}
    armed_with_a_when = "weapon_means" in supporting and len(supporting) >= 2  # "in an hour … bring the rifles"
    if not meaningful & fired.keys() and not armed_with_a_when:
        # A date or a gun club alone is no sign of anything; on site, a weapon seen or someone there
        # now still is.
        for code in SUPPORTING - {"calendar_proximity"} - ({"weapon_means", "imminent"} if in_person else set()):
            fired.pop(code, None)
    score = sum(i.weight for i in fired.values())
    if "calendar_proximity" in fired and score:
        score = round(score * 1.25)
    level = _score_level(score)
    if "hyperbole" in fired and not _threat_or_conduct(fired):
        # A figure of speech lowers urgency, never a real threat's, and a laugh does not undo an insult.
        level = max(int("abuse" in fired), level - 1)
    overrides = _overrides(fired, facts)
    level = max([level, *(minimum for minimum, _why in overrides)])
    ordered = tuple(sorted(fired.values(), key=lambda i: (-i.weight, i.code)))
    return Assessment(
        level=level,
        score=score,
        indicators=ordered,
        overrides=tuple(why for _minimum, why in overrides),
        explanation=_explain(level, score, fired, overrides),
    )
