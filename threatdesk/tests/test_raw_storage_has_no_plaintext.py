"""Whoever takes the database or the evidence folder (a stolen backup, a copied disk) finds no
worker's name, address or phone, no child's name, no sender identity and no secret of a worker's
authenticator app in them.

The canaries go in the way real data does: the worker's own account (her name and address, and
the authenticator app she sets up), the public web form (with a PNG screenshot and an .eml
message whose bytes and file names carry canaries), the JSON API (a report and an attached file),
and bulk import. Then the raw stores are searched byte for byte.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from threatdesk.accounts.models import TOTPDevice, User
from threatdesk.audit.models import AuditEvent
from threatdesk.privacy.models import ProtectedPerson
from threatdesk.reports import redaction
from threatdesk.reports.models import Evidence, Report
from threatdesk.reports.redaction import Copies
from threatdesk.testing.files import files_under, use_media_root
from threatdesk.testing.payloads import CANARY_WORKER
from threatdesk.testing.personas import Personas
from threatdesk.testing.planting import Planted, canaries_in, filed_by_reporter, plant_everywhere

pytestmark = pytest.mark.django_db
# The dumps read committed data (pg_dump is another connection); the places tables are restored after.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PG_DUMP = shutil.which("pg_dump")


@pytest.fixture
def evidence_dir(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "evidence"
    root.mkdir()
    use_media_root(settings, root)
    return root


def plant_missed_by_redaction(personas: Personas, monkeypatch: pytest.MonkeyPatch) -> Report:
    """A report whose redacted copy missed her: the copy, and the assessment's quotes of it (its
    indicators' evidence and the explanation), name her. Sealed, they are not readable either."""
    monkeypatch.setattr(redaction, "make_copies", lambda values, **_: Copies(values["narrative"], values["message_text"], "done"))
    report = filed_by_reporter(personas, message_text=f"If you certify, {CANARY_WORKER} will hang.")
    monkeypatch.undo()
    return Report.objects.get(pk=report.pk)


@pytest.fixture
def planted(personas: Personas, evidence_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Planted:
    planted = plant_everywhere(personas)
    missed = plant_missed_by_redaction(personas, monkeypatch)
    planted.api_codes.append(missed.public_code)
    # The planting reached the stores: otherwise every search below would pass for nothing.
    assert Report.objects.count() == len(planted.all_codes) == 6
    assert canaries_in(json.dumps([missed.indicators, missed.severity_reasons], ensure_ascii=False))
    assert all(canaries_in(r.platform) for r in Report.objects.exclude(pk=missed.pk))  # every way in names her there
    assert Evidence.objects.count() == 5
    assert ProtectedPerson.objects.count() == 2  # the worker and her son, sealed
    assert _canaries_read_back()
    assert TOTPDevice.objects.get(user__username="maricopa-clerk-7", confirmed=True).key == planted.authenticator_key
    return planted


def _canaries_read_back() -> bool:
    """The canaries read back through the models: stored, only not in the clear."""
    texts = [r.narrative + r.message_text + r.sender_name + json.dumps(r.reporter_contact) for r in Report.objects.all()]
    account = User.objects.get(username="maricopa-clerk-7")  # the worker's own account
    texts.append(account.get_full_name() + " " + account.email)
    return all(canaries_in(t) for t in texts)


def secrets_in(data: bytes | str, planted: Planted) -> list[str]:
    """The worker's authenticator secret, as hex or as the base32 her app is given, found in `data`."""
    key = planted.authenticator_key
    forms = [key, key.upper(), base64.b32encode(bytes.fromhex(key)).decode()]
    text = data if isinstance(data, str) else data.decode("latin-1")
    return [form for form in forms if form in text]


def sqlite_raw_bytes(tmp_path: Path) -> bytes:
    """The database as it lies on disk: the file (and its WAL) or, for an in-memory test
    database, a page-for-page copy made with SQLite's backup API."""
    name = str(connection.settings_dict["NAME"])
    if not connection.is_in_memory_db():
        data = Path(name).read_bytes()
        wal = Path(name + "-wal")
        return data + (wal.read_bytes() if wal.exists() else b"")
    copy = tmp_path / "copy.sqlite3"
    target = sqlite3.connect(copy)
    try:
        connection.connection.backup(target)  # type: ignore[union-attr]
    finally:
        target.close()
    return copy.read_bytes()


@committed
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the database is not SQLite")
def test_sqlite_dump_and_file_hold_no_canary(planted: Planted, tmp_path: Path) -> None:
    connection.ensure_connection()
    dump = "\n".join(connection.connection.iterdump())  # type: ignore[union-attr]
    assert planted.form_codes[0] in dump  # the dump does hold the reports
    assert not canaries_in(dump), "plaintext personal data in the SQL dump"
    assert not secrets_in(dump, planted), "an authenticator secret in the SQL dump"
    raw = sqlite_raw_bytes(tmp_path)
    assert planted.api_codes[0].encode() in raw
    assert not canaries_in(raw), "plaintext personal data in the database file"
    assert not secrets_in(raw, planted), "an authenticator secret in the database file"


@committed
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database is not PostgreSQL")
@pytest.mark.skipif(PG_DUMP is None, reason="pg_dump is not installed")
def test_postgresql_dump_holds_no_canary(planted: Planted) -> None:
    assert PG_DUMP is not None
    db = connection.settings_dict
    command = [PG_DUMP, "--no-owner", "--no-privileges", "--dbname", str(db["NAME"])]
    if db.get("HOST"):
        command += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        command += ["--port", str(db["PORT"])]
    if db.get("USER"):
        command += ["--username", str(db["USER"])]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    result = subprocess.run(command, capture_output=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert planted.import_codes[0].encode() in result.stdout  # the dump does hold the reports
    assert not canaries_in(result.stdout), "plaintext personal data in pg_dump"
    assert not secrets_in(result.stdout, planted), "an authenticator secret in pg_dump"


def test_evidence_folder_holds_no_canary(planted: Planted, evidence_dir: Path) -> None:
    files = files_under(evidence_dir)
    assert len(files) == Evidence.objects.count() == 5
    for path in files:
        assert not canaries_in(str(path.relative_to(evidence_dir))), f"personal data in a file name: {path}"
        data = path.read_bytes()
        assert data.startswith(b"td1:"), f"{path} is not sealed"
        assert not canaries_in(data), f"plaintext personal data in {path}"
        assert b"\x89PNG" not in data and b"From:" not in data


def test_audit_payloads_hold_no_canary(planted: Planted) -> None:
    """Payloads and labels are codes. Typed reasons may name someone: they are sealed, and the
    raw searches above prove it."""
    events = list(AuditEvent.objects.values("actor_label", "action", "object_type", "object_id", "payload"))
    assert {e["action"] for e in events} >= {
        "reports.report.submitted",
        "reports.report.imported",
        "reports.evidence.added",
    }
    assert not canaries_in(json.dumps(events, default=str, ensure_ascii=False))
