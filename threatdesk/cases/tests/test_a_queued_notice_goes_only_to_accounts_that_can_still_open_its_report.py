"""A queued notice waits while its report changes hands: when it goes out, an account is mailed
only if it may still open the report. A report moved to another office or state is no longer
its old office's or state's business, and a filer whose account now works for another office
no longer reads the report they filed (reports.access.visible_reports)."""

from __future__ import annotations

from typing import Any

import pytest

from threatdesk.accounts.models import Role
from threatdesk.cases.models import PendingNotice
from threatdesk.cases.notifications import notify_filer_of_step
from threatdesk.places.models import County, State
from threatdesk.reports.models import Report
from threatdesk.testing.notices import changed, mailed
from threatdesk.testing.planting import filed_by_reporter

pytestmark = pytest.mark.django_db

MILD = {"threat_types": ["harassment"], "message_text": "Mild words only.", "narrative": "A mild call."}


def moved(report: Report, **places: Any) -> None:
    """The report now belongs to another office (and county, or state), as an administrator moves it."""
    Report.objects.filter(pk=report.pk).update(**places)


def test_the_urgent_notice_of_a_report_moved_to_another_office_skips_its_old_office(personas, later):
    report = filed_by_reporter(personas)
    later.hold()
    moved(report, office=personas.other_office, county=personas.other_office.county)
    later.send()
    assert mailed() == [personas.coordinator.email]  # the report is still in their state


def test_the_urgent_notice_of_a_report_moved_to_another_state_skips_its_old_state(personas, later):
    report = filed_by_reporter(personas)
    later.hold()
    moved(report, state=State.objects.get(code="NV"), county=County.objects.get(fips="32003"), office=None)
    later.send()
    assert mailed() == []
    assert not PendingNotice.objects.exists()


def test_a_filer_whose_account_now_works_for_another_office_is_not_sent_the_step_notice(personas, later):
    report = filed_by_reporter(personas, **MILD)
    PendingNotice.objects.all().delete()
    notify_filer_of_step(report, "Arrest")
    later.hold()
    changed(personas.reporter, role=Role.OFFICE_MANAGER, office=personas.other_office)
    later.send()
    assert mailed() == []
    assert not PendingNotice.objects.exists()
