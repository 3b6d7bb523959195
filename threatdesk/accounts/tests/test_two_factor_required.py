"""Where the deployment requires it (REQUIRE_TWO_FACTOR, on in production), staff give an
authenticator code before they see any page: those without an app set one up first, and a
session that signed in without a code gives one. Reporters, and programs with a token, are
asked nothing more."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from threatdesk.accounts import views
from threatdesk.accounts.models import TOTPDevice
from threatdesk.accounts.services import token_create, totp_confirm, totp_start
from threatdesk.accounts.tests.test_login import code_for, log_in
from threatdesk.testing.personas import PASSWORD, Personas

pytestmark = pytest.mark.django_db

TWO_FACTOR = "/account/two-factor/"
STAFF_PAGE = "/reports/"


@pytest.fixture(autouse=True)
def _required(settings: Any) -> None:
    settings.REQUIRE_TWO_FACTOR = True


def signed_in_with_password(user: Any) -> Client:
    client = Client()
    assert log_in(client, user.username, PASSWORD).status_code == 302
    return client


def app_for(user: Any) -> TOTPDevice:
    device = totp_start(user=user)
    assert totp_confirm(user=user, device=device, token=code_for(device))
    device.refresh_from_db()
    return device


def test_staff_without_an_app_are_sent_to_set_one_up_from_every_page(personas: Personas) -> None:
    client = signed_in_with_password(personas.manager)
    for path in (STAFF_PAGE, "/", "/report/", "/protected-people/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == TWO_FACTOR
    page = client.get(TWO_FACTOR)
    assert page.status_code == 200
    assert "asks staff for a code" in page.content.decode()
    assert client.post("/account/logout/").status_code == 302  # signing out stays open


def test_setting_up_the_app_opens_the_pages_in_the_same_session(personas: Personas) -> None:
    client = signed_in_with_password(personas.coordinator)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=personas.coordinator, confirmed=False)
    assert client.post(TWO_FACTOR, {"token": code_for(device)}).status_code == 302
    assert client.get(STAFF_PAGE).status_code == 200


def test_signing_in_with_a_code_opens_the_pages(personas: Personas) -> None:
    device = app_for(personas.manager)
    client = Client()
    assert log_in(client, "manager", PASSWORD, otp_token=code_for(device, steps_ahead=1)).status_code == 302
    assert client.get(STAFF_PAGE).status_code == 200


def test_a_session_without_a_code_gives_one_before_going_on(personas: Personas) -> None:
    device = app_for(personas.analyst)
    client = Client()
    client.force_login(personas.analyst)  # a session from before the app was set up, say
    assert client.get(STAFF_PAGE)["Location"] == TWO_FACTOR
    page = client.get(TWO_FACTOR)
    assert "Enter a code from your authenticator app" in page.content.decode()
    wrong = f"{(int(code_for(device, steps_ahead=1)) + 1) % 10**device.digits:06d}"
    refused = client.post(TWO_FACTOR, {"token": wrong})
    assert refused.status_code == 200 and "did not match" in refused.content.decode()
    assert client.get(STAFF_PAGE).status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # the wrong code slowed the next try down
    assert client.post(TWO_FACTOR, {"token": code_for(device, steps_ahead=1)}).status_code == 302
    assert client.get(STAFF_PAGE).status_code == 200


def test_an_account_that_may_open_the_admin_is_asked_whatever_its_role(personas: Personas, django_user_model: Any) -> None:
    """`createsuperuser` makes an account with the default role, reporter."""
    django_user_model.objects.create_superuser("founder", password=PASSWORD)
    client = signed_in_with_password(django_user_model.objects.get(username="founder"))
    assert client.get("/admin/")["Location"] == TWO_FACTOR


def test_reporters_are_asked_nothing_more(personas: Personas) -> None:
    client = signed_in_with_password(personas.reporter)
    assert client.get(STAFF_PAGE).status_code == 200
    assert client.get("/report/").status_code == 200


def test_a_staff_members_api_token_still_works(personas: Personas) -> None:
    token = token_create(actor=None, user=personas.manager, name="office script")
    response = Client().get("/api/reports", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_off_it_asks_nothing(personas: Personas, settings: Any) -> None:
    settings.REQUIRE_TWO_FACTOR = False
    client = signed_in_with_password(personas.manager)
    assert client.get(STAFF_PAGE).status_code == 200


def test_under_a_site_prefix_the_two_factor_page_stays_open(personas: Personas) -> None:
    """Served under /threatdesk/, the page's address carries the prefix; it must not send itself on."""
    from django.urls import clear_script_prefix, set_script_prefix

    client = signed_in_with_password(personas.manager)
    set_script_prefix("/threatdesk/")
    try:
        page = client.get("/account/two-factor/", SCRIPT_NAME="/threatdesk")
    finally:
        clear_script_prefix()
    assert page.status_code == 200


def test_each_session_that_sets_up_an_app_gets_a_secret_of_its_own(personas: Personas) -> None:
    """Someone with a stolen password who opens the page and keeps the secret without confirming
    it must not have the worker confirm that same secret later: their copy would make codes."""
    intruder = Client()
    intruder.force_login(personas.manager)
    seen_by_intruder = intruder.get(TWO_FACTOR).context["secret"]

    worker = Client()
    worker.force_login(personas.manager)
    shown_to_worker = worker.get(TWO_FACTOR).context["secret"]
    assert shown_to_worker != seen_by_intruder
    assert worker.get(TWO_FACTOR).context["secret"] == shown_to_worker  # a reload keeps the app she scanned
    device = TOTPDevice.objects.get(user=personas.manager, confirmed=False)
    assert worker.post(TWO_FACTOR, {"token": code_for(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed


def test_a_session_cannot_confirm_the_secret_another_session_was_shown(personas: Personas) -> None:
    first = Client()
    first.force_login(personas.manager)
    first.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=personas.manager, confirmed=False)
    other = Client()
    other.force_login(personas.manager)
    refused = other.post(TWO_FACTOR, {"token": code_for(device)})
    assert refused.status_code == 200  # shown a secret of its own instead
    assert not TOTPDevice.objects.filter(user=personas.manager, confirmed=True).exists()


def test_one_code_verifies_one_of_two_sessions_that_give_it_at_once(personas: Personas, monkeypatch: Any) -> None:
    """A phished code replayed while the worker types it: the second request to check it must
    see that the first has used it, however the two interleave."""
    device = app_for(personas.analyst)
    code = code_for(device, steps_ahead=1)
    worker, replayer = Client(), Client()
    worker.force_login(personas.analyst)
    replayer.force_login(personas.analyst)

    check_code = views._verify_session
    replayed: dict[str, Any] = {}

    def replay_first(request: Any, enrolled: TOTPDevice) -> Any:
        if not replayed:  # the worker's request has read the device; the replay runs to the end meanwhile
            replayed["started"] = True
            replayed["answer"] = replayer.post(TWO_FACTOR, {"token": code})
        return check_code(request, enrolled)

    monkeypatch.setattr(views, "_verify_session", replay_first)
    worker.post(TWO_FACTOR, {"token": code})
    assert replayed["answer"].status_code == 302  # the replay got in with the code
    opened = [client.get(STAFF_PAGE).status_code == 200 for client in (worker, replayer)]
    assert opened == [False, True]
