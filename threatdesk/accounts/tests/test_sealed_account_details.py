"""A worker's name and email address on her account are sealed at rest, and everything that uses
them still works: signing in, the administrator's user pages, mail to staff, key rotation.
"""

from __future__ import annotations

import base64
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from threatdesk.accounts.models import Role, User
from threatdesk.accounts.services import user_create
from threatdesk.cases.notifications import urgent_recipients
from threatdesk.lib import sql
from threatdesk.privacy.migrating import open_in_place, seal_in_place
from threatdesk.privacy.services import rotate_keys
from threatdesk.reports.models import Report
from threatdesk.testing.clients import admin_user_form
from threatdesk.testing.payloads import CANARY_EMAIL, CANARY_WORKER
from threatdesk.testing.personas import PASSWORD, Personas
from threatdesk.testing.planting import canary_account

pytestmark = pytest.mark.django_db

COLUMNS = ("first_name", "last_name", "email")
FIRST, LAST = CANARY_WORKER.split(" ", 1)


@pytest.fixture
def clerk(personas: Personas) -> User:
    """The canary worker, managing her office: urgent mail goes to her."""
    return canary_account(personas, username="clerk-41", role=Role.OFFICE_MANAGER)


def stored(user: User) -> dict[str, str]:
    """The three columns as the database holds them."""
    row = sql.first_row(f"SELECT first_name, last_name, email FROM {sql.table(User)} WHERE id = %s", [user.pk])  # noqa: S608
    assert row is not None
    return dict(zip(COLUMNS, row, strict=True))


def test_name_and_address_are_stored_sealed_and_read_back(clerk: User) -> None:
    raw = stored(clerk)
    assert all(value.startswith("td1:") for value in raw.values())
    assert not any(secret in value for value in raw.values() for secret in (FIRST, LAST, CANARY_EMAIL, "example.org"))
    again = User.objects.get(pk=clerk.pk)
    assert (again.get_full_name(), again.email) == (CANARY_WORKER, CANARY_EMAIL)


def test_an_empty_name_is_sealed_too(personas: Personas) -> None:
    """An empty value in the clear would tell which staff left it blank; and the column reads only ciphertext."""
    raw = stored(personas.reporter)
    assert raw["first_name"].startswith("td1:") and raw["last_name"].startswith("td1:")
    assert User.objects.get(pk=personas.reporter.pk).first_name == ""


def test_a_filter_on_a_sealed_column_is_refused_rather_than_never_matching(clerk: User) -> None:
    with pytest.raises(TypeError, match="encrypted"):
        User.objects.filter(email=CANARY_EMAIL).exists()


def test_an_address_that_is_not_one_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError) as caught:
        user_create(actor=personas.admin, username="clerk-42", password=None, role=Role.REPORTER, email="not an address")
    assert "email" in caught.value.message_dict
    assert not User.objects.filter(username="clerk-42").exists()


def test_she_signs_in_as_before(clerk: User) -> None:
    client = Client()
    response = client.post("/account/login/", {"username": "clerk-41", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(clerk.pk)


def test_urgent_mail_still_reaches_her_sealed_address(clerk: User, personas: Personas) -> None:
    report = Report(state_id=personas.office.state_id, office_id=personas.office.pk)
    assert CANARY_EMAIL in [recipient.address for recipient in urgent_recipients(report)]


def test_the_administrator_edits_and_searches_users(clerk: User, personas: Personas) -> None:
    admin = Client()
    admin.force_login(personas.admin)
    listing = admin.get("/admin/accounts/user/", {"q": "clerk-41"})
    assert listing.status_code == 200 and "clerk-41" in listing.content.decode()
    assert admin.get("/admin/accounts/user/", {"q": LAST}).status_code == 200  # no match, and no error
    form = admin.get(f"/admin/accounts/user/{clerk.pk}/change/").content.decode()
    assert f'type="email" name="email" value="{CANARY_EMAIL}"' in form
    assert f'type="text" name="first_name" value="{FIRST}"' in form
    saved = admin.post(
        f"/admin/accounts/user/{clerk.pk}/change/",
        {**admin_user_form(clerk), "email": "new.address@example.org"},
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert User.objects.get(pk=clerk.pk).email == "new.address@example.org"
    refused = admin.post(f"/admin/accounts/user/{clerk.pk}/change/", {**admin_user_form(clerk), "email": "nowhere"})
    assert refused.status_code == 200 and "Enter a valid email address" in refused.content.decode()
    assert User.objects.get(pk=clerk.pk).email == "new.address@example.org"


def test_key_rotation_reseals_account_details(clerk: User, settings: Any) -> None:
    before = stored(clerk)
    settings.FIELD_KEYS = f"k9:{base64.b64encode(bytes(range(32))).decode()},{settings.FIELD_KEYS}"
    rotate_keys()
    after = stored(clerk)
    assert all(value.startswith("td1:k9:") for value in after.values())
    assert after != before
    settings.FIELD_KEYS = settings.FIELD_KEYS.split(",")[0]  # the old key retired
    assert User.objects.get(pk=clerk.pk).email == CANARY_EMAIL


def test_the_migration_helpers_seal_clear_values_and_open_them_again(clerk: User) -> None:
    """Rows written before the columns were sealed hold plaintext; the migration seals them."""
    editor = SimpleNamespace(connection=connection)
    open_in_place(editor, User._meta.db_table, COLUMNS)
    assert stored(clerk) == {"first_name": FIRST, "last_name": LAST, "email": CANARY_EMAIL}
    seal_in_place(editor, User._meta.db_table, COLUMNS)
    sealed = stored(clerk)
    assert all(value.startswith("td1:") for value in sealed.values())
    seal_in_place(editor, User._meta.db_table, COLUMNS)  # a second run leaves sealed values alone
    assert stored(clerk) == sealed
    again = User.objects.get(pk=clerk.pk)
    assert (again.first_name, again.last_name, again.email) == (FIRST, LAST, CANARY_EMAIL)


def test_a_clear_value_that_looks_sealed_is_sealed_all_the_same(clerk: User) -> None:
    """A name typed as "td1:..." before the column was sealed must not be taken for ciphertext."""
    sql.execute(f"UPDATE {sql.table(User)} SET first_name = %s WHERE id = %s", ["td1:k1:not-really", clerk.pk])  # noqa: S608
    seal_in_place(SimpleNamespace(connection=connection), User._meta.db_table, COLUMNS)
    assert User.objects.get(pk=clerk.pk).first_name == "td1:k1:not-really"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite setting")
def test_sqlite_zeroes_what_is_deleted_or_overwritten() -> None:
    """Old clear values (before a sealing migration, or erased ones) are not left in free pages."""
    assert sql.first_row("PRAGMA secure_delete") == (1,)
