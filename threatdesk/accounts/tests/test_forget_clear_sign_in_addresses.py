"""The upgrades delete what the login throttle kept in the clear before it kept pseudonyms: the
addresses, then the usernames as typed."""

from __future__ import annotations

from importlib import import_module
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog, AccessLog
from django.apps import apps
from django.db import connection
from django.utils import timezone

pytestmark = pytest.mark.django_db

migration = import_module("threatdesk.accounts.migrations.0005_forget_clear_sign_in_addresses")
usernames_migration = import_module("threatdesk.accounts.migrations.0007_forget_clear_sign_in_usernames")
HOME = "203.0.113.77"


def old_rows() -> None:
    """Rows as axes wrote them before: the real address, a browser, a username."""
    clear = {"ip_address": HOME, "user_agent": "Mozilla/5.0 (home laptop)", "username": "reporter"}
    AccessLog.objects.create(**clear, attempt_time=timezone.now())
    AccessFailureLog.objects.create(**clear, attempt_time=timezone.now())
    attempt = AccessAttempt.objects.create(**clear, attempt_time=timezone.now(), failures_since_start=3)
    AccessAttemptExpiration.objects.create(access_attempt=attempt, expires_at=timezone.now())


def test_the_old_rows_with_clear_addresses_are_deleted() -> None:
    old_rows()
    migration.forget(apps, SimpleNamespace(connection=connection))
    for model in (AccessLog, AccessFailureLog, AccessAttempt, AccessAttemptExpiration):
        assert not model.objects.exists(), model.__name__


def test_it_runs_on_an_empty_throttle() -> None:
    migration.forget(apps, SimpleNamespace(connection=connection))
    assert not AccessAttempt.objects.exists()


def test_the_attempts_with_usernames_as_typed_are_deleted() -> None:
    AccessAttempt.objects.create(
        username="dana.quill@example.org", ip_address=HOME, attempt_time=timezone.now(), failures_since_start=2
    )
    usernames_migration.forget(apps, SimpleNamespace(connection=connection))
    assert not AccessAttempt.objects.exists()
