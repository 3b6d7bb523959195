"""The admin site's user form: each role held to its scope, staff status following the role, and
every change in the audit trail by field name only."""

from __future__ import annotations

import pytest
from django.test import Client

from threatdesk.accounts.models import Role, User
from threatdesk.accounts.services import user_create
from threatdesk.audit.models import AuditEvent
from threatdesk.testing.clients import admin_user_form
from threatdesk.testing.personas import Personas

pytestmark = pytest.mark.django_db


def admin_client(personas: Personas) -> Client:
    client = Client()
    client.force_login(personas.admin)
    return client


@pytest.fixture
def second_admin(personas: Personas) -> User:
    return user_create(actor=None, username="deputy-admin", password="x" * 20, role=Role.ADMIN, email="da@example.org")


def test_an_administrator_moved_to_another_role_loses_the_admin_site(personas, second_admin):
    url = f"/admin/accounts/user/{second_admin.pk}/change/"
    moved_on = admin_user_form(
        second_admin, role=Role.OFFICE_MANAGER, office=personas.office.pk, is_staff="on", is_superuser="on"
    )
    saved = admin_client(personas).post(url, moved_on)  # the old boxes left ticked
    assert saved.status_code == 302, saved.content.decode()[:1500]
    moved = User.objects.get(pk=second_admin.pk)
    assert (moved.role, moved.is_staff, moved.is_superuser) == (Role.OFFICE_MANAGER, False, False)
    demoted = Client()
    demoted.force_login(moved)
    assert demoted.get("/admin/", follow=True).status_code == 404  # not shown the admin, nor sent round in a loop


def test_a_role_without_its_scope_is_refused_and_nothing_changes(personas, second_admin):
    url = f"/admin/accounts/user/{second_admin.pk}/change/"
    refused = admin_client(personas).post(url, admin_user_form(second_admin, role=Role.LIAISON))
    assert refused.status_code == 200
    assert "needs an agency" in refused.content.decode()
    assert User.objects.get(pk=second_admin.pk).role == Role.ADMIN
    assert not AuditEvent.objects.filter(action="accounts.user.changed").exists()


def test_a_role_without_its_scope_is_named_with_the_right_article(personas, second_admin):
    url = f"/admin/accounts/user/{second_admin.pk}/change/"
    refused = admin_client(personas).post(url, admin_user_form(second_admin, role=Role.OFFICE_MANAGER)).content.decode()
    assert "an office manager needs an office" in refused
    assert "a office" not in refused


def test_the_staff_flags_are_not_on_the_form(personas, second_admin):
    page = admin_client(personas).get(f"/admin/accounts/user/{second_admin.pk}/change/").content.decode()
    assert 'name="is_staff"' not in page and 'name="is_superuser"' not in page
    assert 'name="role"' in page


def test_each_change_is_audited_by_field_name_without_values(personas, second_admin):
    url = f"/admin/accounts/user/{second_admin.pk}/change/"
    admin_client(personas).post(url, admin_user_form(second_admin, email="moved.on@example.org", last_name="Quarrington"))
    event = AuditEvent.objects.get(action="accounts.user.changed")
    assert (event.actor, event.object_id, event.payload) == (
        personas.admin,
        str(second_admin.pk),
        {"fields": ["email", "last_name"]},
    )
    assert "moved.on" not in str(event.payload) and "Quarrington" not in str(event.payload)


def test_createsuperuser_makes_an_administrator():
    from django.core.management import call_command

    call_command("createsuperuser", username="first-admin", email="fa@example.org", interactive=False, verbosity=0)
    made = User.objects.get(username="first-admin")
    assert (made.role, made.is_staff, made.is_superuser) == (Role.ADMIN, True, True)


def test_superusers_made_before_are_administrators_after_the_migration():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("threatdesk.accounts.migrations.0006_superusers_are_administrators")
    old = User.objects.create(username="old-super", role=Role.REPORTER, is_superuser=True, is_staff=True)
    plain = User.objects.create(username="plain-reporter", role=Role.REPORTER)
    migration.superusers_become_administrators(apps, None)
    assert User.objects.get(pk=old.pk).role == Role.ADMIN
    assert User.objects.get(pk=plain.pk).role == Role.REPORTER


@pytest.mark.parametrize("change", [{"role": Role.OFFICE_MANAGER}, {"is_active": ""}], ids=["role", "deactivated"])
def test_the_only_active_administrator_cannot_take_the_admin_site_from_everyone(personas, change):
    me = personas.admin
    form = admin_user_form(me, **change)
    if change.get("role"):
        form["office"] = personas.office.pk
    refused = admin_client(personas).post(f"/admin/accounts/user/{me.pk}/change/", form)
    assert refused.status_code == 200
    assert "only active administrator" in refused.content.decode()
    again = User.objects.get(pk=me.pk)
    assert (again.role, again.is_active, again.is_staff) == (Role.ADMIN, True, True)


def test_a_second_administrator_may_step_down(personas, second_admin):
    client = Client()
    client.force_login(second_admin)
    url = f"/admin/accounts/user/{second_admin.pk}/change/"
    moved = client.post(url, admin_user_form(second_admin, role=Role.OFFICE_MANAGER, office=personas.office.pk))
    assert moved.status_code == 302


def test_a_password_set_in_the_admin_site_is_audited_without_it(personas, second_admin):
    url = f"/admin/accounts/user/{second_admin.pk}/password/"
    secret = "A-new-long-passphrase-17"
    done = admin_client(personas).post(url, {"password1": secret, "password2": secret, "usable_password": "true"})
    assert done.status_code == 302, done.content.decode()[:1500]
    event = AuditEvent.objects.get(action="accounts.user.password_set")
    assert (event.actor, event.object_id) == (personas.admin, str(second_admin.pk))
    assert secret not in str(event.payload) + event.reason


def test_deleting_an_account_that_never_acted_is_audited(personas):
    gone = personas.other_reporter
    answer = admin_client(personas).post(f"/admin/accounts/user/{gone.pk}/delete/", {"post": "yes"})
    assert answer.status_code == 302
    assert not User.objects.filter(pk=gone.pk).exists()
    event = AuditEvent.objects.get(action="accounts.user.deleted")
    assert (event.actor, event.object_id, event.payload) == (personas.admin, str(gone.pk), {"role": Role.REPORTER})


def test_the_only_active_administrator_cannot_delete_their_own_account(personas):
    me = personas.admin
    refused = admin_client(personas).post(f"/admin/accounts/user/{me.pk}/delete/", {"post": "yes"}, follow=True)
    assert "only active administrator" in refused.content.decode()
    assert User.objects.filter(pk=me.pk, role=Role.ADMIN, is_active=True).exists()
    assert not AuditEvent.objects.filter(action="accounts.user.deleted").exists()


def bulk_delete(client: Client, users: list[User]):
    return client.post(
        "/admin/accounts/user/",
        {"action": "delete_selected", "_selected_action": [user.pk for user in users], "post": "yes"},
        follow=True,
    )


def test_deleting_accounts_together_is_audited_for_each(personas):
    gone = [personas.other_reporter, User.objects.create(username="never-signed-in", role=Role.REPORTER)]
    bulk_delete(admin_client(personas), gone)
    assert not User.objects.filter(pk__in=[user.pk for user in gone]).exists()
    deleted = AuditEvent.objects.filter(action="accounts.user.deleted").values_list("object_id", flat=True)
    assert sorted(deleted) == sorted(str(user.pk) for user in gone)


def test_deleting_every_active_administrator_together_is_refused_and_nothing_changes(personas, second_admin):
    admins = [personas.admin, second_admin]
    refused = bulk_delete(admin_client(personas), admins)
    assert "only active administrator" in refused.content.decode()
    assert User.objects.filter(pk__in=[user.pk for user in admins]).count() == 2
    assert not AuditEvent.objects.filter(action="accounts.user.deleted").exists()


def test_an_account_that_acted_is_not_deleted(personas, second_admin):
    """The audit trail's chain names it; the admin lists the events that keep it."""
    user_create(actor=second_admin, username="made-by-deputy", password=None, role=Role.REPORTER)
    page = admin_client(personas).post(f"/admin/accounts/user/{second_admin.pk}/delete/", {"post": "yes"})
    assert page.status_code == 200  # Django's page naming the protected events, not a deletion
    assert User.objects.filter(pk=second_admin.pk).exists()
