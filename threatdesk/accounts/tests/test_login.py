"""Logging in: the password works, repeated failures lock the account even against the right
password, and once an authenticator app is enrolled its code is required as well.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp

from threatdesk.accounts.models import TOTPDevice
from threatdesk.audit.models import AuditEvent
from threatdesk.testing.personas import PASSWORD, Personas

pytestmark = pytest.mark.django_db

LOGIN = "/account/login/"


def log_in(client: Client, username: str, password: str, **extra: Any) -> Any:
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """What the authenticator app shows now (or `steps_ahead` periods from now)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead):0{device.digits}d}"


def enrol(client: Client) -> TOTPDevice:
    """Open the two-factor page, read the new key as the app would, confirm with a code."""
    page = client.get("/account/two-factor/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post("/account/two-factor/", {"token": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:totp")
    device.refresh_from_db()
    return device


def test_login_with_the_right_password_works(personas: Personas) -> None:
    client = Client()
    response = log_in(client, "reporter", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:home")
    assert signed_in(client)
    assert client.get(reverse("reports:home")).status_code == 200


def test_login_with_a_wrong_password_is_refused(personas: Personas) -> None:
    client = Client()
    response = log_in(client, "reporter", "not the password")
    assert response.status_code == 200
    assert not signed_in(client)
    assert response.context["form"].errors


def test_failures_below_the_limit_do_not_lock(personas: Personas) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "reporter", "not the password").status_code == 200
    assert log_in(client, "reporter", PASSWORD).status_code == 302
    assert signed_in(client)


def test_after_the_failure_limit_the_right_password_is_refused(personas: Personas) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "reporter", "not the password")
    response = log_in(client, "reporter", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    assert not signed_in(client)


def test_a_locked_username_stays_locked_from_another_address(personas: Personas) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(REMOTE_ADDR="198.51.100.7"), "reporter", "not the password")
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    response = log_in(elsewhere, "reporter", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(elsewhere)


def test_enrolment_confirms_the_device_with_a_code_from_the_app(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.reporter)
    page = client.get("/account/two-factor/")
    device = TOTPDevice.objects.get(user=personas.reporter)
    assert not device.confirmed
    secret = page.content.decode()
    assert "data:image/svg+xml;base64," in secret  # the QR code is inline, no third party
    response = client.post("/account/two-factor/", {"token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert "Two-factor is on" in client.get("/account/two-factor/").content.decode()
    assert AuditEvent.objects.filter(action="accounts.totp.enrolled", object_id=str(personas.reporter.pk)).count() == 1


def test_enrolment_refuses_a_wrong_code(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.reporter)
    client.get("/account/two-factor/")
    device = TOTPDevice.objects.get(user=personas.reporter)
    wrong = f"{(int(code_for(device)) + 1) % 10**device.digits:06d}"
    response = client.post("/account/two-factor/", {"token": wrong})
    assert response.status_code == 200
    assert "did not match" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_an_unconfirmed_device_does_not_ask_for_a_code(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.reporter)
    client.get("/account/two-factor/")  # started, never confirmed
    fresh = Client()
    assert log_in(fresh, "reporter", PASSWORD).status_code == 302
    assert signed_in(fresh)


def test_after_enrolment_the_password_alone_is_refused(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.reporter)
    enrol(client)
    fresh = Client()
    response = log_in(fresh, "reporter", PASSWORD)
    assert response.status_code == 200
    assert not signed_in(fresh)
    assert response.context["form"].errors


def test_after_enrolment_a_wrong_code_is_refused(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.reporter)
    device = enrol(client)
    wrong = f"{(int(code_for(device, 1)) + 1) % 10**device.digits:06d}"
    fresh = Client()
    response = log_in(fresh, "reporter", PASSWORD, otp_token=wrong)
    assert response.status_code == 200
    assert not signed_in(fresh)


def test_after_enrolment_password_and_code_log_in(personas: Personas) -> None:
    client = Client()
    assert log_in(client, "reporter", PASSWORD).status_code == 302
    device = enrol(client)
    assert device.confirmed
    client.post("/account/logout/")
    assert not signed_in(client)
    # The code used to confirm is spent; the app's next code opens the door.
    response = log_in(client, "reporter", PASSWORD, otp_token=code_for(device, 1))
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == reverse("reports:home")
    assert signed_in(client)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
