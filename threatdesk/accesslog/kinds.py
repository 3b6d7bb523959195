"""What counts as an access to personal data, and how the access log names each one.

Every access is already an audit event; this table picks them out of the trail by action code.
Changes to records (added, updated, erased) and case work are not accesses and stay out. A STIX
export counts only when it held the sender's real identifiers: one with pseudonyms reads nothing.
A row's text is built from codes alone (the way out, an evidence code, the custody purpose),
never from a reason or any other free text.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from django.db.models import Q

from threatdesk.cases.stix import Values
from threatdesk.reports.models import CustodyEntry
from threatdesk.reports.selectors import ORIGINALS_READ
from threatdesk.reports.services import Way
from threatdesk.reports.services.reading import REVEALED_READ

Detail = Callable[[Mapping[str, Any]], str]

# Why an evidence file was opened (`purpose` in the payload: a custody action).
PURPOSES = {
    CustodyEntry.Action.DOWNLOADED: "downloaded",
    CustodyEntry.Action.TRANSFERRED: "for a case packet",
}


def no_detail(payload: Mapping[str, Any]) -> str:
    return ""


def way_shown(payload: Mapping[str, Any]) -> str:
    way = payload.get("way", "")
    return f"({Way(way).label})" if way in Way.values else ""


def evidence_opened(payload: Mapping[str, Any]) -> str:
    purpose = PURPOSES.get(payload.get("purpose", ""))
    return " ".join(filter(None, [str(payload.get("evidence", "")), f"({purpose})" if purpose else ""]))


@dataclass(frozen=True)
class AccessKind:
    """One kind of access: the audit action that records it and, where the action also records
    something that is not an access, the payload codes that make it one. `label` names the kind
    in the filter; `says` and `detail` make a row's text."""

    key: str
    action: str
    label: str
    says: str
    detail: Detail = no_detail
    where: Mapping[str, str] = field(default_factory=dict)

    def events(self) -> Q:
        return Q(action=self.action, **{f"payload__{name}": value for name, value in self.where.items()})

    def describe(self, payload: Mapping[str, Any]) -> str:
        return " ".join(filter(None, [self.says, self.detail(payload)]))


KINDS: tuple[AccessKind, ...] = (
    AccessKind("read", ORIGINALS_READ, "Read the original words", "Read the original words", way_shown),
    AccessKind("revealed_read", REVEALED_READ, "Read revealed words", "Read the revealed words", way_shown),
    AccessKind(
        "reveal", "reports.report.revealed", "Revealed the original words", "Revealed the original words (law enforcement)"
    ),
    AccessKind("evidence", "reports.evidence.opened", "Opened an evidence file", "Opened evidence file", evidence_opened),
    AccessKind("packet", "cases.packet.generated", "Made a case packet", "Made the case packet (words and evidence)"),
    AccessKind(
        "stix",
        "cases.report.indicators_exported",
        "Exported sender identifiers",
        "Exported the sender's identifiers (STIX)",
        where={"values": Values.IDENTIFIERS},
    ),
    AccessKind(
        "record", "privacy.protected_person.viewed", "Opened a protected-person record", "Opened the protected-person record"
    ),
)

BY_KEY = {kind.key: kind for kind in KINDS}
BY_ACTION = {kind.action: kind for kind in KINDS}


def any_access() -> Q:
    """Every event that records an access to personal data."""
    return reduce(operator.or_, (kind.events() for kind in KINDS))


def describe(action: str, payload: Mapping[str, Any] | None) -> str:
    """What an event says happened, from codes only."""
    return BY_ACTION[action].describe(payload or {})
