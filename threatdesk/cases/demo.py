"""Case work for the demo: the home office triages its reports, refers the gravest to the home
agency, and the agency records steps to an outcome, with waits spread as real offices report
them (hours to triage, days to a first step). Timestamps are set back to match each report's
receipt, so the queue and the time figures read like a working office's."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from threatdesk.accounts.models import Role, User
from threatdesk.cases import services
from threatdesk.cases.models import CaseStep, Referral, StatusChange
from threatdesk.cases.taxonomy import DeclineReason, StepKind
from threatdesk.places import zones
from threatdesk.places.models import Agency, Office
from threatdesk.reports.models import Report
from threatdesk.reports.taxonomy import Status

GRAVEST = ("threat_violence", "threat_family", "bomb_threat", "stalking", "swatting")
DEMO_REFERRALS = 25
CHARGE = "18 U.S.C. 875(c)"
# What became of a referral, with weights: most end without charges, as the reference reports.
OUTCOMES: tuple[tuple[tuple[str, ...], int], ...] = (
    ((), 5),  # nothing recorded yet
    ((StepKind.DECLINED,), 6),
    ((StepKind.INVESTIGATION_OPENED, StepKind.SUBJECT_IDENTIFIED, StepKind.WARNING_ISSUED), 6),
    ((StepKind.INVESTIGATION_OPENED, StepKind.PROTECTIVE_MEASURE), 3),
    ((StepKind.INVESTIGATION_OPENED, StepKind.SUBJECT_IDENTIFIED, StepKind.ARREST, StepKind.CHARGED), 3),
    (
        (StepKind.INVESTIGATION_OPENED, StepKind.ARREST, StepKind.CHARGED, StepKind.PLEA, StepKind.CONVICTION, StepKind.SENTENCE),
        2,
    ),
)
DECLINES = (DeclineReason.NOT_A_TRUE_THREAT, DeclineReason.SUSPECT_UNIDENTIFIED, DeclineReason.INSUFFICIENT_EVIDENCE)


@dataclass(frozen=True)
class CaseDemo:
    triaged: int
    referred: int
    steps: int


def _backdate_last_change(report: Report, at: dt.datetime) -> None:
    StatusChange.objects.filter(pk=StatusChange.objects.filter(report=report).latest("pk").pk).update(at=at)


def _triage(rng: random.Random, report: Report, manager: User) -> None:
    services.status_change(actor=manager, report=report, target=Status.TRIAGED)
    _backdate_last_change(report, report.received_at + dt.timedelta(hours=rng.uniform(0.5, 60)))


def _step_fields(rng: random.Random, kind: str) -> dict[str, Any]:
    if kind == StepKind.DECLINED:
        return {"decline_reason": rng.choice(DECLINES)}
    if kind in (StepKind.CHARGED, StepKind.PLEA, StepKind.CONVICTION):
        return {"statutes": [CHARGE]}
    if kind == StepKind.SENTENCE:
        return {"detail": "Synthetic: 18 months' probation and no contact with election staff."}
    return {}


def _refer_and_follow(rng: random.Random, report: Report, agency: Agency, manager: User, liaison: User) -> int:
    """Refer one report, then record the steps of one weighted outcome at growing intervals."""
    referred_at = report.received_at + dt.timedelta(hours=rng.uniform(1, 96))
    zone = zones.zone_for(report)
    referred_day, today = zones.day_of(referred_at, zone), zones.today_in(zone)
    referral = services.report_refer(actor=manager, report=report, agency=agency, referred_on=min(referred_day, today))
    Referral.objects.filter(pk=referral.pk).update(referred_at=referred_at)
    _backdate_last_change(report, referred_at)
    kinds = rng.choices([kinds for kinds, _ in OUTCOMES], weights=[w for _, w in OUTCOMES])[0]
    day = referred_day
    for kind in kinds:
        day = min(day + dt.timedelta(days=rng.randint(0, 20)), today)
        step = services.step_record(
            actor=liaison,
            report=report,
            referral=referral,
            kind=kind,
            occurred_on=max(day, report.occurred_on),
            **_step_fields(rng, kind),
        )
        CaseStep.objects.filter(pk=step.pk).update(recorded_at=referred_at + (step.occurred_on - referred_day))
        report.refresh_from_db(fields=["status"])
    return len(kinds)


def case_work_demo(*, office: Office, agency: Agency, seed: int) -> CaseDemo:
    """Triage the home office's older reports, refer its gravest and follow them up."""
    rng = random.Random(seed)  # noqa: S311 (not secret)
    manager = User.objects.filter(role=Role.OFFICE_MANAGER, office=office).earliest("pk")
    liaison = User.objects.filter(role=Role.LIAISON, agency=agency).earliest("pk")
    reports = list(Report.objects.filter(office=office).order_by("received_at"))
    recent = timezone.now() - dt.timedelta(days=2)
    gravest = [r for r in reports if r.primary_threat_type in GRAVEST][-DEMO_REFERRALS:]
    triaged = referred = steps = 0
    for report in reports:
        if report.received_at < recent and rng.random() < 0.85:
            _triage(rng, report, manager)
            triaged += 1
    for report in gravest:
        report.refresh_from_db(fields=["status"])
        steps += _refer_and_follow(rng, report, agency, manager, liaison)
        referred += 1
    return CaseDemo(triaged=triaged, referred=referred, steps=steps)
