"""A token is stopped for good, from the command line or the admin, and every revocation is in the
audit trail; a prefix that names more than one live token is refused rather than guessed at."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from threatdesk.accounts.models import ApiToken
from threatdesk.accounts.services import token_create, token_revoke, token_user
from threatdesk.audit.models import AuditEvent
from threatdesk.testing.clients import signed_in

pytestmark = pytest.mark.django_db


def revoke(given: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("revoke_token", given, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def revocations() -> list[dict[str, str]]:
    return list(AuditEvent.objects.filter(action="accounts.token.revoked").values_list("payload", flat=True))


def test_the_whole_token_revokes_it_and_the_trail_says_so(personas):
    token = token_create(actor=None, user=personas.reporter, name="cad bridge")
    assert token_user(token) == personas.reporter
    out, _ = revoke(token)
    assert "Revoked token" in out and "cad bridge" in out
    assert token_user(token) is None
    assert revocations() == [{"name": "cad bridge", "prefix": token[: ApiToken.PREFIX_CHARS]}]


def test_the_prefix_the_admin_lists_revokes_it(personas):
    token = token_create(actor=None, user=personas.reporter, name="laptop")
    revoke(token[: ApiToken.PREFIX_CHARS])
    assert token_user(token) is None


def test_revoking_twice_changes_nothing_and_logs_once(personas):
    token = token_create(actor=None, user=personas.reporter, name="laptop")
    revoke(token)
    out, err = revoke(token)
    assert out == "" and "already revoked" in err
    assert len(revocations()) == 1


def test_a_prefix_shared_by_two_live_tokens_is_refused(personas):
    first = token_create(actor=None, user=personas.reporter, name="one")
    second = token_create(actor=None, user=personas.manager, name="two")
    ApiToken.objects.filter(name="two").update(prefix=first[: ApiToken.PREFIX_CHARS])  # as a collision would
    with pytest.raises(CommandError, match="more than one live token"):
        revoke(first[: ApiToken.PREFIX_CHARS])
    assert token_user(first) == personas.reporter and token_user(second) == personas.manager
    assert revocations() == []


@pytest.mark.parametrize("given", ["td_nope", "td_" + "x" * 40])
def test_an_unknown_token_is_a_clear_error(personas, given):
    token = token_create(actor=None, user=personas.reporter, name="laptop")
    with pytest.raises(CommandError, match="no"):
        revoke(given)
    assert token_user(token) == personas.reporter


def test_the_admin_revokes_through_the_audited_action_and_cannot_undo_it(personas):
    token = token_create(actor=None, user=personas.reporter, name="phone")
    stored = ApiToken.objects.get()
    admin = signed_in(personas.admin)
    listing = reverse("admin:accounts_apitoken_changelist")
    done = admin.post(listing, {"action": "revoke", "_selected_action": [stored.pk]}, follow=True)
    assert "1 token(s) revoked" in done.content.decode()
    assert token_user(token) is None
    assert AuditEvent.objects.get(action="accounts.token.revoked").actor_id == personas.admin.pk
    change = admin.get(reverse("admin:accounts_apitoken_change", args=[stored.pk])).content.decode()
    assert 'name="revoked"' not in change  # shown, not editable: a revoked token stays revoked


def test_the_service_reports_whether_it_revoked(personas):
    token_create(actor=None, user=personas.reporter, name="laptop")
    stored = ApiToken.objects.get()
    assert token_revoke(actor=personas.admin, token=stored) is True
    assert token_revoke(actor=personas.admin, token=stored) is False


def test_the_admin_cannot_hand_a_token_to_another_account_or_delete_it(personas):
    token = token_create(actor=None, user=personas.reporter, name="phone")
    stored = ApiToken.objects.get()
    admin = signed_in(personas.admin)
    change = reverse("admin:accounts_apitoken_change", args=[stored.pk])
    admin.post(change, {"user": personas.admin.pk, "name": "mine now", "revoked": ""})
    assert token_user(token) == personas.reporter and ApiToken.objects.get().name == "phone"
    assert admin.get(reverse("admin:accounts_apitoken_delete", args=[stored.pk])).status_code == 403
    listing = admin.get(reverse("admin:accounts_apitoken_changelist")).content.decode()
    assert 'value="revoke"' in listing and 'value="delete_selected"' not in listing
