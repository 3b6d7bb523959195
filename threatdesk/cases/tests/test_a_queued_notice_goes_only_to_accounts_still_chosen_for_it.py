"""A queued notice waits (a process stopped before sending it, or the server refused it) while
accounts change: when it goes out, each account it was queued for is mailed only if the rule
that chose it (role and scope: office, agency, state; the filer; the assignee) would choose it
now. Otherwise a worker who has left an office, an agency or a state keeps hearing of its
reports. The contact address of an anonymous filer is mailed as it was left, while the report
still holds it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from threatdesk.accounts.models import Role
from threatdesk.cases import outbox
from threatdesk.cases.models import PendingNotice
from threatdesk.cases.notifications import notify_filer_of_step
from threatdesk.cases.outbox import Recipient
from threatdesk.cases.services import report_assign, report_refer, step_record
from threatdesk.places.models import Agency, State
from threatdesk.reports.models import Report
from threatdesk.testing.cases import fresh, referral_of
from threatdesk.testing.notices import changed, mailed
from threatdesk.testing.payloads import CANARY_EMAIL
from threatdesk.testing.planting import filed_by_reporter, plant_by_form

pytestmark = pytest.mark.django_db

MILD = {"threat_types": ["harassment"], "message_text": "Mild words only.", "narrative": "A mild call."}


def only_what_follows() -> None:
    """Leave out the notices the setting up queued: the test is about the next one."""
    PendingNotice.objects.all().delete()


def declined(personas: Any, report: Report) -> None:
    """The agency declines the referred report: its office is told (`office_step`)."""
    step_record(
        actor=personas.liaison,
        report=fresh(report),
        referral=referral_of(report),
        kind="declined",
        occurred_on=report.occurred_on,
        decline_reason="insufficient_evidence",
    )


def test_an_office_manager_moved_to_another_office_is_not_sent_the_urgent_notice(personas, later):
    filed_by_reporter(personas)  # urgent: the office's manager and the state's coordinator
    later.hold()
    changed(personas.manager, office=personas.other_office)
    later.send()
    assert mailed() == [personas.coordinator.email]


def test_a_coordinator_moved_to_another_state_is_not_sent_the_urgent_notice(personas, later):
    filed_by_reporter(personas)
    later.hold()
    changed(personas.coordinator, state=State.objects.get(code="NV"))
    later.send()
    assert mailed() == [personas.manager.email]


def test_an_office_manager_who_became_an_analyst_is_not_sent_the_urgent_notice(personas, later):
    """An analyst may open every report, but urgent notices go to an office's managers."""
    filed_by_reporter(personas)
    later.hold()
    changed(personas.manager, role=Role.ANALYST, office=None)
    later.send()
    assert mailed() == [personas.coordinator.email]


def test_a_liaison_moved_to_another_agency_is_not_sent_the_referral_notice(personas, later):
    report = filed_by_reporter(personas, **MILD)
    report_refer(actor=personas.manager, report=report, agency=personas.agency)  # the liaisons and the filer
    later.hold()
    police = Agency.objects.create(name="Tucson Police Department", kind=Agency.Kind.LOCAL_POLICE, state=personas.state)
    changed(personas.liaison, agency=police)
    later.send()
    assert mailed() == [personas.reporter.email]


def test_a_former_assignee_is_not_sent_the_office_step_notice(personas, later):
    """The coordinator may still open the report; they were told as its assignee, and are no more."""
    report = filed_by_reporter(personas, **MILD)
    report_assign(actor=personas.manager, report=report, assignee=personas.coordinator)
    report_refer(actor=personas.manager, report=fresh(report), agency=personas.agency)
    only_what_follows()
    declined(personas, report)  # the office's managers and the assignee; and the filer
    later.hold()
    report_assign(actor=personas.manager, report=fresh(report), assignee=None)
    later.send()
    assert mailed() == sorted([personas.manager.email, personas.reporter.email])


def test_an_office_manager_moved_away_is_not_sent_the_office_step_notice(personas, later):
    report = filed_by_reporter(personas, **MILD)
    report_refer(actor=personas.manager, report=report, agency=personas.agency)
    only_what_follows()
    declined(personas, report)
    later.hold()
    changed(personas.manager, office=personas.other_office)
    later.send()
    assert mailed() == [personas.reporter.email]


def test_an_anonymous_filer_is_still_sent_the_step_notice_at_the_address_they_left(personas, later):
    report = Report.objects.get(public_code=plant_by_form(Client()))
    only_what_follows()
    notify_filer_of_step(report, "Arrest")
    later.hold()
    later.send()
    assert mailed() == [CANARY_EMAIL]
    assert not PendingNotice.objects.exists()


def test_a_notice_of_a_kind_without_a_rule_goes_to_no_account(personas, later):
    """No rule says who may have it, so no account is entitled to it; the contact address its
    report holds is, however its letters are cased."""
    report = Report.objects.get(public_code=plant_by_form(Client()))
    only_what_follows()
    to = [Recipient(personas.manager.pk, personas.manager.email), Recipient(None, CANARY_EMAIL.upper())]
    outbox.queue(report, kind="unheard_of", subject="s", body="b", recipients=to)
    later.hold()
    later.send()
    assert mailed() == [CANARY_EMAIL.upper()]
