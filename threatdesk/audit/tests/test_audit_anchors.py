"""Anchors kept outside the database catch what the chain and its keyed head cannot.

Someone who kept a copy of an older head row can cut the trail back to it and put the copy back;
someone holding every key can rewrite the trail and recompute every hash and the head's MAC.
`verify_audit` prints the newest event as an anchor (`SEQ:HASH`); checked later against a kept
anchor, a trail that no longer holds that event unchanged fails.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from threatdesk.audit import services as audit
from threatdesk.audit.models import AuditEvent, AuditHead
from threatdesk.audit.selectors import Anchor, verify_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail() -> list[AuditEvent]:
    AuditEvent.objects.all().delete()
    AuditHead.objects.all().delete()
    for n in range(1, 6):
        audit.log(f"tests.step.{n}", actor=None, payload={"n": n})
    return list(AuditEvent.objects.order_by("seq"))


def printed_anchor() -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out)
    found = re.search(r"^anchor: (\d+:[0-9a-f]{64}) ", out.getvalue(), re.MULTILINE)
    assert found, out.getvalue()
    return found.group(1)


def refused(*anchors: str) -> str:
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("verify_audit", *[f"--anchor={a}" for a in anchors], stdout=StringIO(), stderr=err)
    return f"{err.getvalue()}{caught.value}"


def cut_back_to(seq: int) -> None:
    """What a kept copy of the head row allows: the newer events gone, the old head put back."""
    kept = AuditEvent.objects.get(seq=seq)
    AuditEvent.objects.filter(seq__gt=seq).delete()
    AuditHead.objects.filter(id=1).update(seq=seq, hash=kept.hash, mac=audit.head_mac(seq, kept.hash))


def test_the_command_prints_the_newest_event_as_an_anchor(trail):
    assert printed_anchor() == f"5:{trail[-1].hash}"


def test_a_kept_anchor_of_an_untouched_trail_passes_and_later_events_do_not_disturb_it(trail):
    anchor = printed_anchor()
    audit.log("tests.later", actor=None)
    out = StringIO()
    call_command("verify_audit", f"--anchor={anchor}", stdout=out)
    assert "audit trail intact: 6 events; 1 anchor(s) held" in out.getvalue()


def test_a_trail_cut_back_to_a_kept_head_passes_alone_but_not_against_the_anchor(trail):
    anchor = printed_anchor()
    cut_back_to(3)
    assert verify_chain() == (3, [])  # the chain and the head's MAC cannot tell
    assert "event 5: the anchored event is gone: the trail was cut back to before it" in refused(anchor)


def test_a_trail_rewritten_with_every_key_fails_its_anchor(trail):
    anchor = printed_anchor()
    # Rewrite event 2 and recompute every later hash and the head's MAC, as a key holder could.
    prev = trail[0].hash
    for event in trail[1:]:
        payload = {"n": 99} if event.seq == 2 else event.payload
        fields = {
            "prev_hash": prev,
            "seq": event.seq,
            "at": event.at,
            "actor_id": event.actor_id,
            "actor_label": event.actor_label,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "reason_digest": event.reason_digest,
            "payload": payload,
        }
        prev = audit.event_hash(**fields)
        AuditEvent.objects.filter(seq=event.seq).update(payload=payload, prev_hash=fields["prev_hash"], hash=prev)
    AuditHead.objects.filter(id=1).update(seq=5, hash=prev, mac=audit.head_mac(5, prev))
    assert verify_chain() == (5, [])
    assert "event 5: does not match its anchor: the trail up to it was rewritten" in refused(anchor)


@pytest.mark.parametrize("text", ["5", "five:" + "a" * 64, "0:" + "a" * 64, "5:" + "A" * 64, "5:abc"])
def test_a_malformed_anchor_is_refused_naming_the_form(trail, text):
    assert "an anchor reads SEQ:HASH" in refused(text)


def test_an_anchor_prints_as_it_parses():
    text = "7:" + "0123456789abcdef" * 4
    assert str(Anchor.parse(text)) == text
