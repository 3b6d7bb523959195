"""Assess a report as it is stored: the engine reads its facts, the report keeps the result.

The engine reads the redacted copy when there is one, so the evidence spans it keeps name no
one and may be shown to every role that sees the report. When redaction failed it reads the
original words, and only the indicator codes are kept, without their evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from threatdesk.assessment import Facts, assess
from threatdesk.reports.redaction import RedactionState

HistoryLookup = Callable[[Sequence[str]], tuple[int, ...]]


def no_history(digests: Sequence[str]) -> tuple[int, ...]:
    return ()


def sender_history(digests: Sequence[str]) -> tuple[int, ...]:
    """Levels of earlier reports that share a sender pseudonym, oldest first."""
    from threatdesk.reports.models import Report

    if not digests:
        return ()
    earlier = Report.objects.filter(sender_identifiers__digest__in=list(digests), severity__isnull=False).distinct()
    levels = earlier.order_by("received_at").values_list("severity", flat=True)[:50]
    return tuple(level for level in levels if level is not None)


def history_before(report: Any) -> tuple[int, ...]:
    """Levels of the reports from the same sender received before this one, oldest first."""
    from threatdesk.reports.models import Report

    digests = [identifier.digest for identifier in report.sender_identifiers.all()]
    if not digests:
        return ()
    earlier = Report.objects.filter(
        sender_identifiers__digest__in=digests, severity__isnull=False, received_at__lt=report.received_at
    ).distinct()
    return tuple(level for level in earlier.order_by("received_at").values_list("severity", flat=True)[:50] if level is not None)


def reassessed(report: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    """A stored report's computed fields again, from `values` (its fields with new copies)."""
    threat_types = [t.code for t in report.threat_types.all()]
    return assessment_values(values, threat_types, history_before(report))


def facts_of(values: Mapping[str, Any], threat_types: Sequence[str], history: tuple[int, ...]) -> Facts:
    redacted = values.get("redaction_state") == RedactionState.DONE
    if redacted:
        text = "\n".join(t for t in (values.get("message_text_redacted"), values.get("narrative_redacted")) if t)
    else:
        text = "\n".join(t for t in (values.get("message_text"), values.get("narrative")) if t)
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


def assessment_values(values: Mapping[str, Any], threat_types: Sequence[str], history: tuple[int, ...]) -> dict[str, Any]:
    """The report's computed fields: indicators (with safe evidence), level, and the explanation."""
    result = assess(facts_of(values, threat_types, history))
    keep_evidence = values.get("redaction_state") == RedactionState.DONE
    indicators = [
        {"code": i.code, "label": i.label, "axis": i.axis, "weight": i.weight, "evidence": i.evidence if keep_evidence else ""}
        for i in result.indicators
    ]
    reasons = [result.explanation if keep_evidence else f"Level {result.level}; indicators: {', '.join(result.indicator_codes)}."]
    return {"indicators": indicators, "severity": result.level, "severity_reasons": reasons}
