"""Incident reports, their threat types, sender blind indexes, evidence and its custody log.

Everything that names or could identify a person (narrative, verbatim words, sender and
reporter identifiers, evidence file names and contents) is encrypted at rest. Coded facts stay
in the clear so that lists, filters and statistics work without decrypting anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone

from threatdesk.lib.codes import new_code
from threatdesk.places.models import County, Office, State
from threatdesk.privacy.fields import EncryptedJSONField, EncryptedTextField
from threatdesk.reports.redaction import RedactionState
from threatdesk.reports.taxonomy import Channel, ElectionPhase, Platform, Source, Status, TargetRole, ThreatType

if TYPE_CHECKING:
    from threatdesk.accounts.models import User


def report_code() -> str:
    return new_code("R")


def office_only() -> list[str]:
    """The consent of a report filed before consent was asked: its office may know the filer."""
    return ["office"]


def evidence_code() -> str:
    return new_code("E", groups=3)


class ReportQuerySet(models.QuerySet["Report"]):
    def visible_to(self, user: User) -> ReportQuerySet:
        """The one place that decides which reports a user may open. Not visible means 404."""
        from threatdesk.reports.access import visible_reports

        return visible_reports(self, user)


class Report(models.Model):
    public_code = models.CharField(max_length=24, unique=True, default=report_code, editable=False)
    submission_key = models.CharField(
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Idempotency scope and key; a retried submission with the same key is stored once.",
    )
    submission_digest = models.CharField(max_length=64, blank=True, editable=False)
    source = models.CharField(max_length=10, choices=Source.choices)
    is_synthetic = models.BooleanField(default=False, help_text="Demo data, never real.")

    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.PROTECT, related_name="reports")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="reports")
    county = models.ForeignKey(County, null=True, blank=True, on_delete=models.PROTECT, related_name="reports")
    occurred_on = models.DateField()
    occurred_time = models.TimeField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    channel = models.CharField(max_length=24, choices=Channel.choices)
    # What the filer wrote ("Facebook Messenger, to her personal account") may name someone; the
    # coded platform read from it is what roles that read redacted copies see, and what counts.
    platform = EncryptedTextField(blank=True, default="")
    platform_code = models.CharField(max_length=16, choices=Platform.choices, blank=True, default="")
    primary_threat_type = models.CharField(max_length=24, choices=ThreatType.choices)
    target_role = models.CharField(max_length=32, choices=TargetRole.choices)
    election_phase = models.CharField(max_length=20, choices=ElectionPhase.choices, default=ElectionPhase.UNKNOWN)

    message_text = EncryptedTextField(blank=True, default="")
    narrative = EncryptedTextField()
    sender_name = EncryptedTextField(blank=True, default="")
    sender_phones = EncryptedJSONField(default=list)
    sender_emails = EncryptedJSONField(default=list)
    sender_handles = EncryptedJSONField(default=list)
    sender_description = EncryptedTextField(blank=True, default="")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports_filed"
    )
    reporter_contact = EncryptedJSONField(default=dict, help_text="Name, email, phone of an anonymous filer.")
    reporter_consent = models.JSONField(
        default=office_only, blank=True, help_text="Who the filer agreed may know who they are: office, law_enforcement, state."
    )

    # Derived, never typed: the words with every person taken out, for roles that may not read
    # personal data. Sealed too, in case a redaction ever misses something.
    narrative_redacted = EncryptedTextField(blank=True, default="")
    message_text_redacted = EncryptedTextField(blank=True, default="")
    redaction_state = models.CharField(max_length=8, choices=RedactionState.CHOICES, default=RedactionState.FAILED)
    protected_mentions = models.JSONField(
        default=list, blank=True, help_text="Codes of protected persons the words name, and by what (name, address…)."
    )
    personal_data_erased = models.JSONField(
        default=dict, blank=True, help_text="Retention categories erased from this report, with the date of erasure."
    )

    # Filled by the assessment engine; empty until it runs. Each indicator's evidence and the
    # explanation quote the redacted copy, so they are sealed with it.
    indicators = EncryptedJSONField(default=list, blank=True)
    severity = models.PositiveSmallIntegerField(null=True, blank=True)
    severity_reasons = EncryptedJSONField(default=list, blank=True)
    severity_override = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="A level set by staff; its reason is in the audit trail. The computed level is kept."
    )

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports_assigned"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["office", "-received_at"]),
            models.Index(fields=["state", "-received_at"]),
            models.Index(fields=["status"]),
            models.Index(fields=["occurred_on"]),
        ]

    def __str__(self) -> str:
        return self.public_code

    @property
    def threat_type_codes(self) -> list[str]:
        return [t.code for t in self.threat_types.all()]

    @property
    def level(self) -> int | None:
        """The level in force: the one staff set, else the computed one."""
        return self.severity_override if self.severity_override is not None else self.severity


class Reveal(models.Model):
    """A law-enforcement liaison's time-limited right to read a referred report's original words.
    Its reason is in the audit trail (sealed), not here."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reveals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["report", "user", "expires_at"])]

    def __str__(self) -> str:
        return f"reveal of {self.report_id} until {self.expires_at:%H:%M}"


class ReportThreatType(models.Model):
    """One threat type of a report (a report may carry several; position 0 is the primary)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="threat_types")
    code = models.CharField(max_length=24, choices=ThreatType.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["report", "code"], name="report_threat_type_unique")]
        indexes = [models.Index(fields=["code", "report"])]

    def __str__(self) -> str:
        return self.code


class SenderIdentifier(models.Model):
    """A keyed hash of one normalised sender identifier, so reports from one sender can be linked
    without the phone number or address ever being stored or compared in the clear."""

    class Kind(models.TextChoices):
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"
        HANDLE = "handle", "Handle"
        NAME = "name", "Name"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sender_identifiers")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    digest = models.CharField(max_length=32, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "kind", "digest"], name="sender_identifier_unique")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.digest[:8]}"


class Evidence(models.Model):
    """A file attached to a report. Stored encrypted under a random name; the SHA-256 is of the
    original bytes, taken at upload, and is checked again whenever the file is opened."""

    class Kind(models.TextChoices):
        IMAGE = "image", "Image"
        AUDIO = "audio", "Audio"
        PDF = "pdf", "PDF document"
        EMAIL = "email", "Email message"

    public_code = models.CharField(max_length=24, unique=True, default=evidence_code, editable=False)
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    content_type = models.CharField(max_length=80)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    stored_name = models.CharField(max_length=200, unique=True, editable=False)
    original_name = EncryptedTextField(blank=True, default="")
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    destroyed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the file was destroyed under the retention policy."
    )

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.public_code


class CustodyEntry(models.Model):
    """Chain of custody: every time an evidence file is received, opened or handed on."""

    class Action(models.TextChoices):
        RECEIVED = "received", "Received and hashed"
        VIEWED = "viewed", "Opened"
        DOWNLOADED = "downloaded", "Downloaded"
        TRANSFERRED = "transferred", "Handed to another party"
        RE_ENCRYPTED = "re_encrypted", "Re-encrypted under a new key"
        DESTROYED = "destroyed", "Destroyed under the retention policy"

    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, related_name="custody")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_label = models.CharField(max_length=80)
    action = models.CharField(max_length=16, choices=Action.choices)
    sha256_verified = models.BooleanField(default=False, help_text="The bytes matched the upload hash.")
    note = models.CharField(max_length=200, blank=True, help_text="Recipient or purpose; no personal data.")

    class Meta:
        ordering = ["at", "pk"]
        verbose_name_plural = "custody entries"

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_label}"
