"""An imported report cannot have been received before it happened in its own county. A
`received_at` carries an offset, so it is an exact instant however it is written, and the row's
county (hence its zone) is known when rows are checked: it is compared with the moment the row
says it happened, less a few minutes for clocks that differ. (Compared with midnight at UTC+14,
as before, a Maricopa row of 7 November passed as received at noon on the 6th, Phoenix time.)"""

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
