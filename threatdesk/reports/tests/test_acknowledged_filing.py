"""A report the web form stored is acknowledged: its filer gets the receipt with its guidance,
never an error page or a refusal for a report that was in fact filed (they would file it again,
under a new token), and no one else's browser gets that receipt."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import OperationalError
from django.test import Client

from threatdesk.reports.models import Report
from threatdesk.reports.tests.test_report_form import form_data
from threatdesk.reports.views import FILED_COOKIE, FILED_SALT

pytestmark = pytest.mark.django_db

RECEIPT = 'id="receipt-code"'


def filed(client: Client) -> tuple[str, Any]:
    """File the form; the receipt's address and the receipt page that follows."""
    posted = client.post("/report/", form_data())
    assert posted.status_code == 302, posted.status_code
    return posted["Location"], client.get(posted["Location"])


def test_a_session_store_that_fails_after_the_report_committed_does_not_hide_the_receipt(monkeypatch):
    """On SQLite a large import holds the one write lock for a minute or more; a session write
    after the report committed would wait 20 s and fail once the view had returned, beyond the
    form's busy handling, and the filer would get a server error for a stored report."""

    def locked(self: Any, must_create: bool = False) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(SessionStore, "save", locked)
    client = Client(raise_request_exception=False)
    _, receipt = filed(client)
    assert Report.objects.count() == 1
    assert receipt.status_code == 200 and RECEIPT in receipt.content.decode()


def test_filing_without_an_account_writes_no_session():
    filed(Client())
    assert not Session.objects.exists()


def test_the_filers_own_receipt_is_not_refused_by_the_limit_on_receipt_lookups():
    """Everyone behind one office network or phone carrier shares an address, and with it the 30
    look-ups a minute; the filer's browser holds the code and guesses nothing."""
    neighbours = Client()
    for _ in range(30):
        neighbours.get("/status/R-AAAA-AAAA-AAAA-AAAA/")
    assert neighbours.get("/status/R-AAAA-AAAA-AAAA-AAAA/").status_code == 429
    _, receipt = filed(Client())
    assert receipt.status_code == 200 and RECEIPT in receipt.content.decode()


def test_another_browser_holding_the_code_gets_the_status_under_the_limit():
    address, _ = filed(Client())
    other = Client()
    page = other.get(address)
    assert page.status_code == 200 and RECEIPT not in page.content.decode()
    assert 'id="report-status"' in page.content.decode()
    for _ in range(29):
        other.get(address)
    assert other.get(address).status_code == 429


def test_the_receipt_stays_with_the_account_that_filed(personas):
    """Another account in the same browser does not get the receipt's guidance."""
    client = Client()
    client.force_login(personas.reporter)
    address, receipt = filed(client)
    assert RECEIPT in receipt.content.decode()
    client.force_login(personas.manager)
    assert RECEIPT not in client.get(address).content.decode()


def sign_in(client: Client, user: Any) -> None:
    """Through the sign-in page, as a person does (staff would also be asked for a code)."""
    user.set_password("a long passphrase for the test")
    user.save()
    response = client.post("/account/login/", {"username": user.username, "password": "a long passphrase for the test"})
    assert response.status_code == 302, response.status_code


@pytest.mark.parametrize("signed_in", [False, True], ids=["filed-signed-out", "filed-signed-in"])
def test_a_sign_in_or_out_ends_the_receipts_guidance(personas, signed_in):
    """At a shared front-desk computer, the next person must not reopen the guidance (which tells
    the kind of threat) from the browser's history once someone has signed in or out, as when
    the session that held it was renewed or flushed."""
    client = Client()
    if signed_in:
        sign_in(client, personas.reporter)
    address, receipt = filed(client)
    assert RECEIPT in receipt.content.decode()
    if not signed_in:
        sign_in(client, personas.reporter)
    client.post("/account/logout/")
    assert FILED_COOKIE not in client.cookies or not client.cookies[FILED_COOKIE].value
    assert RECEIPT not in client.get(address).content.decode()


def forged(code: str, how: str) -> str:
    if how == "plain":
        return json.dumps([None, [code]])
    if how == "other-salt":
        return signing.dumps([None, [code]], salt="another purpose")
    return signing.dumps([None, [code]], salt=FILED_SALT, key="not the site's key")


@pytest.mark.parametrize("how", ["plain", "other-salt", "other-key"])
def test_a_cookie_the_site_did_not_sign_for_receipts_opens_no_receipt(how):
    address, _ = filed(Client())
    code = address.rstrip("/").rsplit("/", 1)[-1]
    forger = Client()
    forger.cookies[FILED_COOKIE] = forged(code, how)
    page = forger.get(address).content.decode()
    assert RECEIPT not in page and code in page  # the status page: the code, not the guidance


def test_the_receipt_cookie_is_kept_from_scripts_and_other_paths():
    client = Client()
    filed(client)
    cookie = client.cookies[FILED_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["path"] == "/report/receipt/"
