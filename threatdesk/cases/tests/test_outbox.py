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
from threatdesk.testing.planting import filed_by_reporter

pytestmark = pytest.mark.django_db

THIS = __name__


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


def test_a_refused_address_waits_for_a_retry_with_the_address_sealed(personas, settings):
    report = filed_by_reporter(personas, **{"message_text": "Mild words only.", "narrative": "A mild call."})
    settings.EMAIL_BACKEND = f"{THIS}.RefusingBackend"
    notify_filer_of_step(report, "Arrest")
    [waiting] = PendingNotice.objects.all()
    assert (waiting.attempts, waiting.addresses) == (1, [personas.reporter.email])
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


def test_the_retries_give_up_and_say_so_without_the_address(personas, settings, caplog):
    report = filed_by_reporter(personas, **{"message_text": "Mild words only.", "narrative": "A mild call."})
    settings.EMAIL_BACKEND = f"{THIS}.RefusingBackend"
    caplog.set_level(logging.DEBUG)
    notify_filer_of_step(report, "Arrest")
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


def test_a_message_claimed_by_another_sender_is_not_sent_twice(personas, settings):
    report = filed_by_reporter(personas, **{"message_text": "Mild words only.", "narrative": "A mild call."})
    settings.EMAIL_BACKEND = f"{THIS}.RefusingBackend"
    notify_filer_of_step(report, "Arrest")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    due = PendingNotice.objects.get().due_at + dt.timedelta(seconds=1)
    PendingNotice.objects.update(claimed_until=due + dt.timedelta(minutes=1))  # another process is sending it
    assert outbox.send_due(now=due) == 0
    assert not mail.outbox
    assert outbox.send_due(now=due + dt.timedelta(minutes=2)) == 1  # that sender died: the claim lapses
    assert len(mail.outbox) == 1


def test_the_command_sends_what_is_due_and_prints_no_address(personas, settings):
    report = filed_by_reporter(personas, **{"message_text": "Mild words only.", "narrative": "A mild call."})
    settings.EMAIL_BACKEND = f"{THIS}.RefusingBackend"
    notify_filer_of_step(report, "Arrest")
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
