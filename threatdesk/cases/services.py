"""Writes for case work: refer a report to an agency."""

from __future__ import annotations

import functools
from typing import Any

from django.db import transaction

from threatdesk.audit import services as audit
from threatdesk.cases import notifications
from threatdesk.cases.models import Referral
from threatdesk.places.models import Agency
from threatdesk.places.selectors import agencies_serving
from threatdesk.reports.models import Report
from threatdesk.reports.taxonomy import Status


class ReferralError(ValueError):
    """The referral cannot be made as asked; `field` names what to fix."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def agency_serves(agency: Agency, report: Report) -> bool:
    return agencies_serving(report.state).filter(pk=agency.pk).exists()


@transaction.atomic
def report_refer(*, actor: Any, report: Report, agency: Agency, reason: str = "") -> Referral:
    """Refer `report` to `agency`; an agency outside the report's state needs a stated reason."""
    reason = " ".join(reason.split())
    if not agency_serves(agency, report) and not reason:
        raise ReferralError("reason", f"{agency.name} is outside {report.state.name}: say why it should have this report")
    if Referral.objects.filter(report=report, agency=agency).exists():
        raise ReferralError("agency", f"already referred to {agency.name}")
    referral = Referral.objects.create(report=report, agency=agency, referred_by=actor)
    transaction.on_commit(functools.partial(notifications.notify_referral, referral))
    if report.status in (Status.NEW, Status.TRIAGED):
        Report.objects.filter(pk=report.pk).update(status=Status.REFERRED)
        transaction.on_commit(functools.partial(notifications.notify_filer_of_step, report, notifications.REFERRED_STEP))
    audit.log("cases.report.referred", actor=actor, obj=report, reason=reason, payload={"agency": agency.public_code})
    return referral
