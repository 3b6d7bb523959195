"""The OpenAPI document declares exactly the answers the API gives: each answer an operation
gives, refusals included, is among those it declares, in the declared shape, and each answer it
declares is one it gives. Generated clients rely on the list."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import Client

from threatdesk.accounts.services import token_create
from threatdesk.audit import services as audit_services
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.testing.files import png_bytes
from threatdesk.testing.personas import Personas

pytestmark = pytest.mark.django_db

UNKNOWN = "R-0000-0000-0000-0000"
ERROR_SCHEMA = "#/components/schemas/ErrorOut"


class Caller:
    """Requests to the API as the office manager (or without a token), with a report she may see."""

    def __init__(self, personas: Personas, payload: dict[str, Any]) -> None:
        self.client = Client(REMOTE_ADDR="203.0.113.7")
        self.token = {"Authorization": f"Bearer {token_create(actor=None, user=personas.manager, name='answers')}"}
        self.payload = payload
        self.code = report_submit(actor=personas.reporter, data=ReportIn.model_validate(payload), source="api").report.public_code

    def submit(self, body: Any, auth: bool = True, **headers: str) -> Any:
        data = body if isinstance(body, str) else json.dumps(body)
        return self.client.post(
            "/api/reports", data, content_type="application/json", headers={**(self.token if auth else {}), **headers}
        )

    def get(self, path: str, auth: bool = True, **params: Any) -> Any:
        return self.client.get(path, params, headers=self.token if auth else {})

    def attach(self, code: str, auth: bool = True, with_file: bool = True) -> Any:
        files = {"file": SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")} if with_file else {}
        return self.client.post(f"/api/reports/{code}/evidence", files, headers=self.token if auth else {})

    def attach_unparsable(self, code: str) -> Any:
        """A multipart body without the boundary its parts need."""
        return self.client.post(f"/api/reports/{code}/evidence", "--x--", content_type="multipart/form-data", headers=self.token)

    @staticmethod
    def while_busy(call: Callable[[], Any]) -> Any:
        """`call` with every write meeting a database locked past its wait (`lib.busy`)."""
        with mock.patch.object(audit_services, "_locked_head", side_effect=OperationalError("database is locked")):
            return call()

    def receipt_until_refused(self) -> Any:
        for _ in range(100):
            answer = self.get(f"/api/receipts/{UNKNOWN}", auth=False)
            if answer.status_code != 404:
                return answer
        raise AssertionError("the receipt look-ups were never limited")


def _submit_twice(caller: Caller, first: dict[str, Any], second: dict[str, Any]) -> Any:
    caller.submit(first, **{"Idempotency-Key": "answers"})
    return caller.submit(second, **{"Idempotency-Key": "answers"})


# (operation as the document names it, status, how to get that answer)
ANSWERS: list[tuple[str, str, int, Callable[[Caller], Any]]] = [
    ("post", "/api/reports", 201, lambda c: c.submit(c.payload)),
    ("post", "/api/reports", 200, lambda c: _submit_twice(c, c.payload, c.payload)),
    ("post", "/api/reports", 400, lambda c: c.submit("{not json")),
    ("post", "/api/reports", 401, lambda c: c.submit(c.payload, auth=False)),
    ("post", "/api/reports", 409, lambda c: _submit_twice(c, c.payload, {**c.payload, "narrative": "Another call."})),
    ("post", "/api/reports", 413, lambda c: c.submit({**c.payload, "narrative": "a" * (3 * 1024 * 1024)})),
    ("post", "/api/reports", 422, lambda c: c.submit({})),
    ("post", "/api/reports", 503, lambda c: c.while_busy(lambda: c.submit(c.payload))),
    ("get", "/api/reports", 200, lambda c: c.get("/api/reports")),
    ("get", "/api/reports", 400, lambda c: c.get("/api/reports", state="\x00")),
    ("get", "/api/reports", 401, lambda c: c.get("/api/reports", auth=False)),
    ("get", "/api/reports", 422, lambda c: c.get("/api/reports", limit="abc")),
    ("get", "/api/reports/{code}", 200, lambda c: c.get(f"/api/reports/{c.code}")),
    ("get", "/api/reports/{code}", 400, lambda c: c.get(f"/api/reports/{c.code}", fields="\x00")),
    ("get", "/api/reports/{code}", 401, lambda c: c.get(f"/api/reports/{c.code}", auth=False)),
    ("get", "/api/reports/{code}", 404, lambda c: c.get(f"/api/reports/{UNKNOWN}")),
    ("post", "/api/reports/{code}/evidence", 201, lambda c: c.attach(c.code)),
    ("post", "/api/reports/{code}/evidence", 200, lambda c: [c.attach(c.code), c.attach(c.code)][-1]),
    ("post", "/api/reports/{code}/evidence", 400, lambda c: c.attach_unparsable(c.code)),
    ("post", "/api/reports/{code}/evidence", 401, lambda c: c.attach(c.code, auth=False)),
    ("post", "/api/reports/{code}/evidence", 404, lambda c: c.attach(UNKNOWN)),
    ("post", "/api/reports/{code}/evidence", 422, lambda c: c.attach(c.code, with_file=False)),
    ("post", "/api/reports/{code}/evidence", 503, lambda c: c.while_busy(lambda: c.attach(c.code))),
    ("get", "/api/receipts/{code}", 200, lambda c: c.get(f"/api/receipts/{c.code}", auth=False)),
    ("get", "/api/receipts/{code}", 400, lambda c: c.get(f"/api/receipts/{c.code}", auth=False, lang="\x00")),
    ("get", "/api/receipts/{code}", 404, lambda c: c.get(f"/api/receipts/{UNKNOWN}", auth=False)),
    ("get", "/api/receipts/{code}", 429, lambda c: c.receipt_until_refused()),
]


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return Client().get("/api/openapi.json").json()


def declared(document: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    return document["paths"][path][method]["responses"]


@pytest.mark.parametrize(
    "method,path,status,ask", ANSWERS, ids=[f"{method.upper()} {path} {status}" for method, path, status, _ in ANSWERS]
)
def test_each_answer_given_is_declared_in_its_shape(
    personas: Personas, report_payload: dict[str, Any], document: dict[str, Any], method: str, path: str, status: int, ask: Any
) -> None:
    answer = ask(Caller(personas, report_payload))
    assert answer.status_code == status, answer.content[:300]
    assert answer["Content-Type"].startswith("application/json")
    responses = declared(document, method, path)
    assert str(status) in responses, f"{method.upper()} {path} gives {status} but declares {sorted(responses)}"
    if status >= 400:
        schema = responses[str(status)]["content"]["application/json"]["schema"]
        assert schema == {"$ref": ERROR_SCHEMA}
        body = answer.json()
        assert set(body) == {"errors"} and body["errors"]
        assert all(set(item) == {"field", "message"} for item in body["errors"])


def test_each_answer_declared_is_one_given(document: dict[str, Any]) -> None:
    given = {(method, path, str(status)) for method, path, status, _ in ANSWERS}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status in operation["responses"]:
                assert (method, path, status) in given, f"{method.upper()} {path} declares {status}, which nothing here gives"
