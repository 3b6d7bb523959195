"""A write that fails after sealing evidence files leaves none behind.

Each sealed file is written before the row naming it, inside the write's transaction. When
anything later in that transaction fails (the next file meets a full disk, the audit append
fails), the rows roll back, and a file left behind would be named by nothing: no retention run,
erasure or key rotation would ever reach it again.
"""

from __future__ import annotations

import base64
import errno
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import DatabaseError, OperationalError, connection

from threatdesk.lib.busy import StorageUnavailableError
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.models import CustodyEntry, Evidence, Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import evidence_add, report_submit, submitting
from threatdesk.testing.files import eml_bytes, files_under, png_bytes, use_media_root

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    return use_media_root(settings, tmp_path / "media")


def _checked() -> list[evidence_files.CheckedFile]:
    return [
        evidence_files.check_upload(png_bytes("screenshot"), "shot.png"),
        evidence_files.check_upload(eml_bytes("the threatening email"), "threat.eml"),
    ]


def _file_with_two_files(personas: Any, report_payload: dict[str, Any], key: str) -> None:
    report_submit(
        actor=personas.reporter, data=ReportIn.model_validate(report_payload), source="web", submission_key=key, files=_checked()
    )


def test_a_disk_full_on_the_second_file_leaves_no_sealed_file_behind(personas, report_payload, media, monkeypatch):
    real_save, saved = FileSystemStorage.save, []

    def save_then_disk_full(self: Any, name: str, content: Any, **kwargs: Any) -> str:
        if saved:
            raise OSError(errno.ENOSPC, "No space left on device")
        saved.append(name)
        return real_save(self, name, content, **kwargs)

    monkeypatch.setattr(FileSystemStorage, "save", save_then_disk_full)
    with pytest.raises(StorageUnavailableError):  # answered 503: nothing stored, send it again
        _file_with_two_files(personas, report_payload, "web:t1")
    assert (Report.objects.count(), Evidence.objects.count(), CustodyEntry.objects.count()) == (0, 0, 0)
    assert files_under(media) == [], "the rolled-back submission left a sealed file that no row names"


def test_a_failed_audit_append_after_the_files_leaves_no_sealed_file_behind(personas, report_payload, media, monkeypatch):
    real_log = submitting.audit.log

    def failing_on_evidence(action: str, **kwargs: Any) -> None:
        if action == "reports.evidence.added":
            raise OperationalError("database is locked")
        real_log(action, **kwargs)

    monkeypatch.setattr(submitting.audit, "log", failing_on_evidence)
    with pytest.raises(OperationalError):
        _file_with_two_files(personas, report_payload, "web:t2")
    assert Report.objects.count() == 0
    assert files_under(media) == [], "the rolled-back submission left a sealed file that no row names"


def test_a_failed_evidence_add_leaves_no_sealed_file_behind(personas, report_payload, media, monkeypatch):
    report = report_submit(actor=personas.reporter, data=ReportIn.model_validate(report_payload), source="api").report
    monkeypatch.setattr(submitting.audit, "log", lambda *a, **k: (_ for _ in ()).throw(OperationalError("database is locked")))
    with pytest.raises(OperationalError):
        evidence_add(actor=personas.reporter, report=report, checked=_checked()[0])
    assert Evidence.objects.count() == 0
    assert files_under(media) == [], "the rolled-back upload left a sealed file that no row names"


def test_a_rollback_around_a_stored_upload_deletes_its_file(personas, report_payload, media):
    """A write nested in a larger one hands its files over: the larger one's rollback undoes both."""
    report = report_submit(actor=personas.reporter, data=ReportIn.model_validate(report_payload), source="api").report
    with pytest.raises(RuntimeError), evidence_files.atomic_with_files():
        evidence_add(actor=personas.reporter, report=report, checked=_checked()[0])
        raise RuntimeError("a later step of the enclosing write fails")
    assert Evidence.objects.count() == 0
    assert files_under(media) == []


def test_a_failed_commit_keeps_its_files_since_it_may_have_committed(personas, report_payload, media, monkeypatch):
    """On PostgreSQL a connection lost during COMMIT may have committed: deleting the files then
    could lose acknowledged evidence, so they stay for the sweep to judge by the rows."""
    report = report_submit(actor=personas.reporter, data=ReportIn.model_validate(report_payload), source="api").report
    real_commit, failed = connection.savepoint_commit, []

    def commit_fails_once(sid: str) -> None:
        if not failed:
            failed.append(sid)
            raise DatabaseError("server closed the connection unexpectedly")
        real_commit(sid)

    monkeypatch.setattr(connection, "savepoint_commit", commit_fails_once)
    with pytest.raises(DatabaseError):
        evidence_add(actor=personas.reporter, report=report, checked=_checked()[0])
    assert len(files_under(media)) == 1


def test_a_key_rotation_that_fails_after_sealing_deletes_the_new_file_and_keeps_the_old(
    personas, report_payload, media, settings, monkeypatch
):
    report = report_submit(
        actor=personas.reporter, data=ReportIn.model_validate(report_payload), source="web", files=_checked()[:1]
    ).report
    before = files_under(media)
    settings.FIELD_KEYS = "new:" + base64.b64encode(bytes(range(32))).decode() + "," + settings.FIELD_KEYS
    monkeypatch.setattr(evidence_files, "custody", lambda *a, **k: (_ for _ in ()).throw(OperationalError("database is locked")))
    with pytest.raises(OperationalError):
        evidence_files.rotate_evidence_files()
    assert files_under(media) == before, "the rolled-back rotation left its new file, or lost the old one"
    assert evidence_files.open_verified(Evidence.objects.get(report=report))[1]
