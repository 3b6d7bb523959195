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


def with_step(
    personas: Any, detail: str = DETAIL, *, report: Report | None = None, recorded_years_ago: float = 0, why: str = ""
) -> CaseStep:
    """A step on `report` (a new one by default), recorded by the FBI liaison that long ago;
    `why` the report went to that agency, where it is out of the agency's state."""
    report = report or filed_by_reporter(personas)
    referral = Referral.objects.filter(report=report).first()
    referral = referral or services.report_refer(actor=personas.manager, report=report, agency=personas.agency, reason=why)
    step = services.step_record(
        actor=personas.liaison,
        report=report,
        referral=referral,
        kind="investigation_opened",
        occurred_on=report.occurred_on,
        detail=detail,
    )
    CaseStep.objects.filter(pk=step.pk).update(recorded_at=timezone.now() - dt.timedelta(days=365.25 * recorded_years_ago))
    return CaseStep.objects.get(pk=step.pk)


def closed_years_ago(report: Report, years: float) -> None:
    """The office closed the report, and the agency its referral, that long ago."""
    when = timezone.now() - dt.timedelta(days=365.25 * years)
    Report.objects.filter(pk=report.pk).update(status="closed", updated_at=when)
    Referral.objects.filter(report=report).update(status="closed", status_changed_at=when)


def retention(*args: str) -> str:
    out = StringIO()
    call_command("retention", *args, stdout=out)
    return out.getvalue()


def test_an_erasure_request_takes_the_worker_out_of_step_details(personas):
    worker, _son = protect_canaries(personas)
    step = with_step(personas)
    protected_person_erase(actor=personas.manager, person=worker, reason="She asked to be taken out of the system")
    detail = CaseStep.objects.get(pk=step.pk).detail
    assert not canaries_in(detail)
    assert ERASED_LABEL in detail
    assert "Harlan Voss" in detail and "warrant requested" in detail  # the rest of the note stays


def test_an_erasure_takes_the_worker_out_of_step_details_on_her_offices_report_about_another_state(personas):
    """Her office's report about another state is redacted against her office's people, so an
    erasure reaches its words and its steps' detail too (`reports_of_state_people`)."""
    worker, _son = protect_canaries(personas)
    report = filed_by_reporter(personas, state="NV", county="")
    assert report.office_id == personas.office.pk and report.state.code == "NV"
    step = with_step(personas, report=report, why="The sender lives in Phoenix, FBI Phoenix has it")
    protected_person_erase(actor=personas.manager, person=worker, reason="She asked to be taken out of the system")

    words = Report.objects.get(pk=report.pk)
    assert not canaries_in(words.narrative + words.message_text)  # the report's own words lose her
    assert canaries_in(CaseStep.objects.get(pk=step.pk).detail) == []  # and so does its steps' detail


def test_retention_clears_step_details_of_closed_reports_past_the_policy(personas):
    old = with_step(personas, recorded_years_ago=4)
    recent = with_step(personas, detail="Subpoena served on the carrier.", recorded_years_ago=2)
    closed_years_ago(old.report, 4)
    closed_years_ago(recent.report, 2)
    assert "Law-enforcement step details: would erase 1 record(s)" in retention("--dry-run")
    assert CaseStep.objects.get(pk=old.pk).detail == DETAIL
    assert "Law-enforcement step details: erased 1 record(s)" in retention()
    gone = CaseStep.objects.get(pk=old.pk)
    assert (gone.detail, gone.detail_erased_on) == ("", timezone.localdate())
    assert (gone.kind, gone.occurred_on) == (old.kind, old.occurred_on)
    assert CaseStep.objects.get(pk=recent.pk).detail == "Subpoena served on the carrier."
    assert Referral.objects.filter(report_id=old.report_id).exists()
    assert "Law-enforcement step details: erased 0 record(s)" in retention()
    assert verify_chain()[1] == []


def test_a_step_recorded_today_on_a_long_closed_report_keeps_its_detail_its_full_term(personas):
    step = with_step(personas, detail="Sentencing hearing set for next month.")
    closed_years_ago(step.report, 4)
    retention()
    assert CaseStep.objects.get(pk=step.pk).detail == "Sentencing hearing set for next month."


def test_a_step_recorded_after_an_earlier_run_is_cleared_by_a_later_one(personas):
    first = with_step(personas, recorded_years_ago=5)
    closed_years_ago(first.report, 5)
    retention()
    later = with_step(personas, "Suspect arrested at home.", report=first.report, recorded_years_ago=4)
    closed_years_ago(first.report, 4)
    retention()
    assert CaseStep.objects.get(pk=later.pk).detail == ""


def test_a_merged_duplicates_step_details_are_kept_while_the_case_it_joined_is_worked_on(personas):
    """The duplicate went to the same agency, which recorded a step on it; once merged, its case
    goes on in the other report, so its step details stay while that case is still referred."""
    duplicate_step = with_step(personas, recorded_years_ago=5)
    case = filed_by_reporter(personas)
    services.report_refer(actor=personas.manager, report=case, agency=personas.agency)
    services.report_merge(actor=personas.manager, duplicate=duplicate_step.report, into=case, reason="Same caller")
    closed_years_ago(duplicate_step.report, 5)
    retention()
    assert CaseStep.objects.get(pk=duplicate_step.pk).detail == DETAIL
