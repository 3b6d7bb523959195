"""Reads for case work: the triage queue, routing suggestions, links, the steps a user may
read, and what the filer is told."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q
from django.db.models.functions import Coalesce

from threatdesk.accounts.models import Role
from threatdesk.cases.access import may_read_step_detail
from threatdesk.cases.models import CaseStep, LinkKind, Referral, ReferralStatus, ReportLink
from threatdesk.cases.transitions import Transition, moves_from
from threatdesk.places.models import Agency
from threatdesk.reports.access import may_see_personal_data
from threatdesk.reports.models import Evidence, Report, ReportQuerySet, SenderIdentifier
from threatdesk.reports.selectors import EvidenceItem, evidence_with_custody
from threatdesk.reports.taxonomy import Channel, Status

QUEUE_STATUSES = (Status.NEW, Status.TRIAGED)
OPEN_REFERRALS = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.INVESTIGATING)
MAIL_CHANNELS = frozenset({Channel.POSTAL_MAIL, Channel.PACKAGE})


def with_effective_level(qs: ReportQuerySet) -> ReportQuerySet:
    """Annotate `effective_level` (Report.level in the database): the staff level when set, else
    the assessed one."""
    return qs.annotate(effective_level=Coalesce("severity_override", "severity"))


def triage_queue(
    user: Any, *, statuses: Sequence[str] = QUEUE_STATUSES, mine: bool = False, unassigned: bool = False
) -> ReportQuerySet:
    """Reports waiting for the user's attention, gravest first, then oldest first.

    For a liaison: reports referred to their agency whose referral is still open."""
    qs = Report.objects.visible_to(user).select_related("state", "county", "office", "assigned_to")
    if getattr(user, "role", None) == Role.LIAISON:
        open_here = Referral.objects.filter(agency_id=user.agency_id, status__in=OPEN_REFERRALS)
        qs = qs.filter(pk__in=open_here.values("report_id"))
    else:
        qs = qs.filter(status__in=statuses)
    if mine:
        qs = qs.filter(assigned_to=user)
    if unassigned:
        qs = qs.filter(assigned_to__isnull=True)
    return with_effective_level(qs).order_by(F("effective_level").desc(nulls_last=True), "received_at", "pk")


@dataclass(frozen=True)
class Route:
    """Where a report could go, and why."""

    why: str
    agency: Agency | None = None
    call: str = ""  # a number to call instead of an agency to refer to


def _first(qs: Any) -> Agency | None:
    return qs.order_by("name").first()


def _each(found: list[Agency], why: str, why_one_of_several: str) -> list[Route]:
    """A route to the one agency found, or to each of several, saying it is one of them: the
    directory knows which agencies cover a state or a county, not which covers a given place."""
    return [Route(why if len(found) == 1 else why_one_of_several, agency) for agency in found]


def routing_suggestions(report: Report) -> list[Route]:
    """Suggested recipients following the level, the channel and the place, most urgent first."""
    routes: list[Route] = []
    if report.level == 4:
        routes.append(Route("Imminent danger: call 911 now, then record the referral to the responding police.", call="911"))
    agencies = Agency.objects.all()
    if report.county_id:
        local = agencies.filter(county_id=report.county_id)
        for kind, why, several in (
            (Agency.Kind.SHERIFF, "The county sheriff has jurisdiction where it happened.", "A sheriff of the county"),
            (
                Agency.Kind.LOCAL_POLICE,
                "The city or town police where it happened.",
                "A city or town police department of the county",
            ),
        ):
            found = list(local.filter(kind=kind).order_by("name"))
            routes += _each(found, why, f"{several}: refer to the one for the place where it happened.")
    fbi = agencies.filter(kind=Agency.Kind.FBI_FIELD_OFFICE).filter(Q(state=report.state) | Q(covers_states=report.state))
    offices = sorted(set(fbi), key=lambda a: (a.state_id != report.state_id, a.name))  # home offices first
    routes += _each(
        offices,
        "The FBI field office covering the state: ask for its Election Crimes Coordinator.",
        f"One of the {len(offices)} FBI field offices that share {report.state.name}; the directory does not say which"
        " covers the county: ask the Election Crimes Coordinator of the one that does.",
    )
    if report.channel in MAIL_CHANNELS and (postal := _first(agencies.filter(kind=Agency.Kind.POSTAL_INSPECTION))):
        routes.append(Route("It came by mail: the Postal Inspection Service investigates threats sent through the mail.", postal))
    if prosecutor := _first(agencies.filter(kind=Agency.Kind.STATE_PROSECUTOR, state=report.state)):
        routes.append(Route("The state's attorney general or election-crimes unit.", prosecutor))
    referred = set(report.referrals.values_list("agency_id", flat=True))  # type: ignore[attr-defined]
    return [r for r in routes if r.agency is None or r.agency.pk not in referred]


def transitions_offered(report: Report) -> list[Transition]:
    """The moves the table allows from the report's status that make sense to offer now."""
    has_referral = report.referrals.exists()  # type: ignore[attr-defined]
    return [t for t in moves_from(report.status) if has_referral or not t.needs_referral]


@dataclass(frozen=True)
class LinkedReport:
    report: Report
    kind: str
    label: str


LINK_LABELS: dict[tuple[str, str], str] = {
    (LinkKind.DUPLICATE, "out"): "Merged into",
    (LinkKind.DUPLICATE, "in"): "Merged duplicate",
    (LinkKind.SAME_SENDER, "out"): "Same sender",
    (LinkKind.SAME_SENDER, "in"): "Same sender",
    (LinkKind.SAME_CAMPAIGN, "out"): "Same campaign",
    (LinkKind.SAME_CAMPAIGN, "in"): "Same campaign",
}


def linked_reports(user: Any, report: Report) -> list[LinkedReport]:
    """Reports linked to this one that the user may open, with how they are linked."""
    links = list(
        ReportLink.objects.filter(Q(from_report=report) | Q(to_report=report)).select_related("from_report", "to_report")
    )
    partners = {link.from_report_id for link in links} | {link.to_report_id for link in links}
    visible = set(Report.objects.visible_to(user).filter(pk__in=partners).values_list("pk", flat=True))
    found = []
    for link in links:
        direction = "out" if link.from_report_id == report.pk else "in"
        other = link.to_report if direction == "out" else link.from_report
        if other.pk in visible:
            found.append(LinkedReport(other, link.kind, LINK_LABELS[(link.kind, direction)]))
    return found


def same_sender_candidates(user: Any, report: Report, limit: int = 20) -> ReportQuerySet:
    """Other reports the user may open with a sender identifier in common, not yet linked."""
    digests = SenderIdentifier.objects.filter(report=report).values("digest")
    linked = ReportLink.objects.filter(Q(from_report=report) | Q(to_report=report))
    qs = Report.objects.visible_to(user).filter(sender_identifiers__digest__in=digests).exclude(pk=report.pk)
    qs = qs.exclude(pk__in=linked.values("to_report")).exclude(pk__in=linked.values("from_report"))
    return qs.distinct().order_by("received_at")[:limit]


@dataclass(frozen=True)
class StepView:
    step: CaseStep
    agency: str
    detail: str | None  # None: the user may not read it


def steps_for(user: Any, report: Report) -> list[StepView]:
    """The law-enforcement steps on the report the user may read, oldest first."""
    steps = CaseStep.objects.visible_to(user).filter(report=report).select_related("referral__agency")
    return [StepView(s, s.referral.agency.name, s.detail if may_read_step_detail(user, report, s) else None) for s in steps]


def merged_into(report: Report) -> Report | None:
    """The report a merged duplicate's case goes on in, or None."""
    link = ReportLink.objects.filter(from_report=report, kind=LinkKind.DUPLICATE).select_related("to_report").first()
    return link.to_report if link else None


def merged_duplicates(report: Report) -> list[Report]:
    """The reports merged into this one as duplicates, oldest merge first: their case goes on here."""
    links = ReportLink.objects.filter(to_report=report, kind=LinkKind.DUPLICATE).select_related("from_report")
    return [link.from_report for link in links.order_by("created_at", "pk")]


@dataclass(frozen=True)
class DuplicateFiles:
    """A merged duplicate's files as the surviving report's page shows them; `downloadable` if the
    reader may handle that duplicate's evidence (the download checks it again)."""

    report: Report
    evidence: list[EvidenceItem]
    downloadable: bool


@dataclass(frozen=True)
class MergedFiles:
    """The files of the duplicates merged into a report: by duplicate, for those the reader may
    open, and how many sit on those they may not (counted for staff only: a filer is not told
    that someone else filed)."""

    shown: list[DuplicateFiles]
    hidden: int


def merged_files(user: Any, report: Report, *, filer_view: bool) -> MergedFiles:
    """The case's evidence beyond the report's own, as the case packet carries it: a merge moves
    no file, so without this the surviving report's page would not show what the case holds."""
    duplicates = merged_duplicates(report)
    if not duplicates:
        return MergedFiles([], 0)
    visible = set(Report.objects.visible_to(user).filter(pk__in=[d.pk for d in duplicates]).values_list("pk", flat=True))
    shown = [
        DuplicateFiles(d, items, may_see_personal_data(user, d))
        for d in duplicates
        if d.pk in visible and (items := evidence_with_custody(user, d))
    ]
    unseen = [d.pk for d in duplicates if d.pk not in visible]
    if filer_view or not unseen:
        return MergedFiles(shown, 0)
    held = Evidence.objects.filter(report_id__in=unseen, destroyed_at__isnull=True)  # a destroyed file is held no more
    return MergedFiles(shown, held.count())


@dataclass(frozen=True)
class FilerProgress:
    """What the receipt-code status page shows: whether the report was merged into another, and
    the steps shared with the filer, kind and date only; for a merged duplicate, also those of
    the report its case goes on in."""

    merged: bool
    steps: list[CaseStep]


def filer_progress(report: Report) -> FilerProgress:
    parent = merged_into(report)
    reports = [report, parent] if parent else [report]
    steps = CaseStep.objects.filter(report__in=reports, shared_with_filer=True).order_by("occurred_on", "pk")
    return FilerProgress(parent is not None, list(steps.only("kind", "occurred_on", "decline_reason")))


def referrals_for(user: Any, report: Report) -> list[Referral]:
    return list(Referral.objects.visible_to(user).filter(report=report).select_related("agency"))


def own_referral(user: Any, report: Report) -> Referral | None:
    """The referral of `report` to the liaison's agency."""
    if getattr(user, "role", None) != Role.LIAISON or not user.agency_id:
        return None
    return Referral.objects.filter(report=report, agency_id=user.agency_id).select_related("agency").first()
