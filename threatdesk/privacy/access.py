"""Who keeps protected-person records: an office's manager, for the office's people, and
administrators, for every office's. Decided here; which records each sees is
`ProtectedPerson.objects.visible_to`."""

from __future__ import annotations

from typing import Any

from threatdesk.accounts.models import Role


def may_keep_records(user: Any) -> bool:
    """Whether the protected-person pages exist for `user`; for everyone else they answer 404."""
    role = getattr(user, "role", None)
    return role == Role.ADMIN or (role == Role.OFFICE_MANAGER and bool(user.office_id))
