"""Rows written by BulkInserter read back through the ORM exactly as written, whichever way
they went in: one statement for a few rows, COPY or batches for many, RETURNING for one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction

from threatdesk.audit.models import AuditEvent
from threatdesk.lib.bulkinsert import COPY_FROM, inserter

pytestmark = pytest.mark.django_db

AT = datetime(2024, 11, 5, 14, 30, 15, 123456, tzinfo=UTC)


def event(seq: int) -> dict[str, object]:
    return {
        "seq": seq,
        "at": AT,
        "actor_id": None,
        "actor_label": "system",
        "action": "test.bulk",
        "object_type": "reports.report",
        "object_id": f"R{seq}",
        "reason": f"sealed reason {seq}",
        "payload": {"n": seq, "codes": ["a", "b"]},
        "prev_hash": "0" * 64,
        "hash": f"{seq:064d}",
    }


@pytest.mark.parametrize("count", [0, 1, 3, COPY_FROM - 1, COPY_FROM, 3 * COPY_FROM])
def test_rows_read_back_as_written(count):
    start = 10_000
    assert inserter(AuditEvent).insert(event(start + i) for i in range(count)) == count
    stored = list(AuditEvent.objects.filter(action="test.bulk").order_by("seq"))
    assert [e.seq for e in stored] == list(range(start, start + count))
    for e in stored:
        assert e.at == AT
        assert e.reason == f"sealed reason {e.seq}"
        assert e.payload == {"n": e.seq, "codes": ["a", "b"]}
        assert e.object_id == f"R{e.seq}"
        assert e.reason_erased_at is None


@pytest.mark.parametrize("count", [1, 3, COPY_FROM, 3 * COPY_FROM])
def test_a_clash_with_a_unique_column_is_djangos_integrity_error_whichever_way_the_rows_go(count):
    """Callers catch `django.db.IntegrityError`; the COPY path must not raise the driver's own."""
    inserter(AuditEvent).insert_one(event(30_000))
    with pytest.raises(IntegrityError), transaction.atomic():
        inserter(AuditEvent).insert(event(30_000 - i) for i in range(count))
    assert AuditEvent.objects.filter(action="test.bulk").count() == 1


def test_insert_one_returns_the_new_key():
    pk = inserter(AuditEvent).insert_one(event(20_000))
    stored = AuditEvent.objects.get(pk=pk)
    assert stored.seq == 20_000 and stored.reason == "sealed reason 20000"


def test_reports_have_no_save_hooks_that_a_plain_insert_would_skip():
    """A submission stores its report with `insert_one`, not `save()`; a hook added later must
    make the submission path call it, and this test says so."""
    from django.db import models
    from django.db.models.signals import post_save, pre_save

    from threatdesk.reports.models import Report

    assert Report.save is models.Model.save
    assert not pre_save.has_listeners(Report)
    assert not post_save.has_listeners(Report)
