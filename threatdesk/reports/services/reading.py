"""Reading a report's personal data in the clear leaves one audit event per report and request.

Pages and API answers call `originals_read` with what they showed (`selectors.reading_for`). A
reader who got only redacted copies and coded facts leaves nothing. A liaison reading under a
reveal leaves `reports.report.revealed_read`, tied to the reveal and so to its reason; everyone
else leaves `reports.report.originals_read`. Payloads name the way out and the fields shown,
never their values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from threatdesk.accounts.models import Role
from threatdesk.audit import services as audit
from threatdesk.reports.access import Words, active_reveal
from threatdesk.reports.selectors import ORIGINALS_READ, REVEALED_READ, Reading


class Way(models.TextChoices):
    """Where the personal data was shown: the `way` in the event's payload, and how the access
    log names it."""

    REPORT_PAGE = "report_page", "report page"
    API_REPORT = "api_report", "API, one report"
    API_REPORT_LIST = "api_report_list", "API, report list"
    API_RETRY = "api_retry", "API, a submission sent again"  # with its Idempotency-Key


def _entry(actor: Any, reading: Reading, way: str) -> audit.Entry:
    object_type, object_id = audit.object_ref(reading.report)
    payload: dict[str, Any] = {"way": str(way), "fields": list(reading.in_clear)}
    if getattr(actor, "role", None) == Role.LIAISON and reading.words.version == Words.ORIGINAL:
        reveal = active_reveal(actor, reading.report)  # a liaison reads the words only under one
        if reveal is not None:
            return audit.Entry(REVEALED_READ, object_type, object_id, payload={"reveal": reveal.pk, **payload})
    return audit.Entry(ORIGINALS_READ, object_type, object_id, payload=payload)


def originals_read(*, actor: Any, way: str, readings: Iterable[Reading]) -> int:
    """Record the readings that showed personal data in the clear, in one transaction; return how
    many were recorded. Readings of copies alone write nothing and take no lock on the trail."""
    entries = [_entry(actor, reading, way) for reading in readings if reading.in_clear]
    if not entries:
        return 0
    return audit.log_many(actor=actor, entries=entries)
