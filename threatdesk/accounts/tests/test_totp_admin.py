"""Authenticator apps in the admin: one may be switched off or removed, never switched on, and
each change is in the audit trail, since without the app the password alone signs its owner in."""

from __future__ import annotations

import pytest
from django.test import Client

from threatdesk.accounts.models import TOTPDevice
from threatdesk.accounts.tests.test_two_factor_required import app_for
from threatdesk.audit.models import AuditEvent
from threatdesk.testing.clients import signed_in

pytestmark = pytest.mark.django_db


def changes_to_apps() -> list[tuple[str, str, dict]]:
    events = AuditEvent.objects.filter(action__startswith="accounts.totp.").exclude(action="accounts.totp.enrolled")
    return [(event.action, event.object_id, event.payload) for event in events]


def test_removing_an_app_is_audited_on_its_owners_account(personas):
    device = app_for(personas.manager)
    answer = signed_in(personas.admin).post(f"/admin/accounts/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert answer.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert changes_to_apps() == [("accounts.totp.removed", str(personas.manager.pk), {"app": device.pk, "confirmed": True})]


def test_removing_apps_together_is_audited_for_each(personas):
    devices = [app_for(personas.manager), app_for(personas.analyst)]
    signed_in(personas.admin).post(
        "/admin/accounts/totpdevice/",
        {"action": "delete_selected", "_selected_action": [device.pk for device in devices], "post": "yes"},
    )
    assert not TOTPDevice.objects.exists()
    owners = sorted(object_id for action, object_id, _ in changes_to_apps() if action == "accounts.totp.removed")
    assert owners == sorted([str(personas.manager.pk), str(personas.analyst.pk)])


def test_switching_an_app_off_is_audited(personas):
    device = app_for(personas.manager)
    answer = signed_in(personas.admin).post(f"/admin/accounts/totpdevice/{device.pk}/change/", {"name": device.name})
    assert answer.status_code == 302
    device.refresh_from_db()
    assert not device.confirmed  # the box left unticked: the password alone signs her in again
    assert changes_to_apps() == [
        ("accounts.totp.disabled", str(personas.manager.pk), {"app": device.pk, "fields": ["confirmed"]})
    ]


def test_an_app_is_not_switched_on_in_the_admin(personas):
    """Only its owner confirms an app, with a code: its secret may have been seen by someone else."""
    device = TOTPDevice.objects.create(user=personas.manager, name="authenticator app", confirmed=False)
    admin: Client = signed_in(personas.admin)
    refused = admin.post(f"/admin/accounts/totpdevice/{device.pk}/change/", {"name": device.name, "confirmed": "on"})
    assert refused.status_code == 200
    assert "only its owner switches an app on" in refused.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert changes_to_apps() == []
