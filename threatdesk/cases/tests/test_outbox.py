"""Notification mail goes through an outbox: the request that prompted it never waits on the mail
server, a refused or unreachable address is tried again later until the retries give up, every
attempt is audited by count, two senders never send one message, and queued addresses are sealed."""

from __future__ import annotations

import datetime as dt
import io
import logging
import smtplib
import threading
import time
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as MemoryBackend
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from threatdesk.audit.models import AuditEvent
from threatdesk.cases import outbox
from threatdesk.cases.models import PendingNotice
from threatdesk.cases.notifications import notify_filer_of_step
from threatdesk.cases.outbox import Recipient
from threatdesk.testing.planting import filed_by_reporter

pytestmark = pytest.mark.django_db

THIS = __name__
MILD = {"threat_types": ["harassment"], "message_text": "Mild words only.", "narrative": "A mild call."}


@pytest.fixture
def tell_of_a_step(django_capture_on_commit_callbacks: Any) -> Any:
    """Queue the filer's notice of a step and run what its commit runs, as `step_record` does."""

    def tell(report: Any) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            notify_filer_of_step(report, "Arrest")

    return tell


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        raise smtplib.SMTPRecipientsRefused({a: (451, b"try again later") for m in email_messages for a in m.to})


class ThreadNoting(MemoryBackend):
    """Memory mail that notes which thread sent each message."""

    threads: list[str] = []

    def send_messages(self, messages: Any) -> int:
        ThreadNoting.threads.append(threading.current_thread().name)
        return super().send_messages(messages)


def events(action: str) -> list[dict[str, Any]]:
    return [e.payload for e in AuditEvent.objects.filter(action=action).order_by("seq")]


def test_a_refused_address_waits_for_a_retry_with_the_address_sealed(personas, settings, tell_of_a_step):
    report = filed_by_reporter(personas, **MILD)
    settings.EMAIL_BACKEND = f"{THIS}.RefusingBackend"
    tell_of_a_step(report)
    [waiting] = PendingNotice.objects.all()
    assert (waiting.attempts, waiting.addresses) == (1, [[personas.reporter.pk, personas.reporter.email]])
    assert waiting.due_at > timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT addresses, subject, body FROM cases_pendingnotice")
        stored = " ".join(str(v) for v in cursor.fetchone())
    assert personas.reporter.email not in stored
    assert events("cases.notification.sent") == [{"event": "filer_step", "recipients": 0, "failed": 1}]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.send_due() == 0  # not due yet
    assert outbox.send_due(now=waiting.due_at + dt.timedelta(seconds=1)) == 1
    assert [m.to for m in mail.outbox] == [[personas.reporter.email]]
    assert not PendingNotice.objects.exists()
    assert events("cases.notification.sent")[-1] == {"event": "filer_step", "recipients": 1, "failed": 0}


def test_the_retries_give_up_and_say_so_without_the_address(personas, settings, caplog, tell_of_a_step):
    report = filed_by_reporter(personas, **MILD)
    settings.EMAIL_BACKEND = f"{THIS}.RefusingBackend"
    caplog.set_level(logging.DEBUG)
    tell_of_a_step(report)
    later = timezone.now()
    for minutes in outbox.RETRY_MINUTES:  # every retry happens, the last after 360 minutes
        assert PendingNotice.objects.exists()
        later += dt.timedelta(minutes=minutes, seconds=1)
        assert outbox.send_due(now=later) == 1
    assert not PendingNotice.objects.exists()
    assert len(events("cases.notification.sent")) == len(outbox.RETRY_MINUTES) + 1  # the first try and each retry
    assert events("cases.notification.abandoned") == [{"event": "filer_step", "undelivered": 1}]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "given up" in logged and "@" not in logged


def test_a_message_claimed_by_another_sender_is_not_sent_twice(personas, settings, tell_of_a_step):
    report = filed_by_reporter(personas, **MILD)
    settings.EMAIL_BACKEND = f"{THIS}.RefusingBackend"
    tell_of_a_step(report)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    due = PendingNotice.objects.get().due_at + dt.timedelta(seconds=1)
    PendingNotice.objects.update(claimed_until=due + dt.timedelta(minutes=1))  # another process is sending it
    assert outbox.send_due(now=due) == 0
    assert not mail.outbox
    assert outbox.send_due(now=due + dt.timedelta(minutes=2)) == 1  # that sender died: the claim lapses
    assert len(mail.outbox) == 1


def test_the_command_sends_what_is_due_and_prints_no_address(personas, settings, tell_of_a_step):
    report = filed_by_reporter(personas, **MILD)
    settings.EMAIL_BACKEND = f"{THIS}.RefusingBackend"
    tell_of_a_step(report)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    PendingNotice.objects.update(due_at=timezone.now() - dt.timedelta(seconds=1))
    out = io.StringIO()
    call_command("send_notifications", stdout=out)
    assert out.getvalue().strip() == "1 queued message(s) tried; 0 still waiting (for a retry or another sender)"
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as every test that commits: the places stay
def test_the_request_does_not_send_the_mail_itself(personas, settings):
    """With the deployed setting, the committed write wakes the courier thread, which sends."""
    settings.NOTIFICATION_DELIVERY = "thread"
    settings.EMAIL_BACKEND = f"{THIS}.ThreadNoting"
    ThreadNoting.threads.clear()
    filed_by_reporter(personas)  # urgent: its office's manager and the state's coordinator are told
    for _ in range(100):
        if len(mail.outbox) == 2 and not PendingNotice.objects.exists():
            break
        time.sleep(0.05)
    assert sorted(a for m in mail.outbox for a in m.to) == sorted([personas.manager.email, personas.coordinator.email])
    assert set(ThreadNoting.threads) == {"threatdesk-courier"}
    assert not PendingNotice.objects.exists()


def queued(personas: Any, addresses: list[str], settings: Any, monkeypatch: Any) -> None:
    """One message to anonymous addresses, queued without being sent (as before a commit). A
    report holds one contact address, so each is let through as if its report held it: these
    tests are about who sends, not who may be told."""
    monkeypatch.setattr(outbox, "still_left", lambda report, address: True)
    settings.NOTIFICATION_DELIVERY = "thread"
    report = filed_by_reporter(personas, **MILD)
    outbox.queue(report, kind="referral", subject="s", body="b", recipients=[Recipient(None, a) for a in addresses])


class Clock:
    now = timezone.now()


class SlowServer(MemoryBackend):
    """Each message takes 10 seconds; once the first sender is past its first 5 minutes, another
    process runs `send_due` once, as the timer's command would."""

    other_sender_ran = False
    start: dt.datetime

    def send_messages(self, messages: Any) -> int:
        Clock.now += dt.timedelta(seconds=10)
        if not SlowServer.other_sender_ran and Clock.now > SlowServer.start + dt.timedelta(minutes=5):
            SlowServer.other_sender_ran = True
            outbox.send_due()
        return super().send_messages(messages)


def test_a_long_batch_is_not_sent_twice_while_another_sender_runs(personas, settings, monkeypatch):
    first, second = [f"a{i}@example.org" for i in range(20)], [f"b{i}@example.org" for i in range(20)]
    queued(personas, first, settings, monkeypatch)
    queued(personas, second, settings, monkeypatch)
    settings.EMAIL_BACKEND = f"{THIS}.SlowServer"
    Clock.now = SlowServer.start = timezone.now() + dt.timedelta(seconds=1)
    SlowServer.other_sender_ran = False
    monkeypatch.setattr(outbox.timezone, "now", lambda: Clock.now)
    outbox.send_due()
    assert SlowServer.other_sender_ran
    assert sorted(a for m in mail.outbox for a in m.to) == sorted(first + second)  # each once


def test_a_failure_after_sending_sends_no_one_the_message_again(personas, settings, monkeypatch):
    from django.db import OperationalError

    queued(personas, ["x@example.org", "y@example.org"], settings, monkeypatch)
    real_log, calls = outbox.audit.log, []

    def failing_once(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        real_log(*args, **kwargs)

    monkeypatch.setattr(outbox.audit, "log", failing_once)
    start = timezone.now() + dt.timedelta(seconds=1)
    with pytest.raises(OperationalError):
        outbox.send_due(now=start)
    outbox.send_due(now=start + dt.timedelta(minutes=6))  # the claim has lapsed
    assert sorted(a for m in mail.outbox for a in m.to) == ["x@example.org", "y@example.org"]
    assert not PendingNotice.objects.exists()


def refused_then(personas: Any, settings: Any, tell_of_a_step: Any, change: dict[str, Any]) -> None:
    report = filed_by_reporter(personas, **MILD)
    settings.EMAIL_BACKEND = f"{THIS}.RefusingBackend"
    tell_of_a_step(report)
    for name, value in change.items():
        setattr(personas.reporter, name, value)
    personas.reporter.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    outbox.send_due(now=timezone.now() + dt.timedelta(hours=1))


def test_a_retry_goes_to_the_address_the_account_has_now(personas, settings, tell_of_a_step):
    refused_then(personas, settings, tell_of_a_step, {"email": "new.mailbox@example.org"})
    assert [m.to for m in mail.outbox] == [["new.mailbox@example.org"]]


def test_a_retry_does_not_go_to_a_switched_off_account(personas, settings, tell_of_a_step):
    refused_then(personas, settings, tell_of_a_step, {"is_active": False})
    assert mail.outbox == []
    assert not PendingNotice.objects.exists()
