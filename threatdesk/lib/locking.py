"""Rewriting rows from what they hold, without writing back what another writer changed meanwhile.

A writer that works out new values from a row and writes them by key must work from the row as
it is once locked: from a read made without the lock, a value changed since (an erasure by the
retention policy, say) would be written back over the change. Rows are locked in primary-key
order, the order retention locks those it erases in, so that the two queue rather than deadlock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django.db import models
from django.db.models import QuerySet

M = TypeVar("M", bound=models.Model)

CHUNK = 500


def relocked(rows: QuerySet[M], ids: Iterable[int]) -> Iterator[M]:
    """Those of `rows` among `ids`, read again `FOR UPDATE` (their own table only), a chunk at a
    time in primary-key order. The filters of `rows` are checked again once a row is locked, so
    one another writer changed out of them meanwhile is not found."""
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        chunk = rows.filter(pk__in=ordered[start : start + CHUNK]).select_for_update(of=("self",))
        yield from chunk.order_by("pk")


def rewrite(rows: QuerySet[M], changes: Callable[[M], dict[str, Any]]) -> int:
    """Write `changes(row)` to each of `rows` it changes, and say how many: the rows are searched
    without locks, and each one to change is then read again locked and its changes worked out
    afresh, so rows left alone are not held."""
    found = [row.pk for row in rows.order_by("pk").iterator(chunk_size=CHUNK) if changes(row)]
    done = 0
    for row in relocked(rows, found):
        values = changes(row)
        if values:
            rows.model._default_manager.filter(pk=row.pk).update(**values)
            done += 1
    return done
