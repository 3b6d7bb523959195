"""The shape of a report as it comes in, shared by the web form, the JSON API and bulk import.

Everything that can be checked without the database is checked here, once: types, codes,
lengths, dates, and the normalisation of sender identifiers (E.164 phones, lower-case emails,
handles without '@'). Place checks that need the database live in `services`.

Answers have their own schemas (`api`), with none of these checks: what is stored may no longer
pass them, as when placeholders longer than what they replace took a person out of the words.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from django.utils import timezone
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)
from pydantic import ValidationError as PydanticValidationError

from threatdesk.lib.text import shown_or_empty, unprintable
from threatdesk.privacy.identifiers import normalise_email, normalise_handle, normalise_phone
from threatdesk.privacy.schemas import normalised_items
from threatdesk.reports.taxonomy import Channel, ElectionPhase, ReporterConsent, TargetRole, ThreatType, channel_from_word

EARLIEST_DATE = dt.date(1990, 1, 1)
EARLIEST_ZONE = dt.timezone(dt.timedelta(hours=14))  # where each day begins first (UTC+14)


def _no_nul(value: str) -> str:
    # No one types a NUL; PostgreSQL cannot store one in a text column.
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    return value


def _empty_if_nothing_shows(value: Any) -> Any:
    # Stripped as whitespace is: a narrative of zero-width spaces is as empty as one of spaces,
    # for the form, the API and the import alike.
    return shown_or_empty(value) if isinstance(value, str) else value


# Free text: stripped, at most so long, "" when nothing of it shows, never a NUL.
_NO_NUL, _SHOWN = AfterValidator(_no_nul), BeforeValidator(_empty_if_nothing_shows)
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), _NO_NUL, _SHOWN]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000), _NO_NUL, _SHOWN]
MAX_IDENTIFIERS = 10


def _printable_key(value: str) -> str:
    # A program makes the key: a control character in it (a NUL, which PostgreSQL cannot store,
    # though some proxies pass one on) is a mistake to point out, not part of a key to keep.
    if (ch := unprintable(value)) is not None:
        raise ValueError(f"use printable characters only; U+{ord(ch):04X} is not one")
    return value


# The Idempotency-Key header of a submission: any string of printable characters.
IdempotencyKey = Annotated[str, AfterValidator(_printable_key)]


# A number as pydantic would read one from a string: signed, with a fraction or an exponent.
_NUMBER = re.compile(r"\s*+[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*+")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) or (isinstance(value, str) and _NUMBER.fullmatch(value) is not None)


def _date_not_a_number(value: Any) -> Any:
    # Left to itself pydantic reads a number, or a string of one, as a Unix timestamp.
    if _is_number(value):
        raise ValueError("give the date as YYYY-MM-DD, not a number")
    return value


def _time_not_a_number(value: Any) -> Any:
    # Left to itself pydantic reads a number as seconds since midnight, in UTC.
    if _is_number(value):
        raise ValueError("give the time of day as HH:MM, not a number")
    return value


def _naive_time(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise ValueError("give the local time of day without a time zone, e.g. 21:15")
    return value


# A calendar date written YYYY-MM-DD; a number is refused rather than read as a timestamp.
CalendarDate = Annotated[dt.date, BeforeValidator(_date_not_a_number)]

# Wall-clock time on the day of `occurred_on`, in the place it happened: no zone. Published as a
# pattern, not as JSON Schema's `time` format, which is RFC 3339's and requires an offset.
LOCAL_TIME_SCHEMA = WithJsonSchema({"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"})
LocalTime = Annotated[dt.time, BeforeValidator(_time_not_a_number), AfterValidator(_naive_time), LOCAL_TIME_SCHEMA]


class SenderIn(BaseModel):
    """What is known of whoever sent or made the threat. All optional."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: ShortText = ""
    phones: Annotated[list[str], normalised_items(normalise_phone)] = Field(default_factory=list, max_length=MAX_IDENTIFIERS)
    emails: Annotated[list[str], normalised_items(normalise_email)] = Field(default_factory=list, max_length=MAX_IDENTIFIERS)
    handles: Annotated[list[str], normalised_items(normalise_handle)] = Field(default_factory=list, max_length=MAX_IDENTIFIERS)
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2_000), _NO_NUL, _SHOWN] = ""


class ReporterContactIn(BaseModel):
    """How the office can reach the person who filed, when they filed without an account."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: ShortText = ""
    email: str = ""
    phone: str = ""

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        return normalise_email(value) if value else ""

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        return normalise_phone(value) if value else ""


# The request the API documentation offers to send: a report it would take as it stands.
REPORT_EXAMPLE: dict[str, Any] = {
    "occurred_on": "2024-11-06",
    "occurred_time": "21:15",
    "state": "AZ",
    "county": "Maricopa",
    "channel": "voicemail",
    "threat_types": ["threat_violence"],
    "target_role": "county_election_official",
    "election_phase": "canvass",
    "message_text": "We know where you live. Stop the count or else.",
    "narrative": "A caller left this voicemail on the office line after hours.",
    "sender": {"phones": ["(602) 555-0199"], "description": "Calm male voice."},
    "reporter_consent": ["office"],
}


def _codes(choices: type[Any]) -> str:
    return ", ".join(choices.values)


class ReportIn(BaseModel):
    """One incident report. Each coded field lists its codes in this schema."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, json_schema_extra={"example": REPORT_EXAMPLE})

    occurred_on: CalendarDate = Field(description="Date it happened (YYYY-MM-DD), not in the future.")
    occurred_time: LocalTime | None = Field(default=None, description="Time of day, if known (HH:MM).")
    state: Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2}$")] = Field(
        description="Two-letter state or territory code, e.g. AZ."
    )
    county: ShortText = Field(default="", description="County FIPS code (e.g. 04013) or name (e.g. Maricopa).")
    channel: str = Field(
        description=f"Channel code, one of: {_codes(Channel)}; or a common word such as 'letter'.", examples=["voicemail"]
    )
    platform: ShortText = Field(default="", description="Platform or service, for online channels.")
    threat_types: list[ThreatType] = Field(min_length=1, max_length=len(ThreatType), description="First is primary.")
    target_role: TargetRole
    election_phase: ElectionPhase = ElectionPhase.UNKNOWN
    message_text: LongText = Field(default="", description="The exact words received, if any.")
    narrative: LongText = Field(min_length=1, description="What happened, in the reporter's words.")
    sender: SenderIn = Field(default_factory=SenderIn)
    reporter_contact: ReporterContactIn = Field(default_factory=ReporterContactIn)
    reporter_consent: list[ReporterConsent] = Field(
        default_factory=lambda: [ReporterConsent.OFFICE],
        max_length=len(ReporterConsent),
        description="Who may know who filed: office, law_enforcement, state. Empty: no one but the filer and operators' audit.",
    )

    @field_validator("channel")
    @classmethod
    def _channel(cls, value: str) -> str:
        code = channel_from_word(value)
        if code is None:
            raise ValueError(f"unknown channel {value!r}; use one of {_codes(Channel)}")
        return code

    @field_validator("occurred_on")
    @classmethod
    def _occurred_on(cls, value: dt.date) -> dt.date:
        # A day that has begun nowhere yet; the place's own calendar is checked once the place is
        # known (`services.building.when_errors`).
        if value > timezone.now().astimezone(EARLIEST_ZONE).date():
            raise ValueError("date is in the future")
        if value < EARLIEST_DATE:
            raise ValueError(f"date is before {EARLIEST_DATE.isoformat()}")
        return value

    @field_validator("reporter_consent")
    @classmethod
    def _consent(cls, values: list[ReporterConsent]) -> list[ReporterConsent]:
        return list(dict.fromkeys(values))

    @field_validator("threat_types")
    @classmethod
    def _threat_types(cls, values: list[ThreatType]) -> list[ThreatType]:
        return list(dict.fromkeys(values))


def pydantic_errors(exc: PydanticValidationError, strip: int = 0) -> list[tuple[str, str]]:
    """(field, message) pairs from a pydantic error, with dotted field paths."""
    pairs: list[tuple[str, str]] = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"][strip:]]
        message = str(error["msg"]).removeprefix("Value error, ")
        pairs.append((".".join(loc) or "__all__", message))
    return pairs


def parse_report(data: dict[str, Any]) -> ReportIn:
    return ReportIn.model_validate(data)
