"""`manage.py assess`: assess messages from outside the system, one JSON object per line.

Each line is checked on its own: a bad line gets an error line naming the problem, and the
other lines are still assessed. Nothing is stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from threatdesk.assessment import Facts, assess
from threatdesk.lib.jsonlines import BadLineError, json_object
from threatdesk.places import gazetteer
from threatdesk.reports.taxonomy import ElectionPhase, TargetRole, ThreatType, channel_from_word

TARGET_WORDS = {
    "election official": TargetRole.LOCAL_OFFICIAL,
    "county election official": TargetRole.LOCAL_OFFICIAL,
    "clerk": TargetRole.LOCAL_OFFICIAL,
    "poll worker": TargetRole.POLL_WORKER,
    "election worker": TargetRole.OFFICE_STAFF,
    "staff": TargetRole.OFFICE_STAFF,
    "secretary of state": TargetRole.CHIEF_STATE_OFFICIAL,
    "board member": TargetRole.BOARD_MEMBER,
    "family": TargetRole.FAMILY_MEMBER,
}


class LineError(ValueError):
    """One input line cannot be assessed; the message says why."""


def _target(value: Any) -> str:
    word = " ".join(str(value).strip().lower().replace("_", " ").split())
    if word.replace(" ", "_") in TargetRole.values:
        return word.replace(" ", "_")
    if word in TARGET_WORDS:
        return str(TARGET_WORDS[word])
    raise LineError(f"unknown target_role {value!r}; see docs/codebook.md")


def facts_from(raw: dict[str, Any], states: set[str]) -> Facts:
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LineError("text is missing or empty")
    channel = ""
    if raw.get("channel"):
        channel = channel_from_word(str(raw["channel"])) or ""
        if not channel:
            raise LineError(f"unknown channel {raw['channel']!r}; see docs/codebook.md")
    state = str(raw.get("state") or "").upper()
    if state and state not in states:
        raise LineError(f"unknown state {raw['state']!r}; use a two-letter code such as AZ")
    types = raw.get("threat_types") or []
    if not isinstance(types, list) or any(t not in ThreatType.values for t in types):
        raise LineError(f"threat_types must be a list of codes from docs/codebook.md, not {types!r}")
    phase = str(raw.get("election_phase") or "")
    if phase and phase not in ElectionPhase.values:
        raise LineError(f"unknown election_phase {phase!r}")
    return Facts(
        text=text,
        channel=channel,
        state=state,
        target_role=_target(raw["target_role"]) if raw.get("target_role") else "",
        threat_types=tuple(types),
        election_phase=phase,
    )


def _statutes(facts: Facts, indicators: tuple[str, ...]) -> list[dict[str, str]]:
    from threatdesk.laws.suggest import suggest

    found = suggest(
        state=facts.state,
        channel=facts.channel,
        target_role=facts.target_role,
        threat_types=facts.threat_types,
        indicators=indicators,
    )
    return [{"citation": s.citation, "reason": s.reason} for s in found]


def assess_line(line: str, states: set[str]) -> dict[str, Any]:
    try:
        raw = json_object(line)
    except BadLineError as exc:
        raise LineError(str(exc)) from exc
    facts = facts_from(raw, states)
    result = assess(facts)
    return {
        "level": result.level,
        "indicators": [{"code": i.code, "label": i.label, "evidence": i.evidence} for i in result.indicators],
        "explanation": result.explanation,
        "statutes": _statutes(facts, result.indicator_codes),
    }


def assess_lines(lines: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    """One answer per non-blank input line, in order: the assessment or {"line": n, "error": ...}."""
    states = {row.code for row in gazetteer.states()}  # from the shipped data: no database needed
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield {"line": number, "error": "not UTF-8 text"}
            continue
        if not line.strip():
            continue
        try:
            yield assess_line(line, states)
        except LineError as exc:
            yield {"line": number, "error": str(exc)}
