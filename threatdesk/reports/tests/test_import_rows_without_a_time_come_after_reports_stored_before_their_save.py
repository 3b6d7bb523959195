"""An imported row without a time of receipt is received when its save stores it.

The save assesses its rows before its transaction. A filing from the same sender that commits
in between (it only had to wait for the assessment, or for the write lock) must not be stored
before the rows but received after them: the rows' assessment would leave it out, and its own
stored assessment would leave out the rows that, by their time of receipt, came before it. As a
save entirely inside its transaction would, the rows come after that filing and count it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from threatdesk.privacy.selectors import people_stamp
from threatdesk.reports import importer
from threatdesk.reports.assessing import history_before
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import importing, report_submit
from threatdesk.reports.tests.test_import_reports import csv_row, write_csv
from threatdesk.testing.payloads import valid_report_payload

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = "(602) 555-0142"


def _row_without_a_time() -> list[dict[str, str]]:
    return [csv_row(external_id="a", received_at="", sender_name="", sender_emails="", sender_handles="", sender_phones=PHONE)]


def _a_filing_from_the_sender_commits_before_the_transaction(monkeypatch: pytest.MonkeyPatch, personas: Any) -> list[str]:
    codes: list[str] = []
    real = importing._Ready.made

    def made(drafts: Any) -> importing._Ready:
        ready = real(drafts)
        if not codes:
            payload = valid_report_payload()
            payload["sender"] = {"phones": [PHONE]}
            codes.append(
                report_submit(actor=personas.reporter, data=ReportIn.model_validate(payload), source="api").report.public_code
            )
        return ready

    monkeypatch.setattr(importing._Ready, "made", made)
    return codes


def _save(tmp_path: Path) -> None:
    drafts = importer.read_reports(write_csv(tmp_path / "file.csv", _row_without_a_time()), "csv", draft=True).drafts
    importer.save_reports(drafts, people_seen=people_stamp())


def test_a_row_without_a_time_is_received_no_earlier_than_a_report_stored_before_it(personas, tmp_path: Path, monkeypatch):
    codes = _a_filing_from_the_sender_commits_before_the_transaction(monkeypatch, personas)
    _save(tmp_path)
    filed = Report.objects.get(public_code=codes[0])
    imported = Report.objects.get(submission_key="import:a")
    assert imported.received_at >= filed.received_at


def test_a_row_without_a_time_counts_the_senders_report_stored_before_its_save(personas, tmp_path: Path, monkeypatch):
    _a_filing_from_the_sender_commits_before_the_transaction(monkeypatch, personas)
    _save(tmp_path)
    imported = Report.objects.get(submission_key="import:a")
    assert [i["evidence"] for i in imported.indicators if i["code"] == "repeated_contact"] == [
        "1 earlier report(s) from the same sender"
    ]


def test_every_report_of_the_sender_is_stored_as_its_reassessment_would_find_it(personas, tmp_path: Path, monkeypatch):
    codes = _a_filing_from_the_sender_commits_before_the_transaction(monkeypatch, personas)
    _save(tmp_path)
    filed = Report.objects.get(public_code=codes[0])
    earlier = history_before(filed)
    counted = [i["evidence"] for i in filed.indicators if i["code"] == "repeated_contact"]
    assert counted == ([f"{len(earlier)} earlier report(s) from the same sender"] if earlier else [])
