"""`manage.py rotate_keys` brings every sealed column and evidence file under the newest key, so the
old key can then be dropped with nothing left that needs it; it is idempotent and audited.
"""

from __future__ import annotations

import base64
import datetime as dt
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from threatdesk.audit.models import AuditEvent
from threatdesk.privacy import crypto
from threatdesk.privacy.crypto import KeyRingError
from threatdesk.privacy.fields import encrypted_fields
from threatdesk.privacy.services import rotate_keys
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.models import CustodyEntry, Evidence, Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.testing.files import files_under, use_media_root
from threatdesk.testing.payloads import valid_report_payload
from threatdesk.testing.personas import Personas
from threatdesk.testing.planting import eml_with_text, png_with_text

pytestmark = pytest.mark.django_db

NEW_KEY = "new:" + base64.b64encode(bytes(range(32))).decode()


def raw_sealed_values() -> dict[str, list[str]]:
    """Every non-null value of every encrypted column, as stored."""
    found: dict[str, list[str]] = {}
    for model in apps.get_models():
        for field in encrypted_fields(model):
            table = connection.ops.quote_name(model._meta.db_table)
            column = connection.ops.quote_name(field.column)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL")  # noqa: S608
                found[field.aad] = [row[0] for row in cursor.fetchall()]
    return found


def key_ids(values: dict[str, list[str]]) -> set[str]:
    return {crypto.key_id_of(v) for column in values.values() for v in column}


def file_key_ids(root: Path) -> set[str]:
    return {crypto.key_id_of(path.read_bytes().decode("ascii")) for path in files_under(root)}


def readable() -> list[tuple[str, str, list[str], dict[str, Any]]]:
    """What the reports say, read through the models (fails if any value does not open)."""
    return [(r.narrative, r.sender_name, r.sender_phones, r.reporter_contact) for r in Report.objects.order_by("pk")]


def evidence_opens() -> list[bool]:
    return [evidence_files.open_verified(e)[1] for e in Evidence.objects.order_by("pk")]


@pytest.fixture
def old_data(personas: Personas, settings: Any, tmp_path: Path) -> Path:
    """Two reports with three evidence files, sealed under the test key ring's only key."""
    use_media_root(settings, tmp_path)
    files = [
        evidence_files.check_upload(png_with_text(), "screenshot.png"),
        evidence_files.check_upload(eml_with_text(), "message.eml"),
    ]
    data = ReportIn.model_validate(valid_report_payload())
    report_submit(actor=personas.reporter, data=data, source="web", files=files)
    anonymous = ReportIn.model_validate(valid_report_payload(reporter_contact={"name": "A worker", "phone": "602-555-0100"}))
    report_submit(actor=None, data=anonymous, source="web", files=files[:1])
    assert key_ids(raw_sealed_values()) == {"k1"}
    assert file_key_ids(tmp_path) == {"k1"}
    return tmp_path


def test_every_value_and_file_ends_up_under_the_new_key(old_data: Path, settings: Any) -> None:
    before = readable()
    old_values = raw_sealed_values()
    settings.FIELD_KEYS = f"{NEW_KEY},{settings.FIELD_KEYS}"
    out = StringIO()
    call_command("rotate_keys", stdout=out)
    after = raw_sealed_values()
    assert key_ids(after) == {"new"}
    counts_after = {k: len(v) for k, v in after.items()}
    counts_before = {k: len(v) for k, v in old_values.items()}
    # The rotation is audited, which adds sealed (empty) reasons; every other column keeps its count.
    assert counts_after.pop("audit_auditevent.reason") > counts_before.pop("audit_auditevent.reason")
    assert counts_after == counts_before
    assert file_key_ids(old_data) == {"new"}
    assert len(files_under(old_data)) == Evidence.objects.count() == 3, "old sealed copies are removed"
    assert readable() == before
    assert evidence_opens() == [True, True, True]
    total = sum(len(v) for v in old_values.values())
    assert f"done: {total} values and 3 files re-encrypted under key new in this run" in out.getvalue()


def test_evidence_custody_records_the_re_encryption(old_data: Path, settings: Any) -> None:
    settings.FIELD_KEYS = f"{NEW_KEY},{settings.FIELD_KEYS}"
    call_command("rotate_keys", stdout=StringIO())
    for evidence in Evidence.objects.all():
        last = evidence.custody.order_by("at", "pk").last()
        assert last is not None
        assert last.action == CustodyEntry.Action.RE_ENCRYPTED
        assert last.sha256_verified
        assert last.note == "key new"


def test_a_second_run_re_encrypts_nothing(old_data: Path, settings: Any) -> None:
    settings.FIELD_KEYS = f"{NEW_KEY},{settings.FIELD_KEYS}"
    first = rotate_keys()
    assert first.values > 0 and first.files == 3
    stored = raw_sealed_values()
    second = rotate_keys()
    assert (second.values, second.files) == (0, 0)
    assert raw_sealed_values() == stored


def test_the_command_says_when_a_run_found_nothing_left_to_re_encrypt(old_data: Path, settings: Any) -> None:
    """The line the operator waits for before removing the old key (docs/deployment.md)."""
    settings.FIELD_KEYS = f"{NEW_KEY},{settings.FIELD_KEYS}"
    call_command("rotate_keys", stdout=StringIO())
    out = StringIO()
    call_command("rotate_keys", stdout=out)
    assert out.getvalue().splitlines()[-1] == "done: 0 values and 0 files re-encrypted under key new in this run"


def test_after_dropping_the_old_key_everything_still_reads(old_data: Path, settings: Any) -> None:
    before = readable()
    settings.FIELD_KEYS = f"{NEW_KEY},{settings.FIELD_KEYS}"
    call_command("rotate_keys", stdout=StringIO())
    settings.FIELD_KEYS = NEW_KEY
    assert readable() == before
    assert evidence_opens() == [True, True, True]


def test_dropping_the_old_key_before_rotating_leaves_data_unreadable(old_data: Path, settings: Any) -> None:
    settings.FIELD_KEYS = NEW_KEY
    with pytest.raises(KeyRingError, match="no key k1 in FIELD_KEYS"):
        readable()


def test_rotation_writes_an_audit_event(old_data: Path, settings: Any) -> None:
    settings.FIELD_KEYS = f"{NEW_KEY},{settings.FIELD_KEYS}"
    total = sum(len(v) for v in raw_sealed_values().values())
    call_command("rotate_keys", stdout=StringIO())
    event = AuditEvent.objects.filter(action="privacy.keys.rotated").get()
    assert event.actor_label == "system"
    assert event.payload == {"key_id": "new", "values": total, "files": 3, "files_failed": 0}
    assert "k1" not in str(event.payload) and NEW_KEY.split(":", 1)[1] not in str(event.payload)


def test_files_destroyed_by_retention_are_passed_over_and_counted(
    personas: Personas, settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    """Retention keeps an evidence row (kind, size, SHA-256, custody) and deletes its file. The
    rotation must go on past it, or the old key could never be retired."""
    use_media_root(settings, tmp_path)
    screenshot = evidence_files.check_upload(png_with_text(), "screenshot.png")
    data = ReportIn.model_validate(valid_report_payload())
    old = report_submit(actor=personas.reporter, data=data, source="web", files=[screenshot]).report
    kept = report_submit(actor=personas.reporter, data=data, source="web", files=[screenshot]).report
    long_ago = timezone.now() - dt.timedelta(days=365 * 4)
    Report.objects.filter(pk=old.pk).update(status="closed", updated_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("retention", stdout=StringIO())
    assert Evidence.objects.get(report=old).destroyed_at is not None

    settings.FIELD_KEYS = f"{NEW_KEY},{settings.FIELD_KEYS}"
    out = StringIO()
    call_command("rotate_keys", stdout=out)
    assert "files: 1 re-encrypted, 1 passed over, destroyed under the retention policy" in out.getvalue()
    assert AuditEvent.objects.filter(action="privacy.keys.rotated").get().payload["files"] == 1
    settings.FIELD_KEYS = NEW_KEY
    assert evidence_files.open_verified(Evidence.objects.get(report=kept))[1]


def test_a_value_the_site_changes_while_the_rotation_runs_is_not_written_back(
    personas: Personas, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rotate_keys runs while the site is up. A value written between the rotation's read of a
    batch and its write (here an erasure rewriting a narrative) must stay, not be replaced by the
    older value re-sealed."""
    data = ReportIn.model_validate(valid_report_payload())
    report = report_submit(actor=personas.reporter, data=data, source="web").report
    settings.FIELD_KEYS = f"{NEW_KEY},{settings.FIELD_KEYS}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT narrative FROM reports_report WHERE id = %s", [report.pk])
        (sealed_narrative,) = cursor.fetchone()
    real_key_id_of = crypto.key_id_of

    def key_id_of_while_the_site_writes(token: str) -> str:
        if token == sealed_narrative:  # the rotation has just read the batch holding it
            Report.objects.filter(pk=report.pk).update(narrative="[ERASED] called the office.")
        return real_key_id_of(token)

    monkeypatch.setattr(crypto, "key_id_of", key_id_of_while_the_site_writes)
    rotate_keys()
    assert Report.objects.get(pk=report.pk).narrative == "[ERASED] called the office."
    monkeypatch.undo()
    assert key_ids(raw_sealed_values()) == {"new"}


@pytest.mark.parametrize(
    ("ring", "words"),
    [
        ("new:c2hvcnQ=,{ring}", "FIELD_KEYS key new must be 32 bytes"),
        (NEW_KEY, "no key k1 in FIELD_KEYS"),
    ],
    ids=["short-key", "old-key-dropped"],
)
def test_a_bad_key_ring_stops_the_command_with_one_line(old_data: Path, settings: Any, ring: str, words: str) -> None:
    """A typo in FIELD_KEYS, or an old key dropped too soon, is an operator's mistake: a one-line
    refusal and exit code 1, not a traceback from inside the crypto module."""
    settings.FIELD_KEYS = ring.format(ring=settings.FIELD_KEYS)
    with pytest.raises(CommandError, match=words) as refused:
        call_command("rotate_keys", stdout=StringIO())
    assert "\n" not in str(refused.value)
    assert not AuditEvent.objects.filter(action="privacy.keys.rotated").exists()


def test_a_file_that_no_longer_matches_its_hash_is_re_encrypted_as_a_failed_check(old_data: Path, settings: Any) -> None:
    """The custody log must say what the rotation found, as a download does: here the recorded
    SHA-256 was changed, so the bytes re-sealed no longer match it."""
    altered = Evidence.objects.order_by("pk").first()
    assert altered is not None
    Evidence.objects.filter(pk=altered.pk).update(sha256="0" * 64)
    settings.FIELD_KEYS = f"{NEW_KEY},{settings.FIELD_KEYS}"
    assert rotate_keys().files == 3
    entries = CustodyEntry.objects.filter(action=CustodyEntry.Action.RE_ENCRYPTED)
    assert {(e.evidence_id, e.sha256_verified) for e in entries} == {(e.pk, e.pk != altered.pk) for e in Evidence.objects.all()}
    assert entries.get(evidence=altered).note == "key new; integrity check failed"
    event = AuditEvent.objects.get(action="reports.evidence.integrity_failed")
    assert event.payload == {"evidence": altered.public_code, "purpose": "re_encrypted", "sha256_verified": False}


def _lose_one(root: Path, how: str) -> Evidence:
    """The first evidence file, gone from storage or with one byte of its sealed form altered."""
    lost = Evidence.objects.order_by("pk").first()
    assert lost is not None
    path = root / lost.stored_name
    if how == "missing":
        path.unlink()
    else:
        sealed = bytearray(path.read_bytes())
        sealed[-5] = ord("A") if sealed[-5] != ord("A") else ord("B")
        path.write_bytes(bytes(sealed))
    return lost


@pytest.mark.parametrize("how", ["missing", "tampered"])
def test_a_file_that_fails_its_check_is_recorded_and_the_others_go_on(old_data: Path, settings: Any, how: str) -> None:
    """One lost or altered file must not keep every other file under the old key, run after run."""
    lost = _lose_one(old_data, how)
    settings.FIELD_KEYS = f"{NEW_KEY},{settings.FIELD_KEYS}"
    out = StringIO()
    with pytest.raises(CommandError, match=r"^1 evidence file\(s\) failed their integrity check") as refused:
        call_command("rotate_keys", stdout=out)
    assert "\n" not in str(refused.value)
    assert "files: 2 re-encrypted, 0 passed over, destroyed under the retention policy, 1 failed" in out.getvalue()
    assert out.getvalue().splitlines()[-1].startswith("done: ")
    assert evidence_opens()[1:] == [True, True]
    entry = lost.custody.order_by("at", "pk").last()
    assert entry is not None
    assert (entry.action, entry.sha256_verified) == (CustodyEntry.Action.VIEWED, False)
    assert entry.note == "integrity check failed; missing or does not open, not re-encrypted"
    failed = AuditEvent.objects.get(action="reports.evidence.integrity_failed")
    assert failed.payload == {"evidence": lost.public_code, "purpose": "re_encrypted", "sha256_verified": False}
    assert AuditEvent.objects.get(action="privacy.keys.rotated").payload["files_failed"] == 1
