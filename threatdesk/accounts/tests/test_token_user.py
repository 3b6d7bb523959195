"""A bearer token names its user until it expires or is revoked or the user is switched off, and
its last use is recorded at most once a minute."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from threatdesk.accounts.models import ApiToken
from threatdesk.accounts.services import token_create, token_user

pytestmark = pytest.mark.django_db


def test_token_names_its_user_with_their_office(personas):
    token = token_create(actor=None, user=personas.manager, name="desk")
    user = token_user(token)
    assert user == personas.manager
    assert user is not None and user.office == personas.manager.office


def test_unknown_revoked_and_switched_off_tokens_name_no_one(personas):
    token = token_create(actor=None, user=personas.reporter, name="laptop")
    assert token_user(token + "x") is None
    ApiToken.objects.filter(user=personas.reporter).update(revoked=True)
    assert token_user(token) is None
    ApiToken.objects.filter(user=personas.reporter).update(revoked=False)
    personas.reporter.is_active = False
    personas.reporter.save(update_fields=["is_active"])
    assert token_user(token) is None


def test_token_works_until_its_expiry_and_not_a_second_after(personas, monkeypatch):
    token = token_create(actor=None, user=personas.reporter, name="laptop")
    expiry = ApiToken.objects.get(user=personas.reporter).expires_at
    for moment, expected in [
        (expiry - timedelta(seconds=1), personas.reporter),
        (expiry, None),
        (expiry + timedelta(seconds=1), None),
    ]:
        monkeypatch.setattr(timezone, "now", lambda moment=moment: moment)
        assert token_user(token) == expected, moment


def test_last_use_is_recorded_at_most_once_a_minute(personas):
    token = token_create(actor=None, user=personas.reporter, name="laptop")
    stored = ApiToken.objects.get(user=personas.reporter)
    assert stored.last_used_at is None
    token_user(token)
    stored.refresh_from_db()
    first = stored.last_used_at
    assert first is not None and timezone.now() - first < timedelta(seconds=5)
    token_user(token)
    stored.refresh_from_db()
    assert stored.last_used_at == first
    long_ago = timezone.now() - timedelta(minutes=2)
    ApiToken.objects.filter(pk=stored.pk).update(last_used_at=long_ago)
    token_user(token)
    stored.refresh_from_db()
    assert stored.last_used_at is not None and stored.last_used_at > long_ago + timedelta(minutes=1)
