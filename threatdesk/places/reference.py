"""States and counties, read once per process and kept.

They are reference data: the migrations load them from the Census codes and only an administrator
edits them, so reading them again for every submission (three queries, a third of a millisecond each)
bought nothing. The copy is dropped when a state or county is saved or deleted in this process
(and again once that write commits, in case a lookup in between read the old rows), after
migrations, and at the latest after `MAX_AGE_SECONDS`, so an edit made in the admin of
another worker process is seen within minutes. Offices are not kept: staff add them while the
system runs, and a report must reach the office that exists when it is filed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from threatdesk.places.models import County, State

MAX_AGE_SECONDS: float = 300.0

# (pk, fips, name, time_zone) of a county: plain rows, since a state may have 254 counties and an
# instance for each would cost more than the lookup it serves. The zone is kept so that a report
# built from this copy counts its days in its county's zone (`places.zones.zone_for`).
CountyRow = tuple[int, str, str, str]
_COUNTY_COLUMNS = ("pk", "fips", "name", "time_zone")

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

    def __init__(self, *, max_age: float | None = MAX_AGE_SECONDS) -> None:
        self._max_age = max_age
        self.clear()

    @classmethod
    def loaded(cls) -> ReferenceCache:
        """A copy with every state and county read now, in two queries, that never reads again:
        for processes that must not reach the database (an import's workers)."""
        copy = cls(max_age=None)
        copy._states = {s.code: s for s in State.objects.all()}
        by_state: dict[int, list[CountyRow]] = {state.pk: [] for state in copy._states.values()}
        for state_id, pk, fips, name, zone in County.objects.order_by("name").values_list("state_id", *_COUNTY_COLUMNS):
            by_state[state_id].append((pk, fips, name, zone))
        copy._counties = {state_id: _county_index(rows) for state_id, rows in by_state.items()}
        return copy

    def clear(self) -> None:
        self._states: dict[str, State] | None = None
        self._counties: dict[int, dict[str, CountyRow]] = {}
        self._county_objects: dict[int, County] = {}
        self._loaded_at = time.monotonic()

    def _expire_if_old(self) -> None:
        if self._max_age is not None and time.monotonic() - self._loaded_at > self._max_age:
            self.clear()

    def state(self, code: str) -> State | None:
        self._expire_if_old()
        states = self._states  # one read: another thread may clear the copy meanwhile
        if states is None:
            states = self._states = {s.code: s for s in State.objects.all()}
        return states.get(code.upper())

    def county(self, state: State, text: str) -> County | None:
        """The county of `state` written as `text`: its FIPS code, its name, or its name without
        (or with) the word 'County'."""
        self._expire_if_old()
        index = self._counties.get(state.pk)
        if index is None:
            rows = County.objects.filter(state=state).order_by("name").values_list(*_COUNTY_COLUMNS)
            index = self._counties[state.pk] = _county_index(rows)
        row = index.get(text.strip()) or index.get(county_key(text)) or index.get(county_key(bare_county_name(text)))
        if row is None:
            return None
        county = self._county_objects.get(row[0])
        if county is None:
            county = self._county_objects[row[0]] = County(pk=row[0], state=state, fips=row[1], name=row[2], time_zone=row[3])
        return county


def _county_index(rows: Iterable[CountyRow]) -> dict[str, CountyRow]:
    """Every way one state's counties may be written; `rows` in name order, so that where two
    bare names collide the same county wins everywhere."""
    index: dict[str, CountyRow] = {}
    for row in rows:
        index[row[1]] = row
        index[county_key(row[2])] = row
        index.setdefault(county_key(bare_county_name(row[2])), row)
    return index


REFERENCE = ReferenceCache()


def forget(**_signal: Any) -> None:
    """Drop the kept states and counties now and once the current write commits (a signal
    receiver, and for code that reloads them)."""
    REFERENCE.clear()
    transaction.on_commit(REFERENCE.clear)
