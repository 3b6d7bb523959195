"""The audit trail: append-only events, each chained to the one before by a SHA-256 hash.

An edited event no longer matches its hash; a deleted one breaks the link to its successor; a
removed tail no longer matches the head row, and the head row carries a keyed MAC, so moving
it back onto the new last event shows too. `manage.py verify_audit` checks all of these.
Payloads hold codes and ids only, never personal data. Reasons are typed by people and may name
someone, so they are sealed at rest like every other free text, the chain covers a reason's
digest, and the text can be erased (retention, an erasure request) without breaking the chain.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from threatdesk.privacy.fields import EncryptedTextField


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    # PROTECT: the chain hashes actor_id, so an account that acted can be deactivated, never deleted.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=80, help_text="Username, 'public' or 'system' at the time.")
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    reason = EncryptedTextField(blank=True, default="")
    reason_digest = models.CharField(
        max_length=64, default="", help_text="Keyed SHA-256 (HMAC) of the reason; the chain covers this."
    )
    reason_erased_at = models.DateTimeField(null=True, blank=True, help_text="When the reason text was erased.")
    payload = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditHead(models.Model):
    """One row: the newest event's sequence and hash. Locked while an event is appended.

    The MAC is a keyed hash (under PSEUDONYM_KEY, which the database does not hold) of the
    sequence and hash: both are in the events table, so without it anyone who cuts off the
    newest events could copy the new last event's values here and the trail would look whole.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)
    mac = models.CharField(max_length=64, default="", help_text="Keyed hash (HMAC) of seq and hash.")

    def __str__(self) -> str:
        return f"head at #{self.seq}"
