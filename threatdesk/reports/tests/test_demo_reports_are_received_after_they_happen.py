"""Demo reports are received after they happened. A report's time of day is local time in its
county (the form, the API, the report page and the case packet all say so), so the demo reads it
on the county's clock when it makes the time of receipt. Read as UTC, as before, about one timed
row in six, and every emailed bomb threat of election day 2024, was received hours before it was
sent."""

from __future__ import annotations

import datetime as dt

import pytest

from threatdesk.places import zones
from threatdesk.places.models import County
from threatdesk.reports.demo import demo_places, demo_rows

pytestmark = pytest.mark.django_db


def occurred_at(row) -> dt.datetime | None:  # type: ignore[no-untyped-def]
    data = row.data
    if data.occurred_time is None:
        return None
    county = County.objects.select_related("state").get(fips=data.county)
    return dt.datetime.combine(data.occurred_on, data.occurred_time, tzinfo=zones.zone_of(county.state.code, county.time_zone))


def test_no_demo_report_is_received_before_the_local_moment_it_happened():
    rows = demo_rows(count=400, seed=7, places=demo_places())
    early = [row for row in rows if (at := occurred_at(row)) is not None and row.received_at < at]
    assert early == [], f"{len(early)} demo rows received before they happened, e.g. {early[0].data.occurred_on} " + (
        f"{early[0].data.occurred_time} local in {early[0].data.state}, received {early[0].received_at:%Y-%m-%d %H:%M} UTC"
    )


def test_the_election_day_bomb_emails_are_received_after_they_were_sent():
    rows = [row for row in demo_rows(count=400, seed=7, places=demo_places()) if row.campaign == "bomb_emails"]
    assert rows
    for row in rows:
        at = occurred_at(row)
        assert at is not None
        assert at <= row.received_at <= at + dt.timedelta(hours=1), (row.data.state, row.data.occurred_time, row.received_at)
