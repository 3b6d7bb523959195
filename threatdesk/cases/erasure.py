"""The detail of law-enforcement steps under the privacy layer's erasure and retention.

A step's detail is free text a liaison or a manager typed about the case: it may name a protected
worker (an erasure request takes them out, as from the report's own words) and the suspect, who
is most often the sender (retention clears it with the report's other words about the case).
"""

from __future__ import annotations

from typing import Any

from threatdesk.cases.models import CaseStep
from threatdesk.reports.redaction import person_taken_out
from threatdesk.reports.retention import shredder

CASE_DETAILS = "case_details"  # a key of settings.RETENTION_YEARS and of Report.personal_data_erased


def erase_person_from_steps(record: Any) -> int:
    """Take one protected person out of the detail of every step on a report of their state."""
    take_out = person_taken_out(record)
    changed = 0
    steps = CaseStep.objects.filter(report__state_id=record.office.state_id).order_by("pk")
    for step in steps.iterator(chunk_size=500):
        detail = take_out(step.detail)
        if detail is not None:
            CaseStep.objects.filter(pk=step.pk).update(detail=detail)
            changed += 1
    return changed


def _clear_step_details(report_ids: list[int]) -> None:
    CaseStep.objects.filter(report_id__in=report_ids).update(detail="")


STEP_DETAILS_SHREDDER = shredder(CASE_DETAILS, "Law-enforcement step details", _clear_step_details)
