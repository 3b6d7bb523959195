"""Read and check the audit trail."""

from __future__ import annotations

import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import models
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from threatdesk.audit.models import AuditEvent, AuditHead
from threatdesk.audit.services import GENESIS, REASONS_ERASED, event_hash, head_mac, object_ref, reason_digest
from threatdesk.privacy.crypto import DecryptionError, KeyRingError, decrypt_text

REASON_PLACE = "audit_auditevent.reason"


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str


def events_for(obj: models.Model) -> QuerySet[AuditEvent]:
    object_type, object_id = object_ref(obj)
    return AuditEvent.objects.filter(object_type=object_type, object_id=object_id).select_related("actor")


ALTERED_REASON = "its reason was altered after it was written"


@dataclass(frozen=True)
class Erasures:
    """The reasons the trail's erasure events account for.

    An erasure event lists the sequence numbers of the events whose reasons it blanked; the chain
    covers the list, so a forged one shows as an altered event. Erasure events written before
    they carried a list say only which kind of object they were about: a reason blanked then is
    accepted when such an event about the same kind of object comes after it. That is all the
    trail can tell of those, and it is what was checked before.
    """

    listed: frozenset[int]
    unlisted: dict[str, int]  # object type -> sequence number of the newest erasure without a list

    @classmethod
    def read(cls) -> Erasures:
        listed: set[int] = set()
        unlisted: dict[str, int] = {}
        for seq, payload in AuditEvent.objects.filter(action=REASONS_ERASED).values_list("seq", "payload"):
            payload = payload if isinstance(payload, dict) else {}  # a tampered one is reported by the walk
            if "seqs" in payload:
                seqs = payload["seqs"] if isinstance(payload["seqs"], list) else []
                listed.update(n for n in seqs if isinstance(n, int))
            else:
                object_type = str(payload.get("object_type", ""))
                unlisted[object_type] = max(seq, unlisted.get(object_type, 0))
        return cls(frozenset(listed), unlisted)

    def account_for(self, event: AuditEvent) -> bool:
        return event.seq in self.listed or self.unlisted.get(event.object_type, 0) > event.seq


def _reason_problem(event: AuditEvent, erasures: Erasures) -> str | None:
    """What is wrong with the event's reason, if anything: it must open and match the digest the
    chain covers, or have been erased (empty) by an erasure the trail records.

    A reason sealed under a key the ring lacks (a key dropped before rotation finished, or a
    forged key id) is that event's problem, named with the key, so the rest of the trail is
    still checked and listed.
    """
    try:
        reason = decrypt_text(event.sealed_reason, REASON_PLACE)  # type: ignore[attr-defined]
    except KeyRingError as exc:
        return f"its reason does not open ({exc})"
    except DecryptionError:
        return ALTERED_REASON
    if event.reason_erased_at is None:
        return None if reason_digest(reason) == event.reason_digest else ALTERED_REASON
    if reason != "":
        return ALTERED_REASON
    return None if erasures.account_for(event) else "its reason was blanked, but no erasure lists it"


@dataclass(frozen=True)
class Anchor:
    """An event's sequence number and hash, kept outside the database (`verify_audit` prints the
    newest): the chain up to it is fixed by its hash, so a trail rewritten or cut back to before
    it, even by someone holding every key, no longer matches it."""

    seq: int
    hash: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Anchor:
        """`SEQ:HASH` as `verify_audit` prints it; ValueError naming what is wrong otherwise."""
        seq, sep, hash_ = text.strip().partition(":")
        if not sep or not seq.isdigit() or int(seq) < 1 or not re.fullmatch(r"[0-9a-f]{64}", hash_):
            raise ValueError(f"an anchor reads SEQ:HASH, an event's number and its 64-hex-digit hash, not {text!r}")
        return cls(int(seq), hash_)


def _anchor_problems(anchors: Sequence[Anchor], found: dict[int, str]) -> list[ChainProblem]:
    """What the kept anchors say of the walked trail: `found` holds the hashes of their events."""
    problems = []
    for anchor in anchors:
        if anchor.seq not in found:
            problems.append(ChainProblem(anchor.seq, "the anchored event is gone: the trail was cut back to before it"))
        elif not hmac.compare_digest(found[anchor.seq], anchor.hash):
            problems.append(ChainProblem(anchor.seq, "does not match its anchor: the trail up to it was rewritten"))
    return problems


@dataclass(frozen=True)
class ChainCheck:
    """What a walk of the trail found: how many events, what is wrong, and the last event it
    walked, as an anchor to keep (None for an empty trail)."""

    checked: int
    problems: list[ChainProblem]
    last: Anchor | None


def verify_chain(batch_size: int = 5000, anchors: Sequence[Anchor] = ()) -> tuple[int, list[ChainProblem]]:
    """Walk every event; return how many were checked and what is wrong with the chain, checked
    against `anchors` too (`Anchor`)."""
    walked = check_chain(batch_size, anchors)
    return walked.checked, walked.problems


def check_chain(batch_size: int = 5000, anchors: Sequence[Anchor] = ()) -> ChainCheck:
    """`verify_chain`, with the last event walked: the only one a printed anchor may vouch for,
    since events written once the walk has passed were never checked."""
    anchored = {anchor.seq for anchor in anchors}
    found: dict[int, str] = {}
    problems: list[ChainProblem] = []
    expected_seq, prev = 1, GENESIS
    checked = 0
    # The sealed reason is read as stored and opened here, so a tampered one is reported, not raised.
    events = AuditEvent.objects.defer("reason").annotate(sealed_reason=Cast("reason", TextField()))
    erasures = Erasures.read()
    for event in events.order_by("seq").iterator(chunk_size=batch_size):
        checked += 1
        if event.seq != expected_seq:
            problems.append(ChainProblem(expected_seq, f"events {expected_seq}..{event.seq - 1} are missing"))
        if event.prev_hash != prev:
            problems.append(ChainProblem(event.seq, "does not link to the event before it"))
        recomputed = event_hash(
            prev_hash=event.prev_hash,
            seq=event.seq,
            at=event.at,
            actor_id=event.actor_id,
            actor_label=event.actor_label,
            action=event.action,
            object_type=event.object_type,
            object_id=event.object_id,
            reason_digest=event.reason_digest,
            payload=event.payload,
        )
        if recomputed != event.hash:
            problems.append(ChainProblem(event.seq, "was altered after it was written"))
        elif reason_problem := _reason_problem(event, erasures):
            problems.append(ChainProblem(event.seq, reason_problem))
        if event.seq in anchored:
            found[event.seq] = event.hash
        expected_seq, prev = event.seq + 1, event.hash
    problems.extend(_head_problems(expected_seq - 1, prev))
    problems.extend(_anchor_problems(anchors, found))
    return ChainCheck(checked, problems, Anchor(expected_seq - 1, prev) if checked else None)


def _head_problems(last_seq: int, last_hash: str) -> list[ChainProblem]:
    """What is wrong with the head row, given the last event the walk found.

    A migration creates the row, so a missing one was deleted (with the whole trail, perhaps). Its
    MAC is keyed, so a head moved back onto the last event left after a cut no longer matches
    it; a head that matches its MAC but not the last event means the newest events were removed.
    """
    head = AuditHead.objects.filter(id=1).first()
    if head is None:
        return [ChainProblem(last_seq, "the head row is missing (the trail may have been wiped)")]
    if not hmac.compare_digest(head.mac, head_mac(head.seq, head.hash)):
        return [ChainProblem(head.seq, "the head row was altered (its MAC does not match)")]
    if head.seq != last_seq or head.hash != last_hash:
        return [ChainProblem(head.seq, "the newest events were removed (head does not match)")]
    return []
