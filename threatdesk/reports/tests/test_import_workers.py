"""An import spread over worker processes stores exactly what one process stores: the same
levels, indicators, redacted copies and pseudonyms, and the same problems, by line."""

from __future__ import annotations

import functools
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from threatdesk.reports import importer, workers
from threatdesk.reports.demo import demo_places, demo_rows
from threatdesk.reports.demo.build import offices_create, protected_people_create, roster_people_create
from threatdesk.reports.models import Report
from threatdesk.reports.tests.test_import_reports import csv_row, numbered, refused, run, write_csv, write_jsonl

pytestmark = pytest.mark.django_db

UNCOMPARED = {"id", "public_code", "created_at", "updated_at"}  # new for every report, by design


@pytest.fixture
def pool_for_small_files(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Start worker processes for a file of a few dozen rows, handed out 20 at a time; the
    returned list gets each pool's worker count."""
    started: list[int] = []

    class Counted(workers.WorkerPool[Any]):
        def __init__(self, count: int, *args: Any) -> None:
            started.append(count)
            super().__init__(count, *args)

    monkeypatch.setattr(importer, "POOL_MIN_ROWS", 40)
    monkeypatch.setattr(importer, "CHUNK_ROWS", 20)
    monkeypatch.setattr(importer, "WorkerPool", Counted)
    return started


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    """Synthetic reports as the demo makes them: repeat senders, campaigns, and an office whose
    protected workers and families the words name, received in no particular order."""
    places = demo_places()
    offices = offices_create([county for county, _weight in places.demo])
    protected_people_create(offices[places.home.pk])
    roster_people_create(offices.values())
    rows = demo_rows(count=120, seed=5, places=places)
    records = [
        {**row.data.model_dump(mode="json"), "external_id": f"DEMO-{i}", "received_at": row.received_at.isoformat()}
        for i, row in enumerate(rows)
    ]
    return write_jsonl(tmp_path / "demo.jsonl", records)


def stored_reports() -> dict[str, dict[str, Any]]:
    """Every stored report's fields, opened, with its threat types and sender pseudonyms, by key."""
    found = {}
    for report in Report.objects.prefetch_related("threat_types", "sender_identifiers"):
        fields = {f.attname: getattr(report, f.attname) for f in Report._meta.concrete_fields if f.attname not in UNCOMPARED}
        fields["threat_types"] = [(t.code, t.position) for t in report.threat_types.all()]
        fields["sender_identifiers"] = sorted((i.kind, i.digest) for i in report.sender_identifiers.all())
        found[report.submission_key] = fields
    return found


def imported_with(path: Path, worker_count: int) -> dict[str, dict[str, Any]]:
    """What an import of `path` stores, rolled back afterwards so the next import starts afresh."""
    with transaction.atomic():
        out, _ = run(path, "--workers", str(worker_count))
        assert "imported" in out
        found = stored_reports()
        transaction.set_rollback(True)
    return found


def test_workers_store_what_one_process_stores(demo_file, pool_for_small_files):
    alone = imported_with(demo_file, 1)
    assert pool_for_small_files == []
    spread = imported_with(demo_file, 2)
    assert pool_for_small_files == [2]
    assert len(spread) == len(alone) == 120
    for key, fields in alone.items():
        assert spread[key] == fields, key
    # The file exercises what the workers must get right.
    reports = alone.values()
    assert any(r["protected_mentions"] for r in reports)
    assert any("repeated_contact" in {i["code"] for i in r["indicators"]} for r in reports)
    assert len({r["severity"] for r in reports}) >= 3
    assert all(r["redaction_state"] == "done" for r in reports)
    assert sum(1 for r in reports if r["sender_identifiers"]) > 60


def test_spawned_workers_store_what_one_process_stores(demo_file, pool_for_small_files, monkeypatch):
    spawning = functools.partial(ProcessPoolExecutor, mp_context=multiprocessing.get_context("spawn"))
    alone = imported_with(demo_file, 1)
    monkeypatch.setattr(workers, "ProcessPoolExecutor", spawning)
    assert imported_with(demo_file, 2) == alone
    assert pool_for_small_files == [2]


def test_problems_found_in_workers_read_as_in_one_process(tmp_path, pool_for_small_files):
    rows = numbered(90)
    rows[3]["occurred_on"] = "2024-13-45"
    rows[40]["county"] = "Cook"
    rows[41]["sender_phones"] = "call me maybe"
    rows[88]["external_id"] = rows[2]["external_id"]
    path = write_csv(tmp_path / "reports.csv", rows)
    alone = refused(path, "--workers", "1")
    spread = refused(path, "--workers", "2")
    assert spread == alone
    assert pool_for_small_files == [2]
    assert "line 5: occurred_on:" in alone
    assert "line 42: county: not a county of Arizona" in alone
    assert "line 43: sender_phones: is not a phone number" in alone
    assert "line 90: external_id: repeats line 4" in alone
    assert Report.objects.count() == 0


def test_rows_without_external_id_are_told_apart_in_workers_as_in_one_process(tmp_path, pool_for_small_files):
    rows = [csv_row(external_id="", narrative=f"Call number {i}.") for i in range(90)]
    rows[70] = dict(rows[5])  # in another chunk, and another worker's
    path = write_csv(tmp_path / "reports.csv", rows)
    alone = refused(path, "--workers", "1")
    assert refused(path, "--workers", "2") == alone
    assert "line 72: row: repeats line 7" in alone
    assert "1 problem(s)" in alone
    del rows[70]
    run(write_csv(path, rows), "--workers", "2")
    again = refused(path, "--workers", "2")
    assert "line 2: row: was already imported" in again and "89 problem(s)" in again
    assert Report.objects.count() == 89
    assert pool_for_small_files == [2, 2, 2]


def test_a_dry_run_in_workers_checks_every_row_and_stores_nothing(tmp_path, pool_for_small_files):
    out, _ = run(write_csv(tmp_path / "reports.csv", numbered(90)), "--dry-run", "--workers", "2")
    assert "all 90 reports" in out
    assert pool_for_small_files == [2]
    assert Report.objects.count() == 0


def test_a_small_file_starts_no_worker_processes(tmp_path, monkeypatch):
    def refuse(*_args: Any) -> None:
        raise AssertionError("a pool was started for a small file")

    monkeypatch.setattr(importer, "WorkerPool", refuse)
    out, _ = run(write_csv(tmp_path / "reports.csv", numbered(3)), "--workers", "4")
    assert "imported 3 reports" in out


def test_workers_must_be_at_least_one(tmp_path):
    assert "--workers" in refused(write_csv(tmp_path / "reports.csv", numbered(1)), "--workers", "0")


def _nothing(_context: object) -> None:
    return None


def _count_reports(_state: object, _chunk: object) -> int:
    return Report.objects.count()


def test_a_worker_refuses_to_query_the_database():
    with workers.WorkerPool(1, _nothing, None) as pool, pytest.raises(RuntimeError, match="must not query the database"):
        list(pool.map(_count_reports, [1]))


def test_a_protected_person_added_while_a_file_is_checked_stops_the_import(demo_file, personas):
    """The checking pass holds no transaction (submissions go on meanwhile), so saving checks
    that the people the redacted copies were drafted against are still all there are."""
    from threatdesk.privacy.schemas import ProtectedPersonIn
    from threatdesk.privacy.selectors import people_stamp
    from threatdesk.privacy.services import protected_person_create

    seen = people_stamp()
    checked = importer.read_reports(demo_file, "jsonl", draft=True)
    assert not checked.errors
    protected_person_create(
        actor=personas.manager, office=personas.office, data=ProtectedPersonIn(kind="worker", full_name="Odessa Quillfeather")
    )
    before = Report.objects.count()
    with pytest.raises(importer.ImportFailedError) as failed:
        importer.save_reports(checked.drafts, people_seen=seen)
    assert [e.field for e in failed.value.errors] == ["file"]
    assert "run the import again" in str(failed.value.errors[0])
    assert Report.objects.count() == before
    assert importer.save_reports(checked.drafts, people_seen=people_stamp()) == len(checked.drafts)
