"""Evidence files are typed by content, hashed, stored sealed, handed out only intact and only to
those who may read the report, and every hand-out is in the chain of custody."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from threatdesk.accounts.services import token_create
from threatdesk.audit.models import AuditEvent
from threatdesk.privacy import crypto
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.models import CustodyEntry, Evidence, Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import evidence_add, report_submit
from threatdesk.testing.files import (
    eml_bytes,
    exe_bytes,
    files_under,
    jpeg_bytes,
    mp3_bytes,
    pdf_bytes,
    png_bytes,
    text_bytes,
    use_media_root,
)
from threatdesk.testing.payloads import valid_report_payload

pytestmark = pytest.mark.django_db

SAMPLES = {
    "png": (png_bytes, "image/png", "image"),
    "jpeg": (jpeg_bytes, "image/jpeg", "image"),
    "mp3": (mp3_bytes, "audio/mpeg", "audio"),
    "pdf": (pdf_bytes, "application/pdf", "pdf"),
    "eml": (eml_bytes, "message/rfc822", "email"),
}


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    return use_media_root(settings, tmp_path / "media")


@pytest.fixture
def report(personas: Any, report_payload: dict[str, Any]) -> Report:
    return report_submit(actor=personas.reporter, data=ReportIn.model_validate(report_payload), source="web").report


def attach(report: Report, data: bytes, name: str, actor: Any) -> Evidence:
    return evidence_add(actor=actor, report=report, checked=evidence_files.check_upload(data, name)).evidence


def download(who: Any, item: Evidence) -> Any:
    client = Client()
    client.force_login(who)
    return client.get(f"/reports/{item.report.public_code}/evidence/{item.public_code}/")


# Content detection


@pytest.mark.parametrize("kind", SAMPLES)
def test_accepted_types_are_recognised_by_content_whatever_the_name(kind):
    build, mime, category = SAMPLES[kind]
    checked = evidence_files.check_upload(build(), "no-extension-at-all")
    assert checked.content_type == mime
    assert checked.kind == category


@pytest.mark.parametrize(
    "data,name",
    [(text_bytes(), "photo.png"), (exe_bytes(), "voicemail.mp3"), (exe_bytes(), "setup.exe"), (b"<html><script>", "page.html")],
    ids=["text-named-png", "exe-named-mp3", "exe", "html"],
)
def test_other_content_is_refused_whatever_the_name(data, name):
    with pytest.raises(evidence_files.EvidenceError, match="not accepted"):
        evidence_files.check_upload(data, name)


def test_empty_file_is_refused():
    with pytest.raises(evidence_files.EvidenceError, match="empty"):
        evidence_files.check_upload(b"", "empty.png")


def test_file_over_the_limit_is_refused(settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(evidence_files.EvidenceError, match="limit"):
        evidence_files.check_upload(png_bytes("x" * 2000), "big.png")


# Storage


@pytest.mark.parametrize("kind", SAMPLES)
def test_stored_hash_is_the_sha256_of_the_original_bytes(media, report, personas, kind):
    original = SAMPLES[kind][0]()
    item = attach(report, original, f"file.{kind}", personas.reporter)
    item.refresh_from_db()
    assert item.sha256 == hashlib.sha256(original).hexdigest()
    assert item.size == len(original)


@pytest.mark.parametrize("kind", SAMPLES)
def test_stored_file_is_sealed(media, report, personas, kind):
    original = SAMPLES[kind][0](f"distinctive marker for {kind} 7f3a9c")
    item = attach(report, original, f"Threat from Mordecai.{kind}", personas.reporter)
    (path,) = files_under(media)
    stored = path.read_bytes()
    assert stored.startswith(b"td1:")
    assert stored != original
    assert b"distinctive marker" not in stored
    assert not any(original[i : i + 12] in stored for i in range(len(original) - 12)), "a run of original bytes is stored"
    assert "Mordecai" not in str(path) and kind not in path.suffix
    assert crypto.decrypt_bytes(stored, f"evidence:{item.stored_name}") == original


def test_first_custody_entry_records_receipt_with_a_verified_hash(media, report, personas):
    item = attach(report, png_bytes(), "a.png", personas.reporter)
    (entry,) = item.custody.all()
    assert entry.action == CustodyEntry.Action.RECEIVED
    assert entry.sha256_verified is True
    assert entry.actor == personas.reporter


# Download


def test_manager_download_returns_the_original_bytes_and_is_logged(media, report, personas):
    original = mp3_bytes("the voicemail")
    item = attach(report, original, "voicemail.mp3", personas.reporter)
    events_before = AuditEvent.objects.filter(action="reports.evidence.opened").count()

    response = download(personas.manager, item)

    assert response.status_code == 200
    assert response.content == original
    assert response["Content-Type"] == "audio/mpeg"
    assert response["X-Content-SHA256-Verified"] == "yes"
    assert "attachment" in response["Content-Disposition"]
    assert "voicemail" not in response["Content-Disposition"]
    assert response["Content-Disposition"] == f'attachment; filename="{item.public_code}.mp3"'
    entry = item.custody.get(action=CustodyEntry.Action.DOWNLOADED)
    assert entry.sha256_verified is True
    assert entry.actor == personas.manager
    event = AuditEvent.objects.filter(action="reports.evidence.opened").latest("seq")
    assert AuditEvent.objects.filter(action="reports.evidence.opened").count() == events_before + 1
    assert event.object_id == report.public_code
    assert event.payload["evidence"] == item.public_code
    assert event.payload["sha256_verified"] is True


@pytest.mark.parametrize(
    ("data", "name", "extension"),
    [(png_bytes(), "shot.png", ".png"), (eml_bytes(), "threat.eml", ".eml"), (mp3_bytes("call"), "call.mp3", ".mp3")],
    ids=["image", "email", "audio"],
)
def test_a_download_is_named_with_the_extension_of_its_stored_type(media, report, personas, data, name, extension):
    item = attach(report, data, name, personas.reporter)
    disposition = download(personas.manager, item)["Content-Disposition"]
    assert disposition == f'attachment; filename="{item.public_code}{extension}"'


@pytest.mark.parametrize("who", ["outsider", "coordinator", "analyst", "admin", "liaison", "other_reporter"])
def test_others_cannot_download_and_nothing_is_logged(media, report, personas, who):
    item = attach(report, png_bytes(), "a.png", personas.reporter)
    response = download(getattr(personas, who), item)
    assert response.status_code == 404
    assert item.custody.count() == 1


def test_anonymous_download_goes_to_login(media, report, personas):
    item = attach(report, png_bytes(), "a.png", personas.reporter)
    response = Client().get(f"/reports/{report.public_code}/evidence/{item.public_code}/")
    assert response.status_code == 302
    assert "/account/login" in response["Location"]


def _tamper_ciphertext(item: Evidence) -> None:
    path = Path(default_storage.path(item.stored_name))
    sealed = bytearray(path.read_bytes())
    middle = len(sealed) // 2
    sealed[middle] = ord("A") if sealed[middle] != ord("A") else ord("B")
    path.write_bytes(bytes(sealed))


def _replace_content(item: Evidence) -> None:
    """What someone holding the key could do: seal other bytes in the file's place."""
    default_storage.delete(item.stored_name)
    forged = crypto.encrypt_bytes(png_bytes("a different picture"), f"evidence:{item.stored_name}")
    default_storage.save(item.stored_name, ContentFile(forged))


def _swap_with_other_file(item: Evidence) -> None:
    """A sealed file copied over from another evidence record does not open under this name."""
    other = attach(item.report, png_bytes("other"), "b.png", None)
    data = Path(default_storage.path(other.stored_name)).read_bytes()
    Path(default_storage.path(item.stored_name)).write_bytes(data)


def _delete(item: Evidence) -> None:
    default_storage.delete(item.stored_name)


@pytest.mark.parametrize("tamper", [_tamper_ciphertext, _replace_content, _swap_with_other_file, _delete])
def test_altered_evidence_is_not_handed_out_and_the_failure_is_logged(media, report, personas, tamper):
    original = png_bytes("the original photo")
    item = attach(report, original, "a.png", personas.reporter)
    tamper(item)

    response = download(personas.manager, item)

    assert response.status_code == 409
    assert response["X-Content-SHA256-Verified"] == "NO"
    assert response["Content-Type"].startswith("text/html")
    assert "integrity check" in response.content.decode()
    assert original not in response.content
    assert b"a different picture" not in response.content
    assert not item.custody.filter(action=CustodyEntry.Action.DOWNLOADED).exists()
    failed = item.custody.latest("at", "pk")
    assert failed.sha256_verified is False
    assert failed.actor == personas.manager
    assert "integrity" in failed.note
    event = AuditEvent.objects.filter(action="reports.evidence.integrity_failed").get()
    assert event.payload == {"evidence": item.public_code, "purpose": "downloaded", "sha256_verified": False}


def test_failed_integrity_check_shows_on_the_report_timeline(media, report, personas):
    item = attach(report, png_bytes(), "a.png", personas.reporter)
    _tamper_ciphertext(item)
    download(personas.manager, item)
    client = Client()
    client.force_login(personas.manager)
    html = client.get(f"/reports/{report.public_code}/").content.decode()
    assert "Evidence failed its integrity check" in html
    assert "integrity check failed; not handed out" in html


# API upload


@pytest.fixture
def api_client(personas: Any) -> Any:
    def make(who: str) -> Client:
        token = token_create(actor=None, user=getattr(personas, who), name="test")
        return Client(headers={"Authorization": f"Bearer {token}"})

    return make


def test_manager_attaches_evidence_through_the_api(media, report, personas, api_client):
    data = eml_bytes("forwarded threat")
    response = api_client("manager").post(
        f"/api/reports/{report.public_code}/evidence", {"file": SimpleUploadedFile("threat.eml", data, "message/rfc822")}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "email"
    assert body["content_type"] == "message/rfc822"
    assert body["size"] == len(data)
    assert body["sha256"] == hashlib.sha256(data).hexdigest()
    item = Evidence.objects.get(public_code=body["code"])
    assert item.report == report
    assert item.uploaded_by == personas.manager
    assert AuditEvent.objects.filter(action="reports.evidence.added", object_id=report.public_code).count() == 1
    assert len(files_under(media)) == 1


def test_a_retried_upload_answers_200_with_the_evidence_stored_the_first_time(media, report, personas, api_client):
    client, data = api_client("reporter"), png_bytes("one screenshot")
    path = f"/api/reports/{report.public_code}/evidence"
    first = client.post(path, {"file": SimpleUploadedFile("shot.png", data, "image/png")})
    retry = client.post(path, {"file": SimpleUploadedFile("shot (1).png", data, "image/png")})  # the answer was lost
    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.json() == first.json()
    assert Evidence.objects.count() == 1
    assert CustodyEntry.objects.count() == 1
    assert AuditEvent.objects.filter(action="reports.evidence.added").count() == 1
    assert len(files_under(media)) == 1
    other = client.post(path, {"file": SimpleUploadedFile("other.png", png_bytes("another screenshot"), "image/png")})
    assert other.status_code == 201
    assert Evidence.objects.count() == 2


def test_the_same_file_is_stored_again_for_another_report_or_after_its_destruction(media, report, personas, api_client):
    client, data = api_client("reporter"), png_bytes("one screenshot")
    assert (
        client.post(f"/api/reports/{report.public_code}/evidence", {"file": SimpleUploadedFile("a.png", data)}).status_code == 201
    )
    Evidence.objects.update(destroyed_at=timezone.now())  # retention took it
    assert (
        client.post(f"/api/reports/{report.public_code}/evidence", {"file": SimpleUploadedFile("a.png", data)}).status_code == 201
    )
    another = report_submit(actor=personas.reporter, data=ReportIn.model_validate(valid_report_payload()), source="web").report
    assert (
        client.post(f"/api/reports/{another.public_code}/evidence", {"file": SimpleUploadedFile("a.png", data)}).status_code
        == 201
    )
    assert Evidence.objects.filter(destroyed_at__isnull=True).count() == 2


def test_browser_claimed_type_is_ignored(media, report, api_client):
    response = api_client("manager").post(
        f"/api/reports/{report.public_code}/evidence", {"file": SimpleUploadedFile("a.jpg", pdf_bytes(), "image/jpeg")}
    )
    assert response.json()["content_type"] == "application/pdf"


@pytest.mark.parametrize("who", ["outsider", "liaison", "other_reporter"])
def test_others_get_404_when_attaching_evidence(media, report, api_client, who):
    response = api_client(who).post(
        f"/api/reports/{report.public_code}/evidence", {"file": SimpleUploadedFile("a.png", png_bytes(), "image/png")}
    )
    assert response.status_code == 404
    assert Evidence.objects.count() == 0
    assert files_under(media) == []


def test_attaching_without_a_token_is_401(media, report):
    response = Client().post(f"/api/reports/{report.public_code}/evidence", {"file": SimpleUploadedFile("a.png", png_bytes())})
    assert response.status_code == 401
    assert Evidence.objects.count() == 0


@pytest.mark.parametrize(
    "data,name,words",
    [
        (png_bytes("x" * 5000), "big.png", "limit"),
        (text_bytes(), "photo.png", "not accepted"),
        (exe_bytes(), "tool.exe", "not accepted"),
        (b"", "empty.png", "empty"),
    ],
    ids=["oversize", "text-named-png", "exe", "empty"],
)
def test_refused_upload_is_422_and_stores_nothing(media, settings, report, api_client, data, name, words):
    settings.EVIDENCE_MAX_BYTES = 4096
    client = api_client("manager")
    events_before = AuditEvent.objects.count()
    response = client.post(f"/api/reports/{report.public_code}/evidence", {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "file"
    assert words in error["message"]
    assert Evidence.objects.count() == 0
    assert AuditEvent.objects.count() == events_before
    assert files_under(media) == []


def test_upload_without_a_file_is_422(media, report, api_client):
    response = api_client("manager").post(f"/api/reports/{report.public_code}/evidence", {})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"
