"""A sealed file in the local folder is on disk, name and all, before its report is acknowledged:
the report's row is synced at commit, and must not survive a power cut naming a lost file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from threatdesk.reports.models import Evidence
from threatdesk.reports.tests.test_report_form import form_data
from threatdesk.testing.files import png_bytes, use_media_root

pytestmark = pytest.mark.django_db


def test_an_evidence_file_and_its_new_folders_are_synced_before_the_receipt(settings: Any, tmp_path: Path, monkeypatch):
    media = use_media_root(settings, tmp_path / "media")
    synced: set[int] = set()
    real_fsync = os.fsync

    def recording_fsync(handle: int) -> None:
        synced.add(os.fstat(handle).st_ino)
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    photo = SimpleUploadedFile("note.png", png_bytes("note"), "image/png")
    response = Client().post("/report/", {**form_data(), "evidence": [photo]})
    assert response.status_code == 302
    stored = media / Evidence.objects.get().stored_name
    for path in (stored, stored.parent, stored.parent.parent, media):  # the file, its month, its year, the folder
        assert path.stat().st_ino in synced, path
