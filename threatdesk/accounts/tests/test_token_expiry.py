"""Every token gets an expiry when it is issued, API_TOKEN_DAYS away unless chosen, within bounds;
tokens from before expiry existed got the same lifetime from the migration, not none."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from threatdesk.accounts.models import ApiToken
from threatdesk.accounts.services import token_create, token_expiry
from threatdesk.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

migration = importlib.import_module("threatdesk.accounts.migrations.0003_token_expiry")


def assert_days_from_now(expiry, days, before):
    assert before + timedelta(days=days) <= expiry <= timezone.now() + timedelta(days=days)


@override_settings(API_TOKEN_DAYS=30)
def test_a_token_lasts_api_token_days_unless_chosen():
    before = timezone.now()
    assert_days_from_now(token_expiry(), 30, before)
    assert_days_from_now(token_expiry(7), 7, before)


@pytest.mark.parametrize("days", [0, -1, 5 * 365 + 1, 10**9])
def test_no_lifetime_is_empty_negative_or_absurd(days):
    with pytest.raises(ValidationError, match=f"1 to 1825 days, not {days}"):
        token_expiry(days)


def test_issuing_records_the_expiry_date_but_not_the_token(personas):
    token = token_create(actor=None, user=personas.reporter, name="laptop")
    stored = ApiToken.objects.get(user=personas.reporter)
    payload = AuditEvent.objects.get(action="accounts.token.created").payload
    assert payload["expires_on"] == stored.expires_at.date().isoformat()
    assert token not in str(payload)


@override_settings(API_TOKEN_DAYS=90)
def test_the_migration_gives_earlier_tokens_api_token_days_from_when_it_runs(personas):
    for days in (1, 1000):
        token_create(actor=None, user=personas.reporter, name=f"{days} days", expires_at=token_expiry(days))
    before = timezone.now()
    migration.expire_existing(apps, None)
    for stored in ApiToken.objects.all():
        assert_days_from_now(stored.expires_at, 90, before)
