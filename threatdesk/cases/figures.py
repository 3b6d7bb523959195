"""Time figures for case work: how long reports wait for triage, for a referral, and for the
first law-enforcement action, per office and per agency. Medians and 90th percentiles, since a
few long waits say more than an average does."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Min

from threatdesk.cases.models import CaseStep, Referral, StatusChange
from threatdesk.places import zones
from threatdesk.reports.models import Report
from threatdesk.reports.taxonomy import Status

HOUR = 3600.0
# The columns `places.zones.zone_of` takes (the state's code, the county's own zone), read along
# with a report's or a referral's rows rather than one report at a time.
REPORT_ZONE = ("state__code", "county__time_zone")
REFERRAL_ZONE = ("report__state__code", "report__county__time_zone")


def readable(hours: float | None) -> str:
    """Hours up to two days, days beyond: "30.0 h", "12.7 days"."""
    if hours is None:
        return "none"
    return f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} days"


@dataclass(frozen=True)
class Spread:
    """Waits in hours: how many, the median and the 90th percentile."""

    count: int
    median: float | None
    p90: float | None

    @classmethod
    def of(cls, hours: Sequence[float]) -> Spread:
        if not hours:
            return cls(0, None, None)
        ordered = sorted(hours)
        p90 = ordered[math.ceil(0.9 * len(ordered)) - 1]  # nearest rank
        return cls(len(ordered), round(statistics.median(ordered), 1), round(p90, 1))

    @property
    def median_text(self) -> str:
        return readable(self.median)

    @property
    def p90_text(self) -> str:
        return readable(self.p90)


@dataclass(frozen=True)
class Row:
    name: str
    reports: int
    to_triage: Spread
    to_referral: Spread
    to_first_action: Spread


def _hours(start: dt.datetime, end: dt.datetime | None) -> float | None:
    if end is None or end < start:
        return None
    return (end - start).total_seconds() / HOUR


def _hours_after(start: dt.datetime, end: dt.datetime | None) -> float | None:
    """As `_hours`, but an end before the start counts as no wait: an agency told on the day a
    report came in counts from the start of that day, which may be before it came in."""
    return None if end is None else max(0.0, (end - start).total_seconds() / HOUR)


def _hours_to_day(start: dt.datetime, day: dt.date, zone: ZoneInfo) -> float:
    """A step carries a date, not a time: count to the start of that day where the report is
    (`zone`), and a step on the day itself as no wait."""
    return _hours_after(start, zones.start_of(day, zone)) or 0.0


def _told_at(referred_at: dt.datetime, referred_on: dt.date, zone: ZoneInfo) -> dt.datetime:
    """When the agency was told: the moment of entry if it was entered that day, else the start
    of the earlier day it was told (entered later, say after a phone call). Days are those where
    the report is: an evening referral in Arizona is still that day there."""
    if referred_on >= zones.day_of(referred_at, zone):
        return referred_at
    return zones.start_of(referred_on, zone)


@dataclass(frozen=True)
class Scope:
    """What one user's figures may count: a liaison counts only their agency's referrals and steps."""

    reports: Any
    referrals: Any
    steps: Any

    @classmethod
    def of(cls, user: Any) -> Scope:
        return cls(Report.objects.visible_to(user), Referral.objects.visible_to(user), CaseStep.objects.visible_to(user))


def _firsts(scope: Scope, report_ids: Iterable[int]) -> tuple[dict[int, Any], dict[int, Any], dict[int, Any]]:
    ids = list(report_ids)
    triaged = StatusChange.objects.filter(report_id__in=ids, from_status=Status.NEW).values("report_id").annotate(at=Min("at"))
    referred: dict[int, dt.datetime] = {}
    for report_id, referred_at, referred_on, state, county_zone in scope.referrals.filter(report_id__in=ids).values_list(
        "report_id", "referred_at", "referred_on", *REFERRAL_ZONE
    ):
        told = _told_at(referred_at, referred_on, zones.zone_of(state, county_zone))
        referred[report_id] = min(told, referred.get(report_id, told))
    acted = scope.steps.filter(report_id__in=ids).values("report_id").annotate(on=Min("occurred_on"))
    return (
        {r["report_id"]: r["at"] for r in triaged},
        referred,
        {r["report_id"]: r["on"] for r in acted},
    )


def _row(name: str, reports: Sequence[tuple[int, dt.datetime, ZoneInfo]], firsts: tuple[dict[int, Any], ...]) -> Row:
    triaged, referred, acted = firsts
    waits: dict[str, list[float]] = defaultdict(list)
    for pk, received, zone in reports:
        pairs = (
            ("triage", _hours(received, triaged.get(pk))),
            ("referral", _hours_after(received, referred.get(pk))),
            ("action", _hours_to_day(received, acted[pk], zone) if pk in acted else None),
        )
        for key, hours in pairs:
            if hours is not None:
                waits[key].append(hours)
    return Row(name, len(reports), Spread.of(waits["triage"]), Spread.of(waits["referral"]), Spread.of(waits["action"]))


def by_office(scope: Scope) -> list[Row]:
    """One row per office over the reports in scope."""
    rows = list(scope.reports.filter(office__isnull=False).values_list("pk", "received_at", "office__name", *REPORT_ZONE))
    firsts = _firsts(scope, (pk for pk, *_ in rows))
    grouped: dict[str, list[tuple[int, dt.datetime, ZoneInfo]]] = defaultdict(list)
    for pk, received, office, state, county_zone in rows:
        grouped[office].append((pk, received, zones.zone_of(state, county_zone)))
    return [_row(name, grouped[name], firsts) for name in sorted(grouped)]


def by_agency(scope: Scope) -> list[Row]:
    """One row per agency: waits counted from when the agency was told, to its own first step."""
    rows = list(scope.referrals.values_list("pk", "referred_at", "referred_on", "agency__name", *REFERRAL_ZONE))
    first_step = dict(
        scope.steps.filter(referral_id__in=[pk for pk, *_ in rows])
        .values("referral_id")
        .annotate(on=Min("occurred_on"))
        .values_list("referral_id", "on")
    )
    grouped: dict[str, list[float]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for pk, referred_at, referred_on, agency, state, county_zone in rows:
        counts[agency] += 1
        if pk in first_step:
            zone = zones.zone_of(state, county_zone)
            grouped[agency].append(_hours_to_day(_told_at(referred_at, referred_on, zone), first_step[pk], zone))
    empty = Spread.of([])
    return [Row(name, counts[name], empty, empty, Spread.of(grouped[name])) for name in sorted(counts)]


def figures_for(user: Any) -> tuple[list[Row], list[Row]]:
    """The office rows and agency rows over what `user` may see."""
    scope = Scope.of(user)
    return by_office(scope), by_agency(scope)
