"""A fault of the evidence store is the server's, not the uploaded file's.

The API answers 422 on `file` for a file it does not take and for a report with no room left:
the upload is at fault and is not to be sent again as it is. A store that saved the sealed file
under another name than the random one asked for is a fault of the server: the file was fine,
and a retry (with a new random name) would go through, so it is not answered 422.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from threatdesk.accounts.services import token_create
from threatdesk.reports import evidence
from threatdesk.reports.tests.test_evidence_per_report_cap import filed_with
from threatdesk.testing.files import png_bytes, use_media_root

pytestmark = pytest.mark.django_db


class _Renaming:
    """A store that saves a file under a name of its own choosing."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def save(self, name: str, content: Any) -> str:
        return self._store.save(name + "_1", content)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._store, attr)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    return use_media_root(settings, tmp_path / "media")


def test_a_store_that_renames_the_file_is_not_answered_as_a_bad_file(client, media, personas, monkeypatch):
    report = filed_with(client, "one")
    api = Client(headers={"Authorization": f"Bearer {token_create(actor=None, user=personas.manager, name='test')}"})
    monkeypatch.setattr(evidence, "default_storage", _Renaming(evidence.default_storage))
    try:
        answer = api.post(
            f"/api/reports/{report.public_code}/evidence", {"file": SimpleUploadedFile("two.png", png_bytes("two"), "image/png")}
        )
        status = answer.status_code
    except Exception as exc:  # raised through the test client: the server's fault, as before
        status = 500
        assert "storage refused" in str(exc)
    assert status != 422
