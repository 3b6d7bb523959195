"""Retention for reports: what each category of personal data is, and how it is erased.

Registered with the privacy layer's shredder registry; `manage.py retention` runs them. Only
closed reports unchanged since the cutoff are touched, whose case law enforcement is no longer
working (no open referral, no step recorded since the cutoff, on the report or on the one a
duplicate was merged into), and only while they still are: the rows are read locked, so a
report reopened while a run goes on is either left whole or reopened only once the run has
committed. The coded facts (date, place, channel, threat types, target role, severity, status)
stay, so statistics do not change.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from threatdesk.audit import services as audit
from threatdesk.cases.taxonomy import LinkKind, ReferralStatus
from threatdesk.privacy.registry import Shredder
from threatdesk.reports import assessing, listeners
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.models import CustodyEntry, Evidence, Report, SenderIdentifier
from threatdesk.reports.redaction import RedactionState, filer_taken_out, sender_taken_out
from threatdesk.reports.taxonomy import Status

WORDS, SENDER, REPORTER, EVIDENCE = "report_words", "sender", "reporter", "evidence"

# What each category clears on the report row. Erasing the words also takes their quotes out of
# the assessment (`unquoted`).
CLEARED: dict[str, dict[str, Any]] = {
    WORDS: {
        "narrative": "",
        "message_text": "",
        "narrative_redacted": "",
        "message_text_redacted": "",
        "sender_description": "",
        "platform": "",
        "redaction_state": RedactionState.ERASED,
        "protected_mentions": [],
    },
    SENDER: {"sender_name": "", "sender_phones": [], "sender_emails": [], "sender_handles": []},
    REPORTER: {"reporter_contact": {}, "reporter": None},
    EVIDENCE: {},
}


# A referral the agency still works: its case may yet need the words, the sender and the evidence.
OPEN_REFERRALS = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.INVESTIGATING)


def at_rest(cutoff: datetime) -> QuerySet[Report]:
    """Closed reports the policy may erase: unchanged since `cutoff`, and neither their own case
    nor, for a merged duplicate, the case of the report it was merged into still worked on
    (`case_worked_on`). The office may close its side while the agency's case goes on; a
    prosecutor then needs the evidence, the words and the sender for as long as it does, and for
    the policy's whole term after its last step. A duplicate's case goes on in the report it was
    merged into, whose case packet ships the duplicate's files."""
    closed = Report.objects.filter(status=Status.CLOSED, updated_at__lt=cutoff)
    worked_on = case_worked_on(cutoff)
    return closed.exclude(pk__in=worked_on).exclude(pk__in=merged_into_one_of(worked_on))


def case_worked_on(cutoff: datetime) -> QuerySet[Report]:
    """Reports whose case law enforcement still works: a referral still open, or a step recorded
    since `cutoff`."""
    referred = Report.objects.filter(referrals__status__in=OPEN_REFERRALS)
    stepped = Report.objects.filter(case_steps__recorded_at__gte=cutoff)
    return Report.objects.filter(Q(pk__in=referred) | Q(pk__in=stepped))


def merged_into_one_of(reports: QuerySet[Report]) -> QuerySet[Report]:
    """The duplicates merged into any of `reports` (`cases.selectors.merged_into`, by query)."""
    return Report.objects.filter(links_out__kind=LinkKind.DUPLICATE, links_out__to_report__in=reports)


def due(category: str, cutoff: datetime) -> QuerySet[Report]:
    """Reports at rest since `cutoff` (`at_rest`) that still hold this category."""
    return at_rest(cutoff).exclude(personal_data_erased__has_key=category)


def _destroy_evidence(report_ids: list[int]) -> None:
    """Mark each file destroyed now; delete the bytes only once the transaction has committed.
    The rows are locked as key rotation locks them, so the name deleted is the one it left."""
    items = list(Evidence.objects.select_for_update().filter(report_id__in=report_ids, destroyed_at__isnull=True))
    now = timezone.now()
    for item in items:
        CustodyEntry.objects.create(evidence=item, actor=None, actor_label="retention", action=CustodyEntry.Action.DESTROYED)
        transaction.on_commit(functools.partial(evidence_files.delete_sealed, item.stored_name))
    Evidence.objects.filter(pk__in=[i.pk for i in items]).update(destroyed_at=now, original_name="")


def unquoted(report_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each report's assessment without the quotes of its words (each indicator's evidence, the
    explanation), as when no redacted copy could be made: the codes, weights and level stay."""
    rows = Report.objects.filter(pk__in=report_ids).values_list("pk", "indicators", "severity")
    return {pk: assessing.without_quotes(indicators, level) for pk, indicators, level in rows}


# Whom a category takes out of the words as well: once their own fields are erased nothing knows
# them any more, and the words (kept longer) and every copy made again from them would name them.
TAKEN_OUT_OF_WORDS = {REPORTER: filer_taken_out, SENDER: sender_taken_out}


def taken_out_of_words(category: str, report_ids: list[int]) -> dict[int, dict[str, str]]:
    """Each report's free text that names whom `category` erases, with them taken out (see
    `TAKEN_OUT_OF_WORDS`): read before their fields are cleared, since those are what finds them."""
    take_out = TAKEN_OUT_OF_WORDS.get(category)
    if take_out is None:
        return {}
    reports = Report.objects.filter(pk__in=report_ids).select_related("reporter")
    return {report.pk: take_out(report) for report in reports}


def _erase(category: str, due_reports: QuerySet[Report], actor: Any) -> int:
    """Erase `category` from the reports `due_reports` still finds, and say how many.

    They are read `FOR UPDATE`, as case work locks a report it changes, and each is then written
    by primary key. A report reopened or changed since the run began is no longer found; one
    about to be reopened waits for the run to commit. They are locked in primary-key order, as
    the writers of words and copies lock them (`lib.locking`). Only what was erased is audited."""
    held = due_reports.select_for_update().order_by("pk")
    reports = list(held.values_list("pk", "public_code", "personal_data_erased"))
    if reports:
        _erase_held(category, reports, actor)
    return len(reports)


def _erase_held(category: str, reports: list[tuple[int, str, dict[str, Any]]], actor: Any) -> None:
    today = timezone.now().date().isoformat()
    ids = [pk for pk, _code, _erased in reports]
    if category == SENDER:
        SenderIdentifier.objects.filter(report_id__in=ids).delete()
    if category == EVIDENCE:
        _destroy_evidence(ids)
    assessments = unquoted(ids) if category == WORDS else {}
    words = taken_out_of_words(category, ids)
    if category == REPORTER:
        listeners.filer_erased(ids)  # while the reports still say who filed them
    for pk, _code, erased in reports:
        cleared = {**CLEARED[category], **assessments.get(pk, {}), **words.get(pk, {})}
        Report.objects.filter(pk=pk).update(**cleared, personal_data_erased={**erased, category: today})
    codes = [code for _pk, code, _erased in reports]
    audit.reasons_erase(actor=actor, object_type="reports.report", object_ids=codes, why=f"retention: {category}")
    audit.log_many(
        actor=actor,
        entries=[
            audit.Entry("reports.report.personal_data_erased", "reports.report", c, payload={"category": category}) for c in codes
        ],
    )


def shredder(category: str, label: str) -> Shredder:
    def run(cutoff: datetime, dry_run: bool, actor: Any) -> int:
        reports = due(category, cutoff)
        return reports.count() if dry_run else _erase(category, reports, actor)

    return Shredder(category, label, run)


SHREDDERS = [
    shredder(WORDS, "Narratives and exact words"),
    shredder(SENDER, "Sender identities and pseudonyms"),
    shredder(REPORTER, "Reporter identities"),
    shredder(EVIDENCE, "Evidence files"),
]
