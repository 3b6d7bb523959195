"""Case work with law enforcement. So far: a report referred to an agency, which lets the
agency's liaisons open the report (redacted) and reveal its words for a while, with a reason."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from threatdesk.places.models import Agency
from threatdesk.reports.models import Report


class Referral(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="referrals")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="referrals")
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    referred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["referred_at"]
        constraints = [models.UniqueConstraint(fields=["report", "agency"], name="referral_once_per_agency")]

    def __str__(self) -> str:
        return f"{self.report_id} to {self.agency_id}"
