"""Two imports saving at once with the same external ids: one stores them, the other is refused by line.

Saves share `people_hold`, so on PostgreSQL two files with the same external ids can both pass
the key check inside their transactions. The later insert then fails on the unique submission key; it must end in the
documented `line N: external_id: was already imported` problems, with nothing stored twice or half.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection

from threatdesk.audit.models import AuditEvent
from threatdesk.privacy.selectors import people_stamp
from threatdesk.reports import importer
from threatdesk.reports.models import Report
from threatdesk.reports.services import importing
from threatdesk.reports.tests.test_import_reports import csv_row, numbered, write_csv, write_jsonl
from threatdesk.testing.payloads import valid_report_payload


def checked_then_stored_by_another(path: Path) -> list[importing.ImportDraft]:
    """The file's drafts, checked before another run of the same file stored it."""
    drafts = importer.read_reports(path, "csv", draft=True).drafts
    call_command("import_reports", str(path), "--workers", "1", stdout=io.StringIO())
    return drafts


def key_check_missing_the_first_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The in-transaction key check passes once, as when the other save commits right after it."""
    real = importing._key_errors
    calls = iter([lambda drafts: [], real])
    monkeypatch.setattr(importing, "_key_errors", lambda drafts: next(calls, real)(drafts))


@pytest.mark.django_db
def test_a_key_stored_after_the_check_is_refused_by_line_and_nothing_is_stored(tmp_path, monkeypatch):
    drafts = checked_then_stored_by_another(write_csv(tmp_path / "reports.csv", numbered(3)))
    events_before = AuditEvent.objects.count()
    key_check_missing_the_first_time(monkeypatch)
    with pytest.raises(importer.ImportFailedError) as caught:
        importer.save_reports(drafts, people_seen=people_stamp())
    assert [str(e) for e in caught.value.errors] == [f"line {n}: external_id: was already imported" for n in (2, 3, 4)]
    assert Report.objects.count() == 3
    assert AuditEvent.objects.count() == events_before


@pytest.mark.django_db
def test_a_clash_that_is_not_a_key_already_taken_is_raised_as_it_is(tmp_path, monkeypatch):
    drafts = importer.read_reports(write_csv(tmp_path / "reports.csv", numbered(2)), "csv", draft=True).drafts
    call_command("import_reports", str(write_csv(tmp_path / "other.csv", [csv_row(external_id="OTHER")])), stdout=io.StringIO())
    drafts[1].values["public_code"] = Report.objects.get().public_code  # the 80-bit code drawn twice
    with pytest.raises(IntegrityError):
        importer.save_reports(drafts, people_seen=people_stamp())
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite's BEGIN IMMEDIATE serialises the two saves")
def test_two_imports_saving_at_once_with_a_shared_external_id_refuse_the_second_cleanly(personas, tmp_path, monkeypatch):
    paths = [
        write_jsonl(
            tmp_path / f"{state}.jsonl",
            [{**valid_report_payload(state=state, county=county), "external_id": f"SHARED-{i}"} for i in range(20)],
        )
        for state, county in (("AZ", "04013"), ("CA", "06037"))
    ]
    both_checked = threading.Barrier(2)
    real_insert = importing._insert

    def insert_once_both_have_checked(*args: Any, **kwargs: Any) -> Any:
        both_checked.wait(20)  # each save has passed its key check inside its transaction
        return real_insert(*args, **kwargs)

    monkeypatch.setattr(importing, "_insert", insert_once_both_have_checked)
    outcomes: list[str] = ["", ""]
    printed = [io.StringIO(), io.StringIO()]

    def run(i: int) -> None:
        try:
            call_command("import_reports", str(paths[i]), "--workers", "1", stdout=io.StringIO(), stderr=printed[i])
            outcomes[i] = "imported"
        except CommandError as exc:
            outcomes[i] = f"CommandError: {exc}"
        except Exception as exc:
            outcomes[i] = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert Report.objects.count() == 20  # stored once: the constraint holds
    assert sorted(outcomes)[1] == "imported"
    assert sorted(outcomes)[0].startswith("CommandError:"), f"the second import ended in {sorted(outcomes)[0]!r}"
    loser = printed[outcomes.index(sorted(outcomes)[0])].getvalue()
    assert [f"line {n}: external_id: was already imported" for n in range(1, 21)] == loser.split("\n")[:20]
    assert len(set(Report.objects.values_list("state__code", flat=True))) == 1  # the whole of one file, nothing of the other
