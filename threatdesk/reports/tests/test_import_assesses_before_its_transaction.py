"""An import's save assesses its rows and readies them for the database before its transaction.

On SQLite that transaction holds the one write lock that every filing waits on, so the costly
part of a save (assessing 100,000 rows in order of receipt, sealing what the assessment quotes)
must not run inside it. What was assessed outside must still be what a save inside would have
stored: if a stored report of one of the file's senders changed meanwhile, the rows are assessed
again inside.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from threatdesk.privacy.selectors import people_stamp
from threatdesk.reports import importer
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import importing, report_submit
from threatdesk.reports.tests.test_import_reports import csv_row, write_csv
from threatdesk.testing.payloads import valid_report_payload

# Committed for real, so that the save's own transaction is the outermost one.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = "(602) 555-0142"


def sender_rows(*external_ids: str) -> list[dict[str, str]]:
    """Rows linked only by their sender's phone, received on 8 and 9 November 2024."""
    return [
        csv_row(
            external_id=external_id,
            received_at=f"2024-11-0{8 + n}T09:00:00-07:00",
            sender_name="",
            sender_emails="",
            sender_handles="",
            sender_phones=PHONE,
        )
        for n, external_id in enumerate(external_ids)
    ]


def in_transaction_at_each_assessment(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each row's assessment ran inside a transaction, in the order they ran."""
    seen: list[bool] = []
    real = importing.ImportDraft.assess

    def assess(draft: importing.ImportDraft, history: tuple[int, ...]) -> None:
        seen.append(connection.in_atomic_block)
        real(draft, history)

    monkeypatch.setattr(importing.ImportDraft, "assess", assess)
    return seen


def repeated_contact(external_id: str) -> list[str]:
    report = Report.objects.get(submission_key=f"import:{external_id}")
    return [i["evidence"] for i in report.indicators if i["code"] == "repeated_contact"]


def test_rows_are_assessed_before_the_transaction_that_stores_them(tmp_path: Path, monkeypatch):
    drafts = importer.read_reports(write_csv(tmp_path / "file.csv", sender_rows("a", "b")), "csv", draft=True).drafts
    seen = in_transaction_at_each_assessment(monkeypatch)
    assert importer.save_reports(drafts, people_seen=people_stamp()) == 2
    assert seen == [False, False]
    assert repeated_contact("b") == ["1 earlier report(s) from the same sender"]


def test_a_report_of_the_sender_stored_meanwhile_has_the_rows_assessed_again_with_it(personas, tmp_path: Path, monkeypatch):
    drafts = importer.read_reports(write_csv(tmp_path / "file.csv", sender_rows("a", "b")), "csv", draft=True).drafts
    seen = in_transaction_at_each_assessment(monkeypatch)
    real = importing._Ready.made
    calls: list[int] = []

    def made_then_another_report_stored(drafts: Any) -> importing._Ready:
        ready = real(drafts)
        if not calls:  # once the rows are assessed, before the transaction: a filing from the sender
            payload = valid_report_payload()
            payload["sender"] = {"phones": [PHONE]}
            stored = report_submit(actor=personas.reporter, data=ReportIn.model_validate(payload), source="api")
            # received before both rows (a report that waited in a mail queue, say)
            Report.objects.filter(public_code=stored.report.public_code).update(received_at="2024-11-01T12:00:00Z")
        calls.append(1)
        return ready

    monkeypatch.setattr(importing._Ready, "made", made_then_another_report_stored)
    importer.save_reports(drafts, people_seen=people_stamp())
    assert len(calls) == 2
    assert seen == [False, False, True, True]  # the second time inside, with the lock held
    assert repeated_contact("a") == ["1 earlier report(s) from the same sender"]
    assert repeated_contact("b") == ["2 earlier report(s) from the same sender"]


def test_nothing_changed_meanwhile_means_one_assessment(tmp_path: Path, monkeypatch):
    drafts = importer.read_reports(write_csv(tmp_path / "file.csv", sender_rows("a")), "csv", draft=True).drafts
    seen = in_transaction_at_each_assessment(monkeypatch)
    importer.save_reports(drafts, people_seen=people_stamp())
    assert seen == [False]
