"""The detail of law-enforcement steps under the privacy layer's erasure and retention.

A step's detail is free text a liaison or a manager typed about the case: it may name a protected
worker (an erasure request takes them out, as from the report's own words) and the suspect, who
is most often the sender (retention clears it, as it clears the report's words), and the filer
(retention of who filed takes them out, as from the report's words).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from threatdesk.audit import services as audit
from threatdesk.cases.models import CaseStep
from threatdesk.lib.locking import rewrite
from threatdesk.privacy.registry import Shredder
from threatdesk.reports import retention
from threatdesk.reports.redaction import filer_account, person_taken_out, reports_of_state_people, without_reporter

CASE_DETAILS = "case_details"  # a key of settings.RETENTION_YEARS


def erase_person_from_steps(record: Any) -> int:
    """Take one protected person out of the detail of every step on a report whose words they
    are taken out of (`reports_of_state_people`). Each step is read again locked before it is
    written, so a detail retention cleared meanwhile stays cleared."""
    take_out = person_taken_out(record)

    def without_person(step: CaseStep) -> dict[str, str]:
        detail = take_out(step.detail)
        return {"detail": detail} if detail is not None else {}

    steps = CaseStep.objects.filter(report__in=reports_of_state_people(record.office.state_id))
    return rewrite(steps.only("pk", "detail"), without_person)


def take_filer_out_of_steps(report_ids: list[int]) -> None:
    """As retention of who filed erases these reports' filer: take the filer out of the detail of
    each step on them, as out of the reports' words (`redaction.filer_taken_out`). The details
    are kept longer, and once the report forgets who filed nothing could find the filer in them."""
    rewrite(CaseStep.objects.filter(report_id__in=report_ids).select_related("report__reporter"), without_filer)


def without_filer(step: CaseStep) -> dict[str, str]:
    """The step's detail with the filer of its report taken out, if it names them."""
    (detail,) = without_reporter(vars(step.report), [step.detail], *filer_account(step.report))
    return {"detail": detail} if detail != step.detail else {}


def due_steps(cutoff: datetime) -> QuerySet[CaseStep]:
    """Steps whose detail the policy no longer allows keeping: on a report at rest since `cutoff`
    (closed, unchanged, no referral open, no step recorded since: `retention.at_rest`), recorded
    before it too, and not cleared already."""
    steps = CaseStep.objects.filter(report__in=retention.at_rest(cutoff))  # the one rule: a merged duplicate's too
    return steps.filter(recorded_at__lt=cutoff, detail_erased_on__isnull=True)


def _shred(cutoff: datetime, dry_run: bool, actor: Any) -> int:
    steps = due_steps(cutoff)
    return steps.count() if dry_run else _erase_details(steps, actor)


def _erase_details(steps: QuerySet[CaseStep], actor: Any) -> int:
    """Clear the detail of the steps `steps` still finds, and say how many.

    They are read `FOR UPDATE` with their reports (the query joins them), so a report reopened
    since the run began keeps its steps' detail and one about to be reopened waits for the run
    to commit; then only the steps read are cleared and audited. They are locked in primary-key
    order, as an erasure request locks those it rewrites (`lib.locking`)."""
    held = list(steps.select_for_update().order_by("pk").values_list("pk", "report__public_code"))
    if held:
        _clear_held(held, actor)
    return len(held)


def _clear_held(steps: list[tuple[int, str]], actor: Any) -> None:
    """Clear the (step id, report code) `steps`; one event per report whose steps lost theirs."""
    CaseStep.objects.filter(pk__in=[pk for pk, _code in steps]).update(detail="", detail_erased_on=timezone.localdate())
    entries = [
        audit.Entry("reports.report.personal_data_erased", "reports.report", code, payload={"category": CASE_DETAILS})
        for code in sorted({code for _pk, code in steps})
    ]
    audit.log_many(actor=actor, entries=entries)


STEP_DETAILS_SHREDDER = Shredder(CASE_DETAILS, "Law-enforcement step details", _shred)
