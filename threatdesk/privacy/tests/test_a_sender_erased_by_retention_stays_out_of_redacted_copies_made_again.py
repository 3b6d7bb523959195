"""A sender whose identity retention erased is not named in a redacted copy made again.

Retention erases the sender's identity (name, phones, emails, handles, pseudonyms) on its own
term, `RETENTION_SENDER_YEARS`, which may be shorter than the words' term. The redacted copy
leaves the sender out because the report's own sender fields tell the redactor who they are;
once those are erased nothing knows the sender any more, and the copies are made again from the
original words whenever the state's protected people change. So erasing the sender takes them
out of the words as well, as `[SENDER]`, as erasing who filed takes out the filer: every copy
made again, and the original words, name them to no one.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from threatdesk.privacy.schemas import ProtectedPersonIn
from threatdesk.privacy.services import protected_person_create
from threatdesk.reports.models import Report
from threatdesk.testing.payloads import CANARY_SENDER
from threatdesk.testing.planting import filed_by_reporter

pytestmark = pytest.mark.django_db

NARRATIVE = f"The caller said he was {CANARY_SENDER} and that he knows where we park."
WORDS = f"This is {CANARY_SENDER}. Count the ballots right or else."


def test_a_sender_erased_by_retention_is_not_named_in_a_redacted_copy_made_again(personas, settings):
    settings.RETENTION_YEARS = {**settings.RETENTION_YEARS, "sender": 1, "report_words": 3}
    report = filed_by_reporter(personas, narrative=NARRATIVE, message_text=WORDS)
    assert CANARY_SENDER not in Report.objects.get(pk=report.pk).narrative_redacted  # [SENDER] while known
    Report.objects.filter(pk=report.pk).update(status="closed", updated_at=timezone.now() - dt.timedelta(days=730))
    call_command("retention", stdout=StringIO())
    erased = Report.objects.get(pk=report.pk)
    assert "sender" in erased.personal_data_erased and "report_words" not in erased.personal_data_erased
    # Any change of the state's protected people makes every copy again.
    protected_person_create(
        actor=personas.manager, office=personas.office, data=ProtectedPersonIn(kind="worker", full_name="Ysolde Prendergast")
    )
    copy = Report.objects.get(pk=report.pk)
    assert CANARY_SENDER not in copy.narrative_redacted + copy.message_text_redacted
