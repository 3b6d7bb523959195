"""The outbox: notification mail is queued, then sent apart from the request that prompted it.

A request never waits on the mail server: `queue` stores the message and its recipients (sealed)
in the transaction of the write that prompted it, so the two commit or roll back together, and
once that commits wakes the process's courier thread, which sends it. A recipient the server
refuses, or all of them when it cannot be reached, is tried again later, with longer and longer
waits, until the last of `RETRY_MINUTES`; each attempt is in the audit trail by count, never by
address. A recipient with an account is mailed at the address the account has when the mail
goes out, and only while it is still entitled to the message: active, still picked by the rule
that chose it (`cases.notifications.still_chosen`: its role and scope, from the report as it is
now) and still able to open the report; an anonymous filer is mailed at the contact address they
left only while the report still holds it (`still_left`), since retention or an erasure may have
cleared it meanwhile. The others are crossed off unmailed, by count in the audit trail
(`cases.notification.withheld`). When retention erases who filed a report, its waiting messages
lose their anonymous recipients in the same transaction (`forget_erased_filers`), so no copy of
an erased address waits here. `manage.py send_notifications` sends whatever is due, for a
deployment that runs it from a timer (mail queued by a process that stopped before sending it is
sent then). In tests (`NOTIFICATION_DELIVERY=inline`) a queued message is sent in
the caller's thread as soon as the write commits.

One sender at a time works on a message: it claims it with one conditional update, for longer
than sending it can take, and crosses off each recipient as their mail goes out. A sender that
dies mid-message leaves the rest to whoever takes it up once the claim lapses.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connections, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from threatdesk.accounts.models import User
from threatdesk.audit import services as audit
from threatdesk.cases.models import PendingNotice
from threatdesk.reports.models import Report

log = logging.getLogger(__name__)

# The wait before each retry, in minutes; after the last, the message is given up (about 10 hours).
RETRY_MINUTES = (1, 5, 15, 60, 180, 360)
CLAIM = dt.timedelta(minutes=5)  # at least; more for a message to many, at EMAIL_TIMEOUT each
BATCH = 100
POLL_SECONDS = 60.0  # how often the courier looks for retries that fell due


RecipientCheck = Callable[[PendingNotice], set[int]]
_recipient_checks: list[RecipientCheck] = []


def register_recipient_check(check: RecipientCheck) -> None:
    """`check(notice)` gives the ids of the accounts that would be chosen for `notice` now.
    `cases.notifications` holds the rules that choose and builds on this module, so it registers
    them in AppConfig.ready. With none registered no account is mailed."""
    if check not in _recipient_checks:
        _recipient_checks.append(check)


class Recipient(NamedTuple):
    """Who is to be told: an account (mailed at its address of the moment), or, for an anonymous
    filer, the contact address they left."""

    user_id: int | None
    address: str


def queue(
    report: Report, *, kind: str, subject: str, body: str, recipients: Sequence[Recipient], agency: str = ""
) -> PendingNotice:
    """Store one message for `recipients` in the caller's transaction, with no savepoint of its
    own: it is stored with the write that prompted it or not at all, and a stored write cannot
    lose it to a failure after commit. It is sent once that transaction commits. `agency` is the
    code of the agency a referral notice tells, for the audit trail."""
    notice = PendingNotice.objects.create(
        report=report, kind=kind, agency=agency, subject=subject, body=body, addresses=[list(r) for r in recipients]
    )
    transaction.on_commit(_deliver)
    return notice


def _deliver() -> None:
    """Send what is queued (`inline`) or wake the courier that sends it. The write has committed
    and the message waits in the outbox, so a failure here is logged, never raised: the courier's
    next look or the timer's `send_notifications` sends it."""
    try:
        if settings.NOTIFICATION_DELIVERY == "inline":
            send_due()
        else:
            courier.wake()
    except Exception as exc:
        _log_failure(exc)


def _log_failure(exc: Exception) -> None:
    log.error("sending queued notifications failed: %s", type(exc).__name__)


def send_due(now: dt.datetime | None = None) -> int:
    """Send every message that is due and not being sent elsewhere; return how many were tried.
    `now` stands for the clock (tests); without it each message is claimed at the time it is."""
    clock = now or timezone.now()
    due = PendingNotice.objects.filter(_free(clock), due_at__lte=clock).select_related("report")
    tried = 0
    for notice in list(due[:BATCH]):
        at = now or timezone.now()
        if _claim(notice, at):  # the claim is the check: another sender may have taken it since
            notice.refresh_from_db(fields=["addresses", "attempts"])  # and crossed some recipients off
            notice.report.refresh_from_db()  # who may be told follows the report as it is now
            _attempt(notice, at)
            tried += 1
    return tried


def _free(now: dt.datetime) -> Q:
    return Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)


def _claim(notice: PendingNotice, now: dt.datetime) -> bool:
    """Take the message for as long as mailing each of its recipients could take."""
    until = now + max(CLAIM, dt.timedelta(seconds=settings.EMAIL_TIMEOUT * (len(notice.addresses) + 1)))
    taken = PendingNotice.objects.filter(_free(now), pk=notice.pk, due_at__lte=now).update(claimed_until=until)
    notice.claimed_until = until
    return taken == 1


def _ours(notice: PendingNotice) -> Q:
    return Q(pk=notice.pk, claimed_until=notice.claimed_until)


def _attempt(notice: PendingNotice, now: dt.datetime) -> None:
    """Mail every recipient still waiting, crossing each off as it goes; keep the refused ones."""
    waiting = [Recipient(*entry) for entry in notice.addresses]
    current = _current_addresses(notice, waiting)
    waiting = _withhold_the_unentitled(notice, waiting, current)
    sent = refused = 0
    remaining = list(waiting)
    with _connection() as connection:
        for recipient in waiting:
            if not _send(connection, notice, current[recipient]):
                refused += 1
                continue
            sent += 1
            remaining.remove(recipient)
            PendingNotice.objects.filter(_ours(notice)).update(addresses=[list(r) for r in remaining])
    with transaction.atomic():
        payload = _about(notice) | {"recipients": sent, "failed": refused}
        audit.log("cases.notification.sent", actor=None, obj=notice.report, payload=payload)
        if not remaining:
            PendingNotice.objects.filter(_ours(notice)).delete()
        elif notice.attempts >= len(RETRY_MINUTES):  # the last retry failed too
            _give_up(notice, len(remaining))
        else:
            _retry_later(notice, remaining, now)


def _about(notice: PendingNotice) -> dict[str, str]:
    """What the audit trail says a notice was about, in codes: its kind and, for a referral's,
    the agency it told, as referral events name it. Without them a row of the trail cannot tell
    whose business the mail was."""
    return {"event": notice.kind} | ({"agency": notice.agency} if notice.agency else {})


def _current_addresses(notice: PendingNotice, recipients: Sequence[Recipient]) -> dict[Recipient, str]:
    """Where each recipient is mailed now: an account at its present address while it is still
    entitled to the notice (`_entitled_accounts`), an anonymous filer at the address they left
    while the report still holds it (`still_left`). Those missing are not mailed."""
    ids = {r.user_id for r in recipients if r.user_id is not None}
    accounts = _entitled_accounts(notice, ids)
    found = {r: accounts.get(r.user_id, "") for r in recipients if r.user_id is not None}
    left = {r: r.address for r in recipients if r.user_id is None and still_left(notice.report, r.address)}
    return {r: address for r, address in (found | left).items() if address}


def contact_left(report: Report) -> str:
    """The contact address an anonymous filer left on `report`; empty if they left none or it was erased."""
    return str((report.reporter_contact or {}).get("email", ""))


def still_left(report: Report, address: str) -> bool:
    """Whether `report` as it is now still holds `address` as the contact its filer left. The
    outbox keeps its own copy of the address; once retention or anything else has taken it off
    the report, that copy must not be mailed."""
    return bool(address) and address.lower() == contact_left(report).lower()


def _entitled_accounts(notice: PendingNotice, ids: set[int]) -> dict[int, str]:
    """The present address of each account of `ids` that is active, would still be chosen for
    the notice and may still open its report. Since the notice was queued an account may have
    been switched off or lost the role or scope it was chosen by, and the report may have moved:
    mail about a report goes only to whom it concerns when it leaves."""
    if not ids:
        return {}
    chosen = ids & _still_chosen(notice)
    users = User.objects.filter(pk__in=chosen, is_active=True)
    return {user.pk: user.email for user in users if _may_open(user, notice.report_id)}


def _still_chosen(notice: PendingNotice) -> set[int]:
    if not _recipient_checks:
        log.error("no recipient check registered: notification %s goes to no account", notice.kind)
        return set()
    return set.intersection(*(check(notice) for check in _recipient_checks))


def _may_open(user: User, report_id: int) -> bool:
    return Report.objects.visible_to(user).filter(pk=report_id).exists()


def _withhold_the_unentitled(notice: PendingNotice, waiting: list[Recipient], current: dict[Recipient, str]) -> list[Recipient]:
    """Cross off, before anyone is mailed, the recipients with no address to mail now (accounts
    no longer entitled to the notice), saying how many by kind and count only; return the rest."""
    kept = [r for r in waiting if r in current]
    if len(kept) < len(waiting):
        _withhold(notice, PendingNotice.objects.filter(_ours(notice)), kept, len(waiting) - len(kept))
    return kept


def _withhold(notice: PendingNotice, row: QuerySet[PendingNotice], kept: list[Recipient], withheld: int) -> None:
    """Leave only `kept` on the notice's `row`, and say how many were crossed off by kind and
    count only: the audit trail and the log must not become another copy of an address."""
    with transaction.atomic():
        row.update(addresses=[list(r) for r in kept])
        payload = _about(notice) | {"withheld": withheld}
        audit.log("cases.notification.withheld", actor=None, obj=notice.report, payload=payload)
    log.info("notification %s withheld from %d recipient(s) no longer entitled to it", notice.kind, withheld)


def forget_erased_filers(report_ids: Sequence[int]) -> None:
    """Cross the anonymous filers off the waiting notices of reports whose filer retention is
    erasing, in its transaction: the address erased from the report must not outlive it
    here until the next attempt. The notices are locked, so a sender crossing off the ones it
    mailed meanwhile is not undone."""
    waiting = PendingNotice.objects.select_for_update().filter(report_id__in=report_ids).order_by("pk")
    for notice in waiting:
        recipients = [Recipient(*entry) for entry in notice.addresses]
        accounts = [r for r in recipients if r.user_id is not None]
        if len(accounts) < len(recipients):
            _withhold(notice, PendingNotice.objects.filter(pk=notice.pk), accounts, len(recipients) - len(accounts))


def _give_up(notice: PendingNotice, undelivered: int) -> None:
    code = notice.report.public_code
    log.error("notification %s for %s given up after %d attempts", notice.kind, code, notice.attempts + 1)
    payload = _about(notice) | {"undelivered": undelivered}
    audit.log("cases.notification.abandoned", actor=None, obj=notice.report, payload=payload)
    PendingNotice.objects.filter(_ours(notice)).delete()


def _retry_later(notice: PendingNotice, remaining: list[Recipient], now: dt.datetime) -> None:
    PendingNotice.objects.filter(_ours(notice)).update(
        addresses=[list(r) for r in remaining],
        due_at=now + dt.timedelta(minutes=RETRY_MINUTES[notice.attempts]),
        attempts=notice.attempts + 1,
        claimed_until=None,
    )


class _Unreachable(BaseEmailBackend):
    """Stands in for a mail server that could not be reached: refuses every message."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        return 0


def _connection() -> BaseEmailBackend:
    """One connection for a message's recipients; when the server cannot be reached, one that
    refuses them all. Failures are logged by exception class only: SMTP errors quote addresses."""
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as exc:
        log.warning("notification mail server unavailable: %s", type(exc).__name__)
        return _Unreachable()
    return connection


def _send(connection: BaseEmailBackend, notice: PendingNotice, address: str) -> bool:
    try:
        return bool(connection.send_messages([EmailMessage(notice.subject, notice.body, to=[address])]))
    except Exception as exc:  # one refused address must not stop the others
        log.warning("notification to one recipient failed: %s", type(exc).__name__)
        return False


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
                _log_failure(exc)
                timeout = POLL_SECONDS
            finally:
                connections.close_all()  # this thread's own connections


courier = Courier()
