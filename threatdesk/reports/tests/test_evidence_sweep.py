"""`manage.py sweep_evidence` deletes the sealed files no evidence record names, and only those:
never a file a live record names, one young enough that its row may still be committing, or any
file of another shape in the storage."""

from __future__ import annotations

import os
import time
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from threatdesk.audit.models import AuditEvent
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.models import Evidence
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.testing.files import files_under, png_bytes, use_media_root

pytestmark = pytest.mark.django_db

HOURS_AGO = 2


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    return use_media_root(settings, tmp_path / "media")


def aged(media: Path, name: str, hours: float = HOURS_AGO) -> str:
    then = time.time() - hours * 3600
    os.utime(media / name, (then, then))
    return name


def leftover(media: Path, marker: str, *, hours: float = HOURS_AGO) -> str:
    """A sealed file as a failed write leaves it: well named, named by no row."""
    name = f"2024/11/{marker * 32}.sealed"
    default_storage.save(name, ContentFile(b"td1:k:sealed bytes"))
    return aged(media, name, hours)


@pytest.fixture
def stored(personas: Any, report_payload: dict[str, Any], media: Path) -> Evidence:
    report = report_submit(
        actor=personas.reporter,
        data=ReportIn.model_validate(report_payload),
        source="web",
        files=[evidence_files.check_upload(png_bytes("kept"), "kept.png")],
    ).report
    item = Evidence.objects.get(report=report)
    aged(media, item.stored_name)
    return item


def sweep(*args: str) -> str:
    out = StringIO()
    call_command("sweep_evidence", *args, stdout=out)
    return out.getvalue()


def test_an_old_file_no_record_names_is_deleted_and_a_named_one_kept(media, stored):
    orphan = leftover(media, "a")
    assert "deleted 1 sealed file(s)" in sweep()
    assert files_under(media) == [media / stored.stored_name]
    assert not (media / orphan).exists()
    assert evidence_files.open_verified(stored)[1]


def test_a_file_whose_record_was_destroyed_by_retention_is_deleted(media, stored):
    """Retention deletes the bytes after its commit; a file that deletion missed is swept."""
    Evidence.objects.filter(pk=stored.pk).update(destroyed_at=timezone.now())
    sweep()
    assert files_under(media) == []


def test_a_young_file_is_kept_since_its_row_may_still_be_committing(media, stored):
    young = leftover(media, "b", hours=0.1)
    assert "deleted 0 sealed file(s)" in sweep()
    assert (media / young).exists()


def test_files_of_another_shape_are_never_touched(media, stored):
    others = ["notes.txt", "2024/11/backup.sealed", f"{'c' * 32}.sealed"]
    for name in others:
        default_storage.save(name, ContentFile(b"not ours"))
        aged(media, name)
    sweep()
    assert {str(p.relative_to(media)) for p in files_under(media)} == {stored.stored_name, *others}


def test_a_dry_run_counts_and_deletes_nothing(media, stored):
    leftover(media, "d")
    out = sweep("--dry-run")
    assert "would delete 1 sealed file(s)" in out and "Dry run" in out
    assert len(files_under(media)) == 2
    assert not AuditEvent.objects.filter(action="reports.evidence.swept").exists()


def test_a_sweep_that_deletes_is_audited_with_the_count(media, stored):
    leftover(media, "e")
    leftover(media, "f")
    sweep()
    assert AuditEvent.objects.get(action="reports.evidence.swept").payload == {"files": 2}


def test_an_empty_storage_is_swept_without_error(media):
    assert "deleted 0 sealed file(s)" in sweep()


def test_a_window_too_short_for_a_commit_is_refused(media, stored):
    leftover(media, "g")
    with pytest.raises(CommandError, match="at least 10"):
        sweep("--minutes", "5")
    assert len(files_under(media)) == 2


@pytest.mark.parametrize("minutes", ["5270401", "1000000000000", "100000000000000"])
def test_a_window_past_ten_years_is_refused(media, stored, minutes):
    leftover(media, "h")
    with pytest.raises(CommandError, match=f"at most 5270400 \\(ten years\\), not {minutes}"):
        sweep("--minutes", minutes)
    assert len(files_under(media)) == 2
