"""What staff do to a stored report: reveal its words to a liaison, set its level by hand."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from threatdesk.audit import services as audit
from threatdesk.lib.text import tidy
from threatdesk.reports import listeners
from threatdesk.reports.access import may_reveal
from threatdesk.reports.models import Report, Reveal
from threatdesk.reports.services.building import FieldError, ReportInputError


class RevealRefusedError(PermissionError):
    """Only a liaison of an agency the report was referred to may reveal its words."""


MIN_REVEAL_REASON = 10


@transaction.atomic
def report_reveal(*, actor: Any, report: Report, reason: str) -> Reveal:
    """Let a liaison read the original words for REVEAL_MINUTES; the reason goes to the audit trail."""
    if not may_reveal(actor, report):
        raise RevealRefusedError("not referred to your agency")
    reason = tidy(reason)
    if len(reason) < MIN_REVEAL_REASON:
        raise ReportInputError([FieldError("reason", f"say why, in at least {MIN_REVEAL_REASON} characters")])
    now = timezone.now()
    reveal = Reveal.objects.create(
        report=report, user=actor, granted_at=now, expires_at=now + timedelta(minutes=settings.REVEAL_MINUTES)
    )
    audit.log(
        "reports.report.revealed",
        actor=actor,
        obj=report,
        reason=reason[:500],
        payload={"minutes": settings.REVEAL_MINUTES, "agency": actor.agency.public_code if actor.agency_id else ""},
    )
    return reveal


@transaction.atomic
def level_override(*, actor: Any, report: Report, level: int, reason: str) -> Report:
    """Set the level by hand, keeping the computed one; the reason goes to the audit trail."""
    reason = tidy(reason)
    errors = []
    if level not in range(5):
        errors.append(FieldError("level", "choose a level from 0 to 4"))
    if len(reason) < MIN_REVEAL_REASON:
        errors.append(FieldError("reason", f"say why, in at least {MIN_REVEAL_REASON} characters"))
    if errors:
        raise ReportInputError(errors)
    before = report.level
    Report.objects.filter(pk=report.pk).update(severity_override=level)
    audit.log(
        "reports.report.level_overridden",
        actor=actor,
        obj=report,
        reason=reason[:500],
        payload={"computed": report.severity, "before": report.severity_override, "level": level},
    )
    report.severity_override = level
    listeners.level_set(report, before=before)
    return report
