"""Reasons typed into the audit trail can be erased for an object (retention, an erasure
request) and the chain still verifies; a reason edited or blanked any other way is caught."""

from __future__ import annotations

import pytest
from django.db import connection

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
    assert note.payload["seqs"] == [first.seq]
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


def _blank_by_hand(seq: int) -> None:
    """Copy an empty sealed reason over the event's and mark it erased, as a database writer could."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM audit_auditevent WHERE reason_digest = %s", [audit.reason_digest("")])
        (sealed_empty,) = cursor.fetchone()
        cursor.execute(
            "UPDATE audit_auditevent SET reason = %s, reason_erased_at = %s WHERE seq = %s",
            [sealed_empty, "2024-01-01 00:00:00", seq],
        )


def test_a_reason_blanked_outside_an_erasure_is_caught():
    _log_with_reasons()
    audit.log("tests.no_reason", actor=None)
    _blank_by_hand(2)
    _checked, problems = verify_chain()
    assert [(p.seq, p.problem) for p in problems] == [(2, "its reason was blanked, but no erasure lists it")]


def test_an_erasure_lists_only_what_it_blanked():
    """Another object's reason blanked by hand is not covered by an erasure of this one."""
    _log_with_reasons()
    audit.reasons_erase(actor=None, object_type="privacy.protectedperson", object_ids=["P-1"], why="erasure request")
    _blank_by_hand(2)
    _checked, problems = verify_chain()
    assert [p.seq for p in problems] == [2]


def _erasure_without_a_list(object_type: str) -> None:
    """An erasure event as written before erasures listed the events they blanked."""
    audit.log("audit.reasons.erased", actor=None, payload={"object_type": object_type, "objects": 1, "events": 1, "why": "x"})


def test_a_reason_erased_before_erasures_listed_their_events_is_accepted():
    _log_with_reasons()
    audit.log("tests.no_reason", actor=None)
    _blank_by_hand(1)
    _erasure_without_a_list("privacy.protectedperson")
    assert verify_chain()[1] == []


@pytest.mark.parametrize(
    ("object_type", "blanked_after"),
    [("reports.report", False), ("privacy.protectedperson", True)],
    ids=["other-object-type", "erasure-before-the-event"],
)
def test_an_old_erasure_covers_only_earlier_events_of_its_object_type(object_type: str, blanked_after: bool):
    if not blanked_after:
        _log_with_reasons()
    _erasure_without_a_list(object_type)
    if blanked_after:
        _log_with_reasons()
    audit.log("tests.no_reason", actor=None)
    seq = AuditEvent.objects.get(object_id="P-1").seq
    _blank_by_hand(seq)
    assert [p.seq for p in verify_chain()[1]] == [seq]
