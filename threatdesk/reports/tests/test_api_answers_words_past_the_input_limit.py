"""The API answers words grown past the limits a filer may send, and logs none of them.

Ninja validates every answer against its response schema. The words a reader gets can be longer
than the input allows: a reader who may read the original words but not know who filed reads
them with the filer replaced by `[REPORTER PHONE]` and the like, and an erasure request writes
`[ERASED PHONE]` into the stored words; each placeholder can be longer than what it replaces.
Had the answer reused the input's schema (sender description at most 2,000 characters), such a
report would answer 500, break the whole list with it, and log pydantic's message, which quotes
the start and end of the description.
"""

from __future__ import annotations

import json
import logging
import traceback
from typing import Any

import pytest
from django.test import Client

from threatdesk.accounts.services import token_create
from threatdesk.privacy.services import protected_person_erase
from threatdesk.reports.models import Report
from threatdesk.testing.payloads import CANARY_WORKER, valid_report_payload
from threatdesk.testing.personas import Personas
from threatdesk.testing.planting import bearer, canaries_in, protect_canaries

pytestmark = pytest.mark.django_db

FILER_PHONE = "520-555-0143"  # the anonymous filer's own phone, 12 characters
WORKER_PHONE = "602-555-0199"  # the protected worker's phone as a filer types it, 12 characters
LIMIT = 2000  # the sender description a filer may send


def _log_text(caplog: pytest.LogCaptureFixture) -> str:
    parts = []
    for record in caplog.records:
        parts.append(record.getMessage())
        if record.exc_info:
            parts.append("".join(traceback.format_exception(*record.exc_info)))
    return "\n".join(parts)


def _description(head: str, tail: str) -> str:
    """A sender description of exactly the length a filer may send."""
    description = head + ("x" * (LIMIT - len(head) - len(tail))) + tail
    assert len(description) == LIMIT
    return description


def _submit(personas: Personas, payload: dict[str, Any]) -> str:
    """File through the API as the persona reporter, on behalf of a caller; the report's code."""
    token = token_create(actor=None, user=personas.reporter, name="filer")
    response = Client().post("/api/reports", data=json.dumps(payload), content_type="application/json", **bearer(token))
    assert response.status_code == 201, response.content
    return str(response.json()["code"])


def _file_with_long_description(personas: Personas) -> str:
    """An anonymous filer leaves her phone and lets no one know who she is; the sender
    description (within the 2,000 the schema allows) mentions the worker and the filer's phone."""
    head = f"{CANARY_WORKER}'s neighbour saw him. "
    tail = f" He called the filer back at {FILER_PHONE} and {FILER_PHONE} and {FILER_PHONE}."
    payload = valid_report_payload(
        sender={"name": "", "description": _description(head, tail)},
        reporter_contact={"name": "", "email": "", "phone": FILER_PHONE},
        reporter_consent=[],
    )
    return _submit(personas, payload)


def _manager_reads(personas: Personas, path: str) -> Any:
    token = token_create(actor=None, user=personas.manager, name="manager")
    return Client(raise_request_exception=False).get(path, **bearer(token))


def test_a_reader_who_may_not_know_the_filer_reads_words_grown_by_the_filer_taken_out(personas: Personas, caplog: Any) -> None:
    code = _file_with_long_description(personas)
    caplog.set_level(logging.DEBUG)
    answer = _manager_reads(personas, f"/api/reports/{code}")
    logged = _log_text(caplog)
    # What the office's manager (who may read the original words, but not who filed) gets:
    assert answer.status_code == 200, (
        f"the manager's API read of {code} failed with {answer.status_code}; canaries in the logs: {canaries_in(logged)}"
    )
    assert not canaries_in(logged), f"the log holds personal data: {canaries_in(logged)}"
    description = answer.json()["sender"]["description"]
    assert len(description) > LIMIT and "[REPORTER PHONE]" in description and FILER_PHONE not in description


def test_one_such_report_leaves_the_whole_list_readable(personas: Personas, caplog: Any) -> None:
    _file_with_long_description(personas)
    caplog.set_level(logging.DEBUG)
    answer = _manager_reads(personas, "/api/reports")
    logged = _log_text(caplog)
    assert answer.status_code == 200, (
        f"GET /api/reports failed with {answer.status_code}; canaries in the logs: {canaries_in(logged)}"
    )
    assert not canaries_in(logged)


def test_a_description_stored_past_the_limit_by_an_erasure_is_answered_as_stored(personas: Personas) -> None:
    """The filer agreed the office may know them, so its manager reads the original words, as
    stored: after the worker's erasure request, longer than a filer may send."""
    worker, _child = protect_canaries(personas)
    code = _submit(personas, valid_report_payload(sender={"description": _description("Called ", f" from {WORKER_PHONE}.")}))
    protected_person_erase(actor=personas.manager, person=worker, reason="Erasure request received by letter")
    stored = Report.objects.get(public_code=code).sender_description
    assert len(stored) > LIMIT and "[ERASED PHONE]" in stored
    answer = _manager_reads(personas, f"/api/reports/{code}")
    assert answer.status_code == 200, answer.content[:300]
    assert answer.json()["sender"]["description"] == stored
