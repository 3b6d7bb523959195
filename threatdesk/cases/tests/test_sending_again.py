"""An agency that declined a report may be sent it again once there is something new (the sender
named himself, another call came): its referral opens again, its liaisons are told and it is back
on their queue, while the decline stays on the record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from threatdesk.cases import services
from threatdesk.cases.models import CaseStep, ReferralStatus
from threatdesk.cases.selectors import triage_queue
from threatdesk.reports.models import Report
from threatdesk.reports.services import ReportInputError
from threatdesk.testing.cases import fresh, referral_of
from threatdesk.testing.files import use_media_root
from threatdesk.testing.planting import filed_by_reporter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    return use_media_root(settings, tmp_path)


@pytest.fixture
def declined(personas: Any) -> Report:
    """Referred to the FBI, declined (suspect unidentified), closed, then reopened on new information."""
    report = filed_by_reporter(personas)
    services.report_refer(actor=personas.manager, report=report, agency=personas.agency)
    services.step_record(
        actor=personas.liaison,
        report=fresh(report),
        referral=referral_of(report),
        kind="declined",
        occurred_on=dt.date(2024, 11, 20),
        decline_reason="suspect_unidentified",
    )
    services.status_change(
        actor=personas.manager, report=fresh(report), target="closed", reason="Agency declined, nothing more to do"
    )
    services.status_change(
        actor=personas.manager, report=fresh(report), target="triaged", reason="The sender called again and gave a name"
    )
    return fresh(report)


def test_a_declined_report_can_be_sent_to_the_agency_again(personas, declined, django_capture_on_commit_callbacks):
    """Without this the only way back is for a liaison to stumble on a case they were never told of."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_refer(actor=personas.manager, report=declined, agency=personas.agency, referred_on=timezone.localdate())
    referral = referral_of(declined)
    assert (referral.status, referral.resent_on, referral.referred_on) == (
        ReferralStatus.SENT,
        timezone.localdate(),
        referral.referred_on,
    )
    assert fresh(declined).status == "referred"
    assert declined in list(triage_queue(personas.liaison))
    assert any(personas.liaison.email in m.to for m in mail.outbox)
    assert CaseStep.objects.filter(referral=referral, kind="declined").exists()  # the decline stays on the record


def test_the_case_sent_again_starts_afresh(personas, declined):
    """The earlier decline is the last case's: a backdated step of the new one does not decline it."""
    services.report_refer(actor=personas.manager, report=declined, agency=personas.agency)
    services.step_record(
        actor=personas.liaison,
        report=fresh(declined),
        referral=referral_of(declined),
        kind="arrest",
        occurred_on=dt.date(2024, 11, 10),
    )
    assert referral_of(declined).status == ReferralStatus.INVESTIGATING


def test_an_open_referral_is_not_sent_twice(personas):
    report = filed_by_reporter(personas)
    services.report_refer(actor=personas.manager, report=report, agency=personas.agency)
    with pytest.raises(ReportInputError, match="already referred"):
        services.report_refer(actor=personas.manager, report=fresh(report), agency=personas.agency)
