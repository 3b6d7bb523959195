"""States and counties, read once per process and kept.

They are reference data: the migrations load them from the Census codes and nothing else writes
them, so reading them again for every submission (three queries, a third of a millisecond each)
bought nothing. The copy is dropped when a state or county is saved or deleted in this process,
after migrations, and at the latest after `MAX_AGE_SECONDS`, so an edit made in the admin of
another worker process is seen within minutes. Offices are not kept: staff add them while the
system runs, and a report must reach the office that exists when it is filed.
"""

from __future__ import annotations

import time
from typing import Any

from threatdesk.places.models import County, State

MAX_AGE_SECONDS = 300.0

# (pk, fips, name) of a county: plain rows, since a state may have 254 counties and an instance
# for each would cost more than the lookup it serves.
CountyRow = tuple[int, str, str]

_COUNTY_WORDS = (" county", " parish", " borough", " census area", " municipality", " municipio", " city and borough")


def county_key(name: str) -> str:
    """The form a county's name is matched in: lower case, no dots, single spaces."""
    return " ".join(name.lower().replace(".", "").split())


def bare_county_name(name: str) -> str:
    """'Maricopa County' -> 'maricopa': people often leave the word out, or add it."""
    lowered = name.lower().strip()
    for word in _COUNTY_WORDS:
        if lowered.endswith(word):
            return lowered[: -len(word)]
    return lowered


class ReferenceCache:
    """The states by code and, per state, every way one of its counties may be written."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self._states: dict[str, State] | None = None
        self._counties: dict[int, dict[str, CountyRow]] = {}
        self._county_objects: dict[int, County] = {}
        self._loaded_at = time.monotonic()

    def _expire_if_old(self) -> None:
        if time.monotonic() - self._loaded_at > MAX_AGE_SECONDS:
            self.clear()

    def state(self, code: str) -> State | None:
        self._expire_if_old()
        if self._states is None:
            self._states = {s.code: s for s in State.objects.all()}
        return self._states.get(code.upper())

    def county(self, state: State, text: str) -> County | None:
        """The county of `state` written as `text`: its FIPS code, its name, or its name without
        (or with) the word 'County'."""
        self._expire_if_old()
        index = self._counties.get(state.pk)
        if index is None:
            index = self._counties[state.pk] = _county_index(state)
        row = index.get(text.strip()) or index.get(county_key(text)) or index.get(county_key(bare_county_name(text)))
        if row is None:
            return None
        county = self._county_objects.get(row[0])
        if county is None:
            county = self._county_objects[row[0]] = County(pk=row[0], state=state, fips=row[1], name=row[2])
        return county


def _county_index(state: State) -> dict[str, CountyRow]:
    index: dict[str, CountyRow] = {}
    for row in County.objects.filter(state=state).values_list("pk", "fips", "name"):
        index[row[1]] = row
        index[county_key(row[2])] = row
        index.setdefault(county_key(bare_county_name(row[2])), row)
    return index


REFERENCE = ReferenceCache()


def forget(**_signal: Any) -> None:
    """Drop the kept states and counties (a signal receiver, and for code that reloads them)."""
    REFERENCE.clear()
