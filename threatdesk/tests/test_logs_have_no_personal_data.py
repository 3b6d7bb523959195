"""Logs carry codes and ids, never narrative text or identifiers, even at DEBUG and even when a
request is refused: Django's own 4xx warnings are searched along with everything else.
"""

from __future__ import annotations

import json
import logging
import re
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from threatdesk.accounts.services import token_create
from threatdesk.reports.api import report_out
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import ImportRow, ReportInputError, reports_import
from threatdesk.testing.files import use_media_root
from threatdesk.testing.payloads import (
    CANARY_ADDRESS,
    CANARY_EMAIL,
    CANARY_PHONE,
    CANARY_SENDER,
    CANARY_WORKER,
    valid_report_payload,
)
from threatdesk.testing.personas import Personas
from threatdesk.testing.planting import (
    bearer,
    canaries_in,
    form_data,
    plant_by_api,
    plant_by_form,
    plant_by_import,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def everything_logged(caplog: pytest.LogCaptureFixture, settings: Any, tmp_path: Path) -> Iterator[None]:
    use_media_root(settings, tmp_path)
    caplog.set_level(logging.DEBUG)  # the root logger
    caplog.set_level(logging.DEBUG, logger="django")
    caplog.set_level(logging.DEBUG, logger="threatdesk")
    yield


def leaks(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Each captured record that carries a canary, in its message, arguments or traceback."""
    found = []
    for record in caplog.records:
        parts = [record.getMessage(), repr(record.args), str(getattr(record, "status_code", ""))]
        if record.exc_info:
            parts.append("".join(traceback.format_exception(*record.exc_info)))
        if record.stack_info:
            parts.append(record.stack_info)
        text = "\n".join(parts)
        if canaries_in(text):
            found.append(f"{record.name} {record.levelname}: {text[:300]}")
    return found


def request_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "django.request" and r.levelno >= logging.WARNING]


def test_web_form_logs_no_personal_data(caplog: pytest.LogCaptureFixture) -> None:
    plant_by_form(Client())
    refused = Client().post(
        "/report/",
        form_data(
            submission_token="a" * 32,
            sender_phones=f"{CANARY_WORKER}\n{CANARY_ADDRESS}",
            sender_emails=CANARY_SENDER,
            contact_email=f"{CANARY_WORKER} at home",
            occurred_on="not a date",
        ),
    )
    assert refused.status_code == 422
    assert request_warnings(caplog), "a refused form should leave Django's 4xx warning to search"
    assert not leaks(caplog)


def test_api_logs_no_personal_data(personas: Personas, caplog: pytest.LogCaptureFixture) -> None:
    token = token_create(actor=None, user=personas.reporter, name="logs")
    plant_by_api(Client(), token)
    client = Client()
    bad = valid_report_payload(
        sender={"name": CANARY_SENDER, "phones": [CANARY_WORKER], "emails": [CANARY_ADDRESS]},
        county=CANARY_ADDRESS,
    )
    refused = client.post("/api/reports", data=json.dumps(bad), content_type="application/json", **bearer(token))  # type: ignore[arg-type]
    assert refused.status_code == 422
    unknown_place = client.post(
        "/api/reports",
        data=json.dumps(valid_report_payload(county=CANARY_WORKER)),
        content_type="application/json",
        **bearer(token),  # type: ignore[arg-type]
    )
    assert unknown_place.status_code == 422
    broken = client.post(
        "/api/reports", data=f'{{"narrative": "{CANARY_WORKER}", ', content_type="application/json", **bearer(token)
    )  # type: ignore[arg-type]
    assert broken.status_code in (400, 422)
    unauthenticated = client.post("/api/reports", data=json.dumps(valid_report_payload()), content_type="application/json")
    assert unauthenticated.status_code == 401
    assert len(request_warnings(caplog)) >= 4
    assert not leaks(caplog)


@pytest.mark.parametrize("path", ["/api/reports/{code}", "/api/reports"])
def test_an_api_answer_that_fails_its_schema_logs_no_values(
    personas: Personas, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """The safety net for a bug in an answer: a value its schema refuses (canaries where the
    severity goes) makes a 500 that names the field and the error code, never the value."""
    token = token_create(actor=None, user=personas.manager, name="logs")
    code = plant_by_api(Client(), token_create(actor=None, user=personas.reporter, name="plant"))

    def broken_answer(*args: Any, **kwargs: Any) -> dict[str, Any]:
        return {**report_out(*args, **kwargs), "severity": f"{CANARY_WORKER} {CANARY_PHONE}"}

    monkeypatch.setattr("threatdesk.reports.api.report_out", broken_answer)
    answer = Client(raise_request_exception=False).get(path.format(code=code), **bearer(token))  # type: ignore[arg-type]
    assert answer.status_code == 500
    assert not leaks(caplog)
    assert set(answer.json()) == {"errors"} and not canaries_in(answer.content)
    failures = [r.getMessage() for r in caplog.records if r.name == "django.request" and r.levelno == logging.ERROR]
    assert len(failures) == 1 and "ValidationError" in failures[0] and "severity (int_parsing)" in failures[0]
    assert code not in failures[0], "the path is logged as its route"


def test_import_logs_no_personal_data(personas: Personas, caplog: pytest.LogCaptureFixture) -> None:
    plant_by_import(personas.admin)
    rows = [
        ImportRow(line=1, data=ReportIn.model_validate(valid_report_payload(county=CANARY_ADDRESS)), external_id="x1"),
        ImportRow(line=2, data=ReportIn.model_validate(valid_report_payload()), external_id="x1"),
    ]
    with pytest.raises(ReportInputError):
        reports_import(actor=personas.admin, rows=rows)
    assert not leaks(caplog)


def test_personal_data_typed_into_the_receipt_lookup_stays_out_of_the_logs(caplog: pytest.LogCaptureFixture) -> None:
    client = Client()
    for typed in (CANARY_WORKER, CANARY_PHONE, "602-555-0199", CANARY_EMAIL):
        response = client.post("/status/", {"code": typed})
        assert response.status_code == 200, "only a receipt code is sent on to the status page"
        assert "not a receipt code" in response.content.decode()
    assert not leaks(caplog)


@pytest.mark.parametrize("page", ["/", "/status/", "/status/R-AAAA-BBBB-CCCC-DDDD/"])
def test_every_receipt_lookup_form_sends_what_is_typed_in_the_body_not_the_address(page: str) -> None:
    """A query string is in the request line that web servers and proxies log before any code
    of ours runs; a body is not."""
    html = Client().get(page).content.decode()
    forms = re.findall(r"<form [^>]*action=\"/status/\"[^>]*>", html)
    assert forms and all('method="post"' in form for form in forms)


def test_a_lookup_in_the_address_is_not_followed(personas: Personas) -> None:
    """An old link with ?code= gets the empty form: nothing typed is ever taken from the address."""
    code = plant_by_form(Client())
    response = Client().get("/status/", {"code": code})
    assert response.status_code == 200
    assert code not in response.content.decode()


def test_a_receipt_code_typed_loosely_still_opens_its_status(personas: Personas) -> None:
    code = plant_by_form(Client())
    response = Client().post("/status/", {"code": f" {code.lower().replace('-', ' ')} "})
    assert response.status_code == 302
    assert response["Location"] == f"/status/{code}/"


def test_the_search_finds_a_canary_when_one_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    logging.getLogger("threatdesk.tests").debug("narrative: %s", CANARY_WORKER)
    assert leaks(caplog)


def test_a_template_look_up_that_fails_logs_no_context(caplog: pytest.LogCaptureFixture) -> None:
    """Django logs a name a template does not find at DEBUG, with the whole context in the
    traceback: with LOG_LEVEL=DEBUG, a report's words would be in the log."""
    from django.template import engines

    engines["django"].from_string("{{ not_there }}").render({"words": CANARY_WORKER})
    assert not leaks(caplog)
