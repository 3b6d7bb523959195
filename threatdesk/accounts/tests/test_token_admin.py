"""The admin lists each token's expiry and issues none itself: only create_token shows a token."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from threatdesk.accounts.models import ApiToken
from threatdesk.accounts.services import token_create
from threatdesk.testing.clients import signed_in

pytestmark = pytest.mark.django_db


def test_token_list_shows_when_each_token_expires(personas):
    token_create(actor=None, user=personas.reporter, name="laptop")
    expiry = timezone.localtime(ApiToken.objects.get().expires_at)
    page = signed_in(personas.admin).get(reverse("admin:accounts_apitoken_changelist"))
    assert page.status_code == 200
    assert b"Expires at" in page.content
    assert formats.date_format(expiry, "DATETIME_FORMAT").encode() in page.content


def test_the_admin_issues_no_tokens(personas):
    admin = signed_in(personas.admin)
    assert admin.get(reverse("admin:accounts_apitoken_add")).status_code == 403
