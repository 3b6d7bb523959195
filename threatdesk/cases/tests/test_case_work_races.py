"""Case work from stale pages and sent twice, links that become merges, and where the figures' waits start."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from threatdesk.audit.models import AuditEvent
from threatdesk.cases import services
from threatdesk.cases.figures import figures_for
from threatdesk.cases.models import CaseStep, LinkKind, Referral, ReferralStatus, ReportLink
from threatdesk.reports.models import Report
from threatdesk.reports.services import ReportInputError
from threatdesk.reports.taxonomy import Status
from threatdesk.testing.cases import fresh, referral_of
from threatdesk.testing.clients import signed_in
from threatdesk.testing.planting import filed_by_reporter, protect_canaries

pytestmark = pytest.mark.django_db


@pytest.fixture
def referred(personas: Any) -> Report:
    protect_canaries(personas)
    report = filed_by_reporter(personas)
    services.report_refer(actor=personas.manager, report=report, agency=personas.agency)
    return fresh(report)


def step(personas: Any, report: Report, kind: str, day: int, *, referral: Referral | None = None, **more: Any) -> None:
    """The liaison records `kind` on `day` November 2024, from a fresh page unless given the referral."""
    services.step_record(
        actor=personas.liaison,
        report=fresh(report),
        referral=referral or referral_of(report),
        kind=kind,
        occurred_on=dt.date(2024, 11, day),
        **more,
    )


def test_a_case_number_from_a_stale_page_does_not_reopen_a_declined_referral(personas, referred):
    stale = referral_of(referred)  # the liaison's page was loaded while the referral was "sent"
    step(personas, referred, "declined", 20, decline_reason="insufficient_evidence")
    services.referral_case_number(actor=personas.liaison, referral=stale, number="PX-2024-0042")
    assert referral_of(referred).status == ReferralStatus.DECLINED  # not back to "accepted" (an open referral)


def test_a_step_from_a_stale_page_moves_the_referral_as_a_fresh_one_would(personas, referred):
    step(personas, referred, "investigation_opened", 10)
    stale = referral_of(referred)  # "under investigation" when the page was loaded
    step(personas, referred, "declined", 20, decline_reason="insufficient_evidence")  # a colleague, meanwhile
    step(personas, referred, "arrest", 21, referral=stale)
    # An arrest after the decline: with a fresh copy the referral is "under investigation" again
    # (REFERRAL_STATUS_AFTER); with the stale copy it stays "declined" and leaves the liaison's queue.
    assert referral_of(referred).status == ReferralStatus.INVESTIGATING


def test_submitting_the_same_step_twice_stores_it_once(personas, referred):
    liaison = signed_in(personas.liaison)
    data = {"kind": "arrest", "occurred_on": "2024-11-20", "detail": "Arrested at home"}
    first = liaison.post(f"/reports/{referred.public_code}/steps/", data)
    second = liaison.post(f"/reports/{referred.public_code}/steps/", data)  # a double click
    assert first.status_code == 302
    assert CaseStep.objects.count() == 1, f"second answer {second.status_code}"
    assert AuditEvent.objects.filter(action="cases.step.recorded").count() == 1


def test_reports_linked_as_same_sender_can_still_be_merged(personas):
    original, duplicate = filed_by_reporter(personas), filed_by_reporter(personas)
    services.reports_link(actor=personas.manager, report=duplicate, other=original, kind=LinkKind.SAME_SENDER)
    services.report_merge(
        actor=personas.manager, duplicate=fresh(duplicate), into=fresh(original), reason="Same voicemail, filed twice"
    )
    assert fresh(duplicate).status == Status.CLOSED
    assert ReportLink.objects.filter(from_report=duplicate, to_report=original, kind=LinkKind.DUPLICATE).exists()


def test_a_merged_duplicate_cannot_be_referred(personas):
    original, duplicate = filed_by_reporter(personas), filed_by_reporter(personas)
    services.report_merge(actor=personas.manager, duplicate=duplicate, into=original, reason="Same voicemail, filed twice")
    answer = signed_in(personas.manager).post(f"/reports/{duplicate.public_code}/refer/", {"agency": personas.agency.public_code})
    assert answer.status_code == 422
    assert f"merged into {original.public_code}" in answer.content.decode()
    assert not Referral.objects.exists()
    assert not AuditEvent.objects.filter(action="cases.report.referred").exists()


def test_the_filers_timeline_names_the_report_merged_into_when_they_filed_it_too(personas):
    original, duplicate = filed_by_reporter(personas), filed_by_reporter(personas)
    services.report_merge(actor=personas.manager, duplicate=duplicate, into=original, reason="Same voicemail, filed twice")
    page = signed_in(personas.reporter).get(f"/reports/{duplicate.public_code}/")
    assert original.public_code in [link.report.public_code for link in page.context["links"]]  # they may open it
    merged = [item for item in page.context["timeline"] if item.what.startswith("Merged into")]
    assert [item.detail for item in merged] == [original.public_code]


def test_the_agency_wait_counts_from_the_day_the_agency_was_told(personas):
    from django.utils import timezone

    report = filed_by_reporter(personas)
    Report.objects.filter(pk=report.pk).update(received_at=dt.datetime(2024, 11, 7, 10, 0, tzinfo=dt.UTC))
    # Told by phone on 8 November; the office types the referral in on 20 November.
    referral = services.report_refer(
        actor=personas.manager, report=fresh(report), agency=personas.agency, referred_on=dt.date(2024, 11, 8)
    )
    Referral.objects.filter(pk=referral.pk).update(referred_at=dt.datetime(2024, 11, 20, 9, 0, tzinfo=dt.UTC))
    step(personas, report, "investigation_opened", 10)  # two days after the agency was told
    assert timezone.localdate() > dt.date(2024, 11, 20)
    _offices, (agency,) = figures_for(personas.manager)
    assert agency.to_first_action.count == 1
    assert agency.to_first_action.median == 48.0  # 8 Nov 00:00 to 10 Nov 00:00, not "no wait"


def test_a_referred_report_is_not_merged_away_from_its_agency(personas, referred):
    other = filed_by_reporter(personas)
    with pytest.raises(ReportInputError, match=f"merge {other.public_code} into {referred.public_code} instead"):
        services.report_merge(actor=personas.manager, duplicate=fresh(referred), into=other, reason="Same voicemail, filed twice")
    assert not ReportLink.objects.exists() and fresh(referred).status == Status.REFERRED
    services.report_merge(actor=personas.manager, duplicate=other, into=fresh(referred), reason="Same voicemail, filed twice")
    assert ReportLink.objects.get().to_report == referred


def test_a_referred_report_merges_into_one_referred_to_the_same_agency(personas, referred):
    other = filed_by_reporter(personas)
    services.report_refer(actor=personas.manager, report=other, agency=personas.agency)
    services.report_merge(
        actor=personas.manager, duplicate=fresh(referred), into=fresh(other), reason="Same voicemail, filed twice"
    )
    assert fresh(referred).status == Status.CLOSED


def test_the_status_page_of_a_merged_duplicate_follows_the_case_where_it_goes_on(personas, referred):
    duplicate = filed_by_reporter(personas)
    services.report_merge(actor=personas.manager, duplicate=duplicate, into=fresh(referred), reason="Same voicemail, filed twice")
    step(personas, referred, "arrest", 21)
    page = Client().get(f"/status/{duplicate.public_code}/").content.decode()
    assert 'id="merged-note"' in page and "combined with another report" in page
    assert "Arrest" in page
    assert referred.public_code not in page  # the other report's code is its receipt code
    assert 'id="merged-note"' not in Client().get(f"/status/{referred.public_code}/").content.decode()


def test_a_referral_told_the_day_of_receipt_and_typed_in_the_next_day_counts_as_no_wait(personas):
    report = filed_by_reporter(personas)
    # Received at 14:00 on 7 November; the agency is phoned that afternoon; typed in next morning.
    Report.objects.filter(pk=report.pk).update(received_at=dt.datetime(2024, 11, 7, 14, 0, tzinfo=dt.UTC))
    referral = services.report_refer(
        actor=personas.manager, report=Report.objects.get(pk=report.pk), agency=personas.agency, referred_on=dt.date(2024, 11, 7)
    )
    Referral.objects.filter(pk=referral.pk).update(referred_at=dt.datetime(2024, 11, 8, 9, 0, tzinfo=dt.UTC))
    (office,), _agencies = figures_for(personas.manager)
    assert (office.to_referral.count, office.to_referral.median) == (1, 0.0)


def test_a_report_merged_away_takes_its_own_duplicates_along(personas):
    """A into B, then B into C: A's case goes on in C, so A is merged into C, not into a closed
    duplicate its filer's page would stop at."""
    a, b, c = filed_by_reporter(personas), filed_by_reporter(personas), filed_by_reporter(personas)
    services.report_merge(actor=personas.manager, duplicate=a, into=b, reason="Same voicemail twice")
    services.report_merge(actor=personas.manager, duplicate=fresh(b), into=c, reason="Same voicemail twice")
    merged = set(ReportLink.objects.filter(kind=LinkKind.DUPLICATE).values_list("from_report", "to_report"))
    assert merged == {(a.pk, c.pk), (b.pk, c.pk)}
    assert AuditEvent.objects.filter(action="cases.report.merged", payload__into=c.public_code).count() == 2
