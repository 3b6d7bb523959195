"""Shared fixtures: the named personas every test talks about, a valid report payload, and a
fresh start for the process's caches of database rows."""

from __future__ import annotations

from typing import Any

import pytest

from threatdesk.testing.personas import Personas, make_personas


@pytest.fixture(autouse=True)
def _fresh_redactors() -> None:
    """Each test's database starts over, and row ids and the empty stamp repeat between tests, so
    a redactor built in an earlier test could otherwise pass for one of this test's."""
    from threatdesk.privacy.selectors import redactors

    redactors.clear()


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """The rate limits count in the cache, which outlives a test: one test's receipt look-ups
    must not spend the next one's budget."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def personas(db: Any) -> Personas:
    return make_personas()


@pytest.fixture
def report_payload() -> dict[str, Any]:
    from threatdesk.testing.payloads import valid_report_payload

    return valid_report_payload()
