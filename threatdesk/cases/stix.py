"""A report's sender indicators as a STIX 2.1 bundle, for sharing with fusion centers.

The bundle holds the identity of this system, a `report` object with the report's coded facts
(no words, no people), and for each of the sender's phones, emails and handles an indicator whose
pattern matches it. Readers who may see the report's identifiers (`may_see_personal_data`) get
the real values; everyone else gets the sender pseudonyms (keyed hashes, the same for one sender
in every export) and no raw identifier anywhere in the bundle.

Indicators only, no observable objects: a phone and a pseudonym have no STIX 2.1 object type, and
objects of custom types would make the bundle fail strict validation; patterns may name them.

Ids are derived (uuid5) from the report code and what each object says, so exporting a report
twice gives the same ids, and a recipient can tell an update from a new report. Objects are built
and checked by the OASIS `stix2` library (patterns included) before anything is sent.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from stix2.v21 import TLP_AMBER, Bundle, Identity, Indicator
from stix2.v21 import Report as StixReport

from threatdesk.audit import services as audit
from threatdesk.reports.access import may_see_personal_data
from threatdesk.reports.models import Report
from threatdesk.reports.selectors import sender_pseudonyms
from threatdesk.reports.taxonomy import Platform

NAMESPACE = uuid.UUID("6f1d7c2e-3b8a-5e4f-9a61-2c0b7d94e5a3")
PRODUCER_SINCE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
MEDIA_TYPE = "application/stix+json;version=2.1"
MARKING = TLP_AMBER  # for the recipient and those who need it to act, not further
SHARED_KINDS = ("phone", "email", "handle")  # a name is not an observable

# STIX 2.1 has no phone object; `x-phone-number` is the custom type in common use. A pseudonym is
# a keyed hash of a normalised identifier: it links reports, it reveals nothing.
PHONE = "x-phone-number"
PSEUDONYM = "x-threatdesk-pseudonym"


class Values:
    IDENTIFIERS = "identifiers"
    PSEUDONYMS = "pseudonyms"


@dataclass(frozen=True)
class Shared:
    """One sender identifier as it is shared: the STIX pattern that matches it."""

    kind: str
    pattern: str


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(parts)))


def _quoted(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _shared(kind: str, object_type: str, **values: str) -> Shared:
    criteria = " AND ".join(f"{object_type}:{prop} = {_quoted(value)}" for prop, value in values.items())
    return Shared(kind, f"[{criteria}]")


def _handle(value: str, platform: str) -> Shared:
    scope = {"account_type": platform} if platform else {}
    return _shared("handle", "user-account", **scope, user_id=value)


def real_identifiers(report: Report) -> list[Shared]:
    # The platform coded when the report was stored: the free text may say more than its name.
    platform = "" if report.platform_code == Platform.OTHER else report.platform_code
    makers: list[tuple[list[str], Callable[[str], Shared]]] = [
        (report.sender_phones, lambda v: _shared("phone", PHONE, value=v)),
        (report.sender_emails, lambda v: _shared("email", "email-addr", value=v)),
        (report.sender_handles, lambda v: _handle(v, platform)),
    ]
    return [make(value) for values, make in makers for value in values or []]


def pseudonymous_identifiers(report: Report) -> list[Shared]:
    return [
        _shared(kind, PSEUDONYM, identifier_kind=kind, value=pseudonym)
        for kind, pseudonym in sender_pseudonyms(report)
        if kind in SHARED_KINDS
    ]


def producer() -> Identity:
    return Identity(
        id=f"identity--{_uuid('identity', settings.SITE_NAME)}",
        created=PRODUCER_SINCE,
        modified=PRODUCER_SINCE,
        name=settings.SITE_NAME,
        identity_class="system",
        description="Reports of threats against election workers, from election offices.",
    )


def _indicator(report: Report, shared: Shared, values: str, by: Identity) -> Indicator:
    about = "the sender's" if values == Values.IDENTIFIERS else "a keyed hash (pseudonym) of the sender's"
    return Indicator(
        id=f"indicator--{_uuid(report.public_code, shared.pattern)}",
        created_by_ref=by.id,
        created=report.received_at,
        modified=_modified(report),
        name=f"Sender {shared.kind} in threatdesk report {report.public_code}",
        description=f"Matches {about} {shared.kind} in a report of a threat against election workers.",
        indicator_types=["attribution"],
        pattern=shared.pattern,
        pattern_type="stix",
        valid_from=report.received_at,
        object_marking_refs=[MARKING],
    )


def _modified(report: Report) -> dt.datetime:
    return max(report.received_at, report.updated_at)


def _description(report: Report) -> str:
    """The coded facts in words: nothing here names or could identify a person."""
    place = f"{report.county.name}, {report.state.name}" if report.county else report.state.name
    types = ", ".join(t.get_code_display() for t in report.threat_types.all())
    return (
        f"Threat against election workers ({types}) by {report.get_channel_display().lower()}, "
        f"targeting a {report.get_target_role_display().lower()} in {place}, on {report.occurred_on:%Y-%m-%d}."
    )


def _report_object(report: Report, refs: list[str], values: str, by: Identity) -> StixReport:
    return StixReport(
        id=f"report--{_uuid(report.public_code, 'report', values)}",
        created_by_ref=by.id,
        created=report.received_at,
        modified=_modified(report),
        name=f"threatdesk report {report.public_code}: sender indicators",
        description=_description(report),
        report_types=["threat-report", "indicator"],
        published=report.received_at,
        object_refs=refs or [by.id],
        labels=[values],
        external_references=[{"source_name": settings.SITE_NAME, "external_id": report.public_code}],
        object_marking_refs=[MARKING],
    )


def sender_bundle(*, user: Any, report: Report) -> tuple[Bundle, str]:
    """The bundle `user` may have, and which values it holds (`Values`)."""
    values = Values.IDENTIFIERS if may_see_personal_data(user, report) else Values.PSEUDONYMS
    shared = real_identifiers(report) if values == Values.IDENTIFIERS else pseudonymous_identifiers(report)
    by = producer()
    indicators = [_indicator(report, s, values, by) for s in shared]
    report_object = _report_object(report, [i.id for i in indicators], values, by)
    objects = [by, MARKING, report_object, *indicators]
    bundle_id = f"bundle--{_uuid(report.public_code, 'bundle', values, report_object.modified.isoformat())}"
    return Bundle(*objects, id=bundle_id), values


@transaction.atomic
def stix_export(*, actor: Any, report: Report) -> str:
    """The bundle as JSON text for `actor`, recorded in the audit trail (counts and codes only)."""
    bundle, values = sender_bundle(user=actor, report=report)
    indicators = sum(1 for o in bundle.objects if o.type == "indicator")
    audit.log(
        "cases.report.indicators_exported",
        actor=actor,
        obj=report,
        payload={"format": "stix-2.1", "values": values, "indicators": indicators},
    )
    return str(bundle.serialize(pretty=True))
