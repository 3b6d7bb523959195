"""Retention of who filed (1 year by default) takes the filer out of every free text that names
them, as an erasure request takes out a protected person: once the report no longer knows who
filed, nothing could find them later. The detail of a law-enforcement step is such a free text,
kept 3 years and read by the agency's liaisons: a liaison's "interviewed the filer, <name>" loses
the name when the report's words do, not two years later when no record says whose name it was."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from threatdesk.cases import services
from threatdesk.cases.models import CaseStep, Referral
from threatdesk.reports.models import Report
from threatdesk.testing.payloads import CANARY_WORKER
from threatdesk.testing.planting import plant_by_form

pytestmark = pytest.mark.django_db


def test_retention_of_who_filed_takes_the_filer_out_of_step_details(personas):
    report = Report.objects.get(public_code=plant_by_form(Client()))  # filed anonymously by CANARY_WORKER, contact left
    referral = services.report_refer(actor=personas.manager, report=report, agency=personas.agency)
    step = services.step_record(
        actor=personas.liaison,
        report=Report.objects.get(pk=report.pk),
        referral=referral,
        kind="investigation_opened",
        occurred_on=report.occurred_on,
        detail=f"Interviewed the filer, {CANARY_WORKER}, at the office.",
    )
    long_ago = timezone.now() - dt.timedelta(days=730)  # past the filer's 1 year, within the details' 3
    Report.objects.filter(pk=report.pk).update(status="closed", updated_at=long_ago)
    Referral.objects.filter(pk=referral.pk).update(status="closed", status_changed_at=long_ago)
    CaseStep.objects.filter(pk=step.pk).update(recorded_at=long_ago)
    call_command("retention", stdout=io.StringIO())
    erased = Report.objects.get(pk=report.pk)
    assert "reporter" in erased.personal_data_erased and erased.reporter_contact == {}
    assert CANARY_WORKER not in erased.narrative + erased.message_text  # the words lose the filer
    assert CANARY_WORKER not in CaseStep.objects.get(pk=step.pk).detail  # and so does the step's detail
