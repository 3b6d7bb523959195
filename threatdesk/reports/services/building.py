"""Turning validated input into a report ready to store: places, pseudonyms, redacted copies;
shared by a single submission and a bulk import."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from django.utils import timezone

from threatdesk.assessment import Indicator
from threatdesk.lib import sql
from threatdesk.lib.bulkinsert import inserter
from threatdesk.places import zones
from threatdesk.places.models import County, Office, State
from threatdesk.places.reference import REFERENCE, ReferenceCache
from threatdesk.privacy.crypto import blind_index
from threatdesk.privacy.identifiers import identifier_key, platform_code
from threatdesk.privacy.redaction import Redactor
from threatdesk.reports import assessing, redaction
from threatdesk.reports.models import Report, ReportThreatType, SenderIdentifier, report_code
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.taxonomy import platform_of


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.field}: {self.message}"


class ReportInputError(ValueError):
    """The input cannot be stored as it is; `errors` name each field (and line, for imports)."""

    def __init__(self, errors: Sequence[FieldError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors[:5]))


@dataclass
class Built:
    """A report ready to save, with the rows that hang off it.

    `values` are column values by attname, so a bulk import can insert them without building
    model instances; `report()` makes the instance for a single submission.
    """

    values: dict[str, Any]
    threat_types: list[str]
    identifiers: list[tuple[str, str]]
    state: State
    county: County | None
    office: Office | None

    @property
    def digests(self) -> list[str]:
        return sender_digests(self.identifiers)

    def assess(self, history: tuple[int, ...], words: dict[str, Indicator] | None = None) -> None:
        """Add the computed fields, given the levels of the sender's earlier reports (and the
        words' indicators, `assessing.words_of(values)`, if worked out already)."""
        self.values.update(assessing.assessment_values(self.values, self.threat_types, history, words=words))

    @property
    def people_states(self) -> set[int]:
        """The states whose protected persons the report was redacted against: its own, and its
        office's (a report an office files about another state, `StatePeople.people`)."""
        return {self.state.pk, *([self.office.state_id] if self.office else [])}

    def report(self, reporter: Any = None) -> Report:
        """The instance for a single submission, with its related objects already in hand (so
        answering the request reads none of them back)."""
        report = Report(**self.values)
        if report.pk is not None:  # stored by `insert_one`, not `save()`
            report._state.adding = False
            report._state.db = "default"
        report.state, report.county, report.office = self.state, self.county, self.office
        if reporter is not None and getattr(reporter, "pk", None) == self.values.get("reporter_id"):
            report.reporter = reporter
        return report


@dataclass(frozen=True)
class StoredReport:
    pk: int
    public_code: str


class PlaceDirectory:
    """Resolves state and county codes without a query per report, and each county's office.

    States and counties come from the process's reference copy (`places.reference`). Offices
    change while the system runs, so they are read afresh: per county for one report (a form or
    API submission, `bulk=False`), or all at once for a batch (bulk import).
    """

    def __init__(self, *, bulk: bool = True) -> None:
        self._bulk = bulk
        self._reference = REFERENCE
        self._offices: dict[int, Office | None] = {}
        self._county_offices: dict[int, Office] | None = None

    @classmethod
    def loaded(cls) -> PlaceDirectory:
        """A directory with every state, county and county office read now, so that it answers
        without the database: for an import's worker processes, which must not reach it."""
        places = cls()
        places._reference = ReferenceCache.loaded()
        places._county_offices = _county_offices()
        return places

    def state(self, code: str) -> State | None:
        return self._reference.state(code)

    def county(self, state: State, text: str) -> County | None:
        return self._reference.county(state, text)

    def office_for(self, county: County | None) -> Office | None:
        """The county's own election office, if it has one in the system."""
        if county is None:
            return None
        if self._bulk:
            # One query for every county's office rather than one per county named in the file.
            if self._county_offices is None:
                self._county_offices = _county_offices()
            return self._county_offices.get(county.pk)
        if county.pk not in self._offices:
            self._offices[county.pk] = _county_office(county.pk)
        return self._offices[county.pk]


def _county_office(county_id: int) -> Office | None:
    """`Office.objects.filter(county=...).order_by("level", "pk").first()`, as plain SQL: every
    submission that names a county asks it."""
    statement = f"SELECT * FROM {sql.table(Office)} WHERE county_id = %s ORDER BY level, id LIMIT 1"  # noqa: S608
    return next(iter(Office.objects.raw(statement, [county_id])), None)


def _county_offices() -> dict[int, Office]:
    """Each county's own election office, by county id: the first by level, then by age."""
    offices: dict[int, Office] = {}
    for office in Office.objects.filter(county__isnull=False).order_by("level", "pk"):
        if office.county_id is not None:
            offices.setdefault(office.county_id, office)
    return offices


def sender_identifiers(data: ReportIn, platform: str = "") -> list[tuple[str, str]]:
    """(kind, pseudonym) for every sender identifier: the keyed hash of its matching key, so that
    'Jane.Doe+x@gmail.com' and 'janedoe@googlemail.com', or 'Doe, John' and 'john doe', match.

    An identifier with no matching key ('?' typed for a caller who gave no name) gets no
    pseudonym: the report keeps it as written but links to no other report through it."""
    pairs = [(SenderIdentifier.Kind.PHONE, p) for p in data.sender.phones]
    pairs += [(SenderIdentifier.Kind.EMAIL, e) for e in data.sender.emails]
    pairs += [(SenderIdentifier.Kind.HANDLE, h) for h in data.sender.handles]
    if data.sender.name:
        pairs.append((SenderIdentifier.Kind.NAME, data.sender.name))
    keyed = ((str(kind), _match_key(str(kind), value, platform)) for kind, value in pairs)
    return [(kind, blind_index(kind, key)) for kind, key in keyed if key is not None]


def sender_digests(identifiers: Iterable[tuple[str, str]]) -> list[str]:
    """The sender's pseudonyms, each once: what earlier reports from the sender share."""
    return list(dict.fromkeys(digest for _kind, digest in identifiers))


def _match_key(kind: str, value: str, platform: str) -> str | None:
    """The identifier's matching key, or None when it has none. A handle that breaks its
    platform's rules (the platform field may be wrong) is keyed by the rules for any handle."""
    for rules in dict.fromkeys((platform, "")):
        try:
            return identifier_key(kind, value, rules)
        except ValueError:
            continue
    return None


RedactorLookup = Callable[..., Redactor]


# How far ahead of the server's clock a filer's may be: a time of day a few minutes from now is
# taken as now, not refused.
CLOCK_SKEW = dt.timedelta(minutes=5)


def zone_of_place(state: State, county: County | None) -> ZoneInfo:
    """The zone in which to judge whether what a report tells of can have happened yet: its
    county's; without a county, the state's zone where the day begins first, since the report
    may come from that part of the state (`places.zones.first_to_the_day`)."""
    if county is not None:
        return zones.zone_of(state.code, county.time_zone)
    return zones.first_to_the_day(state.code, timezone.now())


def occurred_at(data: ReportIn, zone: ZoneInfo) -> dt.datetime:
    """The earliest moment the report can be telling of, as a UTC instant: its time on its day
    where it happened (the first of two, in the hour the clocks repeat), or the day's start if no
    time is given. In UTC, because Python compares two times of one zone by the clock's face."""
    return dt.datetime.combine(data.occurred_on, data.occurred_time or dt.time.min, tzinfo=zone).astimezone(dt.UTC)


def when_errors(data: ReportIn, zone: ZoneInfo, line: int | None = None) -> list[FieldError]:
    """What is impossible about when the report says it happened, on the calendar and clock of
    the place: a day that has not begun there, or a time today still to come. (The schema can
    only refuse days that have begun nowhere yet.) Such a report could not be referred until
    that day came, since referral and step dates are checked on the same calendar."""
    now = timezone.now()
    if data.occurred_on > now.astimezone(zone).date():
        return [FieldError("occurred_on", "date is in the future where it happened", line)]
    if occurred_at(data, zone) > now + CLOCK_SKEW:
        return [FieldError("occurred_time", "time is in the future where it happened", line)]
    return []


def build_report(
    data: ReportIn,
    *,
    places: PlaceDirectory,
    actor: Any,
    source: str,
    line: int | None = None,
    is_synthetic: bool = False,
    redactor_for: RedactorLookup = redaction.redactor_for,
) -> Built:
    """Turn validated input into an unsaved, redacted report; raise ReportInputError for unknown
    places. The caller assesses it (`Built.assess`), since the sender's history depends on what
    else is being stored with it."""
    state = places.state(data.state)
    if state is None:
        raise ReportInputError([FieldError("state", f"unknown state or territory code {data.state!r}", line)])
    county = None
    if data.county:
        county = places.county(state, data.county)
        if county is None:
            raise ReportInputError([FieldError("county", f"no county {data.county!r} in {state.name}", line)])
    impossible = when_errors(data, zone_of_place(state, county), line)
    if impossible:
        raise ReportInputError(impossible)
    signed_in = getattr(actor, "is_authenticated", False)
    office = (getattr(actor, "office", None) if signed_in else None) or places.office_for(county)
    # Codes as plain strings, as they are stored (an import hands these values between processes).
    values = {
        "public_code": report_code(),
        "source": str(source),
        "is_synthetic": is_synthetic,
        "office_id": office.pk if office else None,
        "state_id": state.pk,
        "county_id": county.pk if county else None,
        "occurred_on": data.occurred_on,
        "occurred_time": data.occurred_time,
        "channel": str(data.channel),
        "platform": data.platform,
        "platform_code": platform_of(data.platform),
        "primary_threat_type": str(data.threat_types[0]),
        "target_role": str(data.target_role),
        "election_phase": str(data.election_phase),
        "message_text": data.message_text,
        "narrative": data.narrative,
        "sender_name": data.sender.name,
        "sender_phones": data.sender.phones,
        "sender_emails": data.sender.emails,
        "sender_handles": data.sender.handles,
        "sender_description": data.sender.description,
        "reporter_id": actor.pk if signed_in else None,
        "reporter_contact": data.reporter_contact.model_dump(exclude_defaults=True),
        "reporter_consent": [str(c) for c in data.reporter_consent],
    }
    redactor = redactor_for(office_id=values["office_id"], state_id=state.pk)
    reporter_name = actor.get_full_name() if signed_in else ""
    values.update(redaction.make_copies(values, redactor=redactor, reporter_name=reporter_name).values())
    identifiers = sender_identifiers(data, platform_code(data.platform))
    threat_types = [str(t) for t in data.threat_types]
    return Built(values, threat_types, identifiers, state, county, office)


class _WithChildren(Protocol):
    threat_types: list[str]
    identifiers: list[tuple[str, str]]


def save_children(built: Sequence[_WithChildren], report_ids: Sequence[int]) -> None:
    """Threat-type and sender-identifier rows for reports already stored (ids in the same order)."""
    inserter(ReportThreatType).insert(
        {"report_id": pk, "code": code, "position": i}
        for b, pk in zip(built, report_ids, strict=True)
        for i, code in enumerate(b.threat_types)
    )
    inserter(SenderIdentifier).insert(
        {"report_id": pk, "kind": kind, "digest": digest}
        for b, pk in zip(built, report_ids, strict=True)
        for kind, digest in dict.fromkeys(b.identifiers)
    )


def submission_digest(data: ReportIn) -> str:
    """A fingerprint of the submitted content, to tell a retry from a different report. Keyed,
    as it outlives the words it covers: without PSEUDONYM_KEY it confirms no guess of them."""
    canonical = json.dumps(data.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return blind_index("submission", canonical)
