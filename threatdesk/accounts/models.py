"""Users, their role, and the one scope the role works in (office, agency or state)."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models

from threatdesk.places.models import Agency, Office, State
from threatdesk.privacy.fields import EncryptedEmailField, EncryptedLineField


class Role(models.TextChoices):
    REPORTER = "reporter", "Reporter (election worker or official)"
    OFFICE_MANAGER = "office_manager", "Office manager"
    LIAISON = "liaison", "Law-enforcement liaison"
    STATE_COORDINATOR = "state_coordinator", "State coordinator"
    ANALYST = "analyst", "Analyst"
    ADMIN = "admin", "Administrator"


# The scope each role needs; checked by accounts.services.user_create and the admin form.
ROLE_SCOPE: dict[str, str | None] = {
    Role.REPORTER: None,
    Role.OFFICE_MANAGER: "office",
    Role.LIAISON: "agency",
    Role.STATE_COORDINATOR: "state",
    Role.ANALYST: None,
    Role.ADMIN: None,
}


class User(AbstractUser):
    # Who works at which office, by name and address, is what someone out to find a worker wants
    # most: sealed at rest like the reports' personal data. Nothing filters or sorts on them.
    first_name = EncryptedLineField("first name", max_length=150, blank=True, default="")
    last_name = EncryptedLineField("last name", max_length=150, blank=True, default="")
    email = EncryptedEmailField("email address", max_length=254, blank=True, default="")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.REPORTER)
    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    state = models.ForeignKey(State, null=True, blank=True, on_delete=models.PROTECT, related_name="users")

    @property
    def is_staff_role(self) -> bool:
        """Anyone who works cases, as opposed to a reporter or the public."""
        return self.role != Role.REPORTER

    def has_role(self, *roles: str) -> bool:
        return self.is_authenticated and self.role in roles


class ApiToken(models.Model):
    """A bearer token for programs, good until it expires or is revoked. Only a SHA-256 digest is
    kept; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, help_text="First characters, to tell tokens apart.")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(help_text="The token stops working at this time; a new one must be issued.")
    revoked = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return f"td_{secrets.token_urlsafe(30)}"
