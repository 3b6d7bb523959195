"""A stored report carries its assessment; evidence spans are taken from the redacted copy, so
every role that sees the report may see them; staff may set the level by hand with a reason."""

from __future__ import annotations

from typing import Any

import pytest

from threatdesk.audit.models import AuditEvent
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.testing.clients import signed_in
from threatdesk.testing.payloads import valid_report_payload
from threatdesk.testing.planting import canaries_in, protect_canaries

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(personas: Any) -> Report:
    protect_canaries(personas)
    stored = report_submit(actor=personas.reporter, data=ReportIn.model_validate(valid_report_payload()), source="api")
    return Report.objects.get(pk=stored.report.pk)


def test_a_report_is_assessed_when_stored_and_its_evidence_names_no_one(report):
    assert report.severity == 3  # a threat naming her home and her son
    codes = {i["code"] for i in report.indicators}
    assert {"home_family_knowledge", "threat_to_family"} <= codes
    assert not canaries_in(str(report.indicators) + str(report.severity_reasons))
    assert "May meet a criminal threshold" in report.severity_reasons[0]


def test_the_coordinator_sees_the_assessment_without_personal_data(personas, report):
    html = signed_in(personas.coordinator).get(f"/reports/{report.public_code}/").content.decode()
    assert 'id="assessment-h"' in html
    assert "[WORKER-1 ADDRESS]" in html or "[FAMILY-1]" in html
    assert not canaries_in(html)


def test_staff_set_the_level_by_hand_and_both_levels_are_kept(personas, report):
    client = signed_in(personas.coordinator)
    refused = client.post(f"/reports/{report.public_code}/level/", {"level": 4, "reason": "no"})
    assert refused.status_code == 422
    assert Report.objects.get(pk=report.pk).severity_override is None
    done = client.post(f"/reports/{report.public_code}/level/", {"level": 4, "reason": "The caller is parked outside her house"})
    assert done.status_code == 302
    stored = Report.objects.get(pk=report.pk)
    assert (stored.severity, stored.severity_override) == (3, 4)
    event = AuditEvent.objects.get(action="reports.report.level_overridden")
    assert event.payload == {"computed": 3, "before": None, "level": 4}
    assert event.reason == "The caller is parked outside her house"
    assert "4 (set by staff; assessed 3)" in client.get(f"/reports/{report.public_code}/").content.decode()


@pytest.mark.parametrize("persona", ["reporter", "liaison", "admin", "outsider"])
def test_other_roles_cannot_set_the_level(personas, report, persona):
    response = signed_in(getattr(personas, persona)).post(
        f"/reports/{report.public_code}/level/", {"level": 0, "reason": "I think this is nothing at all"}
    )
    assert response.status_code == 404
    assert Report.objects.get(pk=report.pk).severity_override is None


def test_staff_see_ranked_provisions_for_law_enforcement_review(personas, report):
    html = signed_in(personas.manager).get(f"/reports/{report.public_code}/").content.decode()
    section = html[html.index('id="statutes"') :]
    assert "18 U.S.C. 875(c)" in section.split("</ol>")[0]  # a voicemail threat: interstate communication
    assert "law-enforcement review" in html
    reporter_page = signed_in(personas.reporter).get(f"/reports/{report.public_code}/").content.decode()
    assert 'id="statutes"' not in reporter_page


def test_recording_a_worker_reassesses_the_reports_already_filed(personas):
    filed = report_submit(actor=personas.reporter, data=ReportIn.model_validate(valid_report_payload()), source="api")
    before = Report.objects.get(pk=filed.report.pk)
    protect_canaries(personas)  # now her address and her son are known
    after = Report.objects.get(pk=before.pk)
    assert "home_family_knowledge" in {i["code"] for i in after.indicators}
    assert after.severity >= before.severity
    assert not canaries_in(str(after.indicators))


def test_a_filer_learns_nothing_of_the_senders_other_reports_from_their_own(personas, report):
    """Another office's report from the same sender raises this one's conduct indicators; staff
    read them, the filer does not, so filing with a guessed number tells them nothing."""
    elsewhere = ReportIn.model_validate(valid_report_payload(county="04019"))
    report_submit(actor=personas.outsider, data=elsewhere, source="api")
    again = report_submit(actor=personas.reporter, data=ReportIn.model_validate(valid_report_payload()), source="api").report
    stored = Report.objects.get(pk=again.pk)
    assert "repeated_contact" in {i["code"] for i in stored.indicators}
    filer_page = signed_in(personas.reporter).get(f"/reports/{stored.public_code}/").content.decode()
    assert 'id="assessment-h"' in filer_page and f"Level {stored.severity}" in filer_page
    assert "earlier report" not in filer_page and "Repeated contact" not in filer_page
    assert "earlier report" in signed_in(personas.manager).get(f"/reports/{stored.public_code}/").content.decode()


def test_a_filer_learns_nothing_of_who_is_protected_from_their_own_report(personas, report):
    """The canary worker's name and home address are protected: the stored assessment says so,
    for staff; the filer, who could type guessed names and addresses, is not told."""
    assert {"named_target", "home_family_knowledge"} <= {i["code"] for i in report.indicators}
    filer_page = signed_in(personas.reporter).get(f"/reports/{report.public_code}/").content.decode()
    assert "A named target" not in filer_page and "Knows the home, family or routine" not in filer_page
    assert "protected" not in filer_page.split('id="assessment-h"')[1].split("</section>")[0]
    manager_page = signed_in(personas.manager).get(f"/reports/{report.public_code}/").content.decode()
    assert "A named target" in manager_page
