"""Write audit events. Call `log` inside the same transaction as the write it records."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection, models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from threatdesk.audit.models import AuditEvent, AuditHead
from threatdesk.lib import sql
from threatdesk.lib.bulkinsert import inserter
from threatdesk.privacy import crypto

GENESIS = "0" * 64


@dataclass(frozen=True)
class Entry:
    """One event to append; `log_many` takes a batch of these (bulk import)."""

    action: str
    object_type: str = ""
    object_id: str = ""
    reason: str = ""
    payload: dict[str, Any] = field(default_factory=dict)


def actor_label(actor: Any) -> str:
    if actor is None:
        return "system"
    if not getattr(actor, "is_authenticated", False):
        return "public"
    return str(actor.get_username())


def reason_digest(reason: str) -> str:
    """The keyed hash through which the chain covers a reason. Keyed, because it outlives an
    erased reason: without PSEUDONYM_KEY nobody holding a copy of the database can test a
    guessed reason ("Called Jane Roe back") against it."""
    return hmac.new(crypto.pseudonym_key(), b"audit-reason\x00" + reason.encode(), hashlib.sha256).hexdigest()


def event_hash(
    *,
    prev_hash: str,
    seq: int,
    at: datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    reason_digest: str,
    payload: dict[str, Any],
    **_ignored: Any,
) -> str:
    """The chain link. It covers the reason through its digest, so a reason that names a person
    can be erased later (retention, an erasure request) without breaking the chain."""
    body = json.dumps(
        [seq, at.isoformat(), actor_id, actor_label, action, object_type, object_id, reason_digest, payload],
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(f"{prev_hash}|{body}".encode()).hexdigest()


def head_mac(seq: int, hash_: str) -> str:
    """The head row's MAC: a keyed hash of where the trail ends. The key is not in the database,
    so someone who cuts off the newest events cannot make the head match the new last event; only
    a head row (with its MAC) copied before the cut can be put back."""
    return crypto.blind_index("audit-head", f"{seq}:{hash_}")


def _locked_head() -> tuple[int, str]:
    """The newest event's (seq, hash), locked until the transaction ends; on SQLite the
    transaction's BEGIN IMMEDIATE already holds the database's one write lock. Every write reads
    this row, hence plain SQL. A migration creates the row; the ORM creates it again (with its MAC,
    at the start) only in a database emptied since, such as a test's."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    found = sql.first_row(f"SELECT seq, hash FROM {sql.table(AuditHead)} WHERE id = 1{lock}")  # noqa: S608
    if found is None:
        head, _ = AuditHead.objects.select_for_update().get_or_create(id=1, defaults={"mac": head_mac(0, GENESIS)})
        return head.seq, head.hash
    return int(found[0]), str(found[1])


def _move_head(seq: int, hash_: str) -> None:
    sql.execute(
        f"UPDATE {sql.table(AuditHead)} SET seq = %s, hash = %s, mac = %s WHERE id = 1",  # noqa: S608
        [seq, hash_, head_mac(seq, hash_)],
    )


def object_ref(obj: models.Model | None) -> tuple[str, str]:
    if obj is None:
        return "", ""
    code = getattr(obj, "public_code", None) or obj.pk
    return obj._meta.label_lower, str(code)


# No savepoint: an event is part of the write it records, so a failure here must undo that write too.
@transaction.atomic(savepoint=False)
def log_many(*, actor: Any, entries: Iterable[Entry]) -> int:
    """Append events in order, one chain step each, under the head row's lock; return how many."""
    seq, prev = _locked_head()
    now = timezone.now()
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    label = actor_label(actor)
    rows: list[dict[str, Any]] = []
    for entry in entries:
        seq += 1
        row: dict[str, Any] = {
            "prev_hash": prev,
            "seq": seq,
            "at": now,
            "actor_id": actor_id,
            "actor_label": label,
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "reason": entry.reason,
            "reason_digest": reason_digest(entry.reason),
            "payload": entry.payload,
        }
        prev = row["hash"] = event_hash(**row)
        rows.append(row)
    if not rows:
        return 0
    inserter(AuditEvent).insert(rows)
    _move_head(seq, prev)
    return len(rows)


def log(
    action: str,
    *,
    actor: Any,
    obj: models.Model | None = None,
    reason: str = "",
    payload: dict[str, Any] | None = None,
) -> None:
    """Record one event: `log("reports.report.submitted", actor=user, obj=report)`."""
    object_type, object_id = object_ref(obj)
    log_many(actor=actor, entries=[Entry(action, object_type, object_id, reason, payload or {})])


REASONS_ERASED = "audit.reasons.erased"


def _unerased_reasons() -> QuerySet[AuditEvent]:
    """The events whose reason someone typed and no erasure has blanked yet."""
    return AuditEvent.objects.exclude(reason_digest=reason_digest("")).filter(reason_erased_at__isnull=True)


@transaction.atomic
def reasons_erase(*, actor: Any, object_type: str, object_ids: Iterable[str], why: str) -> int:
    """Blank the free-text reasons of the events about these objects; keep their digests.

    Reasons are typed by people and may name someone; payloads hold codes only. The erasure is
    itself an event, and it lists the sequence numbers of the events it blanked: the chain covers
    that list, so `verify_audit` can tell a reason erased here from one blanked by hand.
    """
    ids = list(object_ids)
    _locked_head()  # before any event: two erasures lock reasons in one order, or deadlock
    seqs: list[int] = []
    for start in range(0, len(ids), 500):
        events = _unerased_reasons().filter(object_type=object_type, object_id__in=ids[start : start + 500])
        # Locked as they are listed, and blanked by that list, so it names exactly the events blanked.
        seqs += events.select_for_update().values_list("seq", flat=True)
    return _blank(seqs, actor=actor, payload={"object_type": object_type, "objects": len(ids), "why": why})


@transaction.atomic
def reasons_erase_naming(*, actor: Any, names: Callable[[str], bool], why: str) -> int:
    """Blank every reason in the trail that `names` finds someone in, whatever it was typed about:
    a reason typed on a report ("called Jane Roe back about her address") names her as surely as
    one typed on her own record. Every unerased reason is read, locked, so the erasure lists
    exactly what it blanked; reasons are few beside the events, and erasures are rare."""
    _locked_head()  # before any event: two erasures lock reasons in one order, or deadlock
    events = _unerased_reasons().select_for_update().order_by("seq").values_list("seq", "reason")
    seqs = [seq for seq, reason in events.iterator(chunk_size=2000) if names(reason)]
    return _blank(seqs, actor=actor, payload={"why": why})


def _blank(seqs: list[int], *, actor: Any, payload: dict[str, Any]) -> int:
    """Blank the reasons of these events, and record which in one erasure event."""
    seqs = sorted(seqs)
    erased_at = timezone.now()
    for start in range(0, len(seqs), 500):
        AuditEvent.objects.filter(seq__in=seqs[start : start + 500]).update(reason="", reason_erased_at=erased_at)
    if seqs:
        log(REASONS_ERASED, actor=actor, payload={**payload, "events": len(seqs), "seqs": seqs})
    return len(seqs)
