"""A file opened after its record changed is judged by the record as it stands, never a stale one.

A download or a case packet reads the Evidence row, then `evidence_open` opens its file. Key
rotation meanwhile re-seals the file under a new name, commits the row's move, and deletes the old
file: opening the name read earlier would find no file, and the custody chain and the audit trail
would record for good that an intact file failed its integrity check. Retention may destroy the
file meanwhile too: that is no failed check either. A file genuinely missing or altered is still
recorded as such.
"""

from __future__ import annotations

import base64
import threading
import time
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from threatdesk.audit.models import AuditEvent
from threatdesk.cases import packet
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports import selectors
from threatdesk.reports.models import CustodyEntry, Evidence, Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import EvidenceDestroyedError, evidence_open, report_submit
from threatdesk.testing.files import files_under, png_bytes, use_media_root
from threatdesk.testing.interleaving import two_writers

pytestmark = pytest.mark.django_db

NEW_KEY = "new:" + base64.b64encode(bytes(range(32))).decode()


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    return use_media_root(settings, tmp_path / "media")


def test_a_download_that_meets_a_key_rotation_hands_out_the_file_and_records_no_tampering(
    personas, report_payload, media, settings
):
    data = png_bytes("screenshot of the post")
    report = report_submit(
        actor=personas.reporter,
        data=ReportIn.model_validate(report_payload),
        source="web",
        files=[evidence_files.check_upload(data, "shot.png")],
    ).report
    item = Evidence.objects.get(report=report)  # the download request has read the row (selectors.evidence_for)

    settings.FIELD_KEYS = f"{NEW_KEY},{settings.FIELD_KEYS}"
    call_command("rotate_keys", stdout=StringIO())  # meanwhile the operator rotates the keys

    opened, verified = evidence_open(actor=personas.manager, evidence=item, purpose=CustodyEntry.Action.DOWNLOADED)
    assert not AuditEvent.objects.filter(action="reports.evidence.integrity_failed").exists(), (
        "an intact file was recorded as failing its integrity check"
    )
    assert (opened, verified) == (data, True)


def stored(personas: Any, report_payload: dict[str, Any], data: bytes) -> Report:
    return report_submit(
        actor=personas.reporter,
        data=ReportIn.model_validate(report_payload),
        source="web",
        files=[evidence_files.check_upload(data, "shot.png")],
    ).report


def integrity_failures() -> int:
    return AuditEvent.objects.filter(action="reports.evidence.integrity_failed").count()


def rotate(settings: Any) -> None:
    settings.FIELD_KEYS = f"{NEW_KEY},{settings.FIELD_KEYS}"
    call_command("rotate_keys", stdout=StringIO())


def test_the_download_after_a_rotation_is_in_the_custody_chain_as_handed_out(personas, report_payload, media, settings):
    report = stored(personas, report_payload, png_bytes("screenshot"))
    item = Evidence.objects.get(report=report)
    rotate(settings)
    evidence_open(actor=personas.manager, evidence=item, purpose=CustodyEntry.Action.DOWNLOADED)
    actions = [(c.action, c.sha256_verified) for c in item.custody.order_by("at", "pk")]
    assert actions[-2:] == [(CustodyEntry.Action.RE_ENCRYPTED, True), (CustodyEntry.Action.DOWNLOADED, True)]


@pytest.mark.parametrize("harm", ["deleted", "altered"])
def test_a_file_missing_or_altered_after_its_record_was_read_is_still_recorded(personas, report_payload, media, settings, harm):
    report = stored(personas, report_payload, png_bytes("screenshot"))
    item = Evidence.objects.get(report=report)
    rotate(settings)
    moved = Evidence.objects.get(pk=item.pk).stored_name
    if harm == "deleted":
        default_storage.delete(moved)
    else:
        (media / moved).write_bytes((media / moved).read_bytes()[:-8] + b"AAAAAAAA")
    assert evidence_open(actor=personas.manager, evidence=item, purpose=CustodyEntry.Action.DOWNLOADED) == (b"", False)
    assert integrity_failures() == 1
    failed = item.custody.latest("at", "pk")
    assert (failed.sha256_verified, "integrity check failed" in failed.note) == (False, True)


def destroy(item: Evidence) -> None:
    """What retention does to a file's record (its bytes go once that commits)."""
    Evidence.objects.filter(pk=item.pk).update(destroyed_at=timezone.now(), original_name="")


def test_a_file_destroyed_after_its_record_was_read_is_no_failed_check(personas, report_payload, media):
    item = Evidence.objects.get(report=stored(personas, report_payload, png_bytes("screenshot")))
    destroy(item)
    with pytest.raises(EvidenceDestroyedError):
        evidence_open(actor=personas.manager, evidence=item, purpose=CustodyEntry.Action.DOWNLOADED)
    assert integrity_failures() == 0
    assert not item.custody.exclude(action=CustodyEntry.Action.RECEIVED).exists()


def test_a_download_whose_file_was_destroyed_after_the_look_up_is_not_found(personas, report_payload, media, monkeypatch):
    item = Evidence.objects.get(report=stored(personas, report_payload, png_bytes("screenshot")))
    real_for = selectors.evidence_for

    def destroyed_after_look_up(*args: Any) -> Evidence:
        found = real_for(*args)
        destroy(found)
        return found

    monkeypatch.setattr(selectors, "evidence_for", destroyed_after_look_up)
    client = Client()
    client.force_login(personas.manager)
    assert client.get(f"/reports/{item.report.public_code}/evidence/{item.public_code}/").status_code == 404
    assert integrity_failures() == 0


def test_a_packet_lists_a_file_destroyed_after_it_read_the_record_as_destroyed(personas, report_payload, media):
    item = Evidence.objects.get(report=stored(personas, report_payload, png_bytes("screenshot")))
    destroy(item)
    assert packet._take_evidence(personas.manager, item).status == packet.FileStatus.DESTROYED
    assert integrity_failures() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@two_writers
def test_a_rotation_waits_for_a_download_that_holds_the_record(personas, report_payload, media, settings, monkeypatch):
    """Without the lock the rotation would re-seal, commit and delete the old file while the
    download is between reading the record and opening its file."""
    data = png_bytes("screenshot")
    item = Evidence.objects.get(report=stored(personas, report_payload, data))
    settings.FIELD_KEYS = f"{NEW_KEY},{settings.FIELD_KEYS}"
    holding, failures = threading.Event(), []
    real_open = evidence_files.open_verified

    def slow_open(evidence: Evidence) -> tuple[bytes, bool]:
        holding.set()
        time.sleep(0.5)  # the rotation starts meanwhile
        return real_open(evidence)

    def rotation() -> None:
        try:
            holding.wait(10)
            evidence_files.rotate_evidence_files()
        except BaseException as exc:
            failures.append(exc)
        finally:
            connection.close()

    monkeypatch.setattr(evidence_files, "open_verified", slow_open)
    rotating = threading.Thread(target=rotation)
    rotating.start()
    opened = evidence_open(actor=personas.manager, evidence=item, purpose=CustodyEntry.Action.DOWNLOADED)
    rotating.join(10)
    assert not failures
    assert opened == (data, True)
    assert integrity_failures() == 0
    moved = Evidence.objects.get(pk=item.pk)
    assert moved.stored_name != item.stored_name and files_under(media) == [media / moved.stored_name]
