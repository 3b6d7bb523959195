"""`manage.py create_token` prints a working token once with its expiry, and refuses users it
cannot serve and lifetimes it should not give."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from threatdesk.accounts.models import ApiToken
from threatdesk.accounts.services import token_user
from threatdesk.audit.models import AuditEvent

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


def test_days_sets_the_expiry_and_the_note_says_when(personas):
    before = timezone.now()
    _, note = run("reporter", "--days", "7")
    expiry = ApiToken.objects.get(user=personas.reporter).expires_at
    assert before + timedelta(days=7) <= expiry <= timezone.now() + timedelta(days=7)
    assert f"expires {expiry:%Y-%m-%d %H:%M} UTC" in note


@pytest.mark.parametrize(
    ("days", "error"),
    [
        ("0", "--days: a token lasts 1 to 1825 days, not 0"),
        ("-30", "--days: a token lasts 1 to 1825 days, not -30"),
        ("1826", "--days: a token lasts 1 to 1825 days, not 1826"),
        ("999999999", "--days: a token lasts 1 to 1825 days, not 999999999"),
        ("forever", "argument --days: invalid int value: 'forever'"),
    ],
)
def test_bad_days_is_a_clear_error_and_writes_nothing(personas, days, error):
    with pytest.raises(CommandError, match=error):
        run("reporter", "--days", days)
    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.filter(action="accounts.token.created").exists()
