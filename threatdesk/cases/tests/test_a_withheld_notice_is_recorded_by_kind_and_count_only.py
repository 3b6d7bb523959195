"""When an account is no longer entitled to a queued notice, it is crossed off the message (so no
later retry mails it either) and the audit trail and the log say so by the kind of the notice
and a count, never by address or name."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from threatdesk.accounts.models import Role
from threatdesk.audit.models import AuditEvent
from threatdesk.cases import outbox
from threatdesk.cases.models import PendingNotice
from threatdesk.cases.notifications import notify_filer_of_step
from threatdesk.cases.services import report_refer
from threatdesk.places.models import Agency
from threatdesk.testing.notices import MEMORY, RefusingServer, changed, mailed
from threatdesk.testing.planting import filed_by_reporter

pytestmark = pytest.mark.django_db

MILD = {"threat_types": ["harassment"], "message_text": "Mild words only.", "narrative": "A mild call."}
WITHHELD = "cases.notification.withheld"


def withheld() -> list[dict[str, Any]]:
    return [e.payload for e in AuditEvent.objects.filter(action=WITHHELD).order_by("seq")]


def logged(caplog: Any) -> str:
    return "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)


def test_a_switched_off_filer_is_recorded_as_withheld_and_the_notice_removed(personas, later, caplog):
    caplog.set_level(logging.DEBUG)
    report = filed_by_reporter(personas, **MILD)
    notify_filer_of_step(report, "Arrest")
    later.hold()
    changed(personas.reporter, is_active=False)
    later.send()
    assert mailed() == []
    assert not PendingNotice.objects.exists()
    assert withheld() == [{"event": "filer_step", "withheld": 1}]
    assert "withheld" in logged(caplog)
    assert "@" not in logged(caplog) and personas.reporter.username not in logged(caplog)


def test_a_referral_notice_withheld_names_the_agency_by_code(personas, later):
    report = filed_by_reporter(personas, **MILD)
    report_refer(actor=personas.manager, report=report, agency=personas.agency)
    later.hold()
    changed(personas.liaison, role=Role.REPORTER, agency=None)
    later.send()
    assert withheld() == [{"event": "referral", "agency": personas.agency.public_code, "withheld": 1}]


def test_an_account_withheld_is_crossed_off_while_a_refused_one_waits_for_its_retry(personas, settings):
    filed_by_reporter(personas)  # urgent: the office's manager and the state's coordinator
    police = Agency.objects.create(name="Tucson Police Department", kind=Agency.Kind.LOCAL_POLICE, state=personas.state)
    changed(personas.manager, role=Role.LIAISON, office=None, agency=police)
    settings.EMAIL_BACKEND = f"{RefusingServer.__module__}.RefusingServer"
    outbox.send_due()
    [waiting] = PendingNotice.objects.all()
    assert waiting.addresses == [[personas.coordinator.pk, personas.coordinator.email]]
    assert withheld() == [{"event": "urgent_report", "withheld": 1}]
    settings.EMAIL_BACKEND = MEMORY
    changed(personas.manager, role=Role.OFFICE_MANAGER, office=personas.office, agency=None)  # back, too late
    outbox.send_due(now=waiting.due_at)
    assert mailed() == [personas.coordinator.email]
