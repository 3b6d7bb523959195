"""`manage.py create_token USERNAME [--name NAME] [--days N]`: issue an API token and print it once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from threatdesk.accounts.models import User
from threatdesk.accounts.services import token_create, token_expiry
from threatdesk.lib.commands import OperatorCommand


class Command(OperatorCommand):
    help = "Issue a bearer token for the JSON API. Only its digest is kept, so this is the one time it is shown."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="A label to tell this user's tokens apart.")
        parser.add_argument(
            "--days",
            type=int,
            help=f"Days the token works, 1 to {settings.API_TOKEN_DAYS_MAX} (default API_TOKEN_DAYS: {settings.API_TOKEN_DAYS}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        name: str = options["name"].strip()
        if not name or len(name) > 100:
            raise CommandError("--name must be 1 to 100 characters")
        expires_at = self.expiry(options["days"])
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}; create the user first (admin, or accounts.services.user_create)")
        if not user.is_active:
            raise CommandError(f"user {username!r} is deactivated; a token for it would not authenticate")
        token = token_create(actor=None, user=user, name=name, expires_at=expires_at)
        self.stdout.write(token)
        self.stderr.write(
            f"Token {name!r} for {username} ({user.get_role_display()}), expires {expires_at:%Y-%m-%d %H:%M %Z}. "
            "Shown once: store it now. Send it as 'Authorization: Bearer <token>'."
        )

    @staticmethod
    def expiry(days: int | None) -> datetime:
        try:
            return token_expiry(days)
        except ValidationError as error:
            raise CommandError(f"--days: {error.messages[0]}") from None
