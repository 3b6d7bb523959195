"""An upload is told to be an email by its headers (`evidence._looks_like_email`), read as plain
text. Anyone may send up to ten files with the public report form, so the check must neither
crash nor take long on a crafted file. The standard library's structured address parser, used
before, raised AttributeError or RecursionError on some From headers (a server error instead of a
refusal, with the header in the error log) and took time quadratic in others: a 64 kB file with
a From header of '"a"' * 21,845 took 25 s to check.
"""

from __future__ import annotations

import contextlib
import email.headerregistry
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from threatdesk.accounts.services import token_create
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.models import Evidence, Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.testing.files import eml_bytes, use_media_root
from threatdesk.testing.payloads import valid_report_payload
from threatdesk.testing.planting import form_data

pytestmark = pytest.mark.django_db

HEAD = 64 * 1024


def eml_with_from(header_value: str) -> bytes:
    """A message whose From header holds `header_value`, cut to fit the sniffed 64 kB."""
    head = f"From: {header_value}".encode()[: HEAD - 100]
    return head + b"\r\nSubject: hello\r\n\r\nbody\r\n"


# From headers on which the structured parser raises instead of giving a header.
CRASHING = {
    "group list": "g:;" * 20_000,  # AttributeError: 'Group' object has no attribute 'local_part'
    "nested comments": "(" * 20_000,  # RecursionError
    "domain literal": "a@[" + "a" * 100,  # HeaderParseError, then AttributeError: 'InvalidHeaderDefect'...
}


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    return use_media_root(settings, tmp_path / "media")


@pytest.mark.parametrize("name", sorted(CRASHING))
def test_check_upload_refuses_rather_than_crashes(name: str) -> None:
    data = eml_with_from(CRASHING[name])
    # Refused as a file of no accepted type, or taken as an email: either is fine. Any other
    # exception fails the test.
    with contextlib.suppress(evidence_files.EvidenceError):
        evidence_files.check_upload(data, "threat.eml")


@pytest.mark.parametrize("name", sorted(CRASHING))
def test_the_public_form_answers_a_strange_email_without_a_500(personas: Any, media: Path, name: str) -> None:
    client = Client(raise_request_exception=False)
    data = form_data(submission_token=os.urandom(16).hex())
    data["evidence"] = [SimpleUploadedFile("threat.eml", eml_with_from(CRASHING[name]), "message/rfc822")]
    response = client.post("/report/", data)
    assert response.status_code != 500


@pytest.mark.parametrize("name", sorted(CRASHING))
def test_the_api_answers_a_strange_email_without_a_500(personas: Any, media: Path, name: str) -> None:
    report = report_submit(
        actor=personas.reporter,
        data=ReportIn.model_validate(valid_report_payload()),
        source="web",
    ).report
    token = token_create(actor=None, user=personas.reporter, name="test")
    client = Client(raise_request_exception=False, headers={"Authorization": f"Bearer {token}"})
    upload = SimpleUploadedFile("threat.eml", eml_with_from(CRASHING[name]), "message/rfc822")
    response = client.post(f"/api/reports/{report.public_code}/evidence", {"file": upload})
    assert response.status_code in (201, 422), response.content
    assert Evidence.objects.count() == (1 if response.status_code == 201 else 0)
    assert Report.objects.count() == 1


def test_sniffing_hands_the_address_parser_no_more_than_a_header_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """The structured address parser is quadratic: the work of sniffing a file must be bounded by
    what an address header needs, not by the 64 kB read. RFC 5322 allows 998 characters a line;
    4,096 leaves room for a folded header. A sniffer that does not use the structured parser at
    all passes too."""
    seen: list[int] = []
    real = email.headerregistry.AddressHeader.parse.__func__  # type: ignore[attr-defined]

    def counting(cls: Any, value: str, kwds: dict[str, Any]) -> None:
        seen.append(len(value))
        real(cls, value, kwds)

    monkeypatch.setattr(email.headerregistry.AddressHeader, "parse", classmethod(counting))
    # Small enough to run quickly on the current code (0.5 s), long enough to exceed the bound.
    data = eml_with_from('"a"' * 2_700)
    with contextlib.suppress(evidence_files.EvidenceError):
        evidence_files.check_upload(data, "threat.eml")
    assert max(seen, default=0) <= 4096, f"the address parser was handed {max(seen)} characters"


def test_a_real_email_is_still_taken() -> None:
    assert evidence_files.check_upload(eml_bytes(), "threat.eml").kind == Evidence.Kind.EMAIL
