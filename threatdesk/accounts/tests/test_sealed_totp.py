"""An authenticator app's secret is sealed at rest: a database dump does not let anyone make a
worker's codes. Signing in with a code still works, a code opens the door once, wrong codes slow
the next try, key rotation reseals the secret, and devices enrolled under django-otp's own clear
model are moved over by the migration.
"""

from __future__ import annotations

import base64
from datetime import timedelta
from importlib import import_module
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.utils import timezone

from threatdesk.accounts.models import TOTPDevice
from threatdesk.accounts.services import totp_confirm, totp_start
from threatdesk.accounts.tests.test_login import code_for, enrol, log_in, signed_in
from threatdesk.lib import sql
from threatdesk.privacy.services import rotate_keys
from threatdesk.testing.personas import PASSWORD, Personas

pytestmark = pytest.mark.django_db

migration = import_module("threatdesk.accounts.migrations.0004_sealed_totp")


def stored_key(device: TOTPDevice) -> str:
    """The key column as the database holds it."""
    row = sql.first_row(f"SELECT {connection.ops.quote_name('key')} FROM {sql.table(TOTPDevice)} WHERE id = %s", [device.pk])  # noqa: S608
    assert row is not None
    return str(row[0])


@pytest.fixture
def app(personas: Personas) -> TOTPDevice:
    """The reporter's confirmed authenticator app, enrolled through the services."""
    device = totp_start(user=personas.reporter)
    assert totp_confirm(user=personas.reporter, device=device, token=code_for(device))
    return device


def test_the_secret_is_stored_sealed_and_read_back(app: TOTPDevice) -> None:
    raw = stored_key(app)
    assert raw.startswith("td1:")
    assert app.key not in raw and app.key.upper() not in raw
    assert base64.b32encode(app.bin_key).decode() not in raw
    assert TOTPDevice.objects.get(pk=app.pk).key == app.key


def test_the_qr_code_carries_the_secret_for_the_app(app: TOTPDevice) -> None:
    secret = base64.b32encode(app.bin_key).decode()
    assert app.config_url == f"otpauth://totp/reporter?secret={secret}&algorithm=SHA1&digits=6&period=30"


def test_enrolment_and_sign_in_with_a_code_work_end_to_end(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.reporter)
    page = client.get("/account/two-factor/").content.decode()
    device = TOTPDevice.objects.get(user=personas.reporter)
    assert base64.b32encode(device.bin_key).decode() in page  # typed by hand if the QR code will not scan
    assert stored_key(device).startswith("td1:")
    device = enrol(client)
    fresh = Client()
    assert not signed_in(fresh)
    assert log_in(fresh, "reporter", PASSWORD, otp_token=code_for(device, 1)).status_code == 302
    assert signed_in(fresh)


def test_a_code_opens_the_door_once(app: TOTPDevice) -> None:
    code = code_for(app, 1)
    first = Client()
    assert log_in(first, "reporter", PASSWORD, otp_token=code).status_code == 302
    again = Client()
    response = log_in(again, "reporter", PASSWORD, otp_token=code)
    assert response.status_code == 200
    assert not signed_in(again)
    assert not TOTPDevice.objects.get(pk=app.pk).verify_token(code_for(app))  # nor an older one


def test_after_a_wrong_code_even_the_right_one_waits(app: TOTPDevice) -> None:
    wrong = f"{(int(code_for(app, 1)) + 1) % 10**app.digits:06d}"
    assert log_in(Client(), "reporter", PASSWORD, otp_token=wrong).status_code == 200
    app.refresh_from_db()
    assert app.throttling_failure_count == 1
    refused = log_in(Client(), "reporter", PASSWORD, otp_token=code_for(app, 1))
    assert refused.status_code == 200
    assert "temporarily disabled" in refused.content.decode()
    TOTPDevice.objects.filter(pk=app.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=2))
    assert log_in(Client(), "reporter", PASSWORD, otp_token=code_for(app, 1)).status_code == 302
    app.refresh_from_db()
    assert app.throttling_failure_count == 0


def test_after_key_rotation_the_app_still_signs_in(app: TOTPDevice, settings: Any) -> None:
    before = stored_key(app)
    settings.FIELD_KEYS = f"k9:{base64.b64encode(bytes(range(32))).decode()},{settings.FIELD_KEYS}"
    rotate_keys()
    after = stored_key(app)
    assert after.startswith("td1:k9:") and after != before
    settings.FIELD_KEYS = settings.FIELD_KEYS.split(",")[0]  # the old key retired
    assert TOTPDevice.objects.get(pk=app.pk).verify_token(code_for(app, 1))


def clear_table() -> None:
    """otp_totp's table, as a database that had django-otp's TOTP devices still holds it."""
    cols = ", ".join(connection.ops.quote_name(c) for c in ("id", *migration.COLUMNS))
    sql.execute(f"CREATE TABLE {migration.CLEAR} AS SELECT {cols} FROM {sql.table(TOTPDevice)} WHERE 1 = 0")  # noqa: S608


def test_the_migration_seals_django_otps_clear_devices_and_deletes_them(personas: Personas) -> None:
    clear_table()
    key = "3132333435363738393031323334353637383930"
    used = timezone.now() - timedelta(days=3)
    columns = ", ".join(connection.ops.quote_name(c) for c in ("id", *migration.COLUMNS))
    sql.execute(
        f"INSERT INTO {migration.CLEAR} ({columns}) VALUES ({sql.placeholders(15)})",  # noqa: S608
        [7, personas.reporter.pk, "phone", True, key, 30, 0, 6, 1, 1, 59_000_000, None, 2, used, used],
    )
    editor = SimpleNamespace(connection=connection)
    migration.seal_devices(apps, editor)
    assert sql.rows(f"SELECT id FROM {migration.CLEAR}") == []  # noqa: S608
    device = TOTPDevice.objects.get(user=personas.reporter)
    assert (device.key, device.name, device.confirmed, device.drift, device.last_t) == (key, "phone", True, 1, 59_000_000)
    assert (device.throttling_failure_count, device.created_at, device.last_used_at) == (2, used, used)
    assert stored_key(device).startswith("td1:") and key not in stored_key(device)
    assert device.verify_token(code_for(device))

    migration.unseal_devices(apps, editor)  # and back, for the code before it
    assert not TOTPDevice.objects.exists()
    assert sql.rows(f"SELECT user_id, {connection.ops.quote_name('key')} FROM {migration.CLEAR}") == [  # noqa: S608
        (personas.reporter.pk, key)
    ]


def test_the_migration_has_nothing_to_move_without_django_otps_table(app: TOTPDevice) -> None:
    migration.seal_devices(apps, SimpleNamespace(connection=connection))
    assert TOTPDevice.objects.get() == app


def test_the_administrator_removes_a_lost_app_without_seeing_its_secret(app: TOTPDevice, personas: Personas) -> None:
    admin = Client()
    admin.force_login(personas.admin)
    page = admin.get(f"/admin/accounts/totpdevice/{app.pk}/change/")
    assert page.status_code == 200
    assert app.key not in page.content.decode() and base64.b32encode(app.bin_key).decode() not in page.content.decode()
    assert admin.get("/admin/accounts/totpdevice/add/").status_code == 403  # only its owner sets an app up
    assert admin.post(f"/admin/accounts/totpdevice/{app.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.exists()
    assert log_in(Client(), "reporter", PASSWORD).status_code == 302  # the password alone again, until she sets up a new one


def test_the_migration_stops_where_backup_codes_would_be_dropped_quietly(personas: Personas) -> None:
    """An account whose only second factor was a backup code would sign in with its password alone."""
    editor = SimpleNamespace(connection=connection)
    sql.execute(f"CREATE TABLE {migration.BACKUP_CODES} (id integer PRIMARY KEY, user_id integer)")
    migration.seal_devices(apps, editor)  # an empty table: nothing to lose
    sql.execute(f"INSERT INTO {migration.BACKUP_CODES} (id, user_id) VALUES (%s, %s)", [1, personas.admin.pk])  # noqa: S608
    with pytest.raises(RuntimeError, match="1 backup-code device"):
        migration.seal_devices(apps, editor)


def test_the_admins_own_sign_in_form_cannot_skip_the_code(app: TOTPDevice) -> None:
    """/admin/login/ asks for no code, so it sends everyone to the one sign-in that does."""
    app.user.is_staff = app.user.is_superuser = True
    app.user.save()
    client = Client()
    answer = client.post("/admin/login/?next=/admin/", {"username": app.user.username, "password": PASSWORD})
    assert answer.status_code == 302 and answer["Location"].startswith("/account/login/")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/accounts/user/").status_code == 302
    page = client.get("/admin/", follow=True)
    assert page.redirect_chain[-1][0] == "/account/login/?next=%2Fadmin%2F"
    assert client.post("/account/login/", {"username": app.user.username, "password": PASSWORD}).status_code == 200
    assert "_auth_user_id" not in client.session  # the password alone does not do
