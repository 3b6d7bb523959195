"""A submission is redacted and assessed before its transaction, then checked inside it: what
changed in between (a protected person recorded, a report from the same sender stored) is
reflected in what is stored, as if nothing had been worked out in advance."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from threatdesk.privacy.selectors import redactors
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


def test_a_redactor_another_worker_built_before_a_change_is_not_trusted(personas, monkeypatch):
    """A web worker drafts with the redactor it built last without asking whether it is current;
    the check inside the transaction catches a change made through another worker since."""
    submit(personas)
    office, state = personas.office.pk, personas.office.state_id
    built_before = redactors.known(office_id=office, state_id=state)
    protect_canaries(personas)
    monkeypatch.setattr(redactors, "known", lambda **_where: built_before)
    report = submit(personas)
    assert not canaries_in(report.narrative_redacted + report.message_text_redacted)
    assert {"home_family_knowledge", "named_target"} <= {i["code"] for i in report.indicators}


def test_a_submission_reads_the_people_stamp_and_the_senders_history_once(personas):
    submit(personas)  # the office's redactor is built
    with CaptureQueriesContext(connection) as queries:
        submit(personas)
    statements = [q["sql"] for q in queries.captured_queries]
    # The submission's transaction opens with a SAVEPOINT inside the test's own.
    begin = next(i for i, s in enumerate(statements) if s.startswith(("BEGIN", "SAVEPOINT")))
    stamps = [i for i, s in enumerate(statements) if "privacy_protectedperson" in s]
    histories = [i for i, s in enumerate(statements) if "SELECT r.severity" in s]
    assert len(stamps) == 1 and len(histories) == 1
    assert stamps[0] > begin and histories[0] > begin  # both inside the transaction, after the hold
