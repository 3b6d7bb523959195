"""`manage.py create_token` prints a working token once and refuses users it cannot serve."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from threatdesk.accounts.models import ApiToken
from threatdesk.accounts.services import token_user

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_printed_token_authenticates_as_the_user(personas):
    token, note = run("reporter", "--name", "laptop")
    assert token_user(token) == personas.reporter
    assert "Shown once" in note


def test_only_the_digest_is_stored(personas):
    token, _ = run("reporter")
    stored = ApiToken.objects.get(user=personas.reporter)
    assert stored.name == "command line"
    assert stored.digest == ApiToken.digest_of(token)
    assert token not in (stored.digest, stored.prefix)


def test_unknown_user_is_a_clear_error(personas):
    with pytest.raises(CommandError, match="no user named 'nobody'"):
        run("nobody")
    assert not ApiToken.objects.exists()


def test_deactivated_user_gets_no_token(personas):
    personas.analyst.is_active = False
    personas.analyst.save()
    with pytest.raises(CommandError, match="deactivated"):
        run("analyst")
    assert not ApiToken.objects.exists()
