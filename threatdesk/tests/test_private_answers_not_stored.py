"""What someone is shown of their own is kept out of every cache: a browser on a shared computer
(a library, an office front desk) keeps no report words, protected person's record, evidence
file or authenticator secret for the back button after sign-out, and no proxy keeps them either.
So is every API answer, and the receipt, status, sign-in and two-factor pages. Public pages
for visitors who are not signed in stay cacheable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from threatdesk.accounts.services import token_create
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import evidence_add, report_submit
from threatdesk.testing.clients import signed_in
from threatdesk.testing.files import png_bytes, use_media_root
from threatdesk.testing.personas import Personas
from threatdesk.testing.planting import protect_canaries

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(personas: Personas, report_payload: dict[str, Any]) -> Report:
    return report_submit(actor=personas.reporter, data=ReportIn.model_validate(report_payload), source="web").report


def not_stored(response: Any) -> bool:
    return {"no-store", "private"} <= {part.strip() for part in response.get("Cache-Control", "").split(",")}


def test_the_report_page_with_its_original_words(personas: Personas, report: Report) -> None:
    response = signed_in(personas.manager).get(f"/reports/{report.public_code}/")
    assert response.status_code == 200
    assert not_stored(response), response.get("Cache-Control")


def test_an_evidence_download(personas: Personas, report: Report, settings: Any, tmp_path: Path) -> None:
    use_media_root(settings, tmp_path / "media")
    item = evidence_add(
        actor=personas.reporter, report=report, checked=evidence_files.check_upload(png_bytes(), "photo.png")
    ).evidence
    response = signed_in(personas.manager).get(f"/reports/{report.public_code}/evidence/{item.public_code}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert not_stored(response), response.get("Cache-Control")


def test_the_authenticator_setup_page_showing_the_secret(personas: Personas) -> None:
    response = signed_in(personas.manager).get("/account/two-factor/")
    assert response.status_code == 200
    assert b"otpauth" in response.content or b"data:image/svg+xml" in response.content  # the secret is on the page
    assert not_stored(response), response.get("Cache-Control")


def test_an_opened_protected_person_record(personas: Personas) -> None:
    worker, _child = protect_canaries(personas)
    response = signed_in(personas.manager).post(
        f"/protected-people/{worker.public_code}/", {"reason": "Checking her phone before a call to police"}
    )
    assert response.status_code == 200
    assert not_stored(response), response.get("Cache-Control")


def test_the_receipt_status_and_sign_in_pages_of_visitors_not_signed_in(report: Report) -> None:
    client = Client()
    for url in (
        f"/report/receipt/{report.public_code}/",
        f"/status/{report.public_code}/",
        "/status/",
        "/account/login/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not_stored(response), url


def test_every_api_answer(personas: Personas, report: Report) -> None:
    token = token_create(actor=None, user=personas.manager, name="test")
    bearer = {"Authorization": f"Bearer {token}"}
    for response in (
        Client().get(f"/api/reports/{report.public_code}", headers=bearer),
        Client().get("/api/reports", headers=bearer),
        Client().get(f"/api/receipts/{report.public_code}"),
    ):
        assert response.status_code == 200
        assert not_stored(response), response.get("Cache-Control")


@pytest.mark.parametrize("url", ["/", "/laws/", "/laws/AZ/", "/guidance/"])
def test_public_pages_for_visitors_not_signed_in_stay_cacheable(url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 200
    assert not not_stored(response)
