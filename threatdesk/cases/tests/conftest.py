"""Fixtures of the case-work tests."""

from __future__ import annotations

from typing import Any

import pytest

from threatdesk.testing.notices import WAYS, Later


@pytest.fixture(params=WAYS)
def later(request: Any, settings: Any) -> Later:
    """Sends queued notices later, both ways: a first attempt, and a retry after a refusal."""
    return Later(settings, request.param)
