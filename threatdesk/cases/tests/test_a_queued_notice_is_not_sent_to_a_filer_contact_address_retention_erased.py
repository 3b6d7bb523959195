"""When retention erases who filed a report, the contact address its anonymous filer left is
gone from the outbox too: a notice waiting for that report (the server refused it, or the
process that queued it stopped) loses the address in retention's transaction, and whenever it
goes out it is mailed to a contact address only while the report it is about still holds it.
The outbox keeps its own copy of the address (a queued notice's `addresses`); otherwise that copy
outlives the erasure and mail goes out to a filer the system no longer knows.

Realistic path: a duplicate filed anonymously and merged long ago is at rest; a step recorded on
the report it was merged into queues a notice to the duplicate's filer (`notify_filer_of_step`
tells the filers of merged duplicates, each about the duplicate they filed); the mail server
refuses it; the nightly retention erases the duplicate's filer; the next retry would mail them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from threatdesk.audit.models import AuditEvent
from threatdesk.cases.models import PendingNotice
from threatdesk.cases.notifications import notify_filer_of_step
from threatdesk.cases.services import report_merge
from threatdesk.reports.models import Report
from threatdesk.testing.notices import mailed
from threatdesk.testing.payloads import CANARY_EMAIL
from threatdesk.testing.planting import filed_by_reporter, plant_by_form

pytestmark = pytest.mark.django_db

MILD = {"threat_types": ["harassment"], "message_text": "Mild words only.", "narrative": "A mild call."}


def filed_anonymously() -> Report:
    """A report filed by form without an account, leaving the canary contact address."""
    report = Report.objects.get(public_code=plant_by_form(Client()))
    PendingNotice.objects.all().delete()  # only the notices that follow
    return report


def erased_by_retention(report: Report) -> None:
    """The report has been closed and at rest for two years: the nightly retention erases who filed."""
    Report.objects.filter(pk=report.pk).update(status="closed", updated_at=timezone.now() - dt.timedelta(days=730))
    call_command("retention", stdout=io.StringIO())
    assert Report.objects.get(pk=report.pk).reporter_contact == {}


def test_a_notice_queued_before_retention_erased_the_filer_is_not_mailed_to_their_erased_address(personas, later):
    report = filed_anonymously()
    notify_filer_of_step(report, "Arrest")
    later.hold()
    erased_by_retention(report)
    later.send()
    assert CANARY_EMAIL not in mailed()
    assert not PendingNotice.objects.exists()


def test_a_contact_address_the_report_no_longer_holds_is_crossed_off_unmailed_whatever_took_it_off(personas, later):
    """The report is read again at send time whatever took the address off it, not only after retention."""
    report = filed_anonymously()
    notify_filer_of_step(report, "Arrest")
    later.hold()
    Report.objects.filter(pk=report.pk).update(reporter_contact={"email": "another.address@example.org"})
    later.send()
    assert mailed() == []
    assert not PendingNotice.objects.exists()
    withheld = AuditEvent.objects.filter(action="cases.notification.withheld")
    assert [event.payload for event in withheld] == [{"event": "filer_step", "withheld": 1}]


def test_retention_takes_the_erased_address_off_the_waiting_notice_before_any_send(personas):
    report = filed_anonymously()
    notify_filer_of_step(report, "Arrest")  # its transaction never commits: the notice waits unsent
    erased_by_retention(report)
    assert [notice.addresses for notice in PendingNotice.objects.all()] == [[]]
    withheld = AuditEvent.objects.filter(action="cases.notification.withheld")
    assert [event.payload for event in withheld] == [{"event": "filer_step", "withheld": 1}]


def test_a_merged_duplicates_filer_erased_by_retention_is_not_mailed_while_the_survivors_filer_is(personas, later):
    duplicate = filed_anonymously()
    survivor = filed_by_reporter(personas, **MILD)
    report_merge(actor=personas.manager, duplicate=duplicate, into=survivor, reason="Same call, filed twice")
    PendingNotice.objects.all().delete()
    notify_filer_of_step(survivor, "Arrest")
    later.hold()
    erased_by_retention(duplicate)
    later.send()
    assert mailed() == [personas.reporter.email]
