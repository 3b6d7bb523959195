"""Case work with law enforcement: referrals to agencies, the status changes of a report, the
steps an agency records (from investigation opened to sentence or decline), and links between
reports (same sender, same campaign, duplicates).

A step's free-text detail may name a suspect, so it is sealed like a report's words; the coded
facts (kind, date, statutes, decline reason) stay in the clear for the time figures and the
public accountability data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone

from threatdesk.cases.taxonomy import DeclineReason, LinkKind, ReferralStatus, StepKind
from threatdesk.places.models import Agency
from threatdesk.privacy.fields import EncryptedJSONField, EncryptedTextField
from threatdesk.reports.models import Report
from threatdesk.reports.taxonomy import Status

if TYPE_CHECKING:
    from threatdesk.accounts.models import User


class ReferralQuerySet(models.QuerySet["Referral"]):
    def visible_to(self, user: User) -> ReferralQuerySet:
        """Referrals of reports the user may open; a liaison sees only their agency's."""
        from threatdesk.cases.access import visible_referrals

        return visible_referrals(self, user)


class Referral(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="referrals")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="referrals")
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    referred_at = models.DateTimeField(default=timezone.now)
    referred_on = models.DateField(default=timezone.localdate, help_text="When the agency was told (it may precede the entry).")
    agency_case_number = models.CharField(max_length=60, blank=True, help_text="The agency's own case or incident number.")
    status = models.CharField(max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    status_changed_at = models.DateTimeField(default=timezone.now)
    resent_on = models.DateField(
        null=True, blank=True, help_text="When the agency was last sent the report again, after it declined or closed it."
    )
    resent_at = models.DateTimeField(
        null=True, blank=True, help_text="When that was entered: the agency's steps from then on are its case's."
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["referred_at"]
        constraints = [models.UniqueConstraint(fields=["report", "agency"], name="referral_once_per_agency")]

    def __str__(self) -> str:
        return f"{self.report_id} to {self.agency_id}"


class StatusChange(models.Model):
    """One move of a report through the transition table; the time figures are read from these."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["report", "to_status", "at"])]

    def __str__(self) -> str:
        return f"{self.from_status} to {self.to_status}"


class CaseStepQuerySet(models.QuerySet["CaseStep"]):
    def visible_to(self, user: User) -> CaseStepQuerySet:
        """Steps on reports the user may open; the filer sees only steps shared with them."""
        from threatdesk.cases.access import visible_steps

        return visible_steps(self, user)


class CaseStep(models.Model):
    """A step an agency took on a referred report, as its liaison recorded it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="case_steps")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=24, choices=StepKind.choices)
    occurred_on = models.DateField()
    statutes = models.JSONField(default=list, blank=True, help_text="Citations, from the statute data.")
    decline_reason = models.CharField(max_length=24, choices=DeclineReason.choices, blank=True)
    detail = EncryptedTextField(blank=True, default="")
    detail_erased_on = models.DateField(null=True, blank=True, help_text="When retention cleared the detail.")
    shared_with_filer = models.BooleanField(default=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = CaseStepQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_on", "recorded_at", "pk"]
        indexes = [models.Index(fields=["report", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} on {self.occurred_on}"


class ReportLink(models.Model):
    """`from_report` relates to `to_report`; for a duplicate, `from_report` was merged into
    `to_report` and closed, keeping its own record and history."""

    from_report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="links_out")
    to_report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=16, choices=LinkKind.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["from_report", "to_report"], name="report_link_once"),
            models.CheckConstraint(condition=~models.Q(from_report=models.F("to_report")), name="report_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.from_report_id} {self.kind} {self.to_report_id}"


class PendingNotice(models.Model):
    """A notification mail not yet delivered to everyone (`cases.outbox`). The addresses still to
    be told are sealed; the subject and body hold a code, a link and the kind of event only. The
    row goes once every address has the message, or once the retries give up."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    agency = models.CharField(
        max_length=16, blank=True, default="", help_text="The public code of the agency a referral notice tells."
    )
    subject = models.CharField(max_length=300)
    body = models.TextField()
    addresses = EncryptedJSONField(default=list)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True, help_text="Being sent by one worker until then.")

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["due_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.report_id}, attempt {self.attempts + 1}"
