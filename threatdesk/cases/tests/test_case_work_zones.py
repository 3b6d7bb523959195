"""Case work counts days where the report's county is, not at its state's capital: El Paso keeps
Mountain time though Austin keeps Central, and the Florida panhandle Central though Tallahassee
keeps Eastern. Near midnight the capital's day is already the next one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from threatdesk.cases import services
from threatdesk.cases.figures import figures_for
from threatdesk.cases.forms import ReferForm, StepForm
from threatdesk.cases.models import CaseStep, Referral
from threatdesk.reports.models import Report
from threatdesk.reports.services import ReportInputError
from threatdesk.testing.cases import fresh
from threatdesk.testing.planting import filed_by_reporter

pytestmark = pytest.mark.django_db

MOUNTAIN = ZoneInfo("America/Denver")
CENTRAL = ZoneInfo("America/Chicago")
ELECTION_DAY = dt.date(2024, 11, 5)
NEXT_DAY = ELECTION_DAY + dt.timedelta(days=1)
OUTSIDE = "The liaison of the Phoenix office takes it to the El Paso office."


def filed_in(personas: Any, state: str, county: str) -> Report:
    return filed_by_reporter(personas, state=state, county=county, occurred_on="2024-11-04")


def refer(personas: Any, report: Report, **kwargs: Any) -> Referral:
    """Refer to the personas' agency, which is in Arizona: a report elsewhere needs a reason."""
    return services.report_refer(actor=personas.manager, report=fresh(report), agency=personas.agency, reason=OUTSIDE, **kwargs)


def record_step(personas: Any, report: Report, referral: Referral, day: dt.date) -> CaseStep:
    return services.step_record(
        actor=personas.liaison, report=fresh(report), referral=referral, kind="warning_issued", occurred_on=day
    )


@pytest.fixture
def half_past_eleven_in_el_paso() -> Iterator[None]:
    """23:30 on election day in El Paso: 00:30 the next day in Austin."""
    moment = dt.datetime.combine(ELECTION_DAY, dt.time(23, 30), tzinfo=MOUNTAIN)
    with mock.patch("django.utils.timezone.now", return_value=moment.astimezone(dt.UTC)):
        yield


@pytest.fixture
def half_past_eleven_in_pensacola() -> Iterator[None]:
    """23:30 on election day in Escambia County: 00:30 the next day in Tallahassee."""
    moment = dt.datetime.combine(ELECTION_DAY, dt.time(23, 30), tzinfo=CENTRAL)
    with mock.patch("django.utils.timezone.now", return_value=moment.astimezone(dt.UTC)):
        yield


def test_an_el_paso_referral_defaults_to_that_evening_and_refuses_the_capitals_tomorrow(personas, half_past_eleven_in_el_paso):
    report = filed_in(personas, "TX", "48141")
    assert ReferForm(report=fresh(report))["referred_on"].initial == ELECTION_DAY
    with pytest.raises(ReportInputError, match="referral date must be between"):
        refer(personas, report, referred_on=NEXT_DAY)
    assert refer(personas, report).referred_on == ELECTION_DAY


def test_an_el_paso_referral_entered_at_half_past_eleven_counts_its_wait_from_then(personas):
    """Received at 22:00 and referred at 23:30 the same evening in El Paso: a 1.5-hour wait. Read
    in Austin's day the entry looks a day later than the date typed and would count from the
    start of that day, before the report came in: no wait at all."""
    report = filed_in(personas, "TX", "48141")
    Report.objects.filter(pk=report.pk).update(received_at=dt.datetime(2024, 11, 5, 22, 0, tzinfo=MOUNTAIN))
    referral = refer(personas, report, referred_on=ELECTION_DAY)
    Referral.objects.filter(pk=referral.pk).update(referred_at=dt.datetime(2024, 11, 5, 23, 30, tzinfo=MOUNTAIN))
    (office,), _agencies = figures_for(personas.manager)
    assert (office.to_referral.count, office.to_referral.median) == (1, 1.5)


def test_a_step_in_the_florida_panhandle_is_dated_that_evening(personas, half_past_eleven_in_pensacola):
    report = filed_in(personas, "FL", "12033")  # Escambia County
    referral = refer(personas, report)
    assert referral.referred_on == ELECTION_DAY
    assert StepForm(report=fresh(report))["occurred_on"].initial == ELECTION_DAY
    with pytest.raises(ReportInputError, match="the date must be between"):
        record_step(personas, report, referral, NEXT_DAY)
    assert record_step(personas, report, referral, ELECTION_DAY).occurred_on == ELECTION_DAY


def test_a_texas_report_in_the_capitals_zone_is_as_before(personas, half_past_eleven_in_el_paso):
    """Travis County keeps Austin's (Central) time, where it is already the next day."""
    report = filed_in(personas, "TX", "48453")
    assert ReferForm(report=fresh(report))["referred_on"].initial == NEXT_DAY
    assert refer(personas, report, referred_on=NEXT_DAY).referred_on == NEXT_DAY


def test_a_report_with_no_county_counts_in_its_states_zone(personas, half_past_eleven_in_el_paso):
    report = filed_in(personas, "TX", "")
    assert StepForm(report=fresh(report))["occurred_on"].initial == NEXT_DAY
    assert refer(personas, report).referred_on == NEXT_DAY
