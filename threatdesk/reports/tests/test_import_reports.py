"""manage.py import_reports: a good file stores every report, encrypted and audited; any problem
stores nothing and is reported by line and column without repeating what the cell held."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from threatdesk.audit.models import AuditEvent
from threatdesk.audit.selectors import verify_chain
from threatdesk.reports.importer import CSV_COLUMNS, without_values
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import CONTENT_KEY_PREFIX
from threatdesk.reports.services.importing import content_key
from threatdesk.testing.importing import write_csv
from threatdesk.testing.payloads import (
    CANARIES,
    CANARY_ADDRESS,
    CANARY_CHILD,
    CANARY_EMAIL,
    CANARY_PHONE,
    CANARY_SENDER,
    CANARY_WORKER,
    valid_report_payload,
)

pytestmark = pytest.mark.django_db

TEMPLATE = Path(__file__).resolve().parents[3] / "docs" / "import-template.csv"


def csv_row(**overrides: str) -> dict[str, str]:
    row = {
        "external_id": "AZ-2024-0001",
        "occurred_on": "2024-11-06",
        "occurred_time": "21:15",
        "received_at": "2024-11-07T09:00:00-07:00",
        "state": "AZ",
        "county": "04013",
        "channel": "voicemail",
        "platform": "",
        "threat_types": "threat_violence;threat_family",
        "target_role": "county_election_official",
        "election_phase": "canvass",
        "message_text": f"We know {CANARY_WORKER} lives at {CANARY_ADDRESS}.",
        "narrative": f"A caller left a voicemail for {CANARY_WORKER} naming her home address.",
        "sender_name": CANARY_SENDER,
        "sender_phones": "(602) 555-0199",
        "sender_emails": CANARY_EMAIL,
        "sender_handles": "@canary_handle_x",
        "sender_description": "Calm male voice.",
    }
    row.update(overrides)
    return row


def numbered(count: int, **overrides: str) -> list[dict[str, str]]:
    return [csv_row(external_id=f"AZ-2024-{i:04d}", **overrides) for i in range(1, count + 1)]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def run(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_reports", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(path: Path, *args: str) -> str:
    """Run an import that must fail; return everything it printed, the final message included."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_reports", str(path), *args, stdout=out, stderr=err)
    return f"{out.getvalue()}{err.getvalue()}{caught.value}"


def test_good_csv_imports_every_report_encrypted_and_audited(personas, tmp_path):
    events_before = AuditEvent.objects.count()
    out, _ = run(write_csv(tmp_path / "reports.csv", numbered(3)))
    assert "imported 3 reports" in out
    report = Report.objects.get(submission_key="import:AZ-2024-0002")
    assert report.source == "import"
    assert report.county.fips == "04013"
    assert report.office == personas.office
    assert report.threat_type_codes == ["threat_violence", "threat_family"]
    assert report.sender_phones == [CANARY_PHONE]
    assert report.received_at.isoformat() == "2024-11-07T16:00:00+00:00"
    with connection.cursor() as cursor:
        cursor.execute("SELECT narrative, sender_name FROM reports_report")
        stored = cursor.fetchall()
    assert len(stored) == 3
    assert all(narrative.startswith("td1:") and CANARY_WORKER not in narrative for narrative, _ in stored)
    assert all(CANARY_SENDER not in sender for _, sender in stored)
    imported = AuditEvent.objects.filter(action="reports.report.imported")
    assert set(imported.values_list("object_id", flat=True)) == set(Report.objects.values_list("public_code", flat=True))
    assert AuditEvent.objects.count() == events_before + 3
    assert verify_chain()[1] == []


def test_blank_optional_cells_take_defaults(tmp_path):
    row = csv_row(occurred_time="", received_at="", county="", election_phase="", sender_phones="", sender_emails="")
    run(write_csv(tmp_path / "sparse.csv", [row], columns=CSV_COLUMNS))
    report = Report.objects.get()
    assert report.occurred_time is None and report.county is None
    assert report.election_phase == "unknown"
    assert report.sender_phones == [] and report.sender_emails == []


def test_only_required_columns_is_enough(tmp_path):
    columns = ["occurred_on", "state", "channel", "threat_types", "target_role", "narrative"]
    out, _ = run(write_csv(tmp_path / "minimal.csv", [csv_row(), csv_row(narrative="Another call.")], columns=columns))
    assert "imported 2 reports" in out
    assert Report.objects.count() == 2


def test_jsonl_file_imports(personas, tmp_path):
    records = [
        {**valid_report_payload(), "external_id": "j-1", "received_at": "2024-11-07T16:00:00Z"},
        {**valid_report_payload(channel="letter", county="Maricopa"), "external_id": "j-2"},
    ]
    path = write_jsonl(tmp_path / "reports.ndjson", records)
    out, _ = run(path)
    assert "imported 2 reports" in out
    letter = Report.objects.get(submission_key="import:j-2")
    assert letter.channel == "postal_mail"
    assert letter.sender_emails == [CANARY_EMAIL]
    assert AuditEvent.objects.filter(action="reports.report.imported").count() == 2


def test_format_option_overrides_the_extension(tmp_path):
    path = write_jsonl(tmp_path / "reports.txt", [valid_report_payload()])
    run(path, "--format", "jsonl")
    assert Report.objects.count() == 1


def test_unknown_extension_without_format_is_refused(tmp_path):
    path = write_jsonl(tmp_path / "reports.txt", [valid_report_payload()])
    assert "--format" in refused(path)


def test_one_bad_row_among_good_ones_writes_nothing_and_names_line_and_column(tmp_path):
    events_before = AuditEvent.objects.count()
    rows = numbered(5)
    rows[2]["occurred_on"] = "2024-13-45"  # the fourth line of the file
    output = refused(write_csv(tmp_path / "reports.csv", rows))
    assert "line 4: occurred_on:" in output
    assert "1 problem(s); nothing was imported" in output
    assert Report.objects.count() == 0
    assert AuditEvent.objects.count() == events_before


def test_every_bad_row_is_reported_not_just_the_first(tmp_path):
    rows = numbered(4)
    rows[0]["threat_types"] = "threat_violence;not_a_type"
    rows[3]["target_role"] = ""
    output = refused(write_csv(tmp_path / "reports.csv", rows))
    assert "line 2: threat_types: not one of the codes listed in docs/codebook.md" in output
    assert "line 5: target_role: required" in output
    assert "2 problem(s)" in output


def test_numbers_are_not_read_as_dates_or_times(tmp_path):
    rows = numbered(2)
    rows[0]["occurred_on"] = "1699920000"
    output = refused(write_csv(tmp_path / "reports.csv", rows))
    assert "line 2: occurred_on: give the date as YYYY-MM-DD, not a number" in output
    records = [valid_report_payload(occurred_on=1699920000), valid_report_payload(occurred_time=3600)]
    output = refused(write_jsonl(tmp_path / "reports.jsonl", records))
    assert "line 1: occurred_on: give the date as YYYY-MM-DD, not a number" in output
    assert "line 2: occurred_time: give the time of day as HH:MM, not a number" in output
    assert Report.objects.count() == 0


def test_line_numbers_count_lines_of_the_file_not_rows(tmp_path):
    rows = numbered(3)
    rows[0]["narrative"] = "First line of the story.\nSecond line of the story."
    rows[1]["channel"] = "carrier pigeon"
    output = refused(write_csv(tmp_path / "reports.csv", rows))
    assert "line 4: channel: unknown channel; use one of phone_call, voicemail" in output


def test_non_utf8_file_is_refused_with_the_line_and_byte(tmp_path):
    path = write_csv(tmp_path / "latin1.csv", numbered(3))
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"voicemail", b"voicem\xe9il")
    path.write_bytes(b"\n".join(lines))
    output = refused(path)
    assert "line 3: file: not UTF-8 at byte" in output
    assert "save the file as UTF-8" in output
    assert Report.objects.count() == 0


def test_bytes_are_counted_from_one_in_the_line_and_in_the_file(tmp_path):
    path = write_csv(tmp_path / "latin1.csv", numbered(2))
    header, row, rest = path.read_bytes().split(b"\n", 2)
    row = row.replace(b"voicemail", b"voicem\xe9il")
    path.write_bytes(b"\xef\xbb\xbf" + header + b"\n" + row + b"\n" + rest)
    in_line = row.index(b"\xe9") + 1
    in_file = 3 + len(header) + 1 + in_line
    assert f"line 2: file: not UTF-8 at byte {in_line} of the line (byte {in_file} of the file)" in refused(path)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_file_is_reported_as_an_encoding_problem_alone(tmp_path, encoding):
    text = write_csv(tmp_path / "utf8.csv", numbered(3)).read_text(encoding="utf-8")
    path = tmp_path / "utf16.csv"
    path.write_bytes(text.encode(encoding))
    output = refused(path)
    nul = path.read_bytes().index(b"\x00") + 1
    assert f"line 1: file: a NUL byte at byte {nul} of the line (byte {nul} of the file), as UTF-16 has" in output
    assert "save the file as UTF-8 (" in output  # and how many lines are not
    assert "1 problem(s)" in output  # not a header or a row it cannot read
    assert Report.objects.count() == 0


def test_utf8_with_byte_order_mark_is_accepted(tmp_path):
    path = write_csv(tmp_path / "excel.csv", numbered(2))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    run(path)
    assert Report.objects.count() == 2


def test_missing_required_columns_are_named(tmp_path):
    columns = [c for c in CSV_COLUMNS if c not in {"target_role", "narrative"}]
    output = refused(write_csv(tmp_path / "reports.csv", numbered(2), columns=columns))
    assert "line 1: header: missing required column(s): target_role, narrative" in output
    assert Report.objects.count() == 0


def test_unknown_columns_are_named(tmp_path):
    path = tmp_path / "reports.csv"
    write_csv(path, numbered(1))
    text = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([text[0] + ",victim_home_address", text[1] + ",x"]) + "\n", encoding="utf-8")
    output = refused(path)
    assert "line 1: header: unknown column(s) at position 19; see docs/import.md" in output
    assert "victim_home_address" not in output


def test_a_misspelt_column_is_named_by_position_with_the_name_it_is_close_to(tmp_path):
    columns = [c for c in CSV_COLUMNS if c not in {"narrative", "sender_phones"}] + ["Narative", "sender_phone_numbers"]
    rows = [{**csv_row(), "Narative": "x", "sender_phone_numbers": "x"}]
    output = refused(write_csv(tmp_path / "reports.csv", rows, columns=columns))
    assert "missing required column(s): narrative" in output
    assert "unknown column(s) at position 17 (did you mean narrative?), 18 (did you mean sender_phones?)" in output
    assert "Narative" not in output and "sender_phone_numbers" not in output


def test_a_csv_without_its_header_row_prints_none_of_its_first_row(tmp_path):
    path = write_csv(tmp_path / "reports.csv", numbered(3))
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    output = refused(path)
    assert "line 1: header: names no known column; the first line must be the header row" in output
    assert [canary for canary in CANARIES if canary in output] == []
    assert "AZ-2024-0001" not in output and "voicemail" not in output
    assert Report.objects.count() == 0


def test_repeated_columns_are_named_only_when_known(tmp_path):
    path = tmp_path / "reports.csv"
    write_csv(path, numbered(1))
    header, row = path.read_text(encoding="utf-8").splitlines()
    path.write_text(f"{header},state,{CANARY_SENDER},{CANARY_SENDER}\n{row},AZ,x,y\n", encoding="utf-8")
    output = refused(path)
    assert "repeated column(s): state\n" in output
    assert "unknown column(s) at position 20, 21" in output
    assert CANARY_SENDER not in output


def test_row_with_the_wrong_number_of_cells_is_refused(tmp_path):
    path = write_csv(tmp_path / "reports.csv", numbered(2))
    path.write_text(path.read_text(encoding="utf-8") + "2024-11-06,AZ\n", encoding="utf-8")
    assert "line 4: row: has 2 cells; the header has 18" in refused(path)


def test_unknown_county_for_state_writes_nothing(tmp_path):
    rows = numbered(3)
    rows[1]["county"] = "Cook"
    output = refused(write_csv(tmp_path / "reports.csv", rows))
    assert "line 3: county: not a county of Arizona" in output
    assert Report.objects.count() == 0


def test_malformed_json_line_is_named(tmp_path):
    path = tmp_path / "reports.jsonl"
    good = json.dumps(valid_report_payload())
    path.write_text(f"{good}\n{good[:-5]}\n[1, 2]\n{good}\n", encoding="utf-8")
    output = refused(path)
    assert "line 2: json: malformed JSON" in output
    assert "line 3: json: each line must be one JSON object" in output
    assert Report.objects.count() == 0


def test_json_line_nested_too_deeply_is_named_and_the_rest_still_checked(tmp_path):
    deep = '{"narrative": ' + "[" * 100_000 + "]" * 100_000 + "}"
    huge_number = '{"narrative": ' + "7" * 5000 + "}"
    path = tmp_path / "reports.jsonl"
    good = json.dumps(valid_report_payload())
    path.write_text(f"{good}\n{deep}\n{huge_number}\n{json.dumps(valid_report_payload(target_role='mayor'))}\n", encoding="utf-8")
    output = refused(path)
    assert "line 2: json: malformed JSON: nested too deeply to read" in output
    assert "line 3: json: unreadable JSON" in output
    assert "line 4: target_role: not one of the codes" in output
    assert "7777" not in output
    assert Report.objects.count() == 0


def test_unknown_json_key_is_named_by_its_place_not_by_itself(tmp_path):
    records = [
        {"external_id": "j-1", CANARY_WORKER: "x", **valid_report_payload()},
        {**valid_report_payload(), "narative": "x"},
        {**valid_report_payload(sender={"name": "", "phone": "x", CANARY_ADDRESS: "y"}), "received_at": "2024-11-07T16:00:00Z"},
    ]
    output = refused(write_jsonl(tmp_path / "reports.jsonl", records))
    assert "line 1: json: unknown key at position 2; see docs/import.md" in output
    assert f"line 2: json: unknown key at position {len(valid_report_payload()) + 1} (did you mean narrative?)" in output
    assert "line 3: sender: unknown key at position 2 (did you mean phones?)" in output
    assert "line 3: sender: unknown key at position 3; see docs/import.md" in output
    assert "narative" not in output
    assert [canary for canary in CANARIES if canary in output] == []


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert "file: is empty" in refused(path)


def test_header_without_rows_is_refused(tmp_path):
    path = write_csv(tmp_path / "header.csv", [])
    assert "has a header but no reports" in refused(path)


def test_importing_the_same_file_twice_is_refused_and_stores_nothing_new(tmp_path):
    path = write_csv(tmp_path / "reports.csv", numbered(3))
    run(path)
    events_before = AuditEvent.objects.count()
    output = refused(path)
    assert "line 2: external_id: was already imported" in output
    assert "3 problem(s)" in output
    assert Report.objects.count() == 3
    assert AuditEvent.objects.count() == events_before


def test_repeated_external_id_within_a_file_is_refused(tmp_path):
    rows = [*numbered(2), csv_row(external_id="AZ-2024-0001")]
    assert "line 4: external_id: repeats line 2" in refused(write_csv(tmp_path / "reports.csv", rows))


def test_nul_in_external_id_is_refused_like_nul_in_any_text(tmp_path):
    records = [{**valid_report_payload(), "external_id": "HOT\u0000LINE-1"}, {**valid_report_payload(), "external_id": "ok"}]
    output = refused(write_jsonl(tmp_path / "reports.jsonl", records))
    assert "line 1: external_id: must not contain NUL characters" in output
    assert "1 problem(s)" in output
    assert Report.objects.count() == 0


def test_a_control_character_in_a_handle_is_refused_without_the_handle(tmp_path):
    records = [valid_report_payload(sender={"handles": ["quill\u0000bw"]})]
    output = refused(write_jsonl(tmp_path / "reports.jsonl", records))
    assert "line 1: sender.handles: holds a character that cannot be shown" in output
    assert "quill" not in output
    assert Report.objects.count() == 0


def test_a_lone_surrogate_in_an_external_id_is_a_line_numbered_problem_not_a_crash(tmp_path):
    path = write_jsonl(
        tmp_path / "reports.jsonl",
        [{**valid_report_payload(), "external_id": "HOTLINE-1"}, {**valid_report_payload(), "external_id": "HOTLINE-\ud800"}],
    )
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_reports", str(path), "--workers", "1")
    assert Report.objects.count() == 0
    for args in ((), ("--dry-run",)):
        output = refused(path, "--workers", "1", *args)
        assert "line 2: external_id: is not valid text" in output
        assert "1 problem(s)" in output


def without_ids(count: int) -> list[dict[str, str]]:
    return [csv_row(external_id="", narrative=f"Call number {i}.") for i in range(1, count + 1)]


def test_importing_a_file_without_external_ids_twice_is_refused_and_stores_nothing_new(tmp_path):
    path = write_csv(tmp_path / "hotline.csv", without_ids(3))
    run(path)
    events_before = AuditEvent.objects.count()
    output = refused(path)
    assert "line 2: row: was already imported" in output
    assert "line 4: row: was already imported" in output
    assert "3 problem(s)" in output
    assert Report.objects.count() == 3
    assert AuditEvent.objects.count() == events_before
    assert "line 3: row: was already imported" in refused(path, "--dry-run")


def test_a_row_without_external_id_is_known_again_however_it_is_written(tmp_path):
    run(write_csv(tmp_path / "first.csv", without_ids(2)))
    again = {
        **valid_report_payload(),
        "occurred_time": "21:15",
        "received_at": "2024-11-07T16:00:00Z",  # 09:00 at -07:00, as the CSV had it
        "county": "04013",
        "election_phase": "canvass",
        "target_role": "county_election_official",
        "threat_types": ["threat_violence", "threat_family"],
        "message_text": csv_row()["message_text"],
        "narrative": " Call number 2. ",
        "sender": {
            "name": CANARY_SENDER,
            "phones": ["+1 602 555 0199"],
            "emails": [CANARY_EMAIL.upper()],
            "handles": ["canary_handle_x"],
            "description": "Calm male voice.",
        },
    }
    output = refused(write_jsonl(tmp_path / "again.jsonl", [valid_report_payload(), again]))
    assert "line 2: row: was already imported" in output
    assert "1 problem(s)" in output


def test_identical_rows_without_external_id_in_one_file_are_refused(tmp_path):
    rows = [*without_ids(2), csv_row(external_id="", narrative="Call number 1.")]
    output = refused(write_csv(tmp_path / "hotline.csv", rows))
    assert "line 4: row: repeats line 2" in output
    assert "1 problem(s)" in output
    assert Report.objects.count() == 0


def test_a_row_without_external_id_stored_meanwhile_stops_the_save(tmp_path):
    from threatdesk.privacy.selectors import people_stamp
    from threatdesk.reports import importer

    path = write_csv(tmp_path / "hotline.csv", without_ids(2))
    seen = people_stamp()
    checked = importer.read_reports(path, "csv", draft=True)
    run(path)  # another run of the same file, saved while this one was checking
    with pytest.raises(importer.ImportFailedError) as caught:
        importer.save_reports(checked.drafts, people_seen=seen)
    assert [str(e) for e in caught.value.errors] == ["line 2: row: was already imported", "line 3: row: was already imported"]
    assert Report.objects.count() == 2


def test_a_row_without_external_id_is_stored_under_a_digest_keyed_by_a_secret(tmp_path, settings):
    run(write_csv(tmp_path / "hotline.csv", without_ids(1)))
    stored = Report.objects.get().submission_key
    assert stored.startswith(CONTENT_KEY_PREFIX) and len(stored) == len(CONTENT_KEY_PREFIX) + 32
    data = ReportIn.model_validate(valid_report_payload())
    key = content_key(data, None)
    assert key == content_key(ReportIn.model_validate(valid_report_payload()), None)
    assert key != content_key(data, dt.datetime(2024, 11, 7, 16, tzinfo=dt.UTC))
    settings.PSEUDONYM_KEY = base64.b64encode(b"another key of thirty-two bytes!").decode()
    assert content_key(data, None) != key  # who lacks the key cannot test a guess of the content


def test_received_at_needs_a_utc_offset(tmp_path):
    rows = numbered(1, received_at="2024-11-07T09:00:00")
    assert "line 2: received_at: needs a UTC offset" in refused(write_csv(tmp_path / "reports.csv", rows))


def in_hours(hours: float) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours)).isoformat()


@pytest.mark.parametrize(
    ("received_at", "problem"),
    [
        ("1995-01-01T00:00:00Z", "is before the report says it happened"),
        ("2024-11-05T02:00:00-07:00", "is before the report says it happened"),
        ("2024-11-06T21:00:00-07:00", "is before the report says it happened"),  # 15 minutes before 21:15 in Phoenix
        ("1989-12-31T23:59:00-05:00", "is before 1990-01-01"),
        ("0001-01-01T00:00:00+01:00", "is before 1990-01-01"),
        ("9999-12-31T23:59:59-01:00", "is in the future"),
        ("FUTURE", "is in the future"),
    ],
)
def test_impossible_received_at_is_refused_by_line(tmp_path, received_at, problem):
    rows = numbered(2)
    rows[1]["received_at"] = in_hours(20) if received_at == "FUTURE" else received_at
    output = refused(write_csv(tmp_path / "reports.csv", rows))
    assert f"line 3: received_at: {problem}" in output
    assert "1 problem(s)" in output
    assert Report.objects.count() == 0


def test_received_at_allows_a_clock_a_little_ahead_and_any_time_zone(tmp_path):
    yesterday = (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)).isoformat()  # in the past in Phoenix too
    rows = [
        csv_row(external_id="ahead", occurred_on=yesterday, occurred_time="", received_at=in_hours(1 / 60)),
        # In Guam (UTC+10) it was already the 7th when it was 22:00 on the 6th in UTC.
        csv_row(
            external_id="guam",
            state="GU",
            county="66010",
            occurred_on="2024-11-07",
            occurred_time="",
            received_at="2024-11-06T22:00:00Z",
        ),
        # Phoenix's 21:15, written in UTC; and four minutes early, for a clock that differs.
        csv_row(external_id="utc", occurred_on="2024-11-06", received_at="2024-11-07T04:15:00Z"),
        csv_row(external_id="skew", occurred_on="2024-11-06", received_at="2024-11-06T21:11:00-07:00"),
    ]
    out, _ = run(write_csv(tmp_path / "reports.csv", rows))
    assert "imported 4 reports" in out


def test_dry_run_writes_nothing(tmp_path):
    events_before = AuditEvent.objects.count()
    out, _ = run(write_csv(tmp_path / "reports.csv", numbered(4)), "--dry-run")
    assert "all 4 reports" in out and "nothing was stored" in out
    assert Report.objects.count() == 0
    assert AuditEvent.objects.count() == events_before


def test_dry_run_still_finds_problems_that_need_the_database(tmp_path):
    rows = numbered(3)
    rows[1]["county"] = "Cook"
    rows[2]["state"] = "ZZ"
    output = refused(write_csv(tmp_path / "reports.csv", rows), "--dry-run")
    assert "line 3: county: not a county of Arizona" in output
    assert "line 4: state: unknown state or territory code" in output


def test_dry_run_refuses_a_file_already_imported(tmp_path):
    path = write_csv(tmp_path / "reports.csv", numbered(2))
    run(path)
    output = refused(path, "--dry-run")
    assert "line 2: external_id: was already imported" in output
    assert "line 3: external_id: was already imported" in output


def test_problems_of_every_kind_are_reported_in_one_run(tmp_path):
    rows = numbered(3)
    rows[0]["occurred_on"] = "yesterday"
    rows[1]["county"] = "Cook"
    rows[2]["external_id"] = rows[0]["external_id"]
    output = refused(write_csv(tmp_path / "reports.csv", rows))
    assert "line 2: occurred_on:" in output
    assert "line 3: county:" in output
    assert "line 4: external_id: repeats line 2" in output


def test_service_errors_are_shown_without_their_values(tmp_path, monkeypatch):
    from threatdesk.reports import importer
    from threatdesk.reports.services import FieldError, ReportInputError

    def refuse(**kwargs):
        raise ReportInputError([FieldError("county", f"no county {CANARY_ADDRESS!r} in Arizona", 2)])

    monkeypatch.setattr(importer, "reports_store", refuse)
    output = refused(write_csv(tmp_path / "reports.csv", numbered(1)))
    assert "line 2: county: no county in Arizona" in output
    assert CANARY_ADDRESS not in output


def test_at_most_fifty_errors_are_printed_then_a_count(tmp_path):
    rows = numbered(60, target_role="mayor")
    output = refused(write_csv(tmp_path / "reports.csv", rows))
    assert output.count("target_role: not one of the codes") == 50
    assert "... and 10 more problem(s) not shown" in output
    assert "60 problem(s)" in output


def test_error_output_contains_no_canary_value(tmp_path):
    rows = [
        csv_row(external_id="c-1", sender_emails=CANARY_WORKER),
        csv_row(external_id="c-2", sender_phones=CANARY_ADDRESS),
        csv_row(external_id="c-3", sender_handles=CANARY_SENDER),
        csv_row(external_id="c-4", channel=CANARY_CHILD),
        csv_row(external_id="c-5", sender_emails=f"{CANARY_EMAIL}@{CANARY_EMAIL}"),
        csv_row(external_id="c-6", occurred_on=CANARY_PHONE, threat_types=CANARY_WORKER),
        csv_row(external_id="c-7", state=CANARY_CHILD, narrative="x" * 20_001),
        csv_row(external_id="c-8", county=CANARY_ADDRESS, sender_name=CANARY_SENDER * 20),
    ]
    output = refused(write_csv(tmp_path / "reports.csv", rows))
    assert output.count("line ") >= 10
    found = [canary for canary in CANARIES if canary in output]
    assert found == []


def test_jsonl_error_output_contains_no_canary_value(tmp_path):
    contact = {"name": CANARY_WORKER, "email": CANARY_WORKER, "phone": CANARY_ADDRESS}
    record = {**valid_report_payload(reporter_contact=contact), "received_at": CANARY_PHONE}
    output = refused(write_jsonl(tmp_path / "reports.jsonl", [record]))
    assert "reporter_contact.email" in output and "reporter_contact.phone" in output
    assert [canary for canary in CANARIES if canary in output] == []


def test_refusing_an_already_imported_id_does_not_echo_it(tmp_path):
    path = write_csv(tmp_path / "reports.csv", [csv_row(external_id=CANARY_EMAIL)])
    run(path)
    output = refused(path)
    assert "external_id: was already imported" in output
    assert CANARY_EMAIL not in output


def test_success_output_contains_no_canary_value(tmp_path):
    out, err = run(write_csv(tmp_path / "reports.csv", numbered(2)))
    assert [canary for canary in CANARIES if canary in out + err] == []


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("'(602) 555-0199' is not a phone number", "is not a phone number"),
        ('"O\'Hara" is not an account handle', "is not an account handle"),
        ("'a@b' is not an email address: The part after the @-sign is invalid (b).", "is not an email address"),
        ("unknown channel 'pigeon'; see docs/codebook.md", "unknown channel; see docs/codebook.md"),
        ("date is in the future", "date is in the future"),
    ],
)
def test_messages_lose_their_quoted_values(message, expected):
    assert without_values(message) == expected


def test_the_documented_template_imports(tmp_path):
    out, _ = run(TEMPLATE, "--dry-run")
    assert "are valid" in out
