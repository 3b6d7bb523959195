"""Users, their role, the one scope the role works in (office, agency or state), and their
authenticator apps."""

from __future__ import annotations

import hashlib
import secrets
import time
from base64 import b32encode
from typing import Any, ClassVar
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.oath import TOTP
from django_otp.util import random_hex

from threatdesk.places.models import Agency, Office, State
from threatdesk.privacy.fields import EncryptedEmailField, EncryptedLineField, EncryptedTextField


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


class UserManager(DjangoUserManager):  # type: ignore[type-arg]
    def create_superuser(self, username: str, email: str | None = None, password: str | None = None, **extra: Any) -> Any:
        """`manage.py createsuperuser` makes an administrator: staff status follows the role."""
        extra.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra)


# mypy cannot follow TOTPDevice's relation back here: its django-otp bases come without types.
class User(AbstractUser):  # type: ignore[django-manager-missing]
    # Who works at which office, by name and address, is what someone out to find a worker wants
    # most: sealed at rest like the reports' personal data. Nothing filters or sorts on them.
    first_name = EncryptedLineField("first name", max_length=150, blank=True, default="")
    last_name = EncryptedLineField("last name", max_length=150, blank=True, default="")
    email = EncryptedEmailField("email address", max_length=254, blank=True, default="")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.REPORTER)
    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    state = models.ForeignKey(State, null=True, blank=True, on_delete=models.PROTECT, related_name="users")

    objects: ClassVar[UserManager] = UserManager()

    @property
    def is_staff_role(self) -> bool:
        """Anyone who works cases, as opposed to a reporter or the public."""
        return self.role != Role.REPORTER

    def has_role(self, *roles: str) -> bool:
        return self.is_authenticated and self.role in roles


class ApiToken(models.Model):
    """A bearer token for programs, good until it expires or is revoked. Only a SHA-256 digest is
    kept; the token is shown once."""

    PREFIX_CHARS = 8  # "td_" and five random characters: enough to tell tokens apart, not to guess one

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


def new_totp_key() -> str:
    """20 random bytes in hex, as django-otp makes an authenticator's secret."""
    return random_hex(20)


class TOTPDevice(TimestampMixin, ThrottlingMixin, Device):
    """An authenticator app: django-otp's TOTP device, but with its secret sealed at rest.

    Whoever holds the secret makes the codes, so a database dump must not hold it; django-otp
    keeps it in the clear and offers no hook to seal it. django-otp finds this device like its
    own (any installed Device), so its login form, middleware and persistent ids work unchanged,
    and it reads the same settings (OTP_TOTP_SYNC, OTP_TOTP_THROTTLE_FACTOR).
    """

    # The clock as django-otp keeps it: codes change every `step` seconds from `t0`; one may be
    # `tolerance` steps early or late; the app runs `drift` steps off our clock; `last_t` is the
    # step of the last code accepted, and only later ones are.
    key = EncryptedTextField(default=new_totp_key, help_text="The shared secret in hex, sealed at rest.")
    step: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(default=30)
    t0: models.BigIntegerField[int, int] = models.BigIntegerField(default=0)
    digits: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)
    tolerance: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(default=1)
    drift: models.SmallIntegerField[int, int] = models.SmallIntegerField(default=0)
    last_t: models.BigIntegerField[int, int] = models.BigIntegerField(default=-1)

    class Meta:
        verbose_name = "authenticator app"

    @property
    def bin_key(self) -> bytes:
        return bytes.fromhex(self.key)

    @property
    def config_url(self) -> str:
        """The otpauth:// address the enrolment QR code carries (the Key Uri Format)."""
        params = {"secret": b32encode(self.bin_key), "algorithm": "SHA1", "digits": self.digits, "period": self.step}
        return f"otpauth://totp/{quote(self.user.get_username())}?{urlencode(params)}"

    def get_throttle_factor(self) -> int:
        return int(getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1))

    def verify_token(self, token: str) -> bool:
        """Accept a code within `tolerance` steps, each step once and after the last one used;
        failures slow down the next try. As django-otp's TOTP device, on oath.TOTP."""
        if not self.verify_is_allowed()[0]:
            return False
        totp = TOTP(self.bin_key, self.step, self.t0, self.digits, self.drift)
        totp.time = time.time()
        if not _is_code(token) or not totp.verify(int(token), self.tolerance, self.last_t + 1):
            self.throttle_increment()
            return False
        self.last_t = totp.t()
        if getattr(settings, "OTP_TOTP_SYNC", True):
            self.drift = totp.drift
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True


def _is_code(token: str) -> bool:
    try:
        int(token)
    except (TypeError, ValueError):
        return False
    return True
