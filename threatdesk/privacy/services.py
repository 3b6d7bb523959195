"""Writes for the privacy layer: key rotation, and protected persons (add, change, open, erase)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from threatdesk.audit import services as audit
from threatdesk.lib import sql
from threatdesk.lib.codes import normalise_code
from threatdesk.lib.text import tidy
from threatdesk.places.models import Office, State
from threatdesk.privacy import crypto, registry
from threatdesk.privacy.fields import encrypted_fields
from threatdesk.privacy.models import ProtectedPerson
from threatdesk.privacy.redaction import Redactor
from threatdesk.privacy.schemas import MIN_REASON, ProtectedPersonIn
from threatdesk.privacy.selectors import redaction_person


@dataclass
class RotationResult:
    columns: dict[str, int] = field(default_factory=dict)
    files: int = 0
    files_destroyed: int = 0  # passed over: retention deleted their bytes, so nothing needs the old key
    files_failed: int = 0  # failed their integrity check; recorded in custody and the audit trail

    @property
    def values(self) -> int:
        return sum(self.columns.values())


def _rotate_column(model: type[Model], column: str, aad: str, batch: int) -> int:
    """Re-seal one column's stale values, one transaction per batch, reading raw ciphertext with
    plain SQL.

    The site keeps writing while this runs, and a value it changes meanwhile (an erasure, a copy
    made again, an edit) must not be replaced by the older one, re-sealed. So each batch is read
    with its rows locked (FOR UPDATE; on SQLite the transaction already holds the one write
    lock), and each value is written back only where the row still holds the token that was read.
    """
    ring = crypto.ring()
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    col = connection.ops.quote_name(column)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    done, last = 0, None
    while True:
        where = f"{col} IS NOT NULL" + (f" AND {pk} > %s" if last is not None else "")
        params: list[int] = [last] if last is not None else []
        with transaction.atomic():
            # Table and column names come from model metadata, quoted by the backend; values are parameters.
            rows = sql.rows(f"SELECT {pk}, {col} FROM {table} WHERE {where} ORDER BY {pk} LIMIT {int(batch)}{lock}", params)  # noqa: S608
            if not rows:
                return done
            for key, token in rows:
                if crypto.key_id_of(token) != ring.current_id:
                    resealed = ring.encrypt(ring.decrypt(token, aad), aad)
                    done += sql.execute(f"UPDATE {table} SET {col} = %s WHERE {pk} = %s AND {col} = %s", [resealed, key, token])  # noqa: S608
        last = rows[-1][0]


def rotate_keys(*, batch: int = 1000, progress: Callable[[str], None] | None = None) -> RotationResult:
    """Bring every encrypted value and sealed file under FIELD_KEYS' first key.

    Safe to interrupt and run again: values already under the newest key are skipped. Retire an
    old key from FIELD_KEYS only after this has finished. Raises KeyRingError or DecryptionError
    when the ring is malformed or a value does not open; batches done before stay done. An
    evidence file that fails its integrity check does not stop it: it is counted in
    `files_failed` (and recorded by its app), and the rest go on.
    """
    result = RotationResult()
    for model in apps.get_models():
        for enc in encrypted_fields(model):
            count = _rotate_column(model, enc.column, enc.aad, batch)
            result.columns[enc.aad] = count
            if progress:
                progress(f"{enc.aad}: {count} re-encrypted")
    for rotator in registry.file_rotators():
        rotation = rotator()
        result.files += rotation.resealed
        result.files_destroyed += rotation.destroyed
        result.files_failed += rotation.failed
    if progress:
        destroyed = f"{result.files_destroyed} passed over, destroyed under the retention policy"
        progress(f"files: {result.files} re-encrypted, {destroyed}, {result.files_failed} failed their integrity check")
    return result


# ---------------------------------------------------------------------------------------------
# Protected persons


class ProtectedPersonError(ValueError):
    """The record cannot be stored as given; `field` names what to fix."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def people_hold(*state_ids: int, changing: bool = False) -> None:
    """Keep the states' protected persons as they are until this transaction ends, and wait for
    any change of them under way to commit first; `changing` for a write that changes them.

    A submission drafts its redacted copies before its transaction and checks inside it that the
    state's people are still those it drafted against; a change of the people redoes the copies
    already stored. Each holds this first, so neither acts on a view the other is about to
    change (on PostgreSQL, a lock on the state's row; SQLite's BEGIN IMMEDIATE already holds the
    database's one write lock). Other states go on undisturbed.

    Writes that only rely on the people (submissions, imports) share the hold (`FOR SHARE`), so
    a long import does not stop reports of its states being filed meanwhile; a change takes it
    alone (`FOR NO KEY UPDATE`). Neither mode stops a foreign-key check: retention, which writes
    a report more than once in its run, has the report's state checked again while it holds the
    report, and under `FOR UPDATE` it would deadlock with a holder waiting on that report. Every
    write takes this before anything else it locks (the audit trail's head), so holders cannot
    wait on each other in a ring.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("people_hold() belongs inside the write's transaction")
    if connection.features.has_select_for_update and state_ids:
        ids = sorted(set(state_ids))  # always in the same order, so two holders cannot deadlock
        where = f"id IN ({sql.placeholders(len(ids))})"
        mode = "FOR NO KEY UPDATE" if changing else "FOR SHARE"
        sql.rows(f"SELECT id FROM {sql.table(State)} WHERE {where} ORDER BY id {mode}", ids)  # noqa: S608


def _people_changed(state_id: int) -> int:
    """Tell every registered app (reports' redacted copies) that the state's people changed."""
    return sum(listener(state_id) for listener in registry.people_listeners())


def _worker_of(office: Office, data: ProtectedPersonIn) -> ProtectedPerson | None:
    if data.kind != ProtectedPerson.Kind.FAMILY:
        return None
    worker = ProtectedPerson.objects.filter(
        office=office, kind=ProtectedPerson.Kind.WORKER, public_code=normalise_code(data.worker)
    ).first()
    if worker is None:
        raise ProtectedPersonError("worker", f"no worker {data.worker!r} in this office")
    return worker


def _apply(person: ProtectedPerson, data: ProtectedPersonIn) -> None:
    person.kind = data.kind
    person.relationship = data.relationship
    person.full_name = data.full_name
    person.aliases = data.aliases
    person.phones = data.phones
    person.emails = data.emails
    person.handles = data.handles
    person.addresses = data.addresses


def _shape(person: ProtectedPerson) -> dict[str, Any]:
    """What the audit trail may say about a record: its kind and how much it holds, never what."""
    return {
        "kind": person.kind,
        "relationship": person.relationship,
        "identifiers": {
            "aliases": len(person.aliases),
            "phones": len(person.phones),
            "emails": len(person.emails),
            "handles": len(person.handles),
            "addresses": len(person.addresses),
        },
    }


@transaction.atomic
def protected_person_create(*, actor: Any, office: Office, data: ProtectedPersonIn) -> ProtectedPerson:
    """Add a worker or family member; reports of the state are redacted again against them."""
    people_hold(office.state_id, changing=True)
    person = ProtectedPerson(office=office, created_by=actor if getattr(actor, "is_authenticated", False) else None)
    _apply(person, data)
    person.worker = _worker_of(office, data)
    person.save()
    redone = _people_changed(office.state_id)
    audit.log("privacy.protected_person.created", actor=actor, obj=person, payload={**_shape(person), "redone": redone})
    return person


def _refuse_family_with_family(person: ProtectedPerson, data: ProtectedPersonIn) -> None:
    """A worker with family stays a worker: a family member's own family would be deleted with
    her worker's erasure without being erased themselves (their names left in the reports, no
    audit event, no record left to ask for their erasure by)."""
    if data.kind != ProtectedPerson.Kind.FAMILY:
        return
    family = sorted(person.family.values_list("public_code", flat=True))
    if family:
        raise ProtectedPersonError(
            "kind",
            f"{person.public_code} has family members of their own ({', '.join(family)}): attach them to another "
            "worker, or erase them, before making this person a family member",
        )


@transaction.atomic
def protected_person_update(*, actor: Any, person: ProtectedPerson, data: ProtectedPersonIn) -> ProtectedPerson:
    people_hold(person.office.state_id, changing=True)
    _refuse_family_with_family(person, data)
    _apply(person, data)
    person.worker = _worker_of(person.office, data)
    if person.worker_id == person.pk:
        raise ProtectedPersonError("worker", "a person cannot be their own worker")
    person.save()
    redone = _people_changed(person.office.state_id)
    audit.log("privacy.protected_person.updated", actor=actor, obj=person, payload={**_shape(person), "redone": redone})
    return person


def _checked_reason(reason: str) -> str:
    reason = tidy(reason)
    if len(reason) < MIN_REASON:
        raise ProtectedPersonError("reason", f"say why, in at least {MIN_REASON} characters")
    return reason[:500]


@transaction.atomic
def protected_person_view(*, actor: Any, person: ProtectedPerson, reason: str) -> ProtectedPerson:
    """Record that `actor` opened the record and why, before anything of it is shown."""
    audit.log("privacy.protected_person.viewed", actor=actor, obj=person, reason=_checked_reason(reason))
    return person


def _refuse_to_delete_unerased(people: list[ProtectedPerson]) -> None:
    """Deleting these records would delete, by cascade, anyone attached to one of them; refuse
    unless each such person is among those erased. As a person with family cannot become a
    family member, only records stored before that rule can meet this."""
    codes = [p.public_code for p in people]
    attached = ProtectedPerson.objects.filter(worker__public_code__in=codes).exclude(public_code__in=codes)
    stranded = sorted(attached.values_list("public_code", flat=True))
    if stranded:
        raise ProtectedPersonError(
            "family",
            f"erasing this record would delete {', '.join(stranded)} without erasing them: "
            "attach them to a worker, or erase them, first",
        )


def naming(people: list[ProtectedPerson], *, strong_only: bool = False) -> Callable[[str], bool]:
    """Whether a text names any of these people, as the redactor finds them in a report's words
    (names, aliases, phones, emails, handles, addresses). With `strong_only`, only by what points
    at them alone: not a first name or a surname on its own, which someone else may share."""
    redactor = Redactor([redaction_person(p, strong_only=strong_only) for p in people])
    return lambda text: bool(redactor.redact(text, people_only=True).spans)


@transaction.atomic
def protected_person_erase(*, actor: Any, person: ProtectedPerson, reason: str) -> int:
    """A worker's (or relative's) erasure request: take their identifiers out of every record
    that holds them, then delete the record itself; family records go with a worker's.

    Returns how many records of other apps were changed.
    """
    reason = _checked_reason(reason)
    state_id = person.office.state_id
    people_hold(state_id, changing=True)
    people = [person, *person.family.all()]
    named = naming(people)
    if named(reason):
        raise ProtectedPersonError("reason", "say why without naming them: the reason is kept after they are erased")
    _refuse_to_delete_unerased(people)
    changed = sum(eraser(p) for p in people for eraser in registry.person_erasers())
    codes = [p.public_code for p in people]
    audit.reasons_erase(actor=actor, object_type="privacy.protectedperson", object_ids=codes, why="erasure request")
    # Across the whole trail, of every state: by what points at them alone, so that a reason about
    # another Maria is kept.
    audit.reasons_erase_naming(actor=actor, names=naming(people, strong_only=True), why="erasure request")
    for p in people:
        audit.log(
            "privacy.protected_person.erased", actor=actor, obj=p, reason=reason, payload={"kind": p.kind, "changed": changed}
        )
    ProtectedPerson.objects.filter(public_code__in=codes).delete()
    _people_changed(state_id)
    return changed


# ---------------------------------------------------------------------------------------------
# Retention


@dataclass(frozen=True)
class RetentionLine:
    category: str
    label: str
    years: float
    cutoff: datetime
    records: int


def years_before(moment: datetime, years: float) -> datetime:
    """`moment` less a term of `years`: whole years on the calendar (from 29 February, to the 28th),
    so a one-year term never runs out a day early across a leap day, and any fraction of a year
    as days, rounded up."""
    whole = int(years)
    try:
        earlier = moment.replace(year=moment.year - whole)
    except ValueError:  # 29 February, in a year that has none
        earlier = moment.replace(year=moment.year - whole, day=28)
    return earlier - timedelta(days=math.ceil(365.25 * (years - whole)))


def retention_run(*, actor: Any, dry_run: bool, now: datetime | None = None) -> list[RetentionLine]:
    """Erase, category by category, the personal data the policy no longer allows keeping.

    With `dry_run` nothing changes and the counts say what a real run would erase. A real run is
    one transaction: all categories or none.
    """
    now = now or timezone.now()
    with transaction.atomic():
        lines = []
        for shredder in registry.shredders():
            years = settings.RETENTION_YEARS[shredder.category]
            cutoff = years_before(now, years)
            count = shredder.run(cutoff, dry_run, actor)
            lines.append(RetentionLine(shredder.category, shredder.label, years, cutoff, count))
        if not dry_run:
            payload = {line.category: line.records for line in lines}
            audit.log("privacy.retention.run", actor=actor, payload={"erased": payload, "policy_years": settings.RETENTION_YEARS})
    return lines
