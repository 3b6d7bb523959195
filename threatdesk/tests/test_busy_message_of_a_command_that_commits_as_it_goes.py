"""A command that commits as it goes says, when the write lock runs out part-way, what of its work
stands (`OperatorCommand.busy_outcome`): `rotate_keys` commits one transaction per batch of each
column, so "nothing was changed" would be untrue of it."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from threatdesk.privacy import crypto, services
from threatdesk.privacy.tests.test_rotate_keys import raw_sealed_values
from threatdesk.testing.planting import filed_by_reporter, protect_canaries

pytestmark = pytest.mark.django_db

NEW_KEY = "new:" + base64.b64encode(bytes(range(32))).decode()


def test_rotate_keys_stopped_by_a_busy_database_does_not_say_nothing_was_changed(
    personas: Any, settings: Any, monkeypatch: Any
) -> None:
    protect_canaries(personas)
    filed_by_reporter(personas)
    settings.FIELD_KEYS = f"{NEW_KEY},{settings.FIELD_KEYS}"
    real = services._rotate_column
    calls = {"n": 0}

    def busy_after_a_few(*args: Any, **kwargs: Any) -> int:
        calls["n"] += 1
        if calls["n"] > 10:  # the lock is lost part-way through the columns
            raise OperationalError("database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "_rotate_column", busy_after_a_few)

    with pytest.raises(CommandError) as raised:
        call_command("rotate_keys")

    rotated = [v for column in raw_sealed_values().values() for v in column if crypto.key_id_of(v) == "new"]
    assert rotated, "nothing was re-encrypted before the lock was lost; raise the number of columns let through"
    assert "nothing was changed" not in str(raised.value), str(raised.value)
