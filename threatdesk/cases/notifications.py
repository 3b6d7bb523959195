"""Email notices of case events: an urgent report, a referral, a step taken on a filer's report, a
decline or a court outcome on a report an office referred.

Mail leaves the system's protection, so a message says that something happened and where to
read about it, never what the report says: the report's public code, a link, the kind of event,
the level (staff only) and a line asking the reader to sign in. Each message has one recipient,
so no one learns who else was told.

The public functions run inside the transaction of the write that prompted them and queue the
message there (`cases.outbox`, a transactional outbox): a report, a referral or a step is stored
with its notice or not at all, so no failure after commit can lose the notice of a stored write,
and a write rolled back tells no one. What they raise fails the write. The mail is sent once
the write commits, apart from the request, and tried again while the server refuses it; a mail
server that is down never fails the write. Whenever it goes out, each account is mailed only if
the rule that chose it (`RULES`) still picks it (`still_chosen`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse

from threatdesk.accounts.models import Role, User
from threatdesk.assessment.engine import LEVEL_NAMES
from threatdesk.cases import outbox
from threatdesk.cases.models import PendingNotice, Referral
from threatdesk.cases.outbox import Recipient
from threatdesk.cases.selectors import merged_duplicates
from threatdesk.lib import sql
from threatdesk.reports.models import Report

log = logging.getLogger(__name__)

URGENT_LEVEL = 3
LABEL_CHARS = 80
REFERRED_STEP = "Referred to law enforcement"

# The kinds of notice, as the outbox and the audit trail name them.
URGENT_REPORT = "urgent_report"
LEVEL_RAISED = "level_raised"
REFERRAL = "referral"
FILER_STEP = "filer_step"
OFFICE_STEP = "office_step"


@dataclass(frozen=True)
class Notice:
    """What one message says. `kind` names the event in the audit trail, and `agency` the code of
    the agency a referral's message tells."""

    kind: str
    code: str
    subject: str
    event: str
    link: str
    level: str = ""
    signs_in: bool = True
    agency: str = ""


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def report_link(report: Report) -> str:
    return _absolute(reverse("reports:detail", kwargs={"code": report.public_code}))


def status_link(report: Report) -> str:
    """The receipt-code page, for a filer without an account."""
    return _absolute(reverse("reports:status", kwargs={"code": report.public_code}))


def level_text(level: int | None) -> str:
    return f"{level} ({LEVEL_NAMES[level]})" if level in LEVEL_NAMES else "not assessed"


class Rule(NamedTuple):
    """Which accounts a notice is for: an SQL condition on users and its parameters. The outbox
    asks it again when the mail goes out (`still_chosen`), so that an account that has since
    lost the role or scope it was chosen by is not told."""

    scope: str
    params: list[Any]


def _picked(rule: Rule, columns: str) -> list[tuple[Any, ...]]:
    return sql.rows(
        f"SELECT {columns} FROM {sql.table(User)} WHERE is_active = %s AND ({rule.scope})",  # noqa: S608
        [True, *rule.params],
    )


def _accounts(rule: Rule) -> list[Recipient]:
    """The active users that `rule` picks and have an address, each address once. Asked for every
    urgent submission, hence one plain statement; addresses are sealed, so the empty ones are
    left out once opened."""
    email = User._meta.get_field("email")
    opened = (Recipient(pk, email.from_db_value(value, None, connection)) for pk, value in _picked(rule, "id, email"))
    return list({r.address.lower(): r for r in opened if r.address}.values())


def chosen_accounts(rule: Rule) -> set[int]:
    """The ids of the active users `rule` picks now, whether or not another account shares their
    address (which of those `_accounts` keeps is not fixed)."""
    return {pk for (pk,) in _picked(rule, "id")}


def urgent_rule(report: Report) -> Rule:
    """The managers of the report's office and the coordinators of its state."""
    return Rule(
        "(role = %s AND state_id = %s) OR (role = %s AND office_id = %s)",
        [Role.STATE_COORDINATOR.value, report.state_id, Role.OFFICE_MANAGER.value, report.office_id],
    )


def urgent_recipients(report: Report) -> list[Recipient]:
    return _accounts(urgent_rule(report))


def liaison_rule(referral: Referral) -> Rule:
    return Rule("role = %s AND agency_id = %s", [Role.LIAISON.value, referral.agency_id])


def liaison_recipients(referral: Referral) -> list[Recipient]:
    return _accounts(liaison_rule(referral))


def filer_rule(report: Report) -> Rule:
    """The account that filed the report, if one did."""
    return Rule("id = %s", [report.reporter_id])


def filer_recipient(report: Report) -> tuple[list[Recipient], bool]:
    """The filer and whether they can sign in: their account, else the contact address an
    anonymous filer chose to leave (none if they left none)."""
    if report.reporter_id is not None and (account := _accounts(filer_rule(report))):
        return account, True
    contact = outbox.contact_left(report)
    return ([Recipient(None, contact)] if contact else []), False


def render(notice: Notice) -> tuple[str, str]:
    """Subject and body; the subject on one line, as mail headers must be."""
    context = {"site": settings.SITE_NAME, "notice": notice}
    subject = " ".join(render_to_string("email/notification_subject.txt", context).split())
    return subject, render_to_string("email/notification_body.txt", context)


def send(report: Report, notice: Notice, recipients: Sequence[Recipient]) -> None:
    """Queue `notice` about `report` for `recipients` (`cases.outbox` sends it and audits each
    attempt by kind and count, never by address).

    Demo reports are not real, so no one is told of them."""
    if report.is_synthetic:
        return
    if not recipients:
        log.info("notification %s for %s: no recipient with an email address", notice.kind, report.public_code)
        return
    subject, body = render(notice)
    outbox.queue(report, kind=notice.kind, subject=subject, body=body, recipients=recipients, agency=notice.agency)


def notify_urgent_report(report: Report, raised_from: int | None = None) -> None:
    """Tell the office's managers and the state's coordinators at once of a report at level 3 or 4.

    `raised_from` is the level in force before staff set this one: a report that was urgent
    already was told of then, so only a rise from below 3 is news.
    """
    level = report.level
    if level is None or level < URGENT_LEVEL or (raised_from is not None and raised_from >= URGENT_LEVEL):
        return
    raised = raised_from is not None
    notice = Notice(
        kind=LEVEL_RAISED if raised else URGENT_REPORT,
        code=report.public_code,
        subject=f"report {report.public_code} {'raised to' if raised else 'at'} level {level}",
        event=f"Staff raised this report to level {level}." if raised else f"A new report was assessed at level {level}.",
        link=report_link(report),
        level=level_text(level),
    )
    send(report, notice, urgent_recipients(report))


def notify_referral(referral: Referral) -> None:
    """Tell the agency's liaisons that a report waits for them."""
    report = referral.report
    notice = Notice(
        kind=REFERRAL,
        code=report.public_code,
        subject=f"report {report.public_code} referred to {referral.agency.name}",
        event=f"A report was referred to {referral.agency.name}.",
        link=report_link(report),
        level=level_text(report.level),
        agency=referral.agency.public_code,
    )
    send(report, notice, liaison_recipients(referral))


def _label(what: str) -> str:
    """A step's label on one line, cut short: it goes into a mail's subject."""
    return " ".join(what.split())[:LABEL_CHARS]


def notify_filer_of_step(report: Report, what: str) -> None:
    """Tell whoever filed the report of a step taken on it (`what`: a short label such as
    "Arrest"), so they need not keep checking; and the filers of the duplicates merged into it,
    whose case goes on here, each about the report they filed. Someone who filed two of them is
    told once. Call it inside the step's transaction."""
    step = _label(what)
    told: set[str] = set()
    for filed in [report, *merged_duplicates(report)]:
        recipients, signs_in = filer_recipient(filed)
        recipients = [r for r in recipients if r.address.lower() not in told]
        told |= {r.address.lower() for r in recipients}
        if filed.pk != report.pk and not recipients:
            continue
        notice = Notice(
            kind=FILER_STEP,
            code=filed.public_code,
            subject=f"update on report {filed.public_code}: {step}",
            event=f"A step was recorded on the report you filed: {step}.",
            link=report_link(filed) if signs_in else status_link(filed),
            signs_in=signs_in,
        )
        send(filed, notice, recipients)


def office_rule(report: Report) -> Rule:
    """The managers of the report's office, and whoever the report is assigned to."""
    return Rule("(role = %s AND office_id = %s) OR id = %s", [Role.OFFICE_MANAGER.value, report.office_id, report.assigned_to_id])


def office_recipients(report: Report) -> list[Recipient]:
    return _accounts(office_rule(report))


def notify_office_of_step(report: Report, referral: Referral, what: str) -> None:
    """Tell the office that referred the report of a decline or a court outcome: after a decline
    it decides whether to refer elsewhere, and the report has left its queue."""
    step = _label(what)
    agency = referral.agency.name
    notice = Notice(
        kind=OFFICE_STEP,
        code=report.public_code,
        subject=f"report {report.public_code}: {agency} recorded {step}",
        event=f"{agency} recorded a step on a report your office referred: {step}.",
        link=report_link(report),
        level=level_text(report.level),
        agency=referral.agency.public_code,
    )
    send(report, notice, office_recipients(report))


def _referral_rule(notice: PendingNotice) -> Rule | None:
    """The liaisons of the agency a referral notice told, while the report is referred to it."""
    referral = Referral.objects.filter(report_id=notice.report_id, agency__public_code=notice.agency).first()
    return liaison_rule(referral) if referral is not None else None


# The rule that chose the accounts of each kind of notice, read off the queued notice and its report.
RULES: dict[str, Callable[[PendingNotice], Rule | None]] = {
    URGENT_REPORT: lambda notice: urgent_rule(notice.report),
    LEVEL_RAISED: lambda notice: urgent_rule(notice.report),
    REFERRAL: _referral_rule,
    FILER_STEP: lambda notice: filer_rule(notice.report),
    OFFICE_STEP: lambda notice: office_rule(notice.report),
}


def still_chosen(notice: PendingNotice) -> set[int]:
    """The accounts that the rule that chose `notice`'s recipients picks now, from the report as it
    is now: the outbox mails no other account, however long the notice waited. A kind without a
    rule picks no one: no account is mailed for want of a rule."""
    rule_of = RULES.get(notice.kind)
    rule = rule_of(notice) if rule_of is not None else None
    return chosen_accounts(rule) if rule is not None else set()
