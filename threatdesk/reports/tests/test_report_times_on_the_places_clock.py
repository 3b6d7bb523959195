"""When a report says it happened, checked on its place's clock (`services.building.when_errors`).

1. In the hour the clocks repeat (the first Sunday of November, 01:00-02:00 twice), a time of day
   from the first pass is in the past during the second: at 01:10 EST, "01:40" means 01:40 EDT at
   the earliest (`occurred_at`), half an hour ago. Times are compared as UTC instants, since
   Python compares two times of one zone by the clock's face.

2. A report without a county is checked on its state's zone where the day begins first: in
   Tennessee (capital on Central time, the east on Eastern) and Oregon (Malheur County on Mountain
   time), just after midnight in the eastern part, a report of the day just begun is not "in the
   future", nor is an import's received_at "before it happened".
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from threatdesk.reports.models import Report
from threatdesk.testing.clock import frozen_at
from threatdesk.testing.importing import minimal_row, write_csv
from threatdesk.testing.planting import api_submit

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
# 01:10 EST on 3 November 2024, the second pass through 01:00-02:00 (06:10 UTC).
SECOND_PASS = dt.datetime(2024, 11, 3, 1, 10, tzinfo=NEW_YORK, fold=1)
# 00:30 on 7 November 2024 in Knoxville (Eastern), 23:30 on the 6th in Nashville (Central).
KNOXVILLE_HALF_PAST_MIDNIGHT = dt.datetime(2024, 11, 7, 0, 30, tzinfo=NEW_YORK)


def api_post(personas: Any, report_payload: dict[str, Any], **changes: Any) -> Any:
    return api_submit(personas.reporter, {**report_payload, **changes})


def test_a_time_from_the_first_pass_of_the_repeated_hour_is_not_the_future_in_the_second(personas, report_payload):
    assert SECOND_PASS.astimezone(dt.UTC) == dt.datetime(2024, 11, 3, 6, 10, tzinfo=dt.UTC)
    with frozen_at(SECOND_PASS):
        # 01:40 EDT (05:40 UTC) was half an hour ago.
        response = api_post(personas, report_payload, state="NY", county="36061", occurred_on="2024-11-03", occurred_time="01:40")
    assert response.status_code == 201, response.content


def test_a_tennessee_report_without_a_county_may_be_dated_the_day_begun_in_east_tennessee(personas, report_payload):
    with frozen_at(KNOXVILLE_HALF_PAST_MIDNIGHT):
        response = api_post(personas, report_payload, state="TN", county="", occurred_on="2024-11-07", occurred_time=None)
    assert response.status_code == 201, response.content


def test_an_oregon_import_without_a_county_received_just_after_midnight_in_malheur(tmp_path):
    # 00:10 on the 7th in Ontario, Oregon (Mountain): 23:10 on the 6th in Salem.
    received = "2024-11-07T00:10:00-07:00"
    row = minimal_row(external_id="OR-1", state="OR", county="", occurred_on="2024-11-07", received_at=received)
    path = write_csv(tmp_path / "reports.csv", [row])
    out = io.StringIO()
    with frozen_at(dt.datetime(2024, 11, 7, 0, 20, tzinfo=ZoneInfo("America/Boise"))):
        call_command("import_reports", str(path), "--workers", "1", stdout=out, stderr=io.StringIO())
    assert "imported 1 reports" in out.getvalue()
    assert Report.objects.count() == 1
