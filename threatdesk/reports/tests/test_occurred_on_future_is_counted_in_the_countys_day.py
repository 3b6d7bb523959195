"""Not in the future means the report's own day where it happened, not UTC's day plus one
(`services.building.when_errors`). Every U.S. zone but Guam's and the Northern Marianas' is behind
UTC, so that slack let the local tomorrow through at any hour, and in the evening of Hawaii,
Alaska or American Samoa even the day after tomorrow. A report dated tomorrow is impossible, and
could not be referred until that day came, since referral and step dates are checked on the
county's calendar. The check still lets the late-evening worker in Hawaii or Alaska file today's
date, and the worker in Guam or Saipan (ahead of UTC) file theirs."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from threatdesk.reports.models import Report
from threatdesk.testing.clock import frozen_at
from threatdesk.testing.importing import minimal_row, write_csv
from threatdesk.testing.planting import api_submit, form_data

pytestmark = pytest.mark.django_db

HONOLULU = ZoneInfo("Pacific/Honolulu")
PHOENIX = ZoneInfo("America/Phoenix")
ANCHORAGE = ZoneInfo("America/Anchorage")

# 23:00 on 6 November 2024 in Honolulu: 09:00 UTC on the 7th, 19:00 on the 7th in Guam and
# Saipan, 22:00 on the 6th in Pago Pago.
HAWAII_11PM = dt.datetime(2024, 11, 6, 23, 0, tzinfo=HONOLULU)
# Noon in Phoenix on 6 November 2024: 19:00 UTC, the same day.
PHOENIX_NOON = dt.datetime(2024, 11, 6, 12, 0, tzinfo=PHOENIX)
# 23:30 in Anchorage on 6 November 2024: 08:30 UTC on the 7th.
ANCHORAGE_1130PM = dt.datetime(2024, 11, 6, 23, 30, tzinfo=ANCHORAGE)


def api_post(personas: Any, report_payload: dict[str, Any], **changes: Any) -> Any:
    return api_submit(personas.reporter, {**report_payload, **changes})


def errors_of(response: Any) -> dict[str, str]:
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_at_11pm_in_hawaii_today_is_taken_and_tomorrow_is_refused_as_the_future(personas, report_payload):
    with frozen_at(HAWAII_11PM):
        # Today where each report is: accepted.
        assert api_post(personas, report_payload, state="HI", county="15003", occurred_on="2024-11-06").status_code == 201
        assert (
            api_post(
                personas, report_payload, state="GU", county="66010", occurred_on="2024-11-07", occurred_time="18:30"
            ).status_code
            == 201
        )
        assert (
            api_post(
                personas, report_payload, state="MP", county="69110", occurred_on="2024-11-07", occurred_time="18:30"
            ).status_code
            == 201
        )
        assert api_post(personas, report_payload, state="AS", county="60010", occurred_on="2024-11-06").status_code == 201
        stored = Report.objects.count()

        # Tomorrow, and the day after, in Honolulu: impossible dates.
        for day in ("2024-11-07", "2024-11-08"):
            response = api_post(personas, report_payload, state="HI", county="15003", occurred_on=day)
            assert response.status_code == 422, (day, response.content)
            assert "future" in errors_of(response)["occurred_on"]
        # The day after tomorrow in American Samoa (UTC-11).
        response = api_post(personas, report_payload, state="AS", county="60010", occurred_on="2024-11-08")
        assert response.status_code == 422, response.content
        assert Report.objects.count() == stored


def test_at_half_past_eleven_in_alaska_today_is_taken_and_tomorrow_is_not(personas, report_payload):
    with frozen_at(ANCHORAGE_1130PM):
        assert api_post(personas, report_payload, state="AK", county="02020", occurred_on="2024-11-06").status_code == 201
        response = api_post(personas, report_payload, state="AK", county="02020", occurred_on="2024-11-07")
        assert response.status_code == 422, response.content
        assert "future" in errors_of(response)["occurred_on"]


def test_the_web_form_refuses_tomorrow_in_phoenix_with_a_message_by_the_date(personas):
    with frozen_at(PHOENIX_NOON):
        response = Client().post("/report/", form_data(occurred_on="2024-11-07", occurred_time=""))
        assert response.status_code == 422, "a report dated tomorrow in Phoenix was filed"
        assert "in the future" in response.content.decode()
        assert Report.objects.count() == 0
        today = Client().post("/report/", form_data(occurred_on="2024-11-06", occurred_time="", submission_token="0" * 32))
        assert today.status_code == 302


def test_the_import_refuses_a_row_dated_tomorrow_in_its_county(tmp_path):
    path = write_csv(tmp_path / "reports.csv", [minimal_row(external_id="REVIEW-C-1", occurred_on="2024-11-07")])
    out, err = io.StringIO(), io.StringIO()
    with frozen_at(PHOENIX_NOON), pytest.raises(CommandError):
        call_command("import_reports", str(path), stdout=out, stderr=err)
    assert "line 2: occurred_on" in out.getvalue() + err.getvalue()
    assert Report.objects.count() == 0
