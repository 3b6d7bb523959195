"""The detail a liaison types on a law-enforcement step is erased like the report's own words: an
erasure request takes the protected person out of it, and retention clears it from closed
reports past the policy, keeping the step's kind, date and statutes for the figures."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from threatdesk.audit.selectors import verify_chain
from threatdesk.cases import services
from threatdesk.cases.models import CaseStep, Referral
from threatdesk.privacy.services import protected_person_erase
from threatdesk.reports.models import Report
from threatdesk.reports.redaction import ERASED_LABEL
from threatdesk.testing.payloads import CANARY_PHONE, CANARY_WORKER
from threatdesk.testing.planting import canaries_in, filed_by_reporter, protect_canaries

pytestmark = pytest.mark.django_db

DETAIL = f"Suspect Harlan Voss called {CANARY_WORKER} at {CANARY_PHONE} twice; warrant requested."


def with_step(personas: Any, detail: str = DETAIL) -> CaseStep:
    report = filed_by_reporter(personas)
    referral = services.report_refer(actor=personas.manager, report=report, agency=personas.agency)
    return services.step_record(
        actor=personas.liaison,
        report=report,
        referral=referral,
        kind="investigation_opened",
        occurred_on=timezone.localdate(),
        detail=detail,
    )


def closed_years_ago(report: Report, years: float) -> None:
    when = timezone.now() - dt.timedelta(days=365.25 * years)
    Report.objects.filter(pk=report.pk).update(status="closed", updated_at=when)


def test_an_erasure_request_takes_the_worker_out_of_step_details(personas):
    worker, _son = protect_canaries(personas)
    step = with_step(personas)
    protected_person_erase(actor=personas.manager, person=worker, reason="She asked to be taken out of the system")
    detail = CaseStep.objects.get(pk=step.pk).detail
    assert not canaries_in(detail)
    assert ERASED_LABEL in detail
    assert "Harlan Voss" in detail and "warrant requested" in detail  # the rest of the note stays


def test_retention_clears_step_details_of_closed_reports_past_the_policy(personas):
    old, recent = with_step(personas), with_step(personas, detail="Subpoena served on the carrier.")
    closed_years_ago(old.report, 4)
    closed_years_ago(recent.report, 2)
    out = StringIO()
    call_command("retention", "--dry-run", stdout=out)
    assert "Law-enforcement step details: would erase 1 record(s)" in out.getvalue()
    assert CaseStep.objects.get(pk=old.pk).detail == DETAIL
    call_command("retention", stdout=StringIO())
    gone = CaseStep.objects.get(pk=old.pk)
    assert gone.detail == ""
    assert (gone.kind, gone.occurred_on) == (old.kind, old.occurred_on)
    assert "case_details" in Report.objects.get(pk=old.report_id).personal_data_erased
    assert CaseStep.objects.get(pk=recent.pk).detail == "Subpoena served on the carrier."
    assert Referral.objects.filter(report_id=old.report_id).exists()
    assert verify_chain()[1] == []
