"""A retention term of N years must not run out before N calendar years have passed.

`privacy.services.retention_run` puts the cutoff at `now - timedelta(days=round(365.25 * years))`.
For the reporter-identity default of 1 year that is 365 days, so a report closed at noon on
1 March 2023 has its filer's identity erased by a run at 13:00 on 29 February 2024, a day before
a year has passed (2024 is a leap year). For 2 years Python's round-half-to-even gives
round(730.5) == 730 days, a day short whenever the two years hold a 29 February."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from threatdesk.privacy.services import retention_run, years_before
from threatdesk.reports.models import Report
from threatdesk.testing.planting import filed_by_reporter

pytestmark = pytest.mark.django_db

CLOSED = dt.datetime(2023, 3, 1, 12, 0, tzinfo=dt.UTC)


def closed_on(personas: Any, when: dt.datetime) -> Report:
    report = filed_by_reporter(personas)
    Report.objects.filter(pk=report.pk).update(status="closed", updated_at=when)
    return report


def due(lines: list[Any], category: str) -> int:
    return next(line.records for line in lines if line.category == category)


def test_one_year_is_not_up_on_the_29th_of_february(personas):
    closed_on(personas, CLOSED)
    on_leap_day = retention_run(actor=None, dry_run=True, now=dt.datetime(2024, 2, 29, 13, 0, tzinfo=dt.UTC))
    assert due(on_leap_day, "reporter") == 0, "a filer's identity erased a day before a year had passed"
    a_year_on = retention_run(actor=None, dry_run=True, now=dt.datetime(2024, 3, 1, 13, 0, tzinfo=dt.UTC))
    assert due(a_year_on, "reporter") == 1


def test_two_years_are_not_up_a_day_early(personas, settings):
    settings.RETENTION_YEARS = {**settings.RETENTION_YEARS, "reporter": 2.0}
    closed_on(personas, dt.datetime(2022, 3, 1, 12, 0, tzinfo=dt.UTC))
    lines = retention_run(actor=None, dry_run=True, now=dt.datetime(2024, 2, 29, 13, 0, tzinfo=dt.UTC))
    assert due(lines, "reporter") == 0


@pytest.mark.parametrize(
    ("moment", "years", "expected"),
    [
        (dt.datetime(2024, 2, 29, 13, 0, tzinfo=dt.UTC), 1.0, dt.datetime(2023, 2, 28, 13, 0, tzinfo=dt.UTC)),
        (dt.datetime(2024, 3, 1, 13, 0, tzinfo=dt.UTC), 3.0, dt.datetime(2021, 3, 1, 13, 0, tzinfo=dt.UTC)),
        (dt.datetime(2024, 3, 1, 13, 0, tzinfo=dt.UTC), 0.5, dt.datetime(2023, 8, 31, 13, 0, tzinfo=dt.UTC)),  # 183 days
        (dt.datetime(2024, 3, 1, 13, 0, tzinfo=dt.UTC), 1.25, dt.datetime(2022, 11, 29, 13, 0, tzinfo=dt.UTC)),  # and 92 days
    ],
)
def test_a_term_is_whole_calendar_years_and_a_fraction_as_days_rounded_up(moment, years, expected):
    assert years_before(moment, years) == expected


def test_a_one_year_term_begun_on_29_february_ends_on_1_march(personas):
    closed_on(personas, dt.datetime(2024, 2, 29, 12, 0, tzinfo=dt.UTC))
    on_the_28th = retention_run(actor=None, dry_run=True, now=dt.datetime(2025, 2, 28, 13, 0, tzinfo=dt.UTC))
    assert due(on_the_28th, "reporter") == 0
    on_1_march = retention_run(actor=None, dry_run=True, now=dt.datetime(2025, 3, 1, 13, 0, tzinfo=dt.UTC))
    assert due(on_1_march, "reporter") == 1
