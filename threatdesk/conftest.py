"""Shared fixtures: the named personas every test talks about, and a valid report payload."""

from __future__ import annotations

from typing import Any

import pytest

from threatdesk.testing.personas import Personas, make_personas


@pytest.fixture
def personas(db: Any) -> Personas:
    return make_personas()


@pytest.fixture
def report_payload() -> dict[str, Any]:
    from threatdesk.testing.payloads import valid_report_payload

    return valid_report_payload()
