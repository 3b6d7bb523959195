"""The API keeps the contract it publishes: generated requests, valid and invalid, to every
operation never get a server error, and every documented answer matches its schema.

Requests go through the WSGI application in this process (no server), into the test database.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from threatdesk.accounts.services import token_create
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.testing.files import png_bytes
from threatdesk.wsgi import application

pytestmark = pytest.mark.django_db

OPERATIONS = [
    "POST /api/reports",
    "GET /api/reports",
    "GET /api/reports/{code}",
    "POST /api/reports/{code}/evidence",
    "GET /api/receipts/{code}",
]
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
MAX_EXAMPLES = 25  # per operation and mode: enough to find crashes, few enough for CI


@pytest.fixture(scope="module")
def _keep_test_connection() -> Iterator[None]:
    """Do what Django's test client does: a request must not close the connection that holds the
    test's transaction (Django closes connections at request start and end when they are not in
    autocommit mode, which a test transaction never is)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def api_schema(_keep_test_connection: None) -> Any:
    return schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def auth(personas: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_create(actor=None, user=personas.manager, name='contract')}"}


@pytest.fixture
def known_code(personas: Any, report_payload: dict[str, Any]) -> str:
    """A report the manager may see, so operations on a code also reach their success path."""
    return report_submit(actor=personas.reporter, data=ReportIn.model_validate(report_payload), source="api").report.public_code


def run_operation(operation: Any, mode: str, headers: dict[str, str], **fixed: Any) -> None:
    strategy = operation.as_strategy(generation_mode=schemathesis.GenerationMode(mode), **fixed)

    @given(case=strategy)
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )
    def check(case: Any) -> None:
        cache.clear()  # the receipt endpoint's rate limit would otherwise answer 429 to later examples
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()


def test_schema_lists_every_operation_tested_here(api_schema):
    labels = sorted(result.ok().label for result in api_schema.get_all_operations())
    assert labels == sorted(OPERATIONS)
    api_schema.validate()


# Invalid requests too, except where none can be made: a receipt code is any string, and the
# receipt operation takes nothing else.
CASES = [(label, mode) for label in OPERATIONS for mode in ("positive", "negative")]
CASES.remove(("GET /api/receipts/{code}", "negative"))


@pytest.mark.parametrize("label,mode", CASES, ids=[f"{label}-{mode}" for label, mode in CASES])
def test_operation_never_fails_on_generated_requests(api_schema, auth, known_code, label, mode):
    method, path = label.split(" ", 1)
    operation = api_schema[path][method]
    run_operation(operation, mode, auth)
    if "{code}" in path:
        # Again with a real code: generated codes almost always meet a 404.
        run_operation(operation, mode, auth, path_parameters={"code": known_code})


def test_evidence_upload_with_a_real_code_and_file_conforms(api_schema, auth, known_code):
    """The success answer of the upload is checked against its schema too."""
    operation = api_schema["/api/reports/{code}/evidence"]["POST"]
    case = operation.Case(path_parameters={"code": known_code}, body={"file": png_bytes()}, media_type="multipart/form-data")
    response = case.call_and_validate(headers=auth, checks=CHECKS)
    assert response.status_code == 201, response.text
    assert Report.objects.get(public_code=known_code).evidence.count() == 1
