"""Reading a report and its referral afresh, as the next page a user opens would."""

from __future__ import annotations

from threatdesk.cases.models import Referral
from threatdesk.reports.models import Report


def fresh(report: Report) -> Report:
    return Report.objects.get(pk=report.pk)


def referral_of(report: Report) -> Referral:
    """The report's one referral, with its agency."""
    return Referral.objects.select_related("agency").get(report=report)
