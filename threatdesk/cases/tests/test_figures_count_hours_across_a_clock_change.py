"""The time figures count the hours that passed, not the difference of two wall clocks. The start
of a local day is a UTC instant (`zones.start_of`): Python subtracts two datetimes of one zone as
wall-clock times, so an El Paso referral told on Friday 1 November 2024 whose agency acted on
Monday 4 November showed 72.0 h for the 73 hours that passed (the clocks went back on the 3rd),
and across the spring change 72.0 h for 71."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from threatdesk.cases import services
from threatdesk.cases.figures import figures_for
from threatdesk.testing.cases import fresh
from threatdesk.testing.clock import frozen_at
from threatdesk.testing.planting import filed_by_reporter

pytestmark = pytest.mark.django_db

MOUNTAIN = ZoneInfo("America/Denver")
OUTSIDE = "The liaison of the Phoenix office takes it to the El Paso office."


def agency_wait(personas: Any, *, occurred: str, told: dt.date, acted: dt.date) -> float | None:
    report = filed_by_reporter(personas, state="TX", county="48141", occurred_on=occurred)  # El Paso: Mountain time
    # The manager enters the referral the morning the agency acts, naming the day it was told.
    with frozen_at(dt.datetime.combine(acted, dt.time(10, 0), tzinfo=MOUNTAIN)):
        referral = services.report_refer(
            actor=personas.manager, report=fresh(report), agency=personas.agency, reason=OUTSIDE, referred_on=told
        )
        services.step_record(
            actor=personas.liaison, report=fresh(report), referral=referral, kind="investigation_opened", occurred_on=acted
        )
    _offices, (agency,) = figures_for(personas.manager)
    assert agency.to_first_action.count == 1
    return agency.to_first_action.median


def test_a_wait_across_the_autumn_change_counts_the_extra_hour(personas):
    start, end = (dt.datetime(2024, 11, day, tzinfo=MOUNTAIN).astimezone(dt.UTC) for day in (1, 4))
    assert (end - start) == dt.timedelta(hours=73)  # midnight MDT on the 1st to midnight MST on the 4th
    assert agency_wait(personas, occurred="2024-10-31", told=dt.date(2024, 11, 1), acted=dt.date(2024, 11, 4)) == 73.0


def test_a_wait_across_the_spring_change_counts_the_lost_hour(personas):
    assert agency_wait(personas, occurred="2024-03-07", told=dt.date(2024, 3, 8), acted=dt.date(2024, 3, 11)) == 71.0
