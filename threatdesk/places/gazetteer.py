"""States, territories and counties from the pinned `us` package (Census FIPS codes).

`us.states.STATES` leaves out DC; it is added here. Used by the data migration and by tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import us


class StateRow(NamedTuple):
    code: str
    fips: str
    name: str
    is_territory: bool


class CountyRow(NamedTuple):
    state_code: str
    fips: str
    name: str


def _all_states() -> list[us.states.State]:
    return [*us.states.STATES, us.states.DC, *us.states.TERRITORIES]


def states() -> Iterator[StateRow]:
    for state in _all_states():
        yield StateRow(state.abbr, str(state.fips), state.name, bool(state.is_territory))


def counties() -> Iterator[CountyRow]:
    for state in _all_states():
        for county in state.counties:
            yield CountyRow(state.abbr, county.fips, county.name)
