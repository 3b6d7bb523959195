"""`manage.py revoke_token TOKEN_OR_PREFIX`: stop an API token for good."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from threatdesk.accounts.models import ApiToken
from threatdesk.accounts.services import token_revoke
from threatdesk.lib.commands import OperatorCommand


class Command(OperatorCommand):
    help = (
        "Revoke an API token, given whole or by the prefix the admin lists (td_ and five characters). "
        "A prefix that more than one live token shares is refused: give the whole token or revoke in the admin."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("token", help="The token, or its prefix as listed in the admin.")

    def handle(self, *args: Any, **options: Any) -> None:
        token = self.find(options["token"].strip())
        if not token_revoke(actor=None, token=token):
            self.stderr.write(f"Token {token.prefix}… ({token.name}) of {token.user.username} was already revoked.")
            return
        self.stdout.write(f"Revoked token {token.prefix}… ({token.name}) of {token.user.username}.")

    @staticmethod
    def find(given: str) -> ApiToken:
        tokens = ApiToken.objects.select_related("user")
        if len(given) > ApiToken.PREFIX_CHARS:
            found = tokens.filter(digest=ApiToken.digest_of(given)).first()
            if found is None:
                raise CommandError("no such token")
            return found
        matches = list(tokens.filter(prefix=given, revoked=False)[:2]) or list(tokens.filter(prefix=given)[:2])
        if not matches:
            raise CommandError(f"no token starts with {given!r}")
        if len(matches) > 1:
            raise CommandError(f"more than one live token starts with {given!r}; give the whole token, or revoke it in the admin")
        return matches[0]
