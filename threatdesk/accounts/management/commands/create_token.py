"""`manage.py create_token USERNAME [--name NAME]`: issue an API token and print it once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from threatdesk.accounts.models import User
from threatdesk.accounts.services import token_create


class Command(BaseCommand):
    help = "Issue a bearer token for the JSON API. Only its digest is kept, so this is the one time it is shown."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="A label to tell this user's tokens apart.")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        name: str = options["name"].strip()
        if not name or len(name) > 100:
            raise CommandError("--name must be 1 to 100 characters")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}; create the user first (admin, or accounts.services.user_create)")
        if not user.is_active:
            raise CommandError(f"user {username!r} is deactivated; a token for it would not authenticate")
        token = token_create(actor=None, user=user, name=name)
        self.stdout.write(token)
        self.stderr.write(
            f"Token {name!r} for {username} ({user.get_role_display()}). Shown once: store it now. "
            "Send it as 'Authorization: Bearer <token>'."
        )
