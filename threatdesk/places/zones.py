"""The time zone a state keeps, for "which day is it" where a report happened: a date an office
types (a referral, a law-enforcement step) is a day on its own calendar, not the server's (UTC).

The `us` package gives each state and territory the zone of its capital. A state that spans two
zones (Texas, Florida, Indiana and a dozen more) counts its days in its capital's: near midnight
an office in the state's other zone may be an hour apart. The directory holds no zone per county
or office.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from zoneinfo import ZoneInfo

import us
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone


@functools.cache
def zone_names() -> frozenset[str]:
    """The IANA zones this machine knows (read once: the call walks the zone files)."""
    return frozenset(zoneinfo.available_timezones())


def validate_zone_name(value: str) -> None:
    """A county's zone must be one `ZoneInfo` can open, or every date of its reports would fail."""
    if value and value not in zone_names():
        raise ValidationError(f"{value!r} is not an IANA time zone, such as America/Denver")


@functools.cache
def zone_of(state_code: str) -> ZoneInfo:
    """The state's zone (its capital's), or the server's for a code the `us` package lacks."""
    state = us.states.lookup(state_code) if state_code else None
    return ZoneInfo(state.capital_tz if state is not None and state.capital_tz else settings.TIME_ZONE)


def today_in(state_code: str) -> dt.date:
    """Today's date where the state is."""
    return timezone.now().astimezone(zone_of(state_code)).date()


def day_of(moment: dt.datetime, state_code: str) -> dt.date:
    """The date `moment` falls on where the state is."""
    return moment.astimezone(zone_of(state_code)).date()


def start_of(day: dt.date, state_code: str) -> dt.datetime:
    """Midnight at the start of `day` where the state is."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone_of(state_code))
