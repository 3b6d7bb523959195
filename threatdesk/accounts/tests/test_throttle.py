"""The login throttle keeps no client address, no record of sign-ins and nothing typed: it counts
failures under keyed pseudonyms of the address and of the username typed, and the lock-outs per
address and per username still work with them. The API's rate limits count under the same
address pseudonym.
"""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest
from axes.models import AccessLog
from django.apps import apps
from django.conf import settings
from django.test import Client, RequestFactory

from threatdesk.accounts.forms import LoginForm
from threatdesk.accounts.tests.test_login import LOGIN, log_in, signed_in
from threatdesk.accounts.throttle import AddressRateThrottle, address_pseudonym, typed_username_pseudonym
from threatdesk.testing.personas import PASSWORD, Personas

HOME = "203.0.113.77"


def axes_rows() -> str:
    """Every value of every row axes keeps, as one text to search."""
    models = apps.get_app_config("axes").get_models()
    return "\n".join(str(value) for model in models for row in model.objects.values_list() for value in row)


def fail(address: str, username: str = "reporter") -> Any:
    return log_in(Client(REMOTE_ADDR=address), username, "not the password")


def test_the_pseudonym_is_an_ipv6_address_that_depends_on_the_key(settings: Any) -> None:
    pseudonym = address_pseudonym(HOME)
    assert ipaddress.ip_address(pseudonym).version == 6
    assert address_pseudonym(HOME) == pseudonym != address_pseudonym("203.0.113.78")
    assert address_pseudonym("2001:DB8:0:0::1") == address_pseudonym("2001:db8::1")
    settings.PSEUDONYM_KEY = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI="
    assert address_pseudonym(HOME) != pseudonym


@pytest.mark.django_db
def test_no_axes_row_holds_the_client_address(personas: Personas) -> None:
    home = Client(REMOTE_ADDR=HOME)
    assert log_in(home, "reporter", PASSWORD).status_code == 302
    home.post("/account/logout/")
    for _ in range(2):
        fail(HOME)
    fail(HOME, username="nobody")
    rows = axes_rows()
    assert address_pseudonym(HOME) in rows  # the failures were kept, under the pseudonym
    assert HOME not in rows


@pytest.mark.django_db
def test_signing_in_and_out_leaves_no_access_log(personas: Personas) -> None:
    client = Client(REMOTE_ADDR=HOME)
    assert log_in(client, "reporter", PASSWORD).status_code == 302
    assert signed_in(client)
    client.post("/account/logout/")
    assert not AccessLog.objects.exists()


@pytest.mark.django_db
def test_failures_from_one_address_lock_that_address_and_no_other(personas: Personas) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        fail(HOME, username=f"guess{n}")  # a new username each time: only the address adds up
    same = Client(REMOTE_ADDR=HOME)
    response = log_in(same, "reporter", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    assert not signed_in(same)
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    assert log_in(elsewhere, "reporter", PASSWORD).status_code == 302
    assert signed_in(elsewhere)


@pytest.mark.django_db
def test_a_failure_keeps_the_names_of_the_fields_sent_but_not_their_values(personas: Personas) -> None:
    """Only the username's pseudonym is kept, as the throttle counts per username."""
    fields = [*LoginForm().fields, "csrfmiddlewaretoken", "next"]
    sent = {name: f"sent-{name}" for name in fields} | {"username": "reporter"}
    assert Client(REMOTE_ADDR=HOME).post(f"{LOGIN}?next=sent-in-query", sent).status_code == 200
    rows = axes_rows()
    assert "otp_token=" in rows and "next=" in rows  # the request data was kept, masked
    assert "sent-" not in rows


@pytest.mark.django_db
def test_what_was_typed_as_the_username_is_kept_only_as_a_pseudonym(personas: Personas) -> None:
    """People type their email address or their name into the username box."""
    typed = ["dana.quill@example.org", "Dana Quillfeather", "reporter"]
    for username in typed:
        fail(HOME, username=username)
    rows = axes_rows().casefold()
    assert not [username for username in typed if username.casefold() in rows]
    assert typed_username_pseudonym(RequestFactory().post(LOGIN, {"username": "reporter"})) in rows


@pytest.mark.django_db
def test_a_username_typed_in_another_case_counts_against_the_same_lock_out(personas: Personas) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(REMOTE_ADDR=f"198.51.100.{n + 1}"), "REPORTER" if n % 2 else "reporter", "not the password")
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    assert log_in(elsewhere, "reporter", PASSWORD).status_code == 429
    assert not signed_in(elsewhere)


@pytest.fixture
def one_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """As deployed behind one TLS proxy (TRUSTED_PROXIES=1), which appends the client's address."""
    from ninja.conf import settings as ninja_settings

    monkeypatch.setattr(ninja_settings, "NUM_PROXIES", 1)


PROXY = "10.0.0.5"


def through_proxy(client_address: str, forged: str = "") -> Client:
    forwarded = f"{forged}, {client_address}" if forged else client_address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


@pytest.mark.django_db
def test_a_forged_forwarded_header_counts_for_nothing_without_a_trusted_proxy(personas: Personas) -> None:
    """By default the address is REMOTE_ADDR: a header naming a new address each time does not
    buy more tries."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(REMOTE_ADDR=HOME, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"), f"guess{n}", "not the password")
    locked = log_in(Client(REMOTE_ADDR=HOME, HTTP_X_FORWARDED_FOR="198.51.100.99"), "reporter", PASSWORD)
    assert locked.status_code == 429
    assert address_pseudonym(HOME) in axes_rows()


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_client_is_counted_apart(personas: Personas, one_proxy: None) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The client forges an entry in front; the proxy's own entry, the last, is what counts.
        log_in(through_proxy(HOME, forged=f"198.51.100.{n}"), f"guess{n}", "not the password")
    assert log_in(through_proxy(HOME), "reporter", PASSWORD).status_code == 429
    colleague = through_proxy("203.0.113.80")
    assert log_in(colleague, "reporter", PASSWORD).status_code == 302 and signed_in(colleague)
    rows = axes_rows()
    assert address_pseudonym(HOME) in rows and address_pseudonym(PROXY) not in rows and HOME not in rows


def test_the_api_rate_limit_counts_under_the_pseudonym_of_the_address(one_proxy: None) -> None:
    """Its counts live in the cache that every worker shares, a database table in production."""
    throttle = AddressRateThrottle("30/m")
    key = throttle.get_cache_key(RequestFactory().get("/api/receipts/R-1", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=HOME))
    assert key == f"throttle_anon_{address_pseudonym(HOME)}"
    assert HOME not in key and PROXY not in key
    assert throttle.get_cache_key(RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.80")) != key
