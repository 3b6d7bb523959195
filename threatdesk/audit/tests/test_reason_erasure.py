"""Reasons typed into the audit trail can be erased for an object (retention, an erasure
request) and the chain still verifies; a reason edited any other way is caught."""

from __future__ import annotations

import pytest

from threatdesk.audit import services as audit
from threatdesk.audit.models import AuditEvent, AuditHead
from threatdesk.audit.selectors import verify_chain

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_trail() -> None:
    AuditEvent.objects.all().delete()
    AuditHead.objects.all().delete()


def _log_with_reasons() -> None:
    audit.log_many(
        actor=None,
        entries=[
            audit.Entry("tests.viewed", "privacy.protectedperson", "P-1", reason="Checking Jane Roe's phone"),
            audit.Entry("tests.viewed", "privacy.protectedperson", "P-2", reason="Routine check of the list"),
        ],
    )


def test_erasing_reasons_keeps_the_chain_intact_and_records_the_erasure():
    _log_with_reasons()
    erased = audit.reasons_erase(actor=None, object_type="privacy.protectedperson", object_ids=["P-1"], why="erasure request")
    assert erased == 1
    first = AuditEvent.objects.get(object_id="P-1")
    assert first.reason == "" and first.reason_erased_at is not None
    assert AuditEvent.objects.get(object_id="P-2").reason == "Routine check of the list"
    checked, problems = verify_chain()
    assert (checked, problems) == (3, [])
    note = AuditEvent.objects.get(action="audit.reasons.erased")
    assert note.payload["events"] == 1
    assert "Jane" not in str(note.payload)


def test_a_reason_edited_outside_an_erasure_is_caught():
    _log_with_reasons()
    AuditEvent.objects.filter(object_id="P-2").update(reason="Routine check of the list (edited)")
    _checked, problems = verify_chain()
    assert [(p.seq, p.problem) for p in problems] == [(2, "its reason was altered after it was written")]


def test_blanking_a_reason_without_marking_it_erased_is_caught():
    _log_with_reasons()
    AuditEvent.objects.filter(object_id="P-1").update(reason="")
    _checked, problems = verify_chain()
    assert [p.seq for p in problems] == [1]


def test_nothing_to_erase_writes_nothing():
    _log_with_reasons()
    assert audit.reasons_erase(actor=None, object_type="privacy.protectedperson", object_ids=["P-9"], why="x") == 0
    assert AuditEvent.objects.count() == 2
