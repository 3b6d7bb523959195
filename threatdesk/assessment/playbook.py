"""What to do now: the response playbook, kept as data in data/playbook.yaml.

`guidance_for` picks the situations that apply to a report (by level, channel, threat types and
fired indicators), the evidence steps for its channel, the contacts to call and the support
resources. Pure: it reads the file once and never the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field, ValidationError

PLAYBOOK_FILE = Path(settings.BASE_DIR) / "data" / "playbook.yaml"


class PlaybookError(Exception):
    """data/playbook.yaml does not read as a playbook; the message names the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(_Strict):
    name: str
    how: str


class When(_Strict):
    level_at_least: int | None = Field(default=None, ge=0, le=4)
    channels: tuple[str, ...] = ()
    threat_types: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()


class Situation(_Strict):
    slug: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    when: When
    call_911: bool = False
    actions: tuple[str, ...] = Field(min_length=1)
    contacts: tuple[str, ...] = ()


class Playbook(_Strict):
    checked: date
    contacts: dict[str, Contact]
    situations: tuple[Situation, ...]
    evidence: dict[str, str]
    support: tuple[str, ...]

    def contact(self, key: str) -> Contact:
        return self.contacts[key]


@lru_cache(maxsize=1)
def playbook(path: Path = PLAYBOOK_FILE) -> Playbook:
    try:
        book = Playbook.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise PlaybookError(f"{path.name}: {exc}") from exc
    unknown = {c for s in book.situations for c in s.contacts} - book.contacts.keys()
    if unknown:
        raise PlaybookError(f"{path.name}: situations name contacts that are not listed: {sorted(unknown)}")
    return book


@dataclass(frozen=True)
class Guidance:
    call_911: bool
    situations: tuple[Situation, ...]
    contacts: tuple[Contact, ...]
    evidence: str
    support: tuple[str, ...]
    checked: date


def _applies(when: When, *, level: int | None, channel: str, threat_types: Sequence[str], indicators: Sequence[str]) -> bool:
    return (
        (when.level_at_least is not None and level is not None and level >= when.level_at_least)
        or channel in when.channels
        or bool(set(threat_types) & set(when.threat_types))
        or bool(set(indicators) & set(when.indicators))
    )


def guidance_for(*, level: int | None, channel: str, threat_types: Sequence[str], indicators: Sequence[str]) -> Guidance:
    """The playbook's advice for one report, most urgent situation first."""
    book = playbook()
    found = tuple(
        s
        for s in book.situations
        if _applies(s.when, level=level, channel=channel, threat_types=threat_types, indicators=indicators)
    )
    keys = list(dict.fromkeys(key for s in found for key in s.contacts))
    return Guidance(
        call_911=any(s.call_911 for s in found),
        situations=found,
        contacts=tuple(book.contact(k) for k in keys),
        evidence=book.evidence.get(channel, book.evidence["other"]),
        support=book.support,
        checked=book.checked,
    )
