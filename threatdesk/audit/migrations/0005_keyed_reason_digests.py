"""Reason digests become keyed (HMAC under PSEUDONYM_KEY): a plain SHA-256 let anyone holding a
copy of the database test a guess against a reason long after the reason was erased.

The chain covers the digests, so every event is linked again. The stored chain is checked first:
linking it again must never make an edited or removed event look whole. An erased reason's old
digest is replaced by a keyed hash of itself, which confirms nothing.
"""

import hashlib

from django.db import migrations, models

GENESIS = "0" * 64
LINKED = ["seq", "at", "actor_id", "actor_label", "action", "object_type", "object_id", "reason_digest", "payload"]


def _link(event_hash, event):
    return event_hash(prev_hash=event.prev_hash, **{name: getattr(event, name) for name in LINKED})


def _reason_holds(event):
    """The reason as stored still matches the plain digest the chain covered, or was erased."""
    if event.reason_erased_at is not None:
        return event.reason == ""
    return hashlib.sha256(event.reason.encode()).hexdigest() == event.reason_digest


def _check_chain(events, head, event_hash):
    prev, expected_seq = GENESIS, 1
    for event in events.order_by("seq").iterator(chunk_size=2000):
        linked = event.seq == expected_seq and event.prev_hash == prev and _link(event_hash, event) == event.hash
        if not (linked and _reason_holds(event)):
            raise RuntimeError(
                f"audit event {event.seq} does not verify; run manage.py verify_audit and resolve it before migrating"
            )
        prev, expected_seq = event.hash, event.seq + 1
    if head is not None and (head.seq, head.hash) != (expected_seq - 1, prev):
        raise RuntimeError("the newest audit events were removed; run manage.py verify_audit before migrating")


def rekey(apps, schema_editor):
    from threatdesk.audit.services import event_hash, reason_digest

    events = apps.get_model("audit", "AuditEvent").objects.all()
    heads = apps.get_model("audit", "AuditHead").objects.filter(id=1)
    _check_chain(events, heads.first(), event_hash)
    prev, batch = GENESIS, []
    for event in events.order_by("seq").iterator(chunk_size=2000):
        erased = event.reason_erased_at is not None
        event.reason_digest = reason_digest(f"erased\x00{event.reason_digest}" if erased else event.reason)
        event.prev_hash = prev
        event.hash = prev = _link(event_hash, event)
        batch.append(event)
        if len(batch) == 1000:
            events.bulk_update(batch, ["reason_digest", "prev_hash", "hash"])
            batch = []
    events.bulk_update(batch, ["reason_digest", "prev_hash", "hash"])
    heads.update(hash=prev)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_keep_actors"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="reason_digest",
            field=models.CharField(
                default="", help_text="Keyed SHA-256 (HMAC) of the reason; the chain covers this.", max_length=64
            ),
        ),
        migrations.RunPython(rekey),
    ]
