"""What an office manager types about a protected person, checked once for the form and service."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from threatdesk.lib.text import unprintable
from threatdesk.privacy.identifiers import normalise_email, normalise_handle, normalise_phone

MAX_ITEMS = 10
MIN_REASON = 10


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]

_STREET_LINE = re.compile(r"^\d{1,6}[A-Za-z]?(?:[ -]\d/\d)?\s+\S.*[A-Za-z]", re.ASCII)
_PO_BOX = re.compile(r"^p\.?\s?o\.?\s+box\s+\d{1,6}\b", re.IGNORECASE)
_ZIP = re.compile(r"\b\d{5}(?:-\d{4})?$")


def normalise_address(raw: str) -> str:
    """One home address as typed, with its spacing tidied; refuse what cannot be a street address.

    The redactor matches the street line (number, street, type) in any spelling, so only that
    part is required: '1418 W Palm Ln' or '1418 West Palm Lane, Phoenix, AZ 85007'.
    """
    text = " ".join(raw.split()).strip(" ,")
    if "\x00" in text or len(text) > 200:
        raise ValueError("an address must be at most 200 characters of plain text")
    street = text.split(",")[0].strip()
    if not (_STREET_LINE.match(street) or _PO_BOX.match(street)):
        raise ValueError(
            f"{raw!r} is not a street address: start with the house number and street, e.g. 1418 W Palm Ln, Phoenix, AZ 85007"
        )
    last = text.rsplit(",", 1)[-1].strip()
    if "," in text and any(ch.isdigit() for ch in last) and not _ZIP.search(last):
        raise ValueError(f"{raw!r} ends in something that is not a ZIP code (12345 or 12345-6789)")
    return text


def _printable(value: str) -> str:
    if (ch := unprintable(value)) is not None:
        raise ValueError(f"{value!r} holds a character that cannot be shown: U+{ord(ch):04X}")
    return value


def normalised_items(normalise: Callable[[str], str]) -> AfterValidator:
    """A list of identifiers or addresses as typed: blanks dropped, each item normalised and kept
    once. What an item keeps of what was typed must be printable: a control or invisible
    character kept in a handle would be stored, shown and matched as if it were part of it."""

    def check(values: list[str]) -> list[str]:
        cleaned = [_printable(normalise(v)) for v in (str(item).strip() for item in values) if v]
        return list(dict.fromkeys(cleaned))

    return AfterValidator(check)


ItemList = list[str]


class ProtectedPersonIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: str = Field(pattern="^(worker|family)$")
    relationship: str = Field(default="self", pattern="^(self|spouse|child|parent|sibling|other)$")
    worker: str = Field(default="", description="Public code of the worker a family member belongs to.")
    full_name: Name
    aliases: Annotated[list[Name], Field(max_length=MAX_ITEMS)] = []
    phones: Annotated[ItemList, Field(max_length=MAX_ITEMS), normalised_items(normalise_phone)] = []
    emails: Annotated[ItemList, Field(max_length=MAX_ITEMS), normalised_items(normalise_email)] = []
    handles: Annotated[ItemList, Field(max_length=MAX_ITEMS), normalised_items(normalise_handle)] = []
    addresses: Annotated[ItemList, Field(max_length=MAX_ITEMS), normalised_items(normalise_address)] = []

    @field_validator("full_name", "aliases")
    @classmethod
    def _plain_text(cls, value: str | list[str]) -> str | list[str]:
        for item in [value] if isinstance(value, str) else value:
            if "\x00" in item or not any(ch.isalpha() for ch in item):
                raise ValueError(f"{item!r} is not a name")
        return value

    @model_validator(mode="after")
    def _family_has_worker(self) -> ProtectedPersonIn:
        if self.kind == "worker" and self.relationship != "self":
            raise ValueError("a worker's relationship is 'self'; add family members as their own records")
        if self.kind == "family":
            if self.relationship == "self":
                raise ValueError("say how the family member is related to the worker")
            if not self.worker:
                raise ValueError("a family member belongs to a worker: give the worker's code")
        return self
