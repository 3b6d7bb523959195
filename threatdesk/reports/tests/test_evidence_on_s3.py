"""Evidence kept in an S3-compatible bucket (EVIDENCE_S3_BUCKET) behaves as in a local folder: files
arrive sealed under random names, come back only intact, go when a submission rolls back, when
retention destroys them or a sweep finds them unnamed, and move to the new key on rotation."""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from threatdesk.accounts.services import token_create
from threatdesk.cases.services import report_refer
from threatdesk.privacy import crypto
from threatdesk.privacy.services import rotate_keys
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.models import CustodyEntry, Evidence, Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.reports.tests.test_report_form import form_data
from threatdesk.testing.files import png_bytes, use_media_root
from threatdesk.testing.payloads import valid_report_payload
from threatdesk.testing.s3 import Bucket, s3_evidence, s3_storage_setting

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]

MARKER = "photo of the note left on Ferncliff's windscreen 5d2e"


@pytest.fixture
def bucket(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Bucket]:
    with s3_evidence(settings, monkeypatch) as made:
        yield made


def filed(personas: Any, *files: tuple[bytes, str]) -> Report:
    checked = [evidence_files.check_upload(data, name) for data, name in files]
    data = ReportIn.model_validate(valid_report_payload())
    return report_submit(actor=personas.reporter, data=data, source="web", files=checked).report


@pytest.fixture
def item(personas: Any, bucket: Bucket) -> Evidence:
    return Evidence.objects.get(report=filed(personas, (png_bytes(MARKER), "Ferncliff windscreen.png")))


def download(who: Any, item: Evidence) -> Any:
    client = Client()
    client.force_login(who)
    return client.get(f"/reports/{item.report.public_code}/evidence/{item.public_code}/")


def test_a_filed_file_is_in_the_bucket_sealed_under_its_random_name_only(item, bucket):
    assert bucket.names() == [item.stored_name]
    stored = bucket.read(item.stored_name)
    assert stored.startswith(b"td1:")
    assert MARKER.encode() not in stored and "Ferncliff" not in item.stored_name
    assert crypto.decrypt_bytes(stored, f"evidence:{item.stored_name}") == png_bytes(MARKER)


def test_a_download_hands_out_the_original_bytes_and_logs_custody(item, personas):
    response = download(personas.manager, item)
    assert response.status_code == 200
    assert response.content == png_bytes(MARKER)
    assert item.custody.get(action=CustodyEntry.Action.DOWNLOADED).sha256_verified is True


def _forge(bucket: Bucket, item: Evidence) -> None:
    bucket.put(item.stored_name, crypto.encrypt_bytes(png_bytes("a forged picture"), f"evidence:{item.stored_name}"))


@pytest.mark.parametrize("tamper", [_forge, lambda bucket, item: bucket.remove(item.stored_name)], ids=["forged", "gone"])
def test_a_file_changed_or_gone_in_the_bucket_is_not_handed_out_and_the_failure_is_logged(item, bucket, personas, tamper):
    tamper(bucket, item)
    response = download(personas.manager, item)
    assert response.status_code == 409
    assert b"a forged picture" not in response.content
    assert item.custody.latest("at", "pk").sha256_verified is False


def test_a_rolled_back_submission_leaves_no_file_in_the_bucket(personas, bucket):
    checked = evidence_files.check_upload(png_bytes("rolled back"), "a.png")
    data = ReportIn.model_validate(valid_report_payload())
    with pytest.raises(RuntimeError), evidence_files.atomic_with_files():
        report_submit(actor=personas.reporter, data=data, source="web", files=[checked])
        raise RuntimeError("the request failed after the file was written")
    assert bucket.names() == []
    assert not Evidence.objects.exists()


def test_rotation_reseals_every_file_under_the_new_key_and_deletes_the_old_copies(item, bucket, settings):
    settings.FIELD_KEYS = "new:" + base64.b64encode(bytes(range(32))).decode() + "," + settings.FIELD_KEYS
    rotate_keys()
    item.refresh_from_db()
    assert bucket.names() == [item.stored_name]
    assert crypto.key_id_of(bucket.read(item.stored_name).decode("ascii")) == "new"
    assert evidence_files.open_verified(item) == (png_bytes(MARKER), True)


def test_retention_destroys_the_file_in_the_bucket(item, bucket, django_capture_on_commit_callbacks):
    old = timezone.now() - timedelta(days=365 * 4)
    Report.objects.filter(pk=item.report_id).update(status="closed", updated_at=old)
    with django_capture_on_commit_callbacks(execute=True):  # files go once the erasure has committed
        call_command("retention", stdout=StringIO())
    item.refresh_from_db()
    assert item.destroyed_at is not None
    assert bucket.names() == []


def sweep_two_hours_on(monkeypatch: pytest.MonkeyPatch) -> str:
    """The sweep as it runs two hours after now: whatever the bucket holds is then old enough."""
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(evidence_files.timezone, "now", lambda: later)
    out = StringIO()
    call_command("sweep_evidence", stdout=out)
    return out.getvalue()


def test_the_sweep_deletes_old_unnamed_files_and_keeps_named_and_foreign_ones(item, bucket, monkeypatch):
    unnamed, foreign = f"2024/11/{'a' * 32}.sealed", "exports/readme.txt"
    bucket.put(unnamed, b"td1:k1:left by a failed commit")
    bucket.put(foreign, b"not ours")
    assert "deleted 1 sealed file(s)" in sweep_two_hours_on(monkeypatch)
    assert bucket.names() == sorted([item.stored_name, foreign])


def test_a_young_unnamed_file_is_kept_since_its_row_may_still_be_committing(bucket):
    bucket.put(f"2024/11/{'b' * 32}.sealed", b"td1:k1:committing")
    assert evidence_files.unnamed_files(timedelta(minutes=60)) == []


def test_a_file_gone_from_the_bucket_has_no_time_of_writing(bucket):
    """A rotation may delete an old copy between the sweep's listing and its look at the file's
    age: that must read as 'gone', as on a disk, not as an error that stops the sweep."""
    with pytest.raises(FileNotFoundError):
        evidence_files.default_storage.get_modified_time(f"2024/11/{'c' * 32}.sealed")
    assert evidence_files._written_before(f"2024/11/{'c' * 32}.sealed", timezone.now()) is False


def test_the_case_packet_ships_the_files_from_the_bucket(item, personas):
    report_refer(actor=personas.manager, report=item.report, agency=personas.agency)
    client = Client()
    client.force_login(personas.manager)
    response = client.post(f"/reports/{item.report.public_code}/packet/")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert png_bytes(MARKER) in [archive.read(name) for name in archive.namelist()]


def test_the_storage_check_writes_reads_lists_and_deletes_leaving_nothing(bucket):
    out = StringIO()
    call_command("check_evidence_storage", stdout=out)
    assert out.getvalue().startswith("ok: the evidence storage (bucket threatdesk-evidence-test, under evidence)")
    assert bucket.names() == []


def test_the_storage_check_names_the_error_of_a_bucket_that_is_not_there(bucket, settings):
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage_setting(bucket_name="no-such-bucket-here")}
    with pytest.raises(CommandError, match=r"the evidence storage failed: .*NoSuchBucket"):
        call_command("check_evidence_storage", stdout=StringIO())


def test_the_storage_check_passes_on_a_local_folder_too(settings, tmp_path):
    use_media_root(settings, tmp_path)
    out = StringIO()
    call_command("check_evidence_storage", stdout=out)
    assert f"(folder {tmp_path})" in out.getvalue()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_an_unwritable_folder_fails_the_storage_check(settings, tmp_path):
    (tmp_path / "file").write_text("a file where the folder should be")
    use_media_root(settings, tmp_path / "file")
    with pytest.raises(CommandError, match="the evidence storage failed"):
        call_command("check_evidence_storage", stdout=StringIO())


@pytest.fixture
def unreachable_bucket(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bucket whose endpoint refuses connections (its host down, a firewall changed)."""
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage_setting(endpoint_url="http://127.0.0.1:9", addressing_style="path"),
    }


def test_a_bucket_that_does_not_answer_refuses_the_report_and_keeps_what_was_typed(unreachable_bucket, caplog):
    """Nothing is stored, the filer is told so and asked to send it again, and the log names the
    failure for the operator (by its kind only)."""
    client = Client(raise_request_exception=False)
    photo = SimpleUploadedFile("note.png", png_bytes("note"), "image/png")
    response = client.post("/report/", {**form_data(), "evidence": [photo]})
    assert response.status_code == 503 and response["Retry-After"] == "30"
    page = response.content.decode()
    assert "The evidence store did not answer" in page and "Nothing was stored" in page
    assert "Maricopa" in page  # the form again, filled in
    assert not Report.objects.exists() and not Evidence.objects.exists()
    assert "the evidence store did not take a file: EndpointConnectionError" in caplog.text


def test_an_evidence_upload_through_the_api_answers_503_when_the_bucket_does_not(personas, unreachable_bucket):
    report = filed(personas)
    token = token_create(actor=None, user=personas.manager, name="test")
    response = Client(headers={"Authorization": f"Bearer {token}"}).post(
        f"/api/reports/{report.public_code}/evidence", {"file": SimpleUploadedFile("a.png", png_bytes("a"), "image/png")}
    )
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response.json()["errors"][0]["message"].startswith("The evidence store did not answer")
    assert not Evidence.objects.exists()


def test_a_download_while_the_bucket_does_not_answer_is_not_recorded_as_a_failed_check(item, personas, settings):
    """The file may be intact: only a file that is gone or altered fails its check."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage_setting(endpoint_url="http://127.0.0.1:9", addressing_style="path"),
    }
    client = Client(raise_request_exception=False)
    client.force_login(personas.manager)
    response = client.get(f"/reports/{item.report.public_code}/evidence/{item.public_code}/")
    assert response.status_code == 503
    assert "The evidence store did not answer. Try again" in response.content.decode()
    assert not item.custody.filter(sha256_verified=False).exists()


def test_uploads_carry_no_chunked_checksum_that_s3_compatible_stores_refuse(bucket):
    """Many S3-compatible stores refuse the aws-chunked uploads with checksum trailers that boto3
    sends by default; each file is checked by its AES-GCM tag and SHA-256 anyway."""
    sent: list[dict[str, Any]] = []
    client = evidence_files.default_storage.connection.meta.client
    client.meta.events.register("before-send.s3.PutObject", lambda request, **kwargs: sent.append(dict(request.headers)))
    evidence_files.probe_storage()
    (headers,) = [{k.lower(): v.decode() if isinstance(v, bytes) else v for k, v in h.items()} for h in sent]
    assert "aws-chunked" not in headers.get("content-encoding", "")
    assert "x-amz-sdk-checksum-algorithm" not in headers


def test_the_bucket_client_logs_no_signed_headers_even_at_debug(tmp_path):
    """At DEBUG, the client writes every request's signed headers and the host role's session
    token; the settings keep it at WARNING whatever LOG_LEVEL says."""
    show = (
        "import json, logging, django; django.setup(); print(json.dumps([logging.getLogger(n).isEnabledFor(logging.INFO)"
        " for n in ('botocore.endpoint', 'botocore.auth', 'boto3.resources', 's3transfer', 'urllib3.connectionpool')]))"
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "THREATDESK_ENV": "test",
        "THREATDESK_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "threatdesk.settings",
        "LOG_LEVEL": "DEBUG",
    }
    done = subprocess.run(
        [sys.executable, "-c", show], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.splitlines()[-1]) == [False] * 5
