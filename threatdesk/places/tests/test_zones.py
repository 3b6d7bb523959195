"""A report's or an office's days are counted in its county's zone where the county keeps its own
(the shipped zone file), else in its state's capital's."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import us
from django.core.exceptions import ValidationError

from threatdesk.places import gazetteer, reference, zones
from threatdesk.places.models import County, Office, State
from threatdesk.places.reference import ReferenceCache

MOUNTAIN = ZoneInfo("America/Denver")
CENTRAL = ZoneInfo("America/Chicago")
EASTERN = ZoneInfo("America/New_York")
TWO_ZONE_STATES = {"TX", "FL", "IN", "KY", "TN", "MI", "ND", "SD", "NE", "KS", "ID", "OR"}


def office_in(fips: str | None, state_code: str) -> Office:
    """An unsaved office of the county (or of the state alone, for `None`), as stored."""
    county = County.objects.select_related("state").get(fips=fips) if fips else None
    return Office(name="Elections", state=State.objects.get(code=state_code), county=county)


# --- the shipped file -----------------------------------------------------------------------


def test_each_county_in_the_zone_file_is_the_census_county_of_that_code():
    census = {row.fips: row for row in gazetteer.counties()}
    for row in gazetteer.county_zones():
        assert row.fips in census, row
        assert (census[row.fips].state_code, census[row.fips].name) == (row.state_code, row.name)


def test_the_zone_file_lists_each_county_once_and_only_where_it_differs_from_the_capital():
    rows = list(gazetteer.county_zones())
    assert not [fips for fips, n in Counter(row.fips for row in rows).items() if n > 1]
    for row in rows:
        assert row.zone != us.states.lookup(row.state_code).capital_tz, row


def test_the_zone_file_covers_every_state_split_by_a_zone_line_at_county_level():
    assert {row.state_code for row in gazetteer.county_zones()} == TWO_ZONE_STATES


def test_a_zone_file_with_an_unknown_zone_is_refused(tmp_path: Path):
    path = tmp_path / "zones.yaml"
    path.write_text('counties:\n  TX:\n    America/El_Paso:\n      "48141": El Paso County\n', encoding="utf-8")
    with pytest.raises(ValueError, match="America/El_Paso"):
        list(gazetteer.county_zones(path))


# --- loaded with the places data ------------------------------------------------------------


@pytest.mark.django_db
def test_the_migration_gives_each_listed_county_its_zone_and_leaves_the_others_empty():
    listed = {row.fips: row.zone for row in gazetteer.county_zones()}
    stored = dict(County.objects.exclude(time_zone="").values_list("fips", "time_zone"))
    assert stored == listed
    assert County.objects.get(fips="48201").time_zone == ""  # Harris County, Texas


@pytest.mark.django_db
def test_a_county_zone_that_is_no_iana_zone_is_refused():
    county = County.objects.get(fips="48141")
    county.time_zone = "Mountain"
    with pytest.raises(ValidationError, match="not an IANA time zone"):
        county.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("cache", [ReferenceCache.loaded, ReferenceCache])
def test_a_county_from_the_reference_copy_carries_its_zone(cache):
    reference.forget()
    texas = State.objects.get(code="TX")
    county = cache().county(texas, "El Paso")
    assert county is not None and county.time_zone == "America/Denver"


# --- which zone -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_el_paso_county_evening_is_still_that_day_there():
    """23:30 in El Paso is 00:30 the next day in Austin, the capital."""
    half_past_eleven = dt.datetime(2024, 11, 5, 23, 30, tzinfo=MOUNTAIN)
    zone = zones.zone_for(office_in("48141", "TX"))
    assert zone == MOUNTAIN
    assert zones.day_of(half_past_eleven, zone) == dt.date(2024, 11, 5)
    with mock.patch("django.utils.timezone.now", return_value=half_past_eleven.astimezone(dt.UTC)):
        assert zones.today_in(zone) == dt.date(2024, 11, 5)


@pytest.mark.django_db
@pytest.mark.parametrize("fips", ["12033", "12005", "12133"])  # Escambia, Bay, Washington
def test_a_florida_panhandle_county_counts_its_days_in_central_time(fips):
    half_past_eleven = dt.datetime(2024, 11, 5, 23, 30, tzinfo=CENTRAL)  # 00:30 in Tallahassee
    zone = zones.zone_for(office_in(fips, "FL"))
    assert zone == CENTRAL
    assert zones.day_of(half_past_eleven, zone) == dt.date(2024, 11, 5)
    assert zones.start_of(dt.date(2024, 11, 5), zone) == dt.datetime(2024, 11, 5, 6, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
@pytest.mark.parametrize(("fips", "state", "zone"), [("04013", "AZ", "America/Phoenix"), ("13121", "GA", "America/New_York")])
def test_a_county_of_a_single_zone_state_keeps_its_states_zone(fips, state, zone):
    assert zones.zone_for(office_in(fips, state)) == zones.zone_of(state) == ZoneInfo(zone)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fips", "state", "zone"),
    [("48201", "TX", CENTRAL), ("48109", "TX", CENTRAL), ("12073", "FL", EASTERN), (None, "TX", CENTRAL)],
    ids=["Harris", "Culberson", "Leon", "no county"],
)
def test_a_place_whose_county_is_not_in_the_file_counts_in_its_states_zone(fips, state, zone):
    place = office_in(fips, state)
    assert zones.zone_for(place) == zone
    assert zones.day_of(dt.datetime(2024, 11, 5, 23, 30, tzinfo=MOUNTAIN), zones.zone_for(place)) == dt.date(2024, 11, 6)
