"""Reads for the privacy layer: protected persons for a user, and for the redactor."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from django.db.models import Q
from django.http import Http404

from threatdesk.lib import sql
from threatdesk.lib.codes import lookup_code
from threatdesk.places.models import Office
from threatdesk.privacy.models import ProtectedPerson, ProtectedPersonQuerySet
from threatdesk.privacy.redaction import Person, Redactor


def people_for(user: Any) -> ProtectedPersonQuerySet:
    return ProtectedPerson.objects.visible_to(user).select_related("office", "worker")


def person_for(user: Any, code: str) -> ProtectedPerson:
    """The record with this code if `user` may open it; 404 otherwise, found or not."""
    try:
        return people_for(user).get(public_code=lookup_code(code))
    except ProtectedPerson.DoesNotExist as exc:
        raise Http404("No such person") from exc


def redaction_person(record: ProtectedPerson, *, strong_only: bool = False) -> Person:
    return Person(
        key=record.public_code,
        kind=record.kind,
        names=[record.full_name],
        aliases=list(record.aliases),
        phones=list(record.phones),
        emails=list(record.emails),
        handles=list(record.handles),
        addresses=list(record.addresses),
        strong_only=strong_only,
    )


class StatePeople:
    """The protected persons of some states, read and decrypted once, with the office each
    belongs to: enough to say who a report must not name without going back to the database,
    so that a worker process of an import, which must not, can build redactors from it."""

    def __init__(self, by_state: dict[int, list[tuple[int, Person]]]) -> None:
        self._by_state = by_state
        self._by_office: dict[int, list[Person]] = {}
        for people in by_state.values():
            for owner, person in people:
                self._by_office.setdefault(owner, []).append(person)

    @classmethod
    def load(cls, state_ids: Iterable[int] | None = None, office_ids: Iterable[int] = ()) -> StatePeople:
        """The people of `state_ids` and of the offices `office_ids`, or of every state, in one query."""
        records = ProtectedPerson.objects.select_related("office").order_by("kind", "pk")
        if state_ids is not None:
            records = records.filter(Q(office__state_id__in=list(state_ids)) | Q(office_id__in=list(office_ids)))
        by_state: dict[int, list[tuple[int, Person]]] = {}
        for record in records:
            by_state.setdefault(record.office.state_id, []).append((record.office_id, redaction_person(record)))
        return cls(by_state)

    def people(self, *, office_id: int | None, state_id: int) -> list[Person]:
        """Who a report from `office_id` in `state_id` must not name.

        The office's own people in every form (a first name alone is enough to find them), even
        when its report is about another state; people of the state's other offices only by what
        points at them alone (full name, phone, email, handle, address), so that every 'Mike' in
        the state is not blacked out.
        """
        in_state = self._by_state.get(state_id, [])
        people = [replace(person, strong_only=owner != office_id) for owner, person in in_state]
        if office_id is not None and all(owner != office_id for owner, _person in in_state):
            people += self._by_office.get(office_id, [])
        return people


def redaction_people(*, office_id: int | None, state_id: int) -> list[Person]:
    """Who a report from `office_id` in `state_id` must not name (see `StatePeople.people`)."""
    offices = [office_id] if office_id is not None else []
    return StatePeople.load([state_id], offices).people(office_id=office_id, state_id=state_id)


# (count, newest change, highest id) of protected persons: any addition, edit, removal or move
# changes it. Written out in SQL because every submission asks for its state's, and building
# the ORM's aggregate cost more than running it.
_STAMP_SQL = (
    f"SELECT COUNT(p.id), MAX(p.updated_at), MAX(p.id) FROM {sql.table(ProtectedPerson)} p "  # noqa: S608
    f"JOIN {sql.table(Office)} o ON o.id = p.office_id"
)


def people_stamp() -> tuple[Any, ...]:
    """The stamp of every protected person, in every state. An import drafts its redacted copies
    against everyone before its transaction, and compares this inside it."""
    return sql.first_row(_STAMP_SQL) or ()


class RedactorCache:
    """One built redactor per (state, office), reused while the protected persons it was built
    from are unchanged; the check costs one small aggregate query instead of decrypting every record."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._built: dict[tuple[int, int | None], tuple[tuple[Any, ...], Redactor]] = {}

    def stamp(self, state_id: int, office_id: int | None = None) -> tuple[Any, ...]:
        """The stamp (see `_STAMP_SQL`) of the protected persons a report from `office_id` in
        `state_id` is redacted against: the state's, and the office's wherever it is."""
        if office_id is None:
            return sql.first_row(_STAMP_SQL + " WHERE o.state_id = %s", [state_id]) or ()
        return sql.first_row(_STAMP_SQL + " WHERE o.state_id = %s OR p.office_id = %s", [state_id, office_id]) or ()

    def redactor(self, *, office_id: int | None, state_id: int, stamp: tuple[Any, ...] | None = None) -> Redactor:
        """The redactor for reports of `office_id` in `state_id`; `stamp` if the caller has just
        read theirs (`stamp(state_id, office_id)`)."""
        stamp = self.stamp(state_id, office_id) if stamp is None else stamp
        key = (state_id, office_id)
        with self._lock:
            hit = self._built.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        redactor = Redactor(redaction_people(office_id=office_id, state_id=state_id))
        with self._lock:
            self._built[key] = (stamp, redactor)
        return redactor

    def known(self, *, office_id: int | None, state_id: int) -> tuple[tuple[Any, ...], Redactor]:
        """The redactor last built for these reports and the stamp it was built against, without
        asking whether that stamp is still current: for work done ahead and checked against the
        stamp later (a submission checks inside its transaction), which saves a query per report."""
        with self._lock:
            hit = self._built.get((state_id, office_id))
        if hit is not None:
            return hit
        stamp = self.stamp(state_id, office_id)
        return stamp, self.redactor(office_id=office_id, state_id=state_id, stamp=stamp)

    def clear(self) -> None:
        with self._lock:
            self._built.clear()


redactors = RedactorCache()
