"""When a report says it happened, checked on its place's clock (`services.building.when_errors`).

1. In the hour the clocks repeat (the first Sunday of November, 01:00-02:00 twice), a time of day
   from the first pass is in the past during the second. `when_errors` compares two datetimes
   with the same `ZoneInfo`, which Python compares as wall-clock times (fold ignored), so it
   refuses "01:40" at 01:10 EST though 01:40 EDT, the earliest moment it can mean
   (`occurred_at`), was half an hour ago.

2. A report without a county is checked on its state's capital's zone. In Tennessee (capital in
   Central time) and Oregon (Pacific; Malheur County keeps Mountain time) part of the state is an
   hour ahead of the capital, so just after midnight there a report of the day just begun, with
   no county, is refused as "in the future where it happened", and an import's received_at is
   refused as before it happened. A day that has begun somewhere in the state is not the future.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client

from threatdesk.accounts.services import token_create
from threatdesk.reports.models import Report
from threatdesk.testing.clock import frozen_at
from threatdesk.testing.importing import minimal_row, write_csv

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
# 01:10 EST on 3 November 2024, the second pass through 01:00-02:00 (06:10 UTC).
SECOND_PASS = dt.datetime(2024, 11, 3, 1, 10, tzinfo=NEW_YORK, fold=1)
# 00:30 on 7 November 2024 in Knoxville (Eastern), 23:30 on the 6th in Nashville (Central).
KNOXVILLE_HALF_PAST_MIDNIGHT = dt.datetime(2024, 11, 7, 0, 30, tzinfo=NEW_YORK)


def api_post(personas: Any, report_payload: dict[str, Any], **changes: Any) -> Any:
    token = token_create(actor=None, user=personas.reporter, name="test")
    body = {**report_payload, **changes}
    return Client().post(
        "/api/reports", json.dumps(body), content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )


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
