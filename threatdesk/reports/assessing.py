"""Assess a report as it is stored: the engine reads its facts, the report keeps the result.

The engine reads the redacted copy when there is one, so the evidence spans it keeps name no
one and may be shown to every role that sees the report. They quote the copy all the same, so
they are sealed with it (`Report.indicators`, `Report.severity_reasons`). When redaction failed
it reads the original words, and only the indicator codes are kept, without their evidence.

What the filer is told is worked out apart, when they read it (`assessed_alone`): the report from
itself alone, with nothing the office's records or the sender's other reports add.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from threatdesk.assessment import Facts, Indicator, assess, read_words
from threatdesk.lib import sql
from threatdesk.privacy.redaction import Redactor
from threatdesk.reports.redaction import RedactionState, filer_account, make_copies

HISTORY_LIMIT = 50  # levels kept per report, oldest first


def sender_history(digests: Sequence[str], *, before: tuple[datetime, int] | None = None) -> tuple[int, ...]:
    """Levels of earlier reports that share a sender pseudonym, oldest first; with `before` (a
    stored report's time of receipt and id), only those that came in before it: received
    earlier, or at the same moment and stored first, as an import's rows without a time are.
    It runs twice for every submission, hence plain SQL."""
    from threatdesk.reports.models import Report, SenderIdentifier

    if not digests:
        return ()
    digests = list(dict.fromkeys(digests))
    statement = (
        f"SELECT r.severity FROM {sql.table(Report)} r WHERE r.severity IS NOT NULL AND r.id IN"  # noqa: S608
        f" (SELECT i.report_id FROM {sql.table(SenderIdentifier)} i WHERE i.digest IN ({sql.placeholders(len(digests))}))"
    )
    params: list[Any] = list(digests)
    if before is not None:
        statement += " AND (r.received_at < %s OR (r.received_at = %s AND r.id < %s))"
        params += [sql.when(before[0]), sql.when(before[0]), before[1]]
    statement += f" ORDER BY r.received_at, r.id LIMIT {HISTORY_LIMIT}"
    return tuple(level for (level,) in sql.rows(statement, params))


def history_before(report: Any) -> tuple[int, ...]:
    """Levels of the reports from the same sender received before this stored one."""
    digests = [identifier.digest for identifier in report.sender_identifiers.all()]
    return sender_history(digests, before=(report.received_at, report.pk))


# An earlier report: (received_at, 0 and pk if stored / 1 and position if in the file, level).
_Earlier = tuple[datetime, int, int, int]


def _stored_reports(digests: Sequence[str], chunk: int = 900) -> dict[str, list[_Earlier]]:
    """The assessed stored reports of each sender pseudonym, oldest first, read in chunks."""
    from threatdesk.reports.models import SenderIdentifier

    stored: dict[str, list[_Earlier]] = {}
    columns = ("digest", "report_id", "report__received_at", "report__severity")
    for start in range(0, len(digests), chunk):
        rows = SenderIdentifier.objects.filter(digest__in=digests[start : start + chunk])
        for digest, pk, received_at, level in rows.values_list(*columns):
            if level is not None:
                stored.setdefault(digest, []).append((received_at, 0, pk, level))
    for earlier in stored.values():
        earlier.sort()
    return stored


class RunningHistory:
    """Sender histories for many reports stored together, oldest first (bulk import).

    The stored reports that share any of the given pseudonyms are read once, in chunks; each
    report assessed is then added with `add`, so a later one from the same sender counts it.
    `before` answers as `history_before` will once everything is stored: stored reports received
    earlier or at the same moment (they were stored first), and every report added so far.
    """

    def __init__(self, digests: Iterable[str]) -> None:
        self._wanted = list(dict.fromkeys(digests))
        self._stored = _stored_reports(self._wanted)
        self._added: dict[str, list[_Earlier]] = {}
        self._count = 0

    def stale(self) -> bool:
        """Whether the stored reports it read have changed since (a report of one of its senders
        stored, removed or assessed again): a caller that assessed before its transaction asks
        this inside it, and assesses again if so."""
        return _stored_reports(self._wanted) != self._stored

    def before(self, digests: Sequence[str], received_at: datetime) -> tuple[int, ...]:
        """Levels of the earlier reports sharing any of `digests`, oldest first, at most HISTORY_LIMIT."""
        found: set[_Earlier] = set()
        for digest in digests:
            stored = self._stored.get(digest, [])
            earlier = stored[: bisect.bisect_left(stored, (received_at, 1))]  # ties: stored ones came first
            found.update(earlier[:HISTORY_LIMIT], self._added.get(digest, [])[:HISTORY_LIMIT])
        return tuple(level for *_when, level in sorted(found)[:HISTORY_LIMIT])

    def add(self, digests: Sequence[str], received_at: datetime, level: int) -> None:
        """Count a report just assessed; reports must come oldest first."""
        entry = (received_at, 1, self._count, level)
        self._count += 1
        for digest in digests:
            self._added.setdefault(digest, []).append(entry)


def reassessed(report: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    """A stored report's computed fields again, from `values` (its fields with new copies)."""
    threat_types = [t.code for t in report.threat_types.all()]
    return assessment_values(values, threat_types, history_before(report))


_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u2019\u201d)\]]*\s*$")


def _joined(texts: Iterable[str | None]) -> str:
    """Texts one after the other, each ending its last sentence: the engine reads a line break as
    a space, and "I'm going to kill you" followed by "It came by text" is no "kill you it"."""
    kept = [t for t in texts if t]
    ended = [t if _SENTENCE_END.search(t) else t.rstrip() + "." for t in kept[:-1]]
    return "\n".join([*ended, *kept[-1:]])


def _text(values: Mapping[str, Any]) -> str:
    """The words the engine reads: the redacted copy when there is one, else the originals."""
    if values.get("redaction_state") == RedactionState.DONE:
        return _joined((values.get("message_text_redacted"), values.get("narrative_redacted")))
    return _joined((values.get("message_text"), values.get("narrative")))


def words_of(values: Mapping[str, Any]) -> dict[str, Indicator]:
    """What the report's words alone say to the engine: the costly part of an assessment, and free
    of the sender's history, so an import works it out in its worker processes."""
    return read_words(_text(values))


def facts_of(values: Mapping[str, Any], threat_types: Sequence[str], history: tuple[int, ...]) -> Facts:
    text = _text(values)
    mentions = tuple((m.get("kind", "worker"), found) for m in values.get("protected_mentions") or [] for found in m["found"])
    return Facts(
        text=text,
        channel=values.get("channel", ""),
        target_role=values.get("target_role", ""),
        threat_types=tuple(threat_types),
        election_phase=values.get("election_phase", ""),
        protected_mentions=mentions,
        sender_history=history,
    )


def assessment_values(
    values: Mapping[str, Any],
    threat_types: Sequence[str],
    history: tuple[int, ...],
    *,
    words: Mapping[str, Indicator] | None = None,
) -> dict[str, Any]:
    """The report's computed fields: indicators (with safe evidence), level, and the explanation.
    `words` is `words_of(values)` when worked out already (an import's workers do), so that the
    engine does not read the words again."""
    result = assess(facts_of(values, threat_types, history), words=words)
    indicators = _stored(result.indicators)
    if values.get("redaction_state") != RedactionState.DONE:
        return {"severity": result.level, **without_quotes(indicators, result.level)}
    return {"indicators": indicators, "severity": result.level, "severity_reasons": [result.explanation]}


def _stored(indicators: Iterable[Indicator]) -> list[dict[str, Any]]:
    return [{"code": i.code, "label": i.label, "axis": i.axis, "weight": i.weight, "evidence": i.evidence} for i in indicators]


def without_quotes(indicators: Sequence[Mapping[str, Any]], level: int | None) -> dict[str, Any]:
    """An assessment's indicators and explanation with nothing of the words in them: each indicator
    keeps its code, label, axis and weight but no evidence, and the explanation names the level
    and the codes. What is kept when the words may not be quoted: no redacted copy could be made,
    or retention erased the words."""
    codes = ", ".join(i["code"] for i in indicators)
    return {
        "indicators": [{**i, "evidence": ""} for i in indicators],
        "severity_reasons": [f"Level {level}; indicators: {codes}."] if level is not None else [],
    }


def level_without(report: Any, left_out: frozenset[str], threat_types: Sequence[str] | None = None) -> int | None:
    """The level the report's assessment gives with the indicators `left_out` never fired, and
    every rule that rests on them unapplied: the engine run again on what was stored, with no
    protected persons and no sender history. `threat_types` if the caller has them in hand.
    None while the report is not assessed."""
    if report.severity is None:
        return None
    kept = {
        i["code"]: Indicator(i["code"], i["label"], i["axis"], i["weight"], i.get("evidence", ""))
        for i in report.indicators or []
        if i["code"] not in left_out
    }
    facts = Facts(
        text="",
        channel=report.channel,
        target_role=report.target_role,
        threat_types=tuple(report.threat_type_codes if threat_types is None else threat_types),
        election_phase=report.election_phase,
    )
    return assess(facts, words=kept).level


# Indicators that may come from other records than the report: the protected persons its words
# name, and the sender's other reports.
FROM_OTHER_RECORDS = frozenset({"repeated_contact", "escalation", "named_target", "home_family_knowledge"})

# What the report alone is assessed from: its own words and coded facts, and who sent and filed it.
_ALONE_FIELDS = (
    *("public_code", "message_text", "narrative", "redaction_state", "channel", "target_role", "election_phase"),
    *("sender_name", "sender_phones", "sender_emails", "sender_handles", "reporter_contact", "reporter_id"),
)


@dataclass(frozen=True)
class Alone:
    """A report's assessment from the report alone: its level and its indicators (as stored)."""

    level: int | None
    indicators: list[dict[str, Any]]


def assessed_alone(report: Any, threat_types: Sequence[str] | None = None) -> Alone:
    """The report assessed from itself alone, as its filer may know it: its own words, redacted
    as they would be if no one were protected, and its coded facts, with no sender history.

    Nothing of it depends on the office's records, so whoever files can learn none of them from
    it: a typed name or address gives the same level, indicators and advice whether or not it is
    a protected worker's, and a typed phone the same whether or not it sent other reports. What
    the words say stays ("I know where you live. Tonight." is a threat for tonight to the filer
    too). A report whose words retention erased has only its stored indicators left: those that
    may come from other records are left out, and the level is worked out again without them.
    `threat_types` if the caller has them in hand. The level is None while the report is not
    assessed."""
    deferred = report.get_deferred_fields() & {*_ALONE_FIELDS, "severity", "indicators"}
    if deferred:  # a report read for its receipt holds only what the receipt shows
        report.refresh_from_db(fields=sorted(deferred))
    if report.severity is None:
        return Alone(None, [])
    types = report.threat_type_codes if threat_types is None else threat_types
    if report.redaction_state == RedactionState.ERASED:
        kept = [i for i in report.indicators or [] if i["code"] not in FROM_OTHER_RECORDS]
        return Alone(level_without(report, FROM_OTHER_RECORDS, types), kept)
    values = {name: getattr(report, name) for name in _ALONE_FIELDS}
    copies = make_copies(values, redactor=Redactor(), reporter_name=filer_account(report)[0])
    result = assess(facts_of({**values, **copies.values()}, types, ()))
    return Alone(result.level, _stored(result.indicators))
