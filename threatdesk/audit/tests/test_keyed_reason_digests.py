"""Reason digests are keyed: an erased reason cannot be confirmed by hashing a guess, and the
migration that keyed the digests of an existing trail links it again only if it verified."""

from __future__ import annotations

import hashlib
import importlib

import pytest
from django.apps import apps
from django.db import connection

from threatdesk.audit import services as audit
from threatdesk.audit.models import AuditEvent, AuditHead
from threatdesk.audit.selectors import verify_chain

pytestmark = pytest.mark.django_db

REASON = "Called Jane Roe back at her cell"
migration = importlib.import_module("threatdesk.audit.migrations.0005_keyed_reason_digests")
head_mac_migration = importlib.import_module("threatdesk.audit.migrations.0006_head_mac")


@pytest.fixture(autouse=True)
def _empty_trail() -> None:
    AuditEvent.objects.all().delete()
    AuditHead.objects.all().delete()


def plain(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def log_two_reasons() -> None:
    audit.log_many(
        actor=None,
        entries=[
            audit.Entry("tests.viewed", "privacy.protectedperson", "P-1", reason=REASON),
            audit.Entry("tests.viewed", "privacy.protectedperson", "P-2", reason="Routine check of the list"),
        ],
    )
    audit.reasons_erase(actor=None, object_type="privacy.protectedperson", object_ids=["P-1"], why="erasure request")


def test_an_erased_reason_cannot_be_confirmed_from_its_digest():
    log_two_reasons()
    event = AuditEvent.objects.get(object_id="P-1")
    assert event.reason == ""
    assert event.reason_digest not in {plain(REASON), plain("")}
    assert verify_chain()[1] == []


def test_the_digest_depends_on_the_key(settings):
    before = audit.reason_digest(REASON)
    settings.PSEUDONYM_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
    assert audit.reason_digest(REASON) != before


def old_style_trail() -> None:
    """A trail as written before digests were keyed: plain SHA-256 digests, linked by them."""
    log_two_reasons()
    prev = audit.GENESIS
    for event in AuditEvent.objects.order_by("seq"):
        event.reason_digest = plain(REASON if event.reason_erased_at else event.reason)
        event.prev_hash = prev
        event.hash = prev = migration._link(audit.event_hash, event)
        AuditEvent.objects.filter(pk=event.pk).update(reason_digest=event.reason_digest, prev_hash=event.prev_hash, hash=prev)
    AuditHead.objects.filter(id=1).update(hash=prev)


def test_the_migration_keys_the_digests_and_links_the_trail_again():
    old_style_trail()
    assert verify_chain()[1]  # today's code finds the old digests no longer match
    migration.rekey(apps, None)
    head_mac_migration.add_head_mac(apps, None)  # the migration after it gives the head its MAC
    assert verify_chain() == (3, [])
    digests = set(AuditEvent.objects.values_list("reason_digest", flat=True))
    assert not digests & {plain(REASON), plain("Routine check of the list"), plain("")}


def test_the_migration_refuses_a_trail_that_does_not_verify():
    old_style_trail()
    AuditEvent.objects.filter(seq=2).update(payload={"edited": True})
    with pytest.raises(RuntimeError, match="audit event 2 does not verify"):
        migration.rekey(apps, None)


def test_the_migration_refuses_a_trail_whose_reason_was_swapped():
    """A sealed reason copied over another's keeps the chain whole but no longer matches the
    digest the chain covered: the migration must not key the swapped reason's digest."""
    old_style_trail()
    audit.log_many(actor=None, entries=[audit.Entry("tests.viewed", "privacy.protectedperson", "P-3", reason="Third look")])
    prev = AuditEvent.objects.get(seq=3).hash
    event = AuditEvent.objects.get(seq=4)
    event.reason_digest = plain("Third look")
    event.prev_hash = prev
    event.hash = migration._link(audit.event_hash, event)
    AuditEvent.objects.filter(pk=event.pk).update(reason_digest=event.reason_digest, prev_hash=prev, hash=event.hash)
    AuditHead.objects.filter(id=1).update(hash=event.hash)
    with connection.cursor() as cursor:  # the second event's sealed reason, copied over the fourth's
        cursor.execute("SELECT reason FROM audit_auditevent WHERE seq = 2")
        sealed = cursor.fetchone()[0]
        cursor.execute("UPDATE audit_auditevent SET reason = %s WHERE seq = 4", [sealed])
    with pytest.raises(RuntimeError, match="audit event 4 does not verify"):
        migration.rekey(apps, None)
