"""Writes for accounts: create users with a valid scope, issue and revoke API tokens, enrol TOTP."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from threatdesk.accounts.models import ROLE_SCOPE, ApiToken, Role, TOTPDevice, User
from threatdesk.audit import services as audit
from threatdesk.lib import sql
from threatdesk.places.models import Agency, Office, State

TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)


def with_article(noun: str) -> str:
    """ "an office manager", "a liaison": the article as the word sounds (these words are regular)."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def check_scope(*, role: str, office: Office | None, agency: Agency | None, state: State | None) -> None:
    """Each role works in exactly the scope it needs: a manager in an office, a liaison in an agency."""
    needed = ROLE_SCOPE.get(role, "missing")
    if needed == "missing":
        raise ValidationError({"role": f"unknown role {role!r}"})
    given = {"office": office, "agency": agency, "state": state}
    if needed and given[needed] is None:
        raise ValidationError({needed: f"{with_article(Role(role).label.lower())} needs {with_article(needed)}"})
    extra = [
        name
        for name, value in given.items()
        if value is not None and name != needed and not (role == Role.REPORTER and name == "office")
    ]
    if extra:
        raise ValidationError({extra[0]: f"{with_article(Role(role).label.lower())} has no {extra[0]} scope"})


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str | None,
    role: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    office: Office | None = None,
    agency: Agency | None = None,
    state: State | None = None,
) -> User:
    check_scope(role=role, office=office, agency=agency, state=state)
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        office=office,
        agency=agency,
        state=state,
    )
    _staff_status_follows_role(user)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit.log("accounts.user.created", actor=actor, obj=user, payload={"role": role})
    return user


def token_expiry(days: int | None = None) -> datetime:
    """When a token issued now stops working: API_TOKEN_DAYS from now unless the issuer chose a
    lifetime. A leaked token works until then, hence the upper bound."""
    days = settings.API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= settings.API_TOKEN_DAYS_MAX:
        raise ValidationError({"days": f"a token lasts 1 to {settings.API_TOKEN_DAYS_MAX} days, not {days}"})
    return timezone.now() + timedelta(days=days)


@transaction.atomic
def token_create(*, actor: Any, user: User, name: str, expires_at: datetime | None = None) -> str:
    """Issue a token good until expires_at (by default token_expiry()); the plain value is
    returned once and never stored."""
    token = ApiToken.generate()
    expires_at = expires_at or token_expiry()
    prefix = token[: ApiToken.PREFIX_CHARS]
    ApiToken.objects.create(user=user, name=name, prefix=prefix, digest=ApiToken.digest_of(token), expires_at=expires_at)
    audit.log(
        "accounts.token.created",
        actor=actor,
        obj=user,
        payload={"name": name, "prefix": prefix, "expires_on": expires_at.date().isoformat()},
    )
    return token


def _staff_status_follows_role(user: User) -> None:
    """Only administrators open the admin site, and they have every permission there."""
    user.is_staff = user.is_superuser = user.role == Role.ADMIN


def check_keeps_an_administrator(*, user: User, role: str, is_active: bool) -> None:
    """Refuse the change that would leave no active administrator: nobody could then open the
    admin site to undo it, short of `createsuperuser` on the server."""
    was_admin = user.pk is not None and user.is_active and user.role == Role.ADMIN
    stays_admin = is_active and role == Role.ADMIN
    others = User.objects.filter(role=Role.ADMIN, is_active=True).exclude(pk=user.pk)
    if was_admin and not stays_admin and not others.exists():
        raise ValidationError({"role": "this is the only active administrator: make another one first"})


@transaction.atomic
def user_password_set(*, actor: Any, user: User) -> None:
    """Record that an administrator set `user`'s password in the admin site (never the password)."""
    audit.log("accounts.user.password_set", actor=actor, obj=user)


# Written as field names only: the values are names, addresses and password hashes.
USER_FIELDS_AUDITED = ("username", "first_name", "last_name", "email", "is_active", "role", "office", "agency", "state")


@transaction.atomic
def user_admin_saved(*, actor: Any, user: User, changed: list[str], created: bool) -> User:
    """Save an account as the admin site edited it. Staff and superuser status follow the role,
    so an administrator moved to another role loses the admin site with it; the change is in
    the audit trail by field name."""
    _staff_status_follows_role(user)
    user.save()
    fields = sorted(name for name in changed if name in USER_FIELDS_AUDITED)
    audit.log("accounts.user.created" if created else "accounts.user.changed", actor=actor, obj=user, payload={"fields": fields})
    return user


@transaction.atomic
def token_revoke(*, actor: Any, token: ApiToken) -> bool:
    """Stop a token for good; False if it already was. Every revocation is in the audit trail,
    whether made on the command line or in the admin."""
    revoked = ApiToken.objects.filter(pk=token.pk, revoked=False).update(revoked=True)
    if revoked:
        audit.log("accounts.token.revoked", actor=actor, obj=token.user, payload={"name": token.name, "prefix": token.prefix})
    token.revoked = True
    return bool(revoked)


def token_user(token: str) -> User | None:
    """The active user an unexpired, unrevoked bearer token belongs to, or None. Touches
    last_used_at at most once a minute. Every API call asks this, hence one plain statement
    rather than an ORM query."""
    now = timezone.now()
    users, tokens = sql.table(User), sql.table(ApiToken)
    found = list(
        User.objects.raw(
            f"SELECT u.*, t.id AS token_id, CASE WHEN t.last_used_at IS NULL OR t.last_used_at < %s"  # noqa: S608
            f" THEN 1 ELSE 0 END AS token_needs_touch FROM {users} u JOIN {tokens} t ON t.user_id = u.id"
            " WHERE t.digest = %s AND t.revoked = %s AND t.expires_at > %s AND u.is_active = %s",
            [sql.when(now - TOKEN_TOUCH_INTERVAL), ApiToken.digest_of(token), False, sql.when(now), True],
        )
    )
    if not found:
        return None
    user = found[0]
    if user.token_needs_touch:  # type: ignore[attr-defined]
        ApiToken.objects.filter(pk=user.token_id).update(last_used_at=now)  # type: ignore[attr-defined]
    return user


@transaction.atomic
def totp_start(*, user: User) -> TOTPDevice:
    """A new unconfirmed authenticator for the user, replacing any earlier unconfirmed one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)


@transaction.atomic
def totp_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.log("accounts.totp.enrolled", actor=user, obj=user)
    return True
