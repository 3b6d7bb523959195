"""Retention keeps a merged duplicate whole while the case of the report it was merged into is
still worked on.

A merged duplicate's case goes on in the report it was merged into, and the case packet ships
the duplicate's evidence to the agency and the prosecutor (docs/case-packet.md). The duplicate
has no referral of its own, so retention counts the open referrals and recent steps of the
report it joined: a duplicate closed by its merge years ago keeps its evidence, words and sender
for as long as the agency investigates that case, and for the policy's term after.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from threatdesk.cases import services
from threatdesk.reports.models import Evidence, Report
from threatdesk.testing.planting import filed_by_reporter, plant_by_form

pytestmark = pytest.mark.django_db


def test_a_merged_duplicates_evidence_is_kept_while_the_case_it_joined_is_referred(personas):
    duplicate = Report.objects.get(public_code=plant_by_form(Client()))
    assert Evidence.objects.filter(report=duplicate).exists()
    case = filed_by_reporter(personas)
    services.report_refer(actor=personas.manager, report=case, agency=personas.agency)
    services.report_merge(actor=personas.manager, duplicate=duplicate, into=case, reason="Same voicemail, reported twice")
    Report.objects.filter(pk=duplicate.pk).update(updated_at=timezone.now() - dt.timedelta(days=4 * 365))
    call_command("retention", stdout=StringIO())
    assert Report.objects.get(pk=case.pk).referrals.filter(status="sent").exists()  # the agency still has the case
    assert not Evidence.objects.filter(report=duplicate, destroyed_at__isnull=False).exists()
