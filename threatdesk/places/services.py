"""Writes for places: load the law-enforcement agency directory from `data/places/agencies.yaml`.

The directory is reference data kept in the repository, so loading it is an upsert: run it
again after the file changes and agencies are updated in place (matched by name and home
state), never duplicated. Agencies missing from the file are left alone: an operator may have
added local ones by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction

from threatdesk.audit import services as audit
from threatdesk.lib.text import unprintable
from threatdesk.places.models import Agency, State

AGENCIES_FILE = Path(settings.BASE_DIR) / "data" / "places" / "agencies.yaml"
_KEYS = {"name", "kind", "state", "covers", "note"}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is present


class AgencyFileError(ValueError):
    """The agency file cannot be loaded as it is; the message names the entry."""


@dataclass(frozen=True)
class AgencyRow:
    name: str
    kind: str
    state: str | None
    covers: tuple[str, ...]


@dataclass(frozen=True)
class AgencyLoadResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


NAME_MAX = Agency._meta.get_field("name").max_length or 200


def _where(entry: dict[Any, Any], number: int) -> str:
    """How a message names an entry: by its number, and its name when that can be printed."""
    name = entry.get("name")
    shown = isinstance(name, str) and 0 < len(name) <= NAME_MAX and unprintable(name) is None
    return f"entry {number} ({name})" if shown else f"entry {number}"


def _name(entry: dict[Any, Any], where: str) -> str:
    """The name as the directory shows it and the database holds it: text that fits its column,
    with no character that cannot be shown (a NUL, which PostgreSQL cannot store, among them)."""
    name = entry.get("name")
    if name is not None and not isinstance(name, str):
        raise AgencyFileError(f"{where}: name must be text, not {type(name).__name__}")
    name = (name or "").strip()
    if not name:
        raise AgencyFileError(f"{where}: name is required")
    if len(name) > NAME_MAX:
        raise AgencyFileError(f"{where}: name is {len(name)} characters long; at most {NAME_MAX}")
    if (ch := unprintable(name)) is not None:
        raise AgencyFileError(f"{where}: name holds a character that cannot be shown: U+{ord(ch):04X}")
    return name


def _state(entry: dict[Any, Any], where: str, state_codes: set[str]) -> str | None:
    state = entry.get("state")
    if state is not None and not isinstance(state, str):
        raise AgencyFileError(f"{where}: state must be one state code, e.g. AZ, not {type(state).__name__}")
    if state is not None and state not in state_codes:
        raise AgencyFileError(f"{where}: unknown state code {state!r}")
    return state


def _covers(entry: dict[Any, Any], where: str, state_codes: set[str]) -> tuple[str, ...]:
    covers_raw = entry.get("covers") or []
    covers = sorted(state_codes) if covers_raw == "all" else covers_raw
    if not isinstance(covers, list) or not all(isinstance(code, str) for code in covers):
        raise AgencyFileError(f"{where}: covers must be a list of state codes or 'all'")
    missing = [code for code in covers if code not in state_codes]
    if missing:
        raise AgencyFileError(f"{where}: unknown state code(s) in covers: {', '.join(missing)}")
    return tuple(dict.fromkeys(covers))


def _row(entry: Any, number: int, state_codes: set[str]) -> AgencyRow:
    """Check one YAML entry against the codebook and the state table."""
    if not isinstance(entry, dict):
        raise AgencyFileError(f"entry {number}: expected a mapping with name, kind, state, covers")
    where = _where(entry, number)
    unknown = set(map(str, entry)) - _KEYS
    if unknown:
        raise AgencyFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    name = _name(entry, where)
    kind = entry.get("kind")
    if kind not in Agency.Kind.values:
        raise AgencyFileError(f"{where}: kind must be one of {', '.join(Agency.Kind.values)}, not {kind!r}")
    return AgencyRow(name=name, kind=kind, state=_state(entry, where, state_codes), covers=_covers(entry, where, state_codes))


def _text(path: Path) -> str:
    """The file's text; a byte that is not UTF-8 is named by its line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise AgencyFileError(f"{path}: line {line} is not UTF-8 text; save the file as UTF-8") from exc


def agencies_read(path: Path | str = AGENCIES_FILE) -> list[AgencyRow]:
    """Parse and check the whole file before anything is written; raise AgencyFileError."""
    try:
        document = yaml.load(_text(Path(path)), Loader=_Loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise AgencyFileError(f"{path}: not valid YAML: {exc}") from exc
    entries = document.get("agencies") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise AgencyFileError(f"{path}: expected a top-level 'agencies' list")
    state_codes = set(State.objects.values_list("code", flat=True))
    rows = [_row(entry, number, state_codes) for number, entry in enumerate(entries, start=1)]
    seen: set[tuple[str, str | None]] = set()
    for row in rows:
        if (row.name, row.state) in seen:
            raise AgencyFileError(f"{row.name} ({row.state or 'national'}) is listed twice")
        seen.add((row.name, row.state))
    return rows


def _covers_of(agencies: list[Agency]) -> dict[int, set[int]]:
    through = Agency.covers_states.through
    covers: dict[int, set[int]] = {agency.pk: set() for agency in agencies}
    for agency_id, state_id in through.objects.filter(agency__in=agencies).values_list("agency_id", "state_id"):
        covers[agency_id].add(state_id)
    return covers


def _update(agency: Agency, row: AgencyRow, wanted: set[int], current: set[int]) -> bool:
    """Bring an existing agency in line with its row; True if anything changed."""
    changed = agency.kind != row.kind
    if changed:
        agency.kind = row.kind
        agency.save(update_fields=["kind"])
    if current != wanted:
        agency.covers_states.set(wanted)
        changed = True
    return changed


def _upsert_all(rows: list[AgencyRow]) -> AgencyLoadResult:
    """Create new agencies in bulk (the demo loads the whole file on every fresh database)."""
    states = {state.code: state for state in State.objects.all()}
    existing = {(a.name, a.state_id): a for a in Agency.objects.filter(name__in=[row.name for row in rows])}
    covers = _covers_of(list(existing.values()))
    updated = unchanged = 0
    new: list[tuple[Agency, AgencyRow]] = []
    for row in rows:
        state = states[row.state] if row.state else None
        wanted = {states[code].pk for code in row.covers}
        agency = existing.get((row.name, state.pk if state else None))
        if agency is None:
            new.append((Agency(name=row.name, kind=row.kind, state=state), row))
        elif _update(agency, row, wanted, covers[agency.pk]):
            updated += 1
        else:
            unchanged += 1
    Agency.objects.bulk_create([agency for agency, _ in new])
    through = Agency.covers_states.through
    through.objects.bulk_create(
        [through(agency_id=agency.pk, state_id=states[code].pk) for agency, row in new for code in row.covers]
    )
    return AgencyLoadResult(created=len(new), updated=updated, unchanged=unchanged)


@transaction.atomic
def agencies_load(path: Path | str = AGENCIES_FILE, *, actor: Any = None) -> AgencyLoadResult:
    """Upsert every agency in the file, all or nothing, with one audit entry for the load."""
    result = _upsert_all(agencies_read(path))
    audit.log(
        "places.agencies.loaded",
        actor=actor,
        payload={"file": Path(path).name, "created": result.created, "updated": result.updated, "unchanged": result.unchanged},
    )
    return result
