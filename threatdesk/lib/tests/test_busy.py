"""A write that meets a database locked past its wait is answered 503 with Retry-After, stores
nothing, and leaves the filer what they typed; it is sent again with the same key and stored once."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client

from threatdesk.accounts.services import token_create
from threatdesk.audit import services as audit_services
from threatdesk.audit.models import AuditEvent
from threatdesk.lib.busy import RETRY_AFTER_S, database_busy
from threatdesk.reports.models import Report
from threatdesk.testing.payloads import valid_report_payload
from threatdesk.testing.planting import bearer, form_data

pytestmark = pytest.mark.django_db

TYPED = "He said he would wait for me in the parking lot after the canvass."


def test_sqlites_own_words_for_a_lock_that_outlasted_the_wait_are_recognised(tmp_path):
    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    waiter = sqlite3.connect(path, timeout=0.05, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError) as raised:
        waiter.execute("BEGIN IMMEDIATE")
    holder.close(), waiter.close()
    assert database_busy(OperationalError(str(raised.value)))
    assert not database_busy(OperationalError("no such table: reports_report"))
    assert not database_busy(ValueError("database is locked"))


@pytest.fixture
def lock_next_write(monkeypatch: Any) -> Any:
    """Call it, and the next write finds the audit trail's head, which every write takes after
    its own rows, locked past the wait; the writes after that go through."""
    real = audit_services._locked_head
    armed: list[bool] = []

    def head() -> Any:
        if armed and armed.pop():
            raise OperationalError("database is locked")
        return real()

    monkeypatch.setattr(audit_services, "_locked_head", head)
    return lambda: armed.append(True)


def test_the_api_answers_503_stores_nothing_and_takes_the_same_report_again(personas, lock_next_write):
    token = token_create(actor=None, user=personas.reporter, name="busy")
    lock_next_write()
    headers = {**bearer(token), "HTTP_IDEMPOTENCY_KEY": "busy-1"}
    client = Client()
    refused = client.post("/api/reports", valid_report_payload(), content_type="application/json", **headers)
    assert refused.status_code == 503
    assert refused["Retry-After"] == str(RETRY_AFTER_S)
    assert "Nothing was stored" in refused.json()["errors"][0]["message"]
    assert not Report.objects.exists() and not AuditEvent.objects.filter(action__startswith="reports.").exists()
    again = client.post("/api/reports", valid_report_payload(), content_type="application/json", **headers)
    assert again.status_code == 201
    assert Report.objects.count() == 1


def test_the_form_comes_back_with_what_was_typed_and_is_taken_when_sent_again(db, lock_next_write):
    lock_next_write()
    client = Client()
    body = form_data(valid_report_payload(message_text=TYPED), submission_token="c" * 32)
    refused = client.post("/report/", body)
    assert refused.status_code == 503
    assert refused["Retry-After"] == str(RETRY_AFTER_S)
    page = refused.content.decode()
    assert "Nothing was stored" in page and TYPED in page
    assert not Report.objects.exists()
    assert client.post("/report/", body).status_code == 302
    assert Report.objects.count() == 1


def test_another_page_gets_the_busy_page_not_a_server_error(personas, monkeypatch):
    from threatdesk.reports import views

    def locked(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("database is locked")

    monkeypatch.setattr(views.selectors, "report_list", locked)
    client = Client()
    client.force_login(personas.manager)
    page = client.get("/reports/")
    assert page.status_code == 503
    assert "Nothing was stored" in page.content.decode()
