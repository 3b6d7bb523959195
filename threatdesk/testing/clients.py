"""Test clients signed in as a persona, without going through the login form, and what they post."""

from __future__ import annotations

from typing import Any

from django.test import Client


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def admin_user_form(user: Any, **changes: Any) -> dict[str, Any]:
    """What the admin site's user form posts for `user` unchanged, with `changes` on top."""
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "role": user.role,
        "office": user.office_id or "",
        "agency": user.agency_id or "",
        "state": user.state_id or "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "00:00:00",
        **changes,
    }
