"""A time of day later than now, on today's date where the report is, is in the future too: at
noon in Phoenix, "today at 23:00" is refused by the API, the form and the import alike, once the
place and so its zone are known (`services.building.when_errors`)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from threatdesk.reports.models import Report
from threatdesk.testing.clock import frozen_at
from threatdesk.testing.planting import api_submit

pytestmark = pytest.mark.django_db

PHOENIX_NOON = dt.datetime(2024, 11, 6, 12, 0, tzinfo=ZoneInfo("America/Phoenix"))


def api_post(personas: Any, body: dict[str, Any]) -> Any:
    return api_submit(personas.reporter, body)


def test_tonight_is_refused_at_noon_and_this_morning_is_taken(personas, report_payload):
    with frozen_at(PHOENIX_NOON):
        morning = api_post(personas, {**report_payload, "occurred_on": "2024-11-06", "occurred_time": "09:30"})
        assert morning.status_code == 201, morning.content
        tonight = api_post(personas, {**report_payload, "occurred_on": "2024-11-06", "occurred_time": "23:00"})
        assert tonight.status_code == 422, "a report of 23:00 tonight was taken at noon"
        assert any(e["field"] in ("occurred_time", "occurred_on") for e in tonight.json()["errors"])
        assert Report.objects.count() == 1
