"""The codes of case work: referral statuses, law-enforcement steps, decline reasons, link kinds.
Kept apart from the models so that reading code (timelines, figures) can name them cheaply."""

from __future__ import annotations

from django.db import models


class ReferralStatus(models.TextChoices):
    SENT = "sent", "Sent to the agency"
    ACCEPTED = "accepted", "Accepted by the agency"
    INVESTIGATING = "investigating", "Under investigation"
    DECLINED = "declined", "Declined"
    CLOSED = "closed", "Closed"


class StepKind(models.TextChoices):
    INVESTIGATION_OPENED = "investigation_opened", "Investigation opened"
    SUBJECT_IDENTIFIED = "subject_identified", "Subject identified"
    SUBJECT_CONTACTED = "subject_contacted", "Subject contacted"
    WARNING_ISSUED = "warning_issued", "Warning issued"
    PROTECTIVE_MEASURE = "protective_measure", "Protective measure"
    ARREST = "arrest", "Arrest"
    CHARGED = "charged", "Charged"
    PLEA = "plea", "Plea"
    CONVICTION = "conviction", "Conviction"
    SENTENCE = "sentence", "Sentence"
    ACQUITTAL = "acquittal", "Acquittal"
    DISMISSAL = "dismissal", "Dismissal"
    DECLINED = "declined", "Declined"


class DeclineReason(models.TextChoices):
    NOT_A_TRUE_THREAT = "not_true_threat", "Not a true threat / protected speech"
    SUSPECT_UNIDENTIFIED = "suspect_unidentified", "Suspect unidentified"
    NO_JURISDICTION = "no_jurisdiction", "No jurisdiction"
    REFERRED_ELSEWHERE = "referred_elsewhere", "Referred to another agency"
    VICTIM_DECLINED = "victim_declined", "Victim declined to proceed"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence", "Insufficient evidence"
    OTHER = "other", "Other"


class LinkKind(models.TextChoices):
    SAME_SENDER = "same_sender", "Same sender"
    SAME_CAMPAIGN = "same_campaign", "Same campaign"
    DUPLICATE = "duplicate", "Duplicate of"
