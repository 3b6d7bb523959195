"""An imported report cannot have been received before it happened in its own county.

`importer._received_before_occurred` compares `received_at` with midnight at the start of
`occurred_on` in UTC+14, "so a time written in UTC is never refused for the wrong zone". But
`received_at` must carry an offset, so it is an exact instant however it is written, and the
row's county (hence its zone, `zones.zone_of`) is known by the time rows are drafted. As it is,
a Maricopa row that happened on 7 November is accepted as received at noon on 6 November,
Phoenix time, a day before; and one that happened at 21:15 is accepted as received at 20:00 the
same evening. The report page then shows a receipt before the incident, and the time figures
count from it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from threatdesk.reports.models import Report
from threatdesk.testing.importing import minimal_row, write_csv

pytestmark = pytest.mark.django_db


def refused(path: Path) -> str:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_reports", str(path), stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.mark.parametrize(
    ("occurred_on", "occurred_time", "received_at"),
    [
        ("2024-11-07", "", "2024-11-06T12:00:00-07:00"),  # the day before, at noon in Phoenix
        ("2024-11-06", "21:15", "2024-11-06T20:00:00-07:00"),  # an hour and a quarter before
        ("2024-11-06", "21:15", "2024-11-07T03:00:00Z"),  # the same instant, written in UTC
    ],
)
def test_a_row_received_before_it_happened_in_its_county_is_refused(tmp_path, occurred_on, occurred_time, received_at):
    path = write_csv(
        tmp_path / "r.csv",
        [minimal_row(external_id="X-1", occurred_on=occurred_on, occurred_time=occurred_time, received_at=received_at)],
    )
    assert "line 2: received_at" in refused(path)
    assert Report.objects.count() == 0
