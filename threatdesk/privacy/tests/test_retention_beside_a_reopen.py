"""Retention never erases a report that is reopened while it runs (PostgreSQL, READ COMMITTED).

Each category reads its due rows `FOR UPDATE` and writes only those: a report reopened before
the run reaches it is no longer due and keeps its words, sender, filer, evidence and step
details; a reopen that comes after waits for the run to commit. SQLite's BEGIN IMMEDIATE already
runs the two writers one after the other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from threatdesk.audit.models import AuditEvent
from threatdesk.cases import erasure
from threatdesk.cases.models import CaseStep
from threatdesk.cases.services import status_change
from threatdesk.cases.tests.test_step_details_erased import DETAIL, closed_years_ago, with_step
from threatdesk.privacy.tests.test_retention import filed, media  # noqa: F401 (fixture)
from threatdesk.reports import retention as report_retention
from threatdesk.reports.models import Evidence, Report
from threatdesk.testing.interleaving import Pause, meanwhile, two_writers
from threatdesk.testing.planting import canaries_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    two_writers,
]

REASON = "The sender wrote again; reopening."


def reopen(personas: Any, report: Report) -> None:
    status_change(actor=personas.manager, report=report, target="triaged", reason=REASON)


def test_a_report_reopened_while_retention_runs_keeps_its_words_and_evidence(personas, media, monkeypatch):  # noqa: F811
    report = filed(personas, closed_years_ago=4)
    pause = Pause()
    monkeypatch.setattr(report_retention, "_erase", pause.wrap(report_retention._erase))
    meanwhile(lambda: call_command("retention"), pause, lambda: reopen(personas, report))

    now = Report.objects.get(pk=report.pk)
    assert now.status == "triaged"  # open again: retention only erases closed reports
    assert now.personal_data_erased == {}, f"an open report was erased: {now.personal_data_erased}"
    assert canaries_in(now.message_text)
    assert Evidence.objects.get(report=now).destroyed_at is None


def step_due(personas: Any) -> CaseStep:
    """A step whose detail is due on a closed report whose own categories were erased already."""
    step = with_step(personas, report=filed(personas, closed_years_ago=None), recorded_years_ago=4)
    closed_years_ago(step.report, 4)
    with transaction.atomic():  # as a run before the step's detail fell due: the report's own categories only
        for shredder in report_retention.SHREDDERS:
            shredder.run(timezone.now() - dt.timedelta(days=365), False, None)
    return CaseStep.objects.get(pk=step.pk)


def test_a_report_reopened_while_retention_clears_step_details_keeps_them(personas, media, monkeypatch):  # noqa: F811
    step = step_due(personas)
    report = step.report
    pause = Pause()
    monkeypatch.setattr(erasure, "_erase_details", pause.wrap(erasure._erase_details))
    meanwhile(lambda: call_command("retention"), pause, lambda: reopen(personas, report))

    assert CaseStep.objects.get(pk=step.pk).detail == DETAIL
    erased = AuditEvent.objects.filter(action="reports.report.personal_data_erased", object_id=report.public_code)
    assert "case_details" not in [e.payload["category"] for e in erased], "a step detail kept was audited as erased"


def reopen_waits_for_retention(personas: Any, report: Report, monkeypatch: Any, module: Any, seam: str) -> None:
    """Pause retention once it has read what it erases (at `module.seam`, which writes it), reopen
    the report meanwhile, and check that the reopen waits on a lock until the run has committed."""
    pause = Pause()
    monkeypatch.setattr(module, seam, pause.wrap(getattr(module, seam)))
    waited = meanwhile(lambda: call_command("retention"), pause, lambda: reopen(personas, report))
    assert waited, "the reopen did not wait for retention"
    assert Report.objects.get(pk=report.pk).status == "triaged"  # reopened once the run had committed


def test_a_reopen_that_comes_once_retention_has_read_the_report_waits_for_it_to_commit(personas, media, monkeypatch):  # noqa: F811
    report = filed(personas, closed_years_ago=4)
    reopen_waits_for_retention(personas, report, monkeypatch, report_retention, "_erase_held")
    now = Report.objects.get(pk=report.pk)
    assert set(now.personal_data_erased) == {"report_words", "sender", "reporter", "evidence"}
    assert not canaries_in(now.message_text)  # the run came first: the words were already gone


def test_a_reopen_that_comes_once_retention_has_read_the_steps_waits_for_it_to_commit(personas, media, monkeypatch):  # noqa: F811
    step = step_due(personas)
    reopen_waits_for_retention(personas, step.report, monkeypatch, erasure, "_clear_held")
    assert CaseStep.objects.get(pk=step.pk).detail == ""  # the run came first: the detail was already gone
