"""A notice is stored in the outbox by the transaction of the write it tells of (a transactional
outbox): a stored urgent report, raised level, referral or step always has its notice, a write
rolled back has none, and only the sending waits for the commit, which nothing after it undoes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext

from threatdesk.cases import outbox
from threatdesk.cases.models import PendingNotice
from threatdesk.cases.services import report_refer, step_record
from threatdesk.reports.models import Report
from threatdesk.reports.services import level_override
from threatdesk.testing.personas import Personas
from threatdesk.testing.planting import filed_by_reporter

pytestmark = pytest.mark.django_db

MILD = {"threat_types": ["harassment"], "message_text": "Mild words only.", "narrative": "A mild call."}

Write = Callable[[], Any]


def _quiet(personas: Personas, **overrides: Any) -> Report:
    """A mild report, with whatever its filing queued cleared, so a test sees only its own write's."""
    report = filed_by_reporter(personas, **(MILD | overrides))
    PendingNotice.objects.all().delete()
    return report


def urgent_report(personas: Personas) -> Write:
    return lambda: filed_by_reporter(personas)


def level_raised(personas: Personas) -> Write:
    report = _quiet(personas)
    return lambda: level_override(actor=personas.manager, report=report, level=3, reason="The sender came to the office")


def referral(personas: Personas) -> Write:
    report = _quiet(personas)
    return lambda: report_refer(actor=personas.manager, report=report, agency=personas.agency)


def step(personas: Personas) -> Write:
    report = _quiet(personas)
    referred = report_refer(actor=personas.manager, report=report, agency=personas.agency)
    PendingNotice.objects.all().delete()
    on = report.occurred_on + dt.timedelta(days=1)
    return lambda: step_record(actor=personas.liaison, report=report, referral=referred, kind="arrest", occurred_on=on)


def decline(personas: Personas) -> Write:
    report = _quiet(personas)
    referred = report_refer(actor=personas.manager, report=report, agency=personas.agency)
    PendingNotice.objects.all().delete()
    return lambda: step_record(
        actor=personas.liaison,
        report=report,
        referral=referred,
        kind="declined",
        occurred_on=report.occurred_on,
        decline_reason="insufficient_evidence",
    )


WRITES = [
    pytest.param(urgent_report, ["urgent_report"], id="urgent report"),
    pytest.param(level_raised, ["level_raised"], id="level raised"),
    pytest.param(referral, ["filer_step", "referral"], id="referral"),
    pytest.param(step, ["filer_step"], id="step"),
    pytest.param(decline, ["filer_step", "office_step"], id="decline"),
]


@pytest.mark.parametrize(("prepare", "kinds"), WRITES)
def test_each_notice_is_stored_by_its_writes_own_transaction(personas, settings, prepare, kinds):
    settings.NOTIFICATION_DELIVERY = "thread"
    write = prepare(personas)
    write()  # inside the test's transaction, which never commits: nothing that waits for a commit runs
    assert sorted(PendingNotice.objects.values_list("kind", flat=True)) == kinds
    assert not mail.outbox


@pytest.mark.parametrize(("prepare", "kinds"), WRITES)
def test_a_write_rolled_back_leaves_no_notice(personas, django_capture_on_commit_callbacks, prepare, kinds):
    write = prepare(personas)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        write()
        raise RuntimeError("the request failed after the write")
    assert not PendingNotice.objects.exists()
    assert not mail.outbox


def test_a_courier_not_woken_fails_nothing_and_the_notice_waits(
    personas, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_DELIVERY = "thread"

    def unwell() -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(outbox.courier, "wake", unwell)
    with django_capture_on_commit_callbacks(execute=True):
        filed_by_reporter(personas)
    assert PendingNotice.objects.get().kind == "urgent_report"
    call_command("send_notifications")  # the timer runs
    assert sorted(a for m in mail.outbox for a in m.to) == sorted([personas.manager.email, personas.coordinator.email])


def statements_of(write: Write) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        write()
    return [q["sql"] for q in queries.captured_queries]


def test_an_urgent_submission_writes_its_notice_with_one_insert_and_no_savepoint_of_its_own(personas):
    filed_by_reporter(personas, **MILD)  # the office's redactor is built
    mild = statements_of(lambda: filed_by_reporter(personas, **MILD))
    urgent = statements_of(lambda: filed_by_reporter(personas))
    [notice] = [i for i, s in enumerate(urgent) if "cases_pendingnotice" in s]
    assert urgent[notice].startswith("INSERT")
    # The submission's transaction is a SAVEPOINT inside the test's own; the notice is written in it.
    begin = next(i for i, s in enumerate(urgent) if s.startswith("SAVEPOINT"))
    end = next(i for i, s in enumerate(urgent) if s.startswith("RELEASE SAVEPOINT"))
    assert begin < notice < end
    savepoints = [sum(s.startswith("SAVEPOINT") for s in run) for run in (mild, urgent)]
    assert savepoints[0] == savepoints[1]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_urgent_report_is_told_of_even_if_queueing_its_notice_fails_once(personas, settings, monkeypatch):
    """A failure to store the notice fails the report with it: no stored report goes untold."""
    settings.NOTIFICATION_DELIVERY = "thread"  # as deployed: queued, then sent apart from the request
    monkeypatch.setattr(outbox.courier, "wake", lambda: None)  # the timer's command sends instead
    real_create, calls = PendingNotice.objects.create, []

    def locked_once(**kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real_create(**kwargs)

    monkeypatch.setattr(PendingNotice.objects, "create", locked_once)
    with pytest.raises(OperationalError):
        filed_by_reporter(personas)  # the filer is told it failed, not given a receipt
    assert not Report.objects.exists()
    report = filed_by_reporter(personas)  # and sends it again; the canary payload is urgent (level 3 or 4)
    assert report.level is not None and report.level >= 3
    assert calls, "the urgent notice was attempted"

    call_command("send_notifications")  # the timer runs; whatever waits in the outbox goes out
    told = sorted(a for m in mail.outbox for a in m.to)
    assert told == sorted([personas.manager.email, personas.coordinator.email]), (
        "the stored urgent report's notice was lost: nothing was left in the outbox to send"
    )
