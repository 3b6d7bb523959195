"""Protected persons: an office's election workers and their family members.

Everything about them is personal data and sealed at rest. Only the office's manager and
administrators may open a record, and every opening is audited with a reason. The redactor
reads these records to keep the people out of every copy of a report that others see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from threatdesk.lib.codes import new_code
from threatdesk.places.models import Office
from threatdesk.privacy.fields import EncryptedJSONField, EncryptedTextField

if TYPE_CHECKING:
    from threatdesk.accounts.models import User


def protected_person_code() -> str:
    return new_code("P", groups=2)


class ProtectedPersonQuerySet(models.QuerySet["ProtectedPerson"]):
    def visible_to(self, user: User | Any) -> ProtectedPersonQuerySet:
        """The office's manager sees the office's people; administrators see all; no one else any."""
        from threatdesk.accounts.models import Role

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.role == Role.ADMIN:
            return self
        if user.role == Role.OFFICE_MANAGER and user.office_id:
            return self.filter(office_id=user.office_id)
        return self.none()


class ProtectedPerson(models.Model):
    class Kind(models.TextChoices):
        WORKER = "worker", "Election worker or official"
        FAMILY = "family", "Family member"

    class Relationship(models.TextChoices):
        SELF = "self", "The worker"
        SPOUSE = "spouse", "Spouse or partner"
        CHILD = "child", "Child"
        PARENT = "parent", "Parent"
        SIBLING = "sibling", "Sibling"
        OTHER = "other", "Other household member"

    public_code = models.CharField(max_length=16, unique=True, default=protected_person_code, editable=False)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="protected_people")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    relationship = models.CharField(max_length=8, choices=Relationship.choices, default=Relationship.SELF)
    worker = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="family",
        help_text="For a family member: the worker they belong to.",
    )
    full_name = EncryptedTextField()
    aliases = EncryptedJSONField(default=list, help_text="Nicknames, maiden names, other spellings.")
    phones = EncryptedJSONField(default=list)
    emails = EncryptedJSONField(default=list)
    handles = EncryptedJSONField(default=list)
    addresses = EncryptedJSONField(default=list, help_text="Home addresses, one string each.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProtectedPersonQuerySet.as_manager()

    class Meta:
        ordering = ["office", "kind", "created_at"]
        indexes = [models.Index(fields=["office", "kind"])]

    def __str__(self) -> str:
        # Never the name: this string ends up in admin lists and log lines.
        return self.public_code
