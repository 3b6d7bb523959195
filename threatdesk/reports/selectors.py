"""Reads for reports: filtered lists, one report for a user, the timeline, a receipt lookup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.http import Http404

from threatdesk.accounts.models import Role, User
from threatdesk.assessment.engine import LEVEL_NAMES
from threatdesk.assessment.playbook import Guidance, guidance_for
from threatdesk.audit.models import AuditEvent
from threatdesk.audit.selectors import events_for
from threatdesk.cases.taxonomy import StepKind
from threatdesk.laws.suggest import Suggestion, suggest
from threatdesk.lib.codes import lookup_code
from threatdesk.places.models import Agency
from threatdesk.reports import assessing
from threatdesk.reports.access import Words, may_identify_reporter, may_see_personal_data, words_version
from threatdesk.reports.models import CustodyEntry, Evidence, Report, ReportQuerySet, ReportThreatType
from threatdesk.reports.redaction import filer_account, without_reporter
from threatdesk.reports.taxonomy import Status


@dataclass(frozen=True)
class ReportFilters:
    """What a staff list can be narrowed by; every value is a code, never free text."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    threat_type: str = ""
    channel: str = ""
    status: str = ""
    state: str = ""


def report_list(user: Any, filters: ReportFilters | None = None) -> ReportQuerySet:
    qs = Report.objects.visible_to(user).select_related("state", "county", "office")
    qs = qs.prefetch_related(Prefetch("threat_types", queryset=ReportThreatType.objects.order_by("position")))
    f = filters or ReportFilters()
    if f.date_from:
        qs = qs.filter(occurred_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(occurred_on__lte=f.date_to)
    if f.threat_type:
        qs = qs.filter(threat_types__code=f.threat_type)
    if f.channel:
        qs = qs.filter(channel=f.channel)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.state:
        qs = qs.filter(state__code=f.state.upper())
    return qs


def report_for(user: Any, code: str) -> Report:
    """The report with this public code if `user` may see it; 404 otherwise, found or not."""
    try:
        return report_list(user).get(public_code=lookup_code(code))
    except Report.DoesNotExist as exc:
        raise Http404("No such report") from exc


# What a receipt code opens: progress and the stored assessment (no words, no people). The receipt
# page, in the session that filed the report, reads the rest to choose its advice from the report
# alone (`assessing.assessed_alone`).
RECEIPT_FIELDS = ("public_code", "status", "received_at", "updated_at", "channel", "severity", "severity_override", "indicators")


# Guessing receipt codes without a login: 30 a minute per client address, for all workers together,
# counted once across the API and the pages.
RECEIPT_RATE = "30/m"


def report_by_receipt(code: str) -> Report:
    """For the public status page: the receipt code alone opens the status, nothing more."""
    try:
        return Report.objects.only(*RECEIPT_FIELDS).get(public_code=lookup_code(code))
    except Report.DoesNotExist as exc:
        raise Http404("No such report") from exc


def report_with_personal_data_for(user: Any, code: str) -> Report:
    """A report whose words and evidence `user` may handle. Roles that see only its coded facts
    get 404 here too: for them the evidence does not exist."""
    report = report_for(user, code)
    if not may_see_personal_data(user, report):
        raise Http404("No such report")
    return report


def evidence_for(user: Any, report_code: str, evidence_code: str) -> Evidence:
    report = report_with_personal_data_for(user, report_code)
    try:
        return report.evidence.get(public_code=lookup_code(evidence_code), destroyed_at__isnull=True)
    except Evidence.DoesNotExist as exc:
        raise Http404("No such evidence") from exc


@dataclass(frozen=True)
class TimelineItem:
    at: dt.datetime
    actor: str
    what: str
    detail: str = ""


ACTION_LABELS = {
    "reports.report.revealed": "Original words revealed to law enforcement",
    "reports.report.revealed_read": "Revealed words read by law enforcement",
    "cases.report.referred": "Referred to law enforcement",
    "cases.report.status_changed": "Status changed",
    "cases.report.assigned": "Assigned",
    "cases.report.linked": "Linked to another report",
    "cases.report.merged": "Merged into another report as a duplicate",
    "cases.report.merged_in": "A duplicate was merged into this report",
    "cases.referral.numbered": "Agency case number recorded",
    "cases.step.recorded": "Law enforcement",
    "reports.report.personal_data_erased": "Personal data erased under the retention policy",
    "reports.report.submitted": "Report received",
    "reports.report.imported": "Report imported",
    "reports.evidence.added": "Evidence attached",
    "reports.evidence.opened": "Evidence opened",
    "reports.evidence.integrity_failed": "Evidence failed its integrity check",
    "cases.packet.generated": "Case packet generated for prosecutors",
    "cases.report.indicators_exported": "Sender indicators exported (STIX 2.1)",
    "cases.notification.sent": "Notification mailed",
    "cases.notification.abandoned": "Notification could not be mailed",
    "cases.notification.withheld": "Notification withheld from accounts no longer entitled to it",
    "reports.report.level_overridden": "Level set by hand",
}


def _action_label(action: str) -> str:
    """An event's name in words; one without a label yet reads as words too, never as a key."""
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    return " ".join(action.split(".")[1:]).replace("_", " ").capitalize() or action


# Someone read the report's personal data in the clear. The audit trail keeps every reading; the
# timeline, a record of what was done about the report, would drown in them, so it leaves them out.
ORIGINALS_READ = "reports.report.originals_read"
REVEALED_READ = "reports.report.revealed_read"
# Readings are for the access log, not the timeline: they would list every visit to the page.
READINGS = (ORIGINALS_READ, REVEALED_READ)


FILER_LABEL = "the filer"
# The custody chain stays whole for every reader; a liaison does not learn another agency's people.
OTHER_AGENCY_LABEL = "another agency"


def _label(choices: Any, code: str) -> str:
    return str(choices(code).label) if code in choices.values else code


PARTNER_KEYS = ("other", "into", "duplicate")  # another report's code, in link and merge events
NOTICES = "cases.notification."  # mail the outbox sent, gave up on or withheld, about the report


def _is_notice(event: AuditEvent) -> bool:
    return event.action.startswith(NOTICES)


# Case-work events that name the agency they concern: the timeline says which.
AGENCY_EVENTS = {"cases.report.referred", "cases.step.recorded", "cases.referral.numbered"}


def _detail_of(event: AuditEvent, partners: set[str], agencies: dict[str, str] | None = None) -> str:
    """What the timeline says beside an event: only codes and labels, never free text. Another
    report's code only when the reader may open that report (a code is also its receipt); an
    agency's name from `agencies` (by code) for the referral, case number or step it concerns,
    which a liaison's timeline holds only for their own agency (`_shown_to`)."""
    payload = event.payload or {}
    if "evidence" in payload:
        return f"{payload['evidence']} ({payload.get('kind') or payload.get('purpose', '')})"
    agency = (agencies or {}).get(str(payload.get("agency", "")), "") if event.action in AGENCY_EVENTS else ""
    if event.action == "cases.step.recorded":
        kind = _label(StepKind, payload.get("kind", ""))
        return f"{kind} ({agency})" if agency else kind
    if event.action == "cases.report.referred" and agency:
        return f"{agency} (sent again)" if payload.get("again") else agency
    if agency:
        return agency
    if event.action == "cases.report.status_changed":
        return f"{_label(Status, payload.get('from', ''))} to {_label(Status, payload.get('to', ''))}"
    if _is_notice(event):
        return _notification_detail(payload)
    for key in PARTNER_KEYS:
        if key in payload:
            return str(payload[key]) if payload[key] in partners else "a report you cannot open"
    return ""


def _notification_detail(payload: dict[str, Any]) -> str:
    counts = [("sent", "recipients"), ("not delivered", "failed"), ("not delivered", "undelivered"), ("withheld", "withheld")]
    return ", ".join(f"{payload[key]} {what}" for what, key in counts if payload.get(key))


def _timeline_item(event: AuditEvent, actor: str, partners: set[str], agencies: dict[str, str]) -> TimelineItem:
    return TimelineItem(event.at, actor, _action_label(event.action), _detail_of(event, partners, agencies))


def _agencies_named(events: list[AuditEvent]) -> dict[str, str]:
    """The names of the agencies the events concern, by code."""
    codes = {str(e.payload["agency"]) for e in events if e.action in AGENCY_EVENTS and "agency" in (e.payload or {})}
    return dict(Agency.objects.filter(public_code__in=codes).values_list("public_code", "name")) if codes else {}


def _other_agencies_liaisons(user: Any, actor_ids: Iterable[int | None]) -> set[int]:
    """For a liaison, the accounts among `actor_ids` that are liaisons of another agency: what
    they did on a report (read it, opened its evidence, made its packet) tells of their agency's
    referral, which this liaison does not see."""
    if getattr(user, "role", None) != Role.LIAISON:
        return set()
    others = User.objects.filter(pk__in={a for a in actor_ids if a is not None}, role=Role.LIAISON)
    return set(others.exclude(agency_id=user.agency_id).values_list("pk", flat=True))


def _shown_to(user: Any, events: list[AuditEvent]) -> Any:
    """Which events a reader's timeline holds: the filer misses steps law enforcement did not
    share with them; a liaison misses other agencies' referrals and steps, and whatever another
    agency's liaisons did. Neither sees the mail sent about the report (`_without_notices`)."""
    role = getattr(user, "role", None)
    if role == Role.REPORTER:
        return _without_notices(lambda event: (event.payload or {}).get("filer", True) is not False)
    if role == Role.LIAISON:
        own = user.agency.public_code if user.agency_id else None
        others = _other_agencies_liaisons(user, (e.actor_id for e in events))
        return _without_notices(lambda event: (event.payload or {}).get("agency", own) == own and event.actor_id not in others)
    return lambda event: True


def _without_notices(shown: Callable[[AuditEvent], bool]) -> Callable[[AuditEvent], bool]:
    """`shown` less the notices mailed, which are for staff to see. A notice tells whom the
    office mailed and when: staff of an urgent report, an agency's liaisons of its referral, the
    filer of a step shared with them. Its row would tell a liaison of another agency's referral
    and steps, and a filer of what staff were told. Rather than sort notices by whom they went
    to, filers and liaisons see none: they were mailed their own, and read on the timeline the
    referral or step it told of. One rule also covers the notices recorded before they named
    the agency they told, which no sorting could place."""
    return lambda event: not _is_notice(event) and shown(event)


def _partners_shown(user: Any, events: list[AuditEvent]) -> set[str]:
    codes = {str(e.payload[k]) for e in events for k in PARTNER_KEYS if k in (e.payload or {})}
    if not codes:
        return set()
    return set(Report.objects.visible_to(user).filter(public_code__in=codes).values_list("public_code", flat=True))


# Retention's key in `personal_data_erased` once it has cut the report's link to its filer.
REPORTER_ERASED = "reporter"


def _filer_id(report: Report) -> int | None:
    """The account that filed the report. Once retention has cut the report's link to it, the
    account is still the actor of the report's first event, and must stay unnamed there."""
    if report.reporter_id is not None:
        return report.reporter_id
    if REPORTER_ERASED not in (report.personal_data_erased or {}):
        return None
    submitted = events_for(report).filter(action="reports.report.submitted").order_by("seq")
    return submitted.values_list("actor_id", flat=True).first()


def _actor_shown(user: Any, report: Report, identify_reporter: bool | None = None) -> Any:
    """How a step's actor is named to `user`: the filer's account name only to readers the filer
    agreed may know who they are (or as `identify_reporter` says for what the reader passes on),
    and to nobody once retention has erased who filed."""
    filer = _filer_id(report)
    erased = report.reporter_id is None
    if identify_reporter is None:
        identify_reporter = may_identify_reporter(user, report)
    hide = filer is not None and (erased or not identify_reporter)

    def shown(actor_id: int | None, label: str) -> str:
        return FILER_LABEL if hide and actor_id == filer else label

    return shown


def report_timeline(user: Any, report: Report, *, identify_reporter: bool | None = None) -> list[TimelineItem]:
    """Every recorded step on the report, oldest first, from the audit trail."""
    shown = _actor_shown(user, report, identify_reporter)
    events = list(events_for(report).exclude(action__in=READINGS))
    events = list(filter(_shown_to(user, events), events))
    partners, agencies = _partners_shown(user, events), _agencies_named(events)
    return [_timeline_item(event, shown(event.actor_id, event.actor_label), partners, agencies) for event in events]


def _custody_detail(entry: CustodyEntry) -> str:
    return "; ".join(filter(None, ["hash verified" if entry.sha256_verified else "", entry.note]))


@dataclass(frozen=True)
class EvidenceItem:
    evidence: Evidence
    custody: list[TimelineItem]


def evidence_with_custody(user: Any, report: Report, *, identify_reporter: bool | None = None) -> list[EvidenceItem]:
    """The report's evidence, each with its chain of custody, actors named as for the timeline."""
    shown = _actor_shown(user, report, identify_reporter)
    evidence = list(report.evidence.prefetch_related("custody"))
    others = _other_agencies_liaisons(user, (c.actor_id for item in evidence for c in item.custody.all()))

    def actor(entry: CustodyEntry) -> str:
        return OTHER_AGENCY_LABEL if entry.actor_id in others else shown(entry.actor_id, entry.actor_label)

    return [
        EvidenceItem(item, [TimelineItem(c.at, actor(c), c.get_action_display(), _custody_detail(c)) for c in item.custody.all()])
        for item in evidence
    ]


@dataclass(frozen=True)
class ReportWords:
    version: str  # access.Words
    narrative: str | None
    message_text: str | None
    sender_description: str | None = None  # only with the original words: it is the filer's own text
    platform: str | None = None  # as the filer wrote it, only with the original words; all read its code


def words_for(user: Any, report: Report, *, identify_reporter: bool | None = None) -> ReportWords:
    """The narrative, exact words, sender description and platform `user` may read: the original
    (without the filer, unless the filer agreed this reader may know them, or `identify_reporter`
    says otherwise for what the reader passes on), the redacted copy, or nothing. The platform as
    written goes only with the original; everyone reads its code (`report.platform_code`)."""
    version = words_version(user, report)
    if version == Words.ORIGINAL:
        texts = [report.narrative, report.message_text, report.sender_description, report.platform]
        if identify_reporter is None:
            identify_reporter = may_identify_reporter(user, report)
        if not identify_reporter:
            texts = without_reporter(vars(report), texts, *filer_account(report))
        return ReportWords(version, *texts)
    if version == Words.REDACTED:
        return ReportWords(version, report.narrative_redacted, report.message_text_redacted)
    return ReportWords(version, None, None)


@dataclass(frozen=True)
class ReporterIdentity:
    account: str
    name: str
    email: str
    phone: str


def reporter_identity(user: Any, report: Report) -> ReporterIdentity | None:
    """Who filed, for a reader the filer agreed may know; None for everyone else."""
    if not may_identify_reporter(user, report):
        return None
    contact = report.reporter_contact or {}
    account = report.reporter.get_username() if report.reporter_id and report.reporter else ""
    name = contact.get("name") or filer_account(report)[0]
    return ReporterIdentity(account, name, contact.get("email", ""), contact.get("phone", ""))


SENDER_FIELDS = ("sender_name", "sender_phones", "sender_emails", "sender_handles", "sender_description")


@dataclass(frozen=True)
class Reading:
    """A report's personal data as one reader gets it: the words and, where allowed, who filed."""

    report: Report
    words: ReportWords
    reporter: ReporterIdentity | None

    @property
    def in_clear(self) -> tuple[str, ...]:
        """The names, never the values, of the personal fields this reader gets in the clear: what
        the audit trail records about a reading. Empty when they get only copies and coded facts."""
        shown = []
        if self.words.version == Words.ORIGINAL:
            shown += [name for name in ("narrative", "message_text", "platform") if getattr(self.words, name)]
            if any(getattr(self.report, name) for name in SENDER_FIELDS):
                shown.append("sender")
        if self.reporter is not None and any(vars(self.reporter).values()):
            shown.append("reporter")
        return tuple(shown)


def reading_for(user: Any, report: Report) -> Reading:
    """What of `report`'s personal data `user` reads, decided by the rules of `access`."""
    return Reading(report, words_for(user, report), reporter_identity(user, report))


@dataclass(frozen=True)
class AssessmentShown:
    """The assessment as one reader may know it. `assessed` is the engine's level, `level` the one
    in force (a level set by staff, else the engine's)."""

    assessed: int | None
    level: int | None
    reasons: list[str]
    indicators: list[dict[str, Any]]

    @property
    def indicator_codes(self) -> list[str]:
        return [i["code"] for i in self.indicators]


def assessment_for(user: Any, report: Report) -> AssessmentShown:
    """The assessment as `user` reads it: staff get the whole of it; anyone else (the filer) the
    report assessed from itself alone (`assessing.assessed_alone`), with nothing drawn from other
    records: a level, an indicator or advice that came from a protected person's record would
    tell whoever typed a name or an address that it is a protected worker's."""
    if getattr(user, "is_staff_role", False):
        reasons, indicators = list(report.severity_reasons or []), list(report.indicators or [])
        return AssessmentShown(report.severity, report.level, reasons, indicators)
    alone = assessing.assessed_alone(report)
    level = report.severity_override if report.severity_override is not None else alone.level
    reasons = [f"Level {level} ({LEVEL_NAMES[level]})."] if level in LEVEL_NAMES else []
    return AssessmentShown(alone.level, level, reasons, alone.indicators)


def severity_for(user: Any, report: Report, threat_types: list[str] | None = None) -> int | None:
    """The engine's level as `user` may know it (`assessment_for`), without the rest."""
    if getattr(user, "is_staff_role", False):
        return report.severity
    return assessing.assessed_alone(report, threat_types).level


def report_guidance(report: Report, shown: AssessmentShown) -> Guidance:
    """The playbook's advice for this report, from its level, channel, types and indicators as
    the reader may know them (`assessment_for`)."""
    return guidance_for(
        level=shown.level,
        channel=report.channel,
        threat_types=report.threat_type_codes,
        indicators=shown.indicator_codes,
    )


SUGGESTIONS_SHOWN = 6


def statute_suggestions(report: Report) -> list[Suggestion]:
    """Provisions that may apply to the report, best first, for law-enforcement review."""
    return suggest(
        state=report.state.code,
        channel=report.channel,
        target_role=report.target_role,
        threat_types=report.threat_type_codes,
        indicators=[i["code"] for i in report.indicators or []],
        occurred_on=report.occurred_on,
    )[:SUGGESTIONS_SHOWN]


PSEUDONYM_LENGTH = 12


def sender_pseudonyms(report: Report) -> list[tuple[str, str]]:
    """(kind, pseudonym) for the sender's identifiers: the keyed hash, shortened for reading.

    Two reports from one phone number show the same pseudonym, whoever reads them, without the
    number itself ever leaving the database's sealed columns.
    """
    return pseudonyms_of(report.sender_identifiers.values_list("kind", "digest"))


def pseudonyms_of(identifiers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(kind, pseudonym) for (kind, digest) pairs, in the order pages show them."""
    return [(kind, digest[:PSEUDONYM_LENGTH]) for kind, digest in sorted(identifiers)]
