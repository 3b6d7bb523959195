"""An imported report is assessed with its sender's history, as a submitted one is: the levels
of earlier reports from the same sender, stored before or earlier in the same file."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatdesk.reports.assessing import history_before
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.reports.tests.test_import_reports import csv_row, run, write_csv
from threatdesk.testing.payloads import valid_report_payload

pytestmark = pytest.mark.django_db

PHONE = "(602) 555-0142"


def sender_row(external_id: str, received_at: str, **overrides: str) -> dict[str, str]:
    """A row whose only link to the others is the sender's phone."""
    fields = {"sender_name": "", "sender_emails": "", "sender_handles": "", "sender_phones": PHONE, **overrides}
    return csv_row(external_id=external_id, received_at=received_at, **fields)


def codes(external_id: str) -> set[str]:
    report = Report.objects.get(submission_key=f"import:{external_id}")
    return {indicator["code"] for indicator in report.indicators}


def test_a_later_row_from_the_same_phone_carries_repeated_contact(tmp_path: Path):
    # The file lists the later report first: history follows when reports came in, not the file.
    rows = [
        sender_row("later", "2024-11-08T09:00:00-07:00", sender_phones="602.555.0142"),
        sender_row("earlier", "2024-11-07T09:00:00-07:00"),
        sender_row("other", "2024-11-09T09:00:00-07:00", sender_phones="(602) 555-0177"),
    ]
    run(write_csv(tmp_path / "two.csv", rows))
    assert "repeated_contact" in codes("later")
    assert "repeated_contact" not in codes("earlier")
    assert "repeated_contact" not in codes("other")
    later = Report.objects.get(submission_key="import:later")
    assert any("1 earlier report(s)" in i["evidence"] for i in later.indicators if i["code"] == "repeated_contact")


def test_rows_without_a_time_of_receipt_follow_file_order(tmp_path: Path):
    run(write_csv(tmp_path / "untimed.csv", [sender_row("first", ""), sender_row("second", "")]))
    assert "repeated_contact" not in codes("first")
    assert "repeated_contact" in codes("second")


def test_reports_already_stored_count_when_received_earlier(personas, tmp_path: Path):
    payload = valid_report_payload()
    payload["sender"] = {"phones": [PHONE]}
    report_submit(actor=personas.reporter, data=ReportIn.model_validate(payload), source="api")  # received now
    rows = [sender_row("long-ago", "2020-01-06T09:00:00-07:00", occurred_on="2020-01-05"), sender_row("today", "")]
    run(write_csv(tmp_path / "after.csv", rows))
    assert "repeated_contact" not in codes("long-ago")  # the stored report came in after it
    today = Report.objects.get(submission_key="import:today")
    evidence = [i["evidence"] for i in today.indicators if i["code"] == "repeated_contact"]
    assert evidence == ["2 earlier report(s) from the same sender"]  # the stored one and "long-ago"


def test_a_second_file_sees_the_first(tmp_path: Path):
    run(write_csv(tmp_path / "first.csv", [sender_row("a", "2024-11-07T09:00:00-07:00")]))
    run(write_csv(tmp_path / "second.csv", [sender_row("b", "2024-11-08T09:00:00-07:00")]))
    assert "repeated_contact" not in codes("a")
    assert "repeated_contact" in codes("b")


def test_a_later_reassessment_counts_untimed_rows_as_the_import_did(tmp_path: Path):
    # Rows without a time of receipt share the import's moment; the stored order breaks the tie.
    run(write_csv(tmp_path / "untimed.csv", [sender_row(name, "") for name in ("one", "two", "three")]))
    reports = [Report.objects.get(submission_key=f"import:{name}") for name in ("one", "two", "three")]
    assert len({r.received_at for r in reports}) == 1
    assert [len(history_before(r)) for r in reports] == [0, 1, 2]
    third = [i["evidence"] for i in reports[2].indicators if i["code"] == "repeated_contact"]
    assert third == ["2 earlier report(s) from the same sender"]


def test_a_file_counts_stored_reports_received_at_the_same_moment(personas, tmp_path: Path):
    payload = valid_report_payload()
    payload["sender"] = {"phones": [PHONE]}
    stored = report_submit(actor=personas.reporter, data=ReportIn.model_validate(payload), source="api").report
    moment = stored.received_at.isoformat()
    run(write_csv(tmp_path / "same-moment.csv", [sender_row("same", moment)]))
    same = Report.objects.get(submission_key="import:same")
    assert same.received_at == stored.received_at
    assert len(history_before(same)) == 1
    assert "repeated_contact" in codes("same")
