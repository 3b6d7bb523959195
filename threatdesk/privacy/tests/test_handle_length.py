"""A handle or profile address is at most 400 characters before it is read
(`identifiers.HANDLE_INPUT_MAX_LENGTH`). Every known platform caps its names (X 15, Instagram
30...), but a fediverse handle, '@name@instance', has no rule for its name's length: without the
cap the public form and the API stored, encrypted, redacted with and handed back whatever fitted
in the 2 MB body (ten handles of 190,000 characters, and 1.9 MB on every read of the report).
"""

from __future__ import annotations

import json
import os
import uuid
from typing import Any

import pytest
from django.test import Client

from threatdesk.accounts.services import token_create
from threatdesk.privacy.identifiers import normalise_handle
from threatdesk.reports.models import Report
from threatdesk.testing.payloads import valid_report_payload
from threatdesk.testing.planting import form_data

pytestmark = pytest.mark.django_db

# Mastodon names have at most 30 characters, and a domain name at most 253: this is neither.
LONG_FEDIVERSE = "@" + "a" * 1_000 + "@example.social"


def test_a_fediverse_handle_has_a_length_limit() -> None:
    assert normalise_handle("@jane@example.social") == "jane@example.social"
    with pytest.raises(ValueError):
        normalise_handle(LONG_FEDIVERSE)


def test_the_api_refuses_an_overlong_fediverse_handle(personas: Any) -> None:
    token = token_create(actor=None, user=personas.reporter, name="test")
    body = valid_report_payload(sender={"handles": [LONG_FEDIVERSE]})
    response = Client().post(
        "/api/reports",
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 422, response.content[:200]
    assert [e["field"] for e in response.json()["errors"]] == ["sender.handles"]
    assert Report.objects.count() == 0


def test_the_public_form_refuses_an_overlong_fediverse_handle(personas: Any) -> None:
    data = form_data(sender_handles=LONG_FEDIVERSE, submission_token=os.urandom(16).hex())
    response = Client().post("/report/", data)
    assert response.status_code == 422  # the form again, with the error by the field
    assert "at most 400 characters" in response.content.decode()
    assert Report.objects.count() == 0
