"""The outbox: notification mail is queued, then sent apart from the request that prompted it.

A request never waits on the mail server: `queue` stores the message and its sealed addresses
and wakes the process's courier thread, which sends it. An address the server refuses, or a
server that cannot be reached, is tried again later, with longer and longer waits, until
`RETRY_MINUTES` runs out; each attempt is in the audit trail by count, never by address.
`manage.py send_notifications` sends whatever is due, for a deployment that runs it from a timer
(mail queued by a process that stopped before sending it is sent then). In tests
(`NOTIFICATION_DELIVERY=inline`) a queued message is sent at once, in the caller's thread.

Two senders never send one message: each claims it first, with one conditional update.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone

from threatdesk.audit import services as audit
from threatdesk.cases.models import PendingNotice
from threatdesk.reports.models import Report

log = logging.getLogger(__name__)

# The wait before each retry, in minutes; after the last, the message is given up (about 10 hours).
RETRY_MINUTES = (1, 5, 15, 60, 180, 360)
CLAIM = dt.timedelta(minutes=5)  # longer than one attempt can take, with EMAIL_TIMEOUT per address
BATCH = 100
POLL_SECONDS = 60.0  # how often the courier looks for retries that fell due


def queue(report: Report, *, kind: str, subject: str, body: str, addresses: Sequence[str]) -> PendingNotice:
    """Store one message for `addresses`; the courier sends it once the caller's write commits."""
    with transaction.atomic():
        notice = PendingNotice.objects.create(report=report, kind=kind, subject=subject, body=body, addresses=list(addresses))
    if settings.NOTIFICATION_DELIVERY == "inline":
        send_due()
    else:
        transaction.on_commit(courier.wake)
    return notice


def send_due(now: dt.datetime | None = None) -> int:
    """Send every message that is due and not being sent elsewhere; return how many were tried."""
    now = now or timezone.now()
    due = PendingNotice.objects.filter(due_at__lte=now).filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
    tried = 0
    for pk in list(due.values_list("pk", flat=True)[:BATCH]):
        if _claim(pk, now):
            _attempt(PendingNotice.objects.select_related("report").get(pk=pk), now)
            tried += 1
    return tried


def _claim(pk: int, now: dt.datetime) -> bool:
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    return PendingNotice.objects.filter(free, pk=pk, due_at__lte=now).update(claimed_until=now + CLAIM) == 1


def _attempt(notice: PendingNotice, now: dt.datetime) -> None:
    """Send to every address still waiting; keep the refused ones for the next attempt."""
    refused = deliver(notice.subject, notice.body, notice.addresses)
    sent = len(notice.addresses) - len(refused)
    with transaction.atomic():
        payload = {"event": notice.kind, "recipients": sent, "failed": len(refused)}
        audit.log("cases.notification.sent", actor=None, obj=notice.report, payload=payload)
        if not refused:
            notice.delete()
        elif notice.attempts >= len(RETRY_MINUTES):  # the last retry failed too
            _give_up(notice, refused)
        else:
            _retry_later(notice, refused, now)


def _give_up(notice: PendingNotice, refused: list[str]) -> None:
    code = notice.report.public_code
    log.error("notification %s for %s given up after %d attempts", notice.kind, code, notice.attempts + 1)
    payload = {"event": notice.kind, "undelivered": len(refused)}
    audit.log("cases.notification.abandoned", actor=None, obj=notice.report, payload=payload)
    notice.delete()


def _retry_later(notice: PendingNotice, refused: list[str], now: dt.datetime) -> None:
    notice.addresses = refused
    notice.due_at = now + dt.timedelta(minutes=RETRY_MINUTES[notice.attempts])
    notice.attempts += 1
    notice.claimed_until = None
    notice.save(update_fields=["addresses", "due_at", "attempts", "claimed_until"])


def deliver(subject: str, body: str, addresses: Sequence[str]) -> list[str]:
    """One message per address over one connection; return the addresses not sent to. Failures
    are logged by exception class only: SMTP errors quote the addresses they refused."""
    try:
        with get_connection(fail_silently=False) as connection:
            refused = []
            for address in addresses:
                try:
                    if not connection.send_messages([EmailMessage(subject, body, to=[address])]):
                        refused.append(address)
                except Exception as exc:  # one refused address must not stop the others
                    log.warning("notification to one recipient failed: %s", type(exc).__name__)
                    refused.append(address)
            return refused
    except Exception as exc:  # the mail server could not be reached at all
        log.warning("notification mail server unavailable: %s", type(exc).__name__)
        return list(addresses)


class Courier:
    """One thread per process that sends queued mail: woken when a message is queued and, while
    messages wait for a retry, every `POLL_SECONDS`; with nothing waiting it sleeps until woken.
    It starts with the first message, so a process that sends none has none."""

    def __init__(self) -> None:
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def wake(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="threatdesk-courier", daemon=True)
                self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        timeout: float | None = None
        while True:
            self._wake.wait(timeout=timeout)
            self._wake.clear()
            try:
                send_due()
                timeout = POLL_SECONDS if PendingNotice.objects.exists() else None
            except Exception as exc:  # the messages wait in the outbox for the next try
                log.error("sending queued notifications failed: %s", type(exc).__name__)
                timeout = POLL_SECONDS
            finally:
                connections.close_all()  # this thread's own connections


courier = Courier()
