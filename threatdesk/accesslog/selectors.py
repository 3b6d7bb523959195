"""Who sees which accesses to personal data. Decided here and only here.

| role           | access events listed                                                    |
|----------------|-------------------------------------------------------------------------|
| office manager | on their office's reports and their office's protected-person records   |
| admin          | on every report and every protected-person record                       |
| everyone else  | none: the page answers 404                                              |

The page is for those who keep the workers' records (`privacy.access.may_keep_records`), and an
event is listed only when its object is one the viewer may open: a report through
`Report.objects.visible_to`, a record through `ProtectedPerson.objects.visible_to`. The rules are
theirs, not repeated here. A record erased on request is gone, and so are its openings from
this page; they stay in the audit trail. A filer opening their own report is listed as "the
filer", to everyone: who filed is told only where the filer agreed, on the report's own page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from threatdesk.accesslog import kinds
from threatdesk.audit.models import AuditEvent
from threatdesk.privacy.access import may_keep_records
from threatdesk.privacy.models import ProtectedPerson
from threatdesk.reports.models import Report
from threatdesk.reports.selectors import FILER_LABEL

REPORT = Report._meta.label_lower
PERSON = ProtectedPerson._meta.label_lower

# What the page shows of an event. The reason (typed by a person, it may name someone) is not
# even read.
SHOWN_FIELDS = ("seq", "at", "actor_label", "action", "object_type", "object_id", "payload")


@dataclass(frozen=True)
class AccessFilters:
    """What the access log can be narrowed by: days, an account's username, a kind of access."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    account: str = ""
    kind: str = ""


@dataclass(frozen=True)
class AccessRow:
    """One line of the page: codes, labels and a username, nothing typed by a person."""

    at: dt.datetime
    account: str
    what: str
    object_label: str
    object_code: str
    url: str


# How the page names and links each kind of object.
OBJECTS = {
    REPORT: ("Report", "reports:detail"),
    PERSON: ("Protected person", "privacy:open"),
}


def may_see_access_log(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and may_keep_records(user)


def _of_visible_objects(user: Any) -> Q:
    reports = Report.objects.visible_to(user).values("public_code")
    people = ProtectedPerson.objects.visible_to(user).values("public_code")
    return Q(object_type=REPORT, object_id__in=reports) | Q(object_type=PERSON, object_id__in=people)


def _by_the_filer() -> Exists:
    """Whether an event's account filed the report it touches (a filer reading their own report).
    The filer's account is the actor of the report's "submitted" event, which outlives the
    report's own link to it."""
    return Exists(
        AuditEvent.objects.filter(
            action="reports.report.submitted", object_type=REPORT, object_id=OuterRef("object_id"), actor_id=OuterRef("actor_id")
        )
    )


def access_events_visible_to(user: Any) -> QuerySet[AuditEvent]:
    """Every access to personal data on an object `user` may open; none for those without the page.
    Each event carries `by_filer`: the log names no filer, whoever reads it."""
    if not may_see_access_log(user):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.filter(kinds.any_access()).filter(_of_visible_objects(user))
    return events.only(*SHOWN_FIELDS).annotate(by_filer=_by_the_filer())


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _until_end_of(events: QuerySet[AuditEvent], day: dt.date) -> QuerySet[AuditEvent]:
    """Events up to the end of `day`, that is before the next day starts. The last day a date
    can hold has no next day, and every event is before its end."""
    if day == dt.date.max:
        return events
    return events.filter(at__lt=_day_start(day + dt.timedelta(days=1)))


def access_log(user: Any, filters: AccessFilters | None = None) -> QuerySet[AuditEvent]:
    """The accesses `user` may see, narrowed by `filters`, newest first. Days are whole days in
    the site's time zone, both ends included."""
    f = filters or AccessFilters()
    events = access_events_visible_to(user)
    if f.date_from:
        events = events.filter(at__gte=_day_start(f.date_from))
    if f.date_to:
        events = _until_end_of(events, f.date_to)
    if f.account:  # a filer's username must not be confirmable by filtering on it
        events = events.filter(actor_label__iexact=f.account.strip()).exclude(_by_the_filer())
    if f.kind:
        events = events.filter(kinds.BY_KEY[f.kind].events())
    return events.order_by("-seq")


def access_row(event: AuditEvent) -> AccessRow:
    label, url_name = OBJECTS[event.object_type]
    return AccessRow(
        at=event.at,
        account=FILER_LABEL if getattr(event, "by_filer", False) else event.actor_label,
        what=kinds.describe(event.action, event.payload),
        object_label=label,
        object_code=event.object_id,
        url=reverse(url_name, args=[event.object_id]),
    )
