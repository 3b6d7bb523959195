"""Writes for case work: refer, move status, assign, link and merge, record law-enforcement
steps. Each is one transaction with its audit entry; a refused request raises ReportInputError
naming the field and writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NoReturn

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from threatdesk.accounts.models import Role, User
from threatdesk.audit import services as audit
from threatdesk.cases import notifications, transitions
from threatdesk.cases.models import (
    CaseStep,
    DeclineReason,
    LinkKind,
    Referral,
    ReferralStatus,
    ReportLink,
    StatusChange,
    StepKind,
)
from threatdesk.cases.selectors import OPEN_REFERRALS, merged_into
from threatdesk.laws.statutes import provisions_for
from threatdesk.lib.text import shown_or_empty, tidy
from threatdesk.places import zones
from threatdesk.places.models import Agency
from threatdesk.places.selectors import agencies_serving
from threatdesk.reports.models import Report
from threatdesk.reports.services import FieldError, ReportInputError
from threatdesk.reports.taxonomy import Status

MIN_REASON = 10


def refuse(field: str, message: str) -> NoReturn:
    raise ReportInputError([FieldError(field, message)])


def _require_reason(reason: str, what: str, *, optional: bool = False) -> str:
    """A reason tidied and checked; an `optional` one may be empty but not too short."""
    reason = tidy(reason)
    if (reason or not optional) and len(reason) < MIN_REASON:
        refuse("reason", f"say why {what}, in at least {MIN_REASON} characters")
    return reason[:500]


# How a refusal speaks of a report the actor may not open, as the timeline does: a report's code
# is also its receipt code, which opens its status page.
HIDDEN_REPORT = "a report you cannot open"


def _may_open(actor: Any, report: Report) -> bool:
    return Report.objects.visible_to(actor).filter(pk=report.pk).exists()


def _lock(report: Report) -> Report:
    """Hold the report's row for the rest of the transaction and refresh what decisions read,
    so two people acting at once are served one after the other, each seeing the other's change."""
    locked = Report.objects.select_for_update().only("pk", "status").get(pk=report.pk)
    report.status = locked.status
    return report


def _lock_referral(referral: Referral) -> Referral:
    """As `_lock`, for a referral whose status a write decides from: a page loaded before a
    colleague's decline must not undo it."""
    locked = Referral.objects.select_for_update().only("pk", "status", "status_changed_at", "resent_at").get(pk=referral.pk)
    referral.status, referral.status_changed_at = locked.status, locked.status_changed_at
    referral.resent_at = locked.resent_at
    return referral


def _touch(report_id: int) -> None:
    """Case work changed the report: retention counts its term from now (`retention.at_rest`)."""
    Report.objects.filter(pk=report_id).update(updated_at=timezone.now())


def _refuse_if_merged(actor: Any, report: Report, what: str) -> None:
    """A merged duplicate's case goes on in the report it was merged into: say which, to those
    who may open it."""
    if (parent := merged_into(report)) is None:
        return
    if not _may_open(actor, parent):
        refuse("status", f"this report was merged into {HIDDEN_REPORT}, where its case goes on")
    refuse("status", f"this report was merged into {parent.public_code}: {what} that one")


# --- status ---------------------------------------------------------------------------------


def _move(*, actor: Any, report: Report, target: str, reason: str = "") -> None:
    """Move `report` to `target` as the transition table allows, recording the change."""
    has_referral = report.referrals.exists()  # type: ignore[attr-defined]
    try:
        transitions.check(report.status, target, reason=reason, has_referral=has_referral)
    except transitions.TransitionError as exc:
        refuse(exc.field, str(exc))
    StatusChange.objects.create(report=report, from_status=report.status, to_status=target, actor=actor)
    Report.objects.filter(pk=report.pk).update(status=target, updated_at=timezone.now())
    audit.log(
        "cases.report.status_changed",
        actor=actor,
        obj=report,
        reason=reason,
        payload={"from": report.status, "to": target},
    )
    report.status = target


@transaction.atomic
def status_change(*, actor: Any, report: Report, target: str, reason: str = "") -> Report:
    """Staff move a report's status; closing and reopening need a reason. A merged duplicate
    stays closed: its case goes on in the report it was merged into."""
    reason = _require_reason(reason, "the status changes", optional=True)
    _lock(report)
    if report.status == Status.CLOSED:
        _refuse_if_merged(actor, report, "reopen")
    _move(actor=actor, report=report, target=target, reason=reason)
    return report


# --- referral -------------------------------------------------------------------------------


def agency_serves(agency: Agency, report: Report) -> bool:
    return agencies_serving(report.state).filter(pk=agency.pk).exists()


@transaction.atomic
def report_refer(
    *,
    actor: Any,
    report: Report,
    agency: Agency,
    reason: str = "",
    referred_on: dt.date | None = None,
    agency_case_number: str = "",
) -> Referral:
    """Refer `report` to `agency`; an agency outside the report's state needs a stated reason. An
    agency that declined or closed the report may be sent it again (`_send_again`). A
    closed report is reopened first, with its reason: referring it as it stands would send the
    agency a case the office's queue, the filer and retention all take for finished."""
    today = zones.today_in(zones.zone_for(report))  # the day where the report is, not the server's
    referred_on = referred_on or today
    outside = not agency_serves(agency, report)
    reason = _require_reason(reason, f"{agency.name}, outside {report.state.name}, should have this report", optional=not outside)
    _lock(report)  # the status decides whether the filer is told; told once
    _refuse_if_merged(actor, report, "refer")
    if report.status == Status.CLOSED:
        refuse("status", "this report is closed: reopen it first, saying why, then refer it")
    if referred_on > today or referred_on < report.occurred_on:
        refuse("referred_on", "the referral date must be between the day it happened and today")
    number = tidy(agency_case_number)[:60]
    if (earlier := Referral.objects.filter(report=report, agency=agency).first()) is not None:
        referral = _send_again(earlier, referred_on=referred_on, number=number)
        payload = {"agency": agency.public_code, "again": True}
    else:
        referral = _create_referral(actor, report, agency, referred_on=referred_on, number=number)
        payload = {"agency": agency.public_code}
    audit.log("cases.report.referred", actor=actor, obj=report, reason=reason, payload=payload)
    notifications.notify_referral(referral)
    if report.status in (Status.NEW, Status.TRIAGED):
        _move(actor=actor, report=report, target=Status.REFERRED)
        notifications.notify_filer_of_step(report, notifications.REFERRED_STEP)
    return referral


def _create_referral(actor: Any, report: Report, agency: Agency, *, referred_on: dt.date, number: str) -> Referral:
    try:
        with transaction.atomic():
            return Referral.objects.create(
                report=report,
                agency=agency,
                referred_by=actor,
                referred_on=referred_on,
                agency_case_number=number,
                status=ReferralStatus.ACCEPTED if number else ReferralStatus.SENT,
            )
    except IntegrityError:
        refuse("agency", f"already referred to {agency.name}")


def _send_again(referral: Referral, *, referred_on: dt.date, number: str) -> Referral:
    """Send a report back to an agency that declined or closed it (new information, a sender now
    named): its referral is open again, from `referred_on`, and the steps of its case count from
    now. The earlier steps, the decline among them, stay on the record; the first referral's date
    stays too, for the time figures."""
    _lock_referral(referral)
    if referral.status in OPEN_REFERRALS:
        refuse("agency", f"already referred to {referral.agency.name}")
    if referred_on < referral.referred_on:
        refuse("referred_on", f"it was first referred on {referral.referred_on:%d %B %Y}: send it again on or after that day")
    referral.agency_case_number = number or referral.agency_case_number
    referral.status = ReferralStatus.ACCEPTED if number else ReferralStatus.SENT
    referral.status_changed_at = referral.resent_at = timezone.now()
    referral.resent_on = referred_on
    referral.save(update_fields=["agency_case_number", "status", "status_changed_at", "resent_at", "resent_on"])
    return referral


@transaction.atomic
def referral_case_number(*, actor: Any, referral: Referral, number: str) -> Referral:
    """The agency's own case number; giving one marks the referral accepted."""
    number = tidy(number)
    if not number:
        refuse("agency_case_number", "give the agency's case number")
    if len(number) > 60:
        refuse("agency_case_number", "a case number has at most 60 characters")
    _lock_referral(referral)
    referral.agency_case_number = number
    fields = ["agency_case_number"]
    if referral.status == ReferralStatus.SENT:
        referral.status, referral.status_changed_at = ReferralStatus.ACCEPTED, timezone.now()
        fields += ["status", "status_changed_at"]
    referral.save(update_fields=fields)
    _touch(referral.report_id)
    audit.log("cases.referral.numbered", actor=actor, obj=referral.report, payload={"agency": referral.agency.public_code})
    return referral


# --- assignment -----------------------------------------------------------------------------


def assignable_users(report: Report) -> QuerySet[User]:
    """Who may take a report on: the office's managers and the state's coordinators."""
    scope = Q(role=Role.OFFICE_MANAGER, office_id=report.office_id) if report.office_id else Q(pk__in=[])
    scope |= Q(role=Role.STATE_COORDINATOR, state_id=report.state_id)
    return User.objects.filter(scope, is_active=True).order_by("username")


@transaction.atomic
def report_assign(*, actor: Any, report: Report, assignee: User | None) -> Report:
    """Give the report to one person to move along (or to no one)."""
    if assignee is not None and not assignable_users(report).filter(pk=assignee.pk).exists():
        refuse("assignee", "assign to a manager of the report's office or a coordinator of its state")
    Report.objects.filter(pk=report.pk).update(assigned_to=assignee)
    report.assigned_to = assignee
    audit.log(
        "cases.report.assigned",
        actor=actor,
        obj=report,
        payload={"to": assignee.username if assignee else None},
    )
    return report


# --- links and merges -----------------------------------------------------------------------


def _links_between(a: Report, b: Report) -> QuerySet[ReportLink]:
    return ReportLink.objects.filter(Q(from_report=a, to_report=b) | Q(from_report=b, to_report=a))


def _check_pair(actor: Any, report: Report, other: Report | None) -> Report:
    if other is None or not _may_open(actor, other):
        refuse("other", "no report with that code that you may open")
    if other.pk == report.pk:
        refuse("other", "a report cannot be linked to itself")
    return other


@transaction.atomic
def reports_link(*, actor: Any, report: Report, other: Report | None, kind: str) -> ReportLink:
    """Say that two reports belong together (same sender or same campaign)."""
    if kind not in (LinkKind.SAME_SENDER, LinkKind.SAME_CAMPAIGN):
        refuse("kind", "choose same sender or same campaign")
    other = _check_pair(actor, report, other)
    if _links_between(report, other).exists():
        refuse("other", f"already linked to {other.public_code}")
    link = ReportLink.objects.create(from_report=report, to_report=other, kind=kind, created_by=actor)
    for obj, partner in ((report, other), (other, report)):
        audit.log("cases.report.linked", actor=actor, obj=obj, payload={"kind": kind, "other": partner.public_code})
    return link


def _refuse_leaving_a_referral_behind(duplicate: Report, into: Report) -> None:
    """An agency works the report it was given: merging that report away would leave its case
    on a closed duplicate while the report carrying the case on shows no referral."""
    referred = Referral.objects.filter(report=duplicate).exclude(agency__referrals__report=into)
    agencies = sorted(referred.values_list("agency__name", flat=True))
    if agencies:
        refuse(
            "other",
            f"{duplicate.public_code} is referred to {', '.join(agencies)} and {into.public_code} is not:"
            f" merge {into.public_code} into {duplicate.public_code} instead",
        )


def _carry_duplicates(actor: Any, duplicate: Report, into: Report) -> None:
    """The reports already merged into `duplicate` go on in `into` with it: left pointing at a
    closed duplicate, their filers' pages would never follow the case where it goes on."""
    for link in ReportLink.objects.filter(to_report=duplicate, kind=LinkKind.DUPLICATE).select_related("from_report"):
        earlier = link.from_report
        _links_between(earlier, into).delete()
        ReportLink.objects.filter(pk=link.pk).update(to_report=into)
        payload = {"into": into.public_code, "with": duplicate.public_code}
        audit.log("cases.report.merged", actor=actor, obj=earlier, payload=payload)
        audit.log("cases.report.merged_in", actor=actor, obj=into, payload={"duplicate": earlier.public_code})


@transaction.atomic
def report_merge(*, actor: Any, duplicate: Report, into: Report | None, reason: str) -> ReportLink:
    """Merge `duplicate` into `into`: both records and their histories stay; the duplicate is
    closed and points at the report that carries the case on."""
    reason = _require_reason(reason, "these are the same incident")
    into = _check_pair(actor, duplicate, into)
    # Both rows, in primary-key order: a merge of either report meanwhile (into a third, or the
    # other way round) is then served before or after this one, never between its checks and its
    # link, and two opposite merges wait in turn rather than deadlock.
    for report in sorted((duplicate, into), key=lambda r: r.pk):
        _lock(report)
    if _links_between(duplicate, into).filter(kind=LinkKind.DUPLICATE).exists():
        refuse("other", f"already merged with {into.public_code}")
    if merged_into(duplicate) is not None:
        refuse("other", f"{duplicate.public_code} is already merged")
    if (parent := merged_into(into)) is not None:
        if not _may_open(actor, parent):
            refuse("other", f"{into.public_code} is itself merged into {HIDDEN_REPORT}")
        refuse("other", f"{into.public_code} is itself merged into {parent.public_code}: merge into that one")
    _refuse_leaving_a_referral_behind(duplicate, into)
    # A "same sender" or "same campaign" link between the two gives way: a duplicate is both.
    _links_between(duplicate, into).delete()
    link = ReportLink.objects.create(from_report=duplicate, to_report=into, kind=LinkKind.DUPLICATE, created_by=actor)
    audit.log("cases.report.merged", actor=actor, obj=duplicate, reason=reason, payload={"into": into.public_code})
    audit.log("cases.report.merged_in", actor=actor, obj=into, payload={"duplicate": duplicate.public_code})
    _carry_duplicates(actor, duplicate, into)
    if duplicate.status != Status.CLOSED:
        _move(actor=actor, report=duplicate, target=Status.CLOSED, reason=f"duplicate of {into.public_code}")
    return link


# --- law-enforcement steps ------------------------------------------------------------------

CHARGE_KINDS = frozenset({StepKind.CHARGED, StepKind.PLEA, StepKind.CONVICTION, StepKind.ACQUITTAL, StepKind.DISMISSAL})
# What a court decides on a charge, and what only follows a finding of guilt.
ON_A_CHARGE = frozenset({StepKind.PLEA, StepKind.CONVICTION, StepKind.ACQUITTAL, StepKind.DISMISSAL})
GUILT = frozenset({StepKind.PLEA, StepKind.CONVICTION})
# The steps the referring office is mailed about: after a decline it decides whether to refer
# elsewhere; an outcome ends the case it handed on.
OFFICE_HEARS_OF = frozenset({StepKind.DECLINED, *ON_A_CHARGE, StepKind.SENTENCE})
# Once a case holds one of these, the agency has not declined it.
PROSECUTED = CHARGE_KINDS | {StepKind.SENTENCE}
# Who was identified or contacted stays with law enforcement.
NEVER_SHARED = frozenset({StepKind.SUBJECT_IDENTIFIED, StepKind.SUBJECT_CONTACTED})
REFERRAL_STATUS_AFTER: dict[str, str] = {
    StepKind.DECLINED: ReferralStatus.DECLINED,
    StepKind.CONVICTION: ReferralStatus.CLOSED,
    StepKind.SENTENCE: ReferralStatus.CLOSED,
    StepKind.ACQUITTAL: ReferralStatus.CLOSED,
    StepKind.DISMISSAL: ReferralStatus.CLOSED,
}


def _step_errors(
    report: Report, kind: str, occurred_on: dt.date | None, statutes: Sequence[str], decline_reason: str, detail: str
) -> list[FieldError]:
    """Everything wrong with a step, so the liaison can fix it all at once."""
    errors = []
    if kind not in StepKind.values:
        errors.append(FieldError("kind", "choose what happened from the list"))
    if occurred_on is None or occurred_on > zones.today_in(zones.zone_for(report)) or occurred_on < report.occurred_on:
        errors.append(FieldError("occurred_on", "the date must be between the day of the incident and today"))
    known = {p.citation for p in provisions_for(report.state.code)}
    if unknown := [c for c in statutes if c not in known]:
        errors.append(FieldError("statutes", f"not in the statute data for {report.state.name}: {', '.join(unknown)}"))
    if kind == StepKind.CHARGED and not statutes:
        errors.append(FieldError("statutes", "a charge needs at least one statute"))
    if statutes and kind not in CHARGE_KINDS:
        errors.append(FieldError("statutes", "statutes go with a charge, plea, conviction, acquittal or dismissal"))
    if kind == StepKind.DECLINED and decline_reason not in DeclineReason.values:
        errors.append(FieldError("decline_reason", "a decline needs a reason from the list"))
    if decline_reason and kind != StepKind.DECLINED:
        errors.append(FieldError("decline_reason", "a decline reason goes only with a decline"))
    if decline_reason == DeclineReason.OTHER and not detail:
        errors.append(FieldError("detail", "say what the other reason is"))
    if kind == StepKind.SENTENCE and not detail:
        errors.append(FieldError("detail", "say what the sentence is"))
    return errors


def _already_recorded(
    referral: Referral, kind: str, occurred_on: dt.date, statutes: Sequence[str], decline_reason: str, detail: str
) -> bool:
    """The same step twice (a double click, a form sent again) is one step. The detail is
    sealed, so it is compared here rather than in the query."""
    same = CaseStep.objects.filter(referral=referral, kind=kind, occurred_on=occurred_on, decline_reason=decline_reason)
    return any(step.statutes == list(statutes) and step.detail == detail for step in same.only("statutes", "detail"))


def _case_steps(referral: Referral) -> QuerySet[CaseStep]:
    """The steps of the referral's case, latest first: by the day they happened, then by entry.
    A report sent to the agency again starts a new case: those recorded since."""
    steps = CaseStep.objects.filter(referral=referral)
    if referral.resent_at is not None:
        steps = steps.filter(recorded_at__gte=referral.resent_at)
    return steps.order_by("-occurred_on", "-recorded_at", "-pk")


def _history_errors(referral: Referral, kind: str, occurred_on: dt.date) -> list[FieldError]:
    """What the step contradicts in the case so far: a court outcome with no charge before it, a
    sentence with no conviction or plea, a decline of a case already prosecuted."""
    steps = list(_case_steps(referral).values_list("kind", "occurred_on"))

    def before(kinds: frozenset[str]) -> bool:
        return any(k in kinds and on <= occurred_on for k, on in steps)

    if kind in ON_A_CHARGE and not before(frozenset({StepKind.CHARGED})):
        return [FieldError("kind", "record the charge first: a plea, conviction, acquittal or dismissal follows one")]
    if kind == StepKind.SENTENCE and not before(GUILT):
        return [FieldError("kind", "record the conviction or plea first: a sentence follows one")]
    if kind == StepKind.DECLINED and any(k in PROSECUTED for k, _on in steps):
        return [FieldError("kind", "this case holds a charge or a court outcome: the agency can no longer decline it")]
    return []


def _status_after_steps(referral: Referral) -> str:
    """The referral's status as its latest step by date says, whatever order they were entered
    in: a liaison who enters an earlier arrest after the conviction does not reopen the case."""
    latest = _case_steps(referral).values_list("kind", flat=True).first()
    if latest is None:
        return ReferralStatus.ACCEPTED if referral.agency_case_number else ReferralStatus.SENT
    return REFERRAL_STATUS_AFTER.get(latest, ReferralStatus.INVESTIGATING)


def _after_step(*, actor: Any, report: Report, referral: Referral, kind: str) -> None:
    """What a step changes: the referral's status and, once work starts, the report's."""
    new_status = _status_after_steps(referral)
    if referral.status != new_status:
        referral.status, referral.status_changed_at = new_status, timezone.now()
        referral.save(update_fields=["status", "status_changed_at"])
    if kind != StepKind.DECLINED and report.status == Status.REFERRED:
        _move(actor=actor, report=report, target=Status.UNDER_INVESTIGATION)


@transaction.atomic
def step_record(
    *,
    actor: Any,
    report: Report,
    referral: Referral,
    kind: str,
    occurred_on: dt.date | None,
    statutes: Sequence[str] = (),
    decline_reason: str = "",
    detail: str = "",
    withhold_from_filer: bool = False,
) -> CaseStep:
    """Record what the agency did. The detail is sealed; the filer sees the kind and date of
    steps they may see."""
    detail = shown_or_empty(detail).strip()[:2000]
    statutes = list(dict.fromkeys(statutes))
    errors = _step_errors(report, kind, occurred_on, statutes, decline_reason, detail)
    if errors or occurred_on is None:
        raise ReportInputError(errors)
    _lock(report)
    _lock_referral(referral)
    if _already_recorded(referral, kind, occurred_on, statutes, decline_reason, detail):
        refuse("kind", f"this {StepKind(kind).label.lower()} on {occurred_on:%d %B %Y} is already recorded")
    if errors := _history_errors(referral, kind, occurred_on):
        raise ReportInputError(errors)
    shared = kind not in NEVER_SHARED and not withhold_from_filer
    step = CaseStep.objects.create(
        report=report,
        referral=referral,
        kind=kind,
        occurred_on=occurred_on,
        statutes=statutes,
        decline_reason=decline_reason,
        detail=detail,
        shared_with_filer=shared,
        recorded_by=actor,
    )
    payload = {"kind": kind, "agency": referral.agency.public_code, "on": occurred_on.isoformat(), "filer": shared}
    if statutes:
        payload["statutes"] = statutes
    if decline_reason:
        payload["decline_reason"] = decline_reason
    audit.log("cases.step.recorded", actor=actor, obj=report, payload=payload)
    _touch(report.pk)
    _after_step(actor=actor, report=report, referral=referral, kind=kind)
    if shared:
        notifications.notify_filer_of_step(report, StepKind(kind).label)
    if kind in OFFICE_HEARS_OF:
        notifications.notify_office_of_step(report, referral, StepKind(kind).label)
    return step
