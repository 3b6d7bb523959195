"""States, territories and counties from the pinned `us` package (Census FIPS codes), and the
zones of the counties whose clocks differ from their state's capital's, from the repository's
`data/places/county_zones.yaml` (the `us` package knows only the capital's).

`us.states.STATES` leaves out DC; it is added here. Used by the data migrations and by tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import us
import yaml

from threatdesk.places.zones import zone_names

# Beside the code rather than under settings.BASE_DIR: callers may run without Django set up.
COUNTY_ZONES_FILE = Path(__file__).resolve().parents[2] / "data" / "places" / "county_zones.yaml"


class StateRow(NamedTuple):
    code: str
    fips: str
    name: str
    is_territory: bool


class CountyRow(NamedTuple):
    state_code: str
    fips: str
    name: str


class CountyZoneRow(NamedTuple):
    state_code: str
    fips: str
    name: str
    zone: str


def _all_states() -> list[us.states.State]:
    return [*us.states.STATES, us.states.DC, *us.states.TERRITORIES]


def states() -> Iterator[StateRow]:
    for state in _all_states():
        yield StateRow(state.abbr, str(state.fips), state.name, bool(state.is_territory))


def counties() -> Iterator[CountyRow]:
    for state in _all_states():
        for county in state.counties:
            yield CountyRow(state.abbr, county.fips, county.name)


def county_zones(path: Path = COUNTY_ZONES_FILE) -> Iterator[CountyZoneRow]:
    """Each county listed in the zone file with its zone; a zone this machine's zone database
    lacks is refused here, before a date of that county's reports fails on it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for state_code, by_zone in data["counties"].items():
        for zone, counties in by_zone.items():
            if zone not in zone_names():
                raise ValueError(f"{path.name}: {state_code}: {zone!r} is not an IANA time zone")
            for fips, name in counties.items():
                yield CountyZoneRow(state_code, str(fips), name, zone)
