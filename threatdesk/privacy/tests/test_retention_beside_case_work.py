"""Retention and law enforcement's case: an office may close its side ("handed to the FBI") while
the agency's referral stays open. The words, the sender and the evidence a prosecutor needs are
kept while any referral is open, and for the policy's whole term after the last step."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from threatdesk.cases import services
from threatdesk.cases.models import CaseStep, Referral, ReferralStatus
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.models import Evidence, Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.testing.cases import fresh
from threatdesk.testing.files import use_media_root
from threatdesk.testing.payloads import valid_report_payload
from threatdesk.testing.planting import evidence_uploads

pytestmark = pytest.mark.django_db

YEARS_AGO = timezone.now() - dt.timedelta(days=365.25 * 4)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    return use_media_root(settings, tmp_path)


def referred_and_closed(personas: Any) -> tuple[Report, Referral]:
    """A report with one evidence file, referred, then closed by the office four years ago."""
    checked = [evidence_files.check_upload(f.read(), f.name or "") for f in evidence_uploads()[:1]]
    report = report_submit(
        actor=personas.reporter, data=ReportIn.model_validate(valid_report_payload()), source="web", files=checked
    ).report
    referral = services.report_refer(actor=personas.manager, report=report, agency=personas.agency)
    services.status_change(
        actor=personas.manager, report=fresh(report), target="closed", reason="Handed to the FBI, our part is done"
    )
    Report.objects.filter(pk=report.pk).update(updated_at=YEARS_AGO)
    return fresh(report), Referral.objects.select_related("agency").get(pk=referral.pk)


def kept_whole(report: Report) -> bool:
    stored = fresh(report)
    return stored.personal_data_erased == {} and Evidence.objects.get(report=stored).destroyed_at is None


def retention() -> None:
    call_command("retention", stdout=StringIO())


def test_a_step_recorded_today_keeps_the_evidence_and_words_of_a_report_closed_long_ago(personas):
    """The arrest recorded today starts the case's path to court: the files must still be there."""
    report, referral = referred_and_closed(personas)
    services.step_record(
        actor=personas.liaison, report=report, referral=referral, kind="arrest", occurred_on=timezone.localdate()
    )
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.INVESTIGATING

    retention()

    assert kept_whole(report)
    assert CaseStep.objects.get(referral=referral).detail_erased_on is None


def test_an_open_referral_keeps_the_report_whole_however_long_it_waits(personas):
    """An agency that has not yet written back may still take the case up."""
    report, _referral = referred_and_closed(personas)

    retention()

    assert kept_whole(report)


def test_a_report_whose_referral_was_declined_long_ago_is_erased_as_usual(personas):
    """Once the agency is done and the term has passed, the policy applies as to any closed report."""
    report, referral = referred_and_closed(personas)
    services.step_record(
        actor=personas.liaison,
        report=report,
        referral=referral,
        kind="declined",
        occurred_on=report.occurred_on,
        decline_reason="insufficient_evidence",
    )
    CaseStep.objects.filter(referral=referral).update(recorded_at=YEARS_AGO)
    Report.objects.filter(pk=report.pk).update(updated_at=YEARS_AGO)

    retention()

    assert not kept_whole(report)
