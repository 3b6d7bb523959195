"""A submission is redacted and assessed before its transaction, then checked inside it: what
changed in between (a protected person recorded, a report from the same sender stored) is
reflected in what is stored, as if nothing had been worked out in advance."""

from __future__ import annotations

from typing import Any

import pytest

from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit, submitting
from threatdesk.testing.payloads import CANARY_CHILD, CANARY_WORKER, valid_report_payload
from threatdesk.testing.planting import canaries_in, protect_canaries

pytestmark = pytest.mark.django_db


def submit(personas: Any) -> Report:
    stored = report_submit(actor=personas.reporter, data=ReportIn.model_validate(valid_report_payload()), source="api")
    return Report.objects.get(pk=stored.report.pk)


def between_draft_and_store(monkeypatch: Any, act: Any) -> None:
    """Run `act` once, after the next submission was drafted and before its transaction begins."""
    real = submitting._draft
    pending = [act]

    def drafted_then(*args: Any, **kwargs: Any) -> Any:
        draft = real(*args, **kwargs)
        while pending:
            pending.pop()()
        return draft

    monkeypatch.setattr(submitting, "_draft", drafted_then)


def test_a_person_recorded_meanwhile_is_redacted_from_the_copy(personas, monkeypatch):
    between_draft_and_store(monkeypatch, lambda: protect_canaries(personas))
    report = submit(personas)
    copies = report.narrative_redacted + report.message_text_redacted
    assert CANARY_WORKER not in copies and CANARY_CHILD not in copies
    assert not canaries_in(copies)
    assert report.redaction_state == "done"
    assert {"home_family_knowledge", "named_target"} <= {i["code"] for i in report.indicators}


def test_a_report_from_the_sender_stored_meanwhile_counts_as_history(personas, monkeypatch):
    between_draft_and_store(monkeypatch, lambda: submit(personas))
    report = submit(personas)  # another report from the same phone is stored while this one waits
    codes = {i["code"] for i in report.indicators}
    assert "repeated_contact" in codes


def test_without_changes_the_draft_is_stored_as_it_was(personas):
    protect_canaries(personas)
    submit(personas)
    report = submit(personas)
    assert "repeated_contact" in {i["code"] for i in report.indicators}
    assert not canaries_in(report.narrative_redacted + report.message_text_redacted)
