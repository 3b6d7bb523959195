"""The time zone a report or an office keeps, for "which day is it" where it is: a date an office
types (a referral, a law-enforcement step) is a day on its own calendar, not the server's (UTC).

A place is in its county's zone where the county keeps one of its own (`County.time_zone`, loaded
from `data/places/county_zones.yaml`: the counties of the states that span two zones whose clocks
differ from the capital's), else in its state's, which the `us` package gives as its capital's.
`zone_for` is the one answer to "which zone"; code that reads plain rows passes the same two
values to `zone_of`.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

import us
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

if TYPE_CHECKING:
    from threatdesk.places.models import County, State


class Placed(Protocol):
    """A report or an office: a state, and perhaps a county."""

    @property
    def state(self) -> State: ...

    @property
    def county(self) -> County | None: ...


@functools.cache
def zone_names() -> frozenset[str]:
    """The IANA zones this machine knows (read once: the call walks the zone files)."""
    return frozenset(zoneinfo.available_timezones())


def validate_zone_name(value: str) -> None:
    """A county's zone must be one `ZoneInfo` can open, or every date of its reports would fail."""
    if value and value not in zone_names():
        raise ValidationError(f"{value!r} is not an IANA time zone, such as America/Denver")


@functools.cache
def zone_of(state_code: str, county_zone: str | None = None) -> ZoneInfo:
    """The county's own zone if it has one, else the state's (its capital's), else the server's
    for a code the `us` package lacks."""
    if county_zone:
        return ZoneInfo(county_zone)
    state = us.states.lookup(state_code) if state_code else None
    return ZoneInfo(state.capital_tz if state is not None and state.capital_tz else settings.TIME_ZONE)


@functools.cache
def state_zones(state_code: str) -> tuple[ZoneInfo, ...]:
    """Every zone a state's counties keep: its capital's, and those of the zone file
    (`data/places/county_zones.yaml`) for the states that span two."""
    from threatdesk.places import gazetteer  # it reads this module's zone names

    listed = sorted({row.zone for row in gazetteer.county_zones() if row.state_code == state_code})
    return (zone_of(state_code), *(ZoneInfo(name) for name in listed))


def first_to_the_day(state_code: str, moment: dt.datetime) -> ZoneInfo:
    """Of the state's zones, the one furthest ahead at `moment`: where a day begins first, so
    that a report without a county is not told its day has not begun while it has in part of
    the state (East Tennessee, an hour ahead of Nashville)."""
    return max(state_zones(state_code), key=lambda zone: moment.astimezone(zone).replace(tzinfo=None))


def zone_for(place: Placed) -> ZoneInfo:
    """The zone a report's or an office's days are counted in: its county's, else its state's."""
    county = place.county
    return zone_of(place.state.code, county.time_zone if county is not None else None)


def today_in(zone: ZoneInfo) -> dt.date:
    """Today's date in `zone`."""
    return timezone.now().astimezone(zone).date()


def day_of(moment: dt.datetime, zone: ZoneInfo) -> dt.date:
    """The date `moment` falls on in `zone`."""
    return moment.astimezone(zone).date()


def start_of(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """Midnight at the start of `day` in `zone`, as an instant in UTC: Python subtracts two times
    of one zone as wall-clock times, so a span across a change of the clocks would be an hour off."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone).astimezone(dt.UTC)
