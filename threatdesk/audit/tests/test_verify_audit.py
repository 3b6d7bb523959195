"""`manage.py verify_audit` passes on an untouched trail and names the event behind every kind of
tampering: an edited payload or action, an event deleted in the middle, a removed tail, with the
head row left alone, moved back onto the new last event, or deleted with the whole trail.
"""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from threatdesk.audit import services as audit
from threatdesk.audit.management.commands.verify_audit import Command
from threatdesk.audit.models import AuditEvent, AuditHead
from threatdesk.audit.selectors import verify_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail() -> list[AuditEvent]:
    """Five events after whatever the database already holds (none, in a fresh test database)."""
    AuditEvent.objects.all().delete()
    AuditHead.objects.all().delete()
    for n in range(1, 4):
        audit.log(f"tests.step.{n}", actor=None, payload={"n": n, "code": f"R-{n}"})
    assert audit.log_many(actor=None, entries=[audit.Entry("tests.batch", payload={"n": n}) for n in (4, 5)]) == 2
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    return events


def run(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def set_payload_sql() -> str:
    if connection.vendor == "postgresql":
        return "UPDATE audit_auditevent SET payload = CAST(%s AS jsonb) WHERE seq = %s"
    return "UPDATE audit_auditevent SET payload = %s WHERE seq = %s"


def problems() -> list[tuple[int, str]]:
    return [(p.seq, p.problem) for p in verify_chain()[1]]


def verify() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("verify_audit", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_intact_chain_passes(trail: list[AuditEvent]) -> None:
    assert verify_chain() == (5, [])
    out, err = verify()
    assert "audit trail intact: 5 events" in out
    assert err == ""


def test_empty_trail_passes() -> None:
    AuditEvent.objects.all().delete()
    AuditHead.objects.update(seq=0, hash=audit.GENESIS, mac=audit.head_mac(0, audit.GENESIS))
    assert verify_chain() == (0, [])


def test_edited_payload_is_detected(trail: list[AuditEvent]) -> None:
    run(set_payload_sql(), [json.dumps({"n": 99, "code": "R-2"}), 2])
    assert problems() == [(2, "was altered after it was written")]


def test_edited_action_is_detected(trail: list[AuditEvent]) -> None:
    run("UPDATE audit_auditevent SET action = %s WHERE seq = %s", ["tests.harmless", 3])
    assert problems() == [(3, "was altered after it was written")]


def test_edit_that_also_rewrites_the_hash_breaks_the_next_link(trail: list[AuditEvent]) -> None:
    run("UPDATE audit_auditevent SET reason = %s, hash = %s WHERE seq = %s", ["covered up", "f" * 64, 2])
    found = problems()
    assert (2, "was altered after it was written") in found
    assert (3, "does not link to the event before it") in found


def test_reason_under_a_key_the_ring_lacks_is_reported_with_the_other_problems(trail: list[AuditEvent]) -> None:
    """An old key dropped before rotation finished, or a forged key id: that event's problem, and
    the rest of the trail is still checked."""
    run("UPDATE audit_auditevent SET reason = %s WHERE seq = %s", ["td1:zz9:" + "A" * 40, 2])
    run("UPDATE audit_auditevent SET action = %s WHERE seq = %s", ["tests.harmless", 4])
    assert problems() == [
        (2, "its reason does not open (no key zz9 in FIELD_KEYS)"),
        (4, "was altered after it was written"),
    ]


def test_deleted_event_in_the_middle_is_detected(trail: list[AuditEvent]) -> None:
    run("DELETE FROM audit_auditevent WHERE seq = %s", [3])
    assert problems() == [(3, "events 3..3 are missing"), (4, "does not link to the event before it")]


def test_deleted_tail_is_detected(trail: list[AuditEvent]) -> None:
    run("DELETE FROM audit_auditevent WHERE seq >= %s", [4])
    assert problems() == [(5, "the newest events were removed (head does not match)")]


def test_deleted_tail_with_the_head_moved_back_is_detected(trail: list[AuditEvent]) -> None:
    """Both values the head would need are in the events table; its keyed MAC is not."""
    run("DELETE FROM audit_auditevent WHERE seq > %s", [3])
    run("UPDATE audit_audithead SET seq = %s, hash = %s WHERE id = 1", [3, trail[2].hash])
    assert verify_chain()[0] == 3
    assert problems() == [(3, "the head row was altered (its MAC does not match)")]


def test_head_whose_mac_was_edited_is_detected(trail: list[AuditEvent]) -> None:
    run("UPDATE audit_audithead SET mac = %s WHERE id = 1", ["0" * 32])
    assert problems() == [(5, "the head row was altered (its MAC does not match)")]


def test_wiped_trail_and_head_row_fail_the_command(trail: list[AuditEvent]) -> None:
    run("DELETE FROM audit_auditevent", [])
    run("DELETE FROM audit_audithead", [])
    err = StringIO()
    with pytest.raises(CommandError, match=r"audit trail broken: 1 problem\(s\) in 0 events"):
        call_command("verify_audit", stdout=StringIO(), stderr=err)
    assert "event 0: the head row is missing (the trail may have been wiped)" in err.getvalue()


def test_command_fails_and_names_the_edited_event(trail: list[AuditEvent]) -> None:
    run("UPDATE audit_auditevent SET action = %s WHERE seq = %s", ["tests.harmless", 4])
    err = StringIO()
    with pytest.raises(CommandError, match=r"audit trail broken: 1 problem\(s\) in 5 events"):
        call_command("verify_audit", stdout=StringIO(), stderr=err)
    assert "event 4: was altered after it was written" in err.getvalue()


def test_command_exits_non_zero_from_the_command_line(
    trail: list[AuditEvent], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run("DELETE FROM audit_auditevent WHERE seq = %s", [2])
    # The command closes every connection when it ends; the test's transaction must survive it.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["manage.py", "verify_audit"])
    assert exited.value.code not in (0, None)
    err = capsys.readouterr().err
    assert "event 2: events 2..2 are missing" in err
    assert "event 3: does not link to the event before it" in err
    assert "audit trail broken" in err
