"""`manage.py redact_reports` redoes the copies state by state, each in its own transaction. A run
interrupted between states (Ctrl-C, a kill, a deploy restarting the box) keeps the states done so
far, with their rewritten copies, levels and indicators, and the audit trail must show each of
them: every state is committed with its own `reports.copies.redone` event.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from threatdesk.audit.models import AuditEvent
from threatdesk.reports.management.commands import redact_reports
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.testing.payloads import valid_report_payload

pytestmark = pytest.mark.django_db


def submit(**overrides: Any) -> Report:
    data = ReportIn.model_validate(valid_report_payload(**overrides))
    return report_submit(actor=None, data=data, source="api").report


def raw_copies() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, narrative_redacted FROM reports_report ORDER BY id")
        return dict(cursor.fetchall())


def test_an_interrupted_run_either_changes_nothing_or_leaves_an_audit_event(personas: Any, monkeypatch: Any) -> None:
    submit()  # AZ
    submit(state="NV", county="Clark")
    before = raw_copies()
    real = redact_reports.redo_state
    calls = []

    def stopped_after_the_first_state(state_id: int) -> int:
        calls.append(state_id)
        if len(calls) > 1:
            raise KeyboardInterrupt  # the operator's Ctrl-C, between two states
        return real(state_id)

    monkeypatch.setattr(redact_reports, "redo_state", stopped_after_the_first_state)
    with pytest.raises(KeyboardInterrupt):
        call_command("redact_reports", verbosity=0)
    changed = [pk for pk, token in raw_copies().items() if before[pk] != token]
    audited = AuditEvent.objects.filter(action="reports.copies.redone").exists()
    assert not changed or audited, f"{len(changed)} report(s) redacted again with nothing in the audit trail"
