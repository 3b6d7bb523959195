"""Statute data: the reviewed YAML files in `data/statutes/`, checked and cached.

One file per jurisdiction: `federal.yaml` and `<state code lower>.yaml`. Every file is checked
against the models below when it is first read (the app reads them all at start-up), and a bad
file raises StatuteDataError naming the file and the field. docs/statutes.md explains the fields.
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import yaml
from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator, model_validator

from threatdesk.reports.taxonomy import Channel

STATUTES_DIR = Path(settings.BASE_DIR) / "data" / "statutes"
FEDERAL = "federal"

Conduct = Literal[
    "threat",
    "conditional_threat",
    "harassment",
    "stalking",
    "doxxing",
    "intimidation",
    "hoax",
    "swatting",
    "bomb_threat",
    "mail",
    "incitement",
    "interference",
]
ProtectedRole = Literal[
    "election_official",
    "election_worker",
    "voter",
    "federal_official",
    "family",
    "candidate",
    "poll_watcher",
    "public_official",
]
PROTECTED_ROLES = frozenset(get_args(ProtectedRole))
Kind = Literal["offense", "protection", "bill"]
ProsecutionUse = Literal["frequent", "occasional", "none"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
_STATE = re.compile(r"^[A-Z]{2}$")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is present


class StatuteDataError(ValueError):
    """A statute file cannot be used as it is; the message names the file and the field."""


def _check_url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError(f"must be an http(s) URL, not {value!r}")
    return value


class Provision(BaseModel):
    """One provision: what it covers, whom it protects, its penalty and where it was read."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    citation: Text
    title: Text
    summary: Text = Field(max_length=700)
    kind: Kind = "offense"
    enacted_by: Text | None = None
    conduct: tuple[Conduct, ...] = Field(min_length=1)
    channels: Literal["any"] | tuple[str, ...]
    protected_roles: Literal["any"] | tuple[ProtectedRole, ...]
    interstate: bool
    federal_element: Text | None = None
    condition: Text | None = None
    course_of_conduct: bool = False  # needs repeated acts, not a single message
    conspiracy: bool = False  # needs two or more people acting together
    penalty: Text | None
    effective: datetime.date | int | None
    source: str
    other_sources: tuple[str, ...] = ()
    verified: bool
    verification_note: Text | None = None
    prosecution_use: ProsecutionUse | None = None
    # Set by the loader from the file, never written in YAML.
    jurisdiction: str = Field(default="", exclude=True)

    @field_validator("channels")
    @classmethod
    def _known_channels(cls, value: Any) -> Any:
        if value == "any":
            return value
        if not value:
            raise ValueError("list at least one channel code, or write `any`")
        unknown = [code for code in value if code not in Channel.values]
        if unknown:
            raise ValueError(f"unknown channel code(s) {', '.join(unknown)}; use codes from threatdesk/reports/taxonomy.py")
        return value

    @field_validator("protected_roles")
    @classmethod
    def _some_roles(cls, value: Any) -> Any:
        if value != "any" and not value:
            raise ValueError("list at least one role, or write `any`")
        return value

    @field_validator("source")
    @classmethod
    def _source_url(cls, value: str) -> str:
        return _check_url(value)

    @field_validator("other_sources")
    @classmethod
    def _other_urls(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_url(url) for url in value)

    @field_validator("effective")
    @classmethod
    def _plausible_year(cls, value: Any) -> Any:
        if isinstance(value, int) and not 1789 <= value <= 2100:
            raise ValueError("a year such as 2023, a date such as 2023-06-15, or null")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Provision:
        if not self.verified and not self.verification_note:
            raise ValueError("verification_note: required when verified is false (say what was not checked)")
        if self.interstate and not self.federal_element:
            raise ValueError("federal_element: required when interstate is true (say what the federal element is)")
        return self

    @property
    def is_offense(self) -> bool:
        return self.kind == "offense"

    def later_than(self, day: datetime.date) -> bool:
        """Whether the provision surely took effect after `day`, and so cannot reach what happened
        then. A year alone counts from its first day: an incident in that year may fall under it."""
        if self.effective is None:
            return False
        if isinstance(self.effective, datetime.date):
            return day < self.effective
        return day.year < self.effective

    @property
    def effective_text(self) -> str:
        if self.effective is None:
            return ""
        if isinstance(self.effective, datetime.date):
            return self.effective.isoformat()
        return str(self.effective)

    @property
    def covers_any_channel(self) -> bool:
        return self.channels == "any"

    @property
    def protects_anyone(self) -> bool:
        return self.protected_roles == "any"


class StatuteFile(BaseModel):
    """One jurisdiction's file: who it is for, when it was last reviewed, and its provisions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    jurisdiction: str
    name: Text
    reviewed: datetime.date
    note: Text | None = None
    provisions: tuple[Provision, ...]

    @field_validator("jurisdiction")
    @classmethod
    def _jurisdiction(cls, value: str) -> str:
        if value != FEDERAL and not _STATE.match(value):
            raise ValueError("`federal` or a two-letter upper-case state code such as AZ")
        return value

    @model_validator(mode="after")
    def _unique_citations(self) -> StatuteFile:
        seen: set[str] = set()
        for provision in self.provisions:
            if provision.citation in seen:
                raise ValueError(f"citation {provision.citation!r} is listed twice; add a parenthetical to tell them apart")
            seen.add(provision.citation)
        return self

    @property
    def code(self) -> str:
        """The code used in URLs and file names: `federal` or the lower-case state code."""
        return self.jurisdiction.lower()

    @property
    def is_federal(self) -> bool:
        return self.jurisdiction == FEDERAL


def _where(loc: tuple[int | str, ...], document: Any) -> str:
    """Turn a pydantic location into `provisions[3] (18 U.S.C. 875(c)).channels`."""
    text = ""
    node = document
    for step in loc:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else None
            label = f" ({node['citation']})" if isinstance(node, dict) and node.get("citation") else ""
            text += f"[{step}]{label}"
        else:
            node = node.get(step) if isinstance(node, dict) else None
            text += f".{step}" if text else str(step)
    return text or "(file)"


def load_file(path: Path) -> StatuteFile:
    """Read and check one file; raise StatuteDataError naming the file and the field."""
    name = path.name
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a safe loader)
    except (OSError, yaml.YAMLError) as exc:
        raise StatuteDataError(f"{name}: cannot be read as YAML: {exc}") from exc
    if not isinstance(document, dict):
        raise StatuteDataError(f"{name}: expected a mapping with jurisdiction, name, reviewed and provisions")
    try:
        parsed = StatuteFile.model_validate(document)
    except ValidationError as exc:
        problems = "; ".join(f"{_where(tuple(error['loc']), document)}: {error['msg']}" for error in exc.errors())
        raise StatuteDataError(f"{name}: {problems}") from exc
    if path.stem != parsed.code:
        raise StatuteDataError(
            f"{name}: jurisdiction {parsed.jurisdiction!r} does not match the file name (expected {parsed.code}.yaml)"
        )
    provisions = tuple(p.model_copy(update={"jurisdiction": parsed.jurisdiction}) for p in parsed.provisions)
    return parsed.model_copy(update={"provisions": provisions})


def load_directory(directory: Path) -> dict[str, StatuteFile]:
    """Every `*.yaml` in the directory, keyed by code (`federal`, `az`, …); federal is required."""
    files = {}
    for path in sorted(directory.glob("*.yaml")):
        loaded = load_file(path)
        files[loaded.code] = loaded
    if FEDERAL not in files:
        raise StatuteDataError(f"{directory}: federal.yaml is missing")
    return files


@cache
def all_files() -> dict[str, StatuteFile]:
    """All statute files, read once per process. Call `all_files.cache_clear()` after editing."""
    return load_directory(STATUTES_DIR)


def federal() -> StatuteFile:
    return all_files()[FEDERAL]


def state_file(state_code: str) -> StatuteFile | None:
    """The state's file, or None when there is no data for it (or the code is `federal`)."""
    code = state_code.strip().lower()
    if code == FEDERAL:
        return None
    return all_files().get(code)


def states() -> list[StatuteFile]:
    """The states with a file, by name."""
    return sorted((f for f in all_files().values() if not f.is_federal), key=lambda f: f.name)


def provisions_for(state_code: str) -> list[Provision]:
    """Federal provisions followed by the state's (only federal when there is no file for the state)."""
    found = state_file(state_code)
    return [*federal().provisions, *(found.provisions if found else ())]


def reviewed_on(state_code: str) -> datetime.date:
    """The date of the data behind a state's guide: the newer of the federal and state reviews."""
    found = state_file(state_code)
    dates = [federal().reviewed, *([found.reviewed] if found else [])]
    return max(dates)
