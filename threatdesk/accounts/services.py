"""Writes for accounts: create users with a valid scope, issue and revoke API tokens, enrol and
check authenticator apps."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
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


def _is_active_administrator(user: User) -> bool:
    return user.pk is not None and user.is_active and user.role == Role.ADMIN


def _other_active_administrators(users: list[User]) -> bool:
    return User.objects.filter(role=Role.ADMIN, is_active=True).exclude(pk__in=[user.pk for user in users]).exists()


def check_keeps_an_administrator(*, user: User, role: str, is_active: bool) -> None:
    """Refuse the change that would leave no active administrator: nobody could then open the
    admin site to undo it, short of `createsuperuser` on the server."""
    stays_admin = is_active and role == Role.ADMIN
    if _is_active_administrator(user) and not stays_admin and not _other_active_administrators([user]):
        raise ValidationError({"role": "this is the only active administrator: make another one first"})


def check_deletion_keeps_an_administrator(users: list[User]) -> None:
    """As `check_keeps_an_administrator`, for deleting accounts."""
    if any(_is_active_administrator(user) for user in users) and not _other_active_administrators(users):
        raise ValidationError("that would delete the only active administrator: make another one first")


@transaction.atomic
def users_delete(*, actor: Any, users: list[User]) -> int:
    """Delete accounts that never acted, each with an `accounts.user.deleted` event (by id and
    role); return how many. All or none: refused if no active administrator would be left, or if
    an account acted, since the audit trail's hash chain names it (deactivate it instead)."""
    check_deletion_keeps_an_administrator(users)
    for user in users:
        audit.log("accounts.user.deleted", actor=actor, obj=user, payload={"role": user.role})
    try:
        User.objects.filter(pk__in=[user.pk for user in users]).delete()
    except ProtectedError as exc:
        raise ValidationError(
            "an account that has acted is named in the audit trail and cannot be deleted: untick Active instead"
        ) from exc
    return len(users)


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


def _locked_app(device: TOTPDevice, *, confirmed: bool) -> TOTPDevice | None:
    """The device as stored now, locked until the transaction ends (as django-otp's login form
    reads it, `for_verify`): of two requests carrying one code, the later reads the step the
    earlier used, so the code is accepted once."""
    return TOTPDevice.objects.select_for_update().filter(pk=device.pk, confirmed=confirmed).first()


@transaction.atomic
def totp_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Switch on the user's unconfirmed app with a code from it; False if the code does not match
    or the app is no longer waiting (confirmed or replaced meanwhile)."""
    locked = _locked_app(device, confirmed=False)
    if locked is None or locked.user_id != user.pk or not locked.verify_token(token):
        return False
    locked.confirmed = True
    locked.save(update_fields=["confirmed"])
    audit.log("accounts.totp.enrolled", actor=user, obj=user)
    device.refresh_from_db()
    return True


@transaction.atomic
def totp_verify(*, device: TOTPDevice, token: str) -> TOTPDevice | None:
    """The confirmed app, if `token` is a code from it not used before; None otherwise. Each code
    verifies one session however many requests carry it at once."""
    locked = _locked_app(device, confirmed=True)
    if locked is None or not locked.verify_token(token):
        return None
    return locked


# What the admin site may change on an app: its label, or switch it off. Only its owner switches
# one on, with a code from it, so nobody confirms a secret someone else may hold.
TOTP_FIELDS_EDITABLE = ("name", "confirmed")


def check_app_change(*, was_confirmed: bool, confirmed: bool) -> None:
    """Refuse switching an app on anywhere but the two-factor page, where its owner gives a code."""
    if confirmed and not was_confirmed:
        raise ValidationError({"confirmed": "only its owner switches an app on, with a code from it"})


@transaction.atomic
def totp_admin_saved(*, actor: Any, device: TOTPDevice) -> TOTPDevice:
    """Save an app as the admin site edited it. Switching it off lets the password alone sign its
    owner in, so it is in the audit trail (`accounts.totp.disabled`), as is a new label."""
    stored = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    check_app_change(was_confirmed=stored.confirmed, confirmed=device.confirmed)
    changed = [name for name in TOTP_FIELDS_EDITABLE if getattr(stored, name) != getattr(device, name)]
    device.save(update_fields=list(TOTP_FIELDS_EDITABLE))
    if changed:
        action = "accounts.totp.disabled" if stored.confirmed and not device.confirmed else "accounts.totp.changed"
        audit.log(action, actor=actor, obj=device.user, payload={"app": device.pk, "fields": changed})
    return device


@transaction.atomic
def totp_remove(*, actor: Any, devices: list[TOTPDevice]) -> int:
    """Remove apps (a lost phone, say); return how many. Without one the password alone signs its
    owner in, so each removal is an `accounts.totp.removed` event on the account."""
    for device in devices:
        audit.log(
            "accounts.totp.removed", actor=actor, obj=device.user, payload={"app": device.pk, "confirmed": device.confirmed}
        )
    TOTPDevice.objects.filter(pk__in=[device.pk for device in devices]).delete()
    return len(devices)
