"""A sender identifier with no matching key never makes a report unfileable.

A worker types '?' for a caller who gave no name, or '--', an emoji. Such a name has no letters
or digits to match on, so it links to no other report: the report keeps it as written (sealed)
and derives no name pseudonym from it; a name that shows nothing (a stray zero-width space) is
kept as no name. Phones, emails and handles are held to the same rule: whatever the schema
accepts is filed, on the form, the API and import.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from threatdesk.accounts.services import token_create
from threatdesk.privacy.identifiers import PLATFORMS
from threatdesk.reports.models import Report, SenderIdentifier
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit, sender_identifiers
from threatdesk.reports.tests.test_report_form import form_data
from threatdesk.testing.payloads import valid_report_payload

UNKNOWN_SENDER = "?"  # what a worker types when the caller would not give a name
NAMES_WITHOUT_KEY = ["?", "--", "???", "\U0001f642"]
NOTHING_SHOWN = "\u200b"
# A Bluesky handle is a domain name, up to 253 characters; the rules for any handle stop at 100.
LONG_BLUESKY = "bsky.app/profile/" + ".".join(["abcdefghij"] * 12) + ".social"


def report_with(**sender: Any) -> ReportIn:
    return ReportIn.model_validate(valid_report_payload(sender=sender))


@pytest.mark.django_db
def test_the_web_form_files_a_report_whose_sender_name_is_a_question_mark():
    response = Client(raise_request_exception=False).post("/report/", form_data(sender_name=UNKNOWN_SENDER))
    assert response.status_code in (302, 422), f"the filer got {response.status_code}"
    if response.status_code == 422:  # refused with a message at the field, never a server error
        assert "sender_name" in response.content.decode()


@pytest.mark.django_db
def test_the_api_answers_a_sender_name_without_letters_with_201_or_422(personas, report_payload):
    token = token_create(actor=None, user=personas.reporter, name="test")
    body: dict[str, Any] = {**report_payload, "sender": {**report_payload["sender"], "name": UNKNOWN_SENDER}}
    response = Client(raise_request_exception=False).post(
        "/api/reports", json.dumps(body), content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code in (201, 422), f"the API answered {response.status_code}"


@pytest.mark.django_db
def test_an_import_row_whose_sender_name_has_no_letters_is_imported_or_named_by_line(tmp_path: Path):
    path = tmp_path / "reports.jsonl"
    rows = [
        {**valid_report_payload(), "external_id": "HOTLINE-1"},
        {**valid_report_payload(sender={"name": UNKNOWN_SENDER}), "external_id": "HOTLINE-2"},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    try:
        call_command("import_reports", str(path), "--workers", "1")
    except CommandError as exc:  # refused: then as a listed problem, nothing stored
        assert "problem" in str(exc)
        assert Report.objects.count() == 0
    else:
        assert Report.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES_WITHOUT_KEY)
def test_a_name_without_a_key_is_stored_as_written_with_no_name_pseudonym(personas, name):
    data = report_with(name=name, phones=["(602) 555-0199"], emails=["a@example.org"], handles=["@someone"])
    report = Report.objects.get(pk=report_submit(actor=personas.reporter, data=data, source="api").report.pk)
    assert report.sender_name == name
    kinds = sorted(SenderIdentifier.objects.filter(report=report).values_list("kind", flat=True))
    assert kinds == ["email", "handle", "phone"]


@pytest.mark.django_db
def test_the_form_keeps_the_phones_pseudonyms_beside_a_name_without_one():
    response = Client().post("/report/", form_data(sender_name=UNKNOWN_SENDER))
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.sender_name == UNKNOWN_SENDER
    assert sorted(report.sender_identifiers.values_list("kind", flat=True)) == ["phone", "phone"]


@pytest.mark.django_db
def test_a_name_that_shows_nothing_is_stored_as_no_name(personas):
    data = report_with(name=NOTHING_SHOWN, phones=["(602) 555-0199"])
    report = Report.objects.get(pk=report_submit(actor=personas.reporter, data=data, source="api").report.pk)
    assert report.sender_name == ""
    assert list(SenderIdentifier.objects.filter(report=report).values_list("kind", flat=True)) == ["phone"]


@pytest.mark.parametrize("name", [*NAMES_WITHOUT_KEY, NOTHING_SHOWN])
def test_a_name_without_a_key_gives_no_pseudonym(name):
    assert sender_identifiers(report_with(name=name)) == []


def test_a_name_with_letters_among_the_marks_still_gives_one():
    assert [kind for kind, _digest in sender_identifiers(report_with(name="?? Doe ??"))] == ["name"]


@pytest.mark.parametrize("platform", ["", *(p.label for p in PLATFORMS)])
def test_a_handle_the_report_platform_does_not_fit_never_stops_the_report(platform):
    data = ReportIn.model_validate(valid_report_payload(platform=platform, sender={"handles": [LONG_BLUESKY, "!!!", "-"]}))
    assert len(data.sender.handles) == 3
    assert len(sender_identifiers(data, platform)) <= 3  # no exception: filed, with what keys there are


def _accepted(**sender: Any) -> ReportIn | None:
    try:
        return ReportIn.model_validate(valid_report_payload(sender=sender))
    except ValueError:
        return None


@given(raw=st.text(alphabet="0123456789+()-. xext#*", max_size=24))
def test_every_phone_the_schema_takes_gets_its_pseudonym(raw):
    data = _accepted(phones=[raw])
    if data is not None and data.sender.phones:
        assert [kind for kind, _digest in sender_identifiers(data)] == ["phone"]


@given(raw=st.emails() | st.text(max_size=30).map(lambda local: f"{local}@example.org"))
def test_every_email_the_schema_takes_gets_its_pseudonym(raw):
    data = _accepted(emails=[raw])
    if data is not None and data.sender.emails:
        assert [kind for kind, _digest in sender_identifiers(data)] == ["email"]


@given(raw=st.text(max_size=40), platform=st.sampled_from(["", *(p.label for p in PLATFORMS)]))
def test_every_handle_the_schema_takes_is_keyed_without_an_error(raw, platform):
    data = _accepted(handles=[raw])
    if data is not None:
        assert len(sender_identifiers(data, platform)) <= 1
