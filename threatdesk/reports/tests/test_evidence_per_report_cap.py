"""A report holds at most EVIDENCE_MAX_PER_REPORT files, however its files come.

One sending of the form is bounded (EVIDENCE_MAX_FILES), but the same form may be sent again
with other files, and each goes to the report already filed; files may also be added by the
API. Without a bound per report, anyone holding a form's token could fill the evidence store
through one report. Past the bound the new files are refused, saying why, and nothing of them is
stored; a file the report already holds is still answered as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from threatdesk.accounts.services import token_create
from threatdesk.audit.models import AuditEvent
from threatdesk.reports.models import CustodyEntry, Evidence, Report
from threatdesk.reports.tests.test_report_form import form_data
from threatdesk.testing.files import files_under, png_bytes, use_media_root

pytestmark = pytest.mark.django_db

MOST = 3


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.EVIDENCE_MAX_FILES, settings.EVIDENCE_MAX_PER_REPORT = 2, MOST
    return use_media_root(settings, tmp_path / "media")


def shots(*names: str) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(f"{name}.png", png_bytes(name), "image/png") for name in names]


def filed_with(client: Client, *names: str) -> Report:
    assert client.post("/report/", {**form_data(), "evidence": shots(*names)}).status_code == 302
    return Report.objects.get()


def stored_state(media: Path) -> tuple[int, int, int, int]:
    return Evidence.objects.count(), CustodyEntry.objects.count(), AuditEvent.objects.count(), len(files_under(media))


def test_the_form_sent_again_with_files_past_the_bound_is_refused_and_stores_none_of_them(client, media):
    filed_with(client, "one", "two")
    assert client.post("/report/", {**form_data(), "evidence": shots("one", "three")}).status_code == 302
    before = stored_state(media)
    assert before[0] == MOST
    again = client.post("/report/", {**form_data(), "evidence": shots("four", "five")})
    assert again.status_code == 422
    assert "one report may hold at most 3" in again.content.decode()
    assert "it can take no more" in again.content.decode()
    assert stored_state(media) == before
    assert Report.objects.count() == 1


def test_files_that_would_pass_the_bound_together_are_refused_together(client, media):
    filed_with(client, "one", "two")
    before = stored_state(media)
    again = client.post("/report/", {**form_data(), "evidence": shots("three", "four")})
    assert again.status_code == 422
    assert "it can take 1 more" in again.content.decode()
    assert stored_state(media) == before


@pytest.fixture
def api(personas: Any) -> Client:
    return Client(headers={"Authorization": f"Bearer {token_create(actor=None, user=personas.manager, name='test')}"})


def test_the_api_refuses_a_file_past_the_bound_with_422_naming_the_file_field(client, media, api):
    report = filed_with(client, "one", "two")
    path = f"/api/reports/{report.public_code}/evidence"
    assert api.post(path, {"file": shots("three")[0]}).status_code == 201
    before = stored_state(media)
    refused = api.post(path, {"file": shots("four")[0]})
    assert refused.status_code == 422
    (error,) = refused.json()["errors"]
    assert error["field"] == "file"
    assert "one report may hold at most 3" in error["message"]
    assert stored_state(media) == before


def test_a_file_the_full_report_holds_is_still_answered_200(client, media, api):
    report = filed_with(client, "one", "two")
    path = f"/api/reports/{report.public_code}/evidence"
    first = api.post(path, {"file": shots("three")[0]})
    retry = api.post(path, {"file": shots("three")[0]})  # the first answer was lost
    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.json() == first.json()


def test_destroyed_files_leave_room(client, media, api):
    report = filed_with(client, "one", "two")
    path = f"/api/reports/{report.public_code}/evidence"
    assert api.post(path, {"file": shots("three")[0]}).status_code == 201
    Evidence.objects.filter(pk=Evidence.objects.order_by("pk").first().pk).update(destroyed_at=timezone.now())
    assert api.post(path, {"file": shots("four")[0]}).status_code == 201
    assert Evidence.objects.filter(report=report, destroyed_at__isnull=True).count() == MOST
