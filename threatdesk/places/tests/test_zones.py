"""The zones of the counties whose clocks differ from their state's capital's are shipped in a
file, checked against the Census list, and loaded with the places data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import us
from django.core.exceptions import ValidationError

from threatdesk.places import gazetteer, reference
from threatdesk.places.models import County, State
from threatdesk.places.reference import ReferenceCache

TWO_ZONE_STATES = {"TX", "FL", "IN", "KY", "TN", "MI", "ND", "SD", "NE", "KS", "ID", "OR"}


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
