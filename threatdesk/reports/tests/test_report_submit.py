"""report_submit stores a report once, encrypted, with its audit entry; bad input stores nothing."""

from __future__ import annotations

import pytest
from django.db import connection

from threatdesk.audit.models import AuditEvent
from threatdesk.reports.models import Report, SenderIdentifier
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import IdempotencyConflictError, ReportInputError, report_submit
from threatdesk.testing.payloads import CANARY_SENDER, CANARY_WORKER

pytestmark = pytest.mark.django_db


def test_submit_stores_report_with_codes_and_audit(personas, report_payload):
    result = report_submit(actor=personas.reporter, data=ReportIn.model_validate(report_payload), source="api")
    report = Report.objects.get(pk=result.report.pk)
    assert result.created
    assert report.public_code.startswith("R-")
    assert report.office == personas.office
    assert report.threat_type_codes == ["threat_violence", "threat_family"]
    assert report.sender_phones == ["+16025550199"]
    assert CANARY_WORKER in report.narrative
    assert AuditEvent.objects.filter(action="reports.report.submitted", object_id=report.public_code).count() == 1
    assert SenderIdentifier.objects.filter(report=report).count() == 4


def test_narrative_is_ciphertext_in_the_database(personas, report_payload):
    report = report_submit(actor=personas.reporter, data=ReportIn.model_validate(report_payload), source="api").report
    with connection.cursor() as cursor:
        cursor.execute("SELECT narrative, sender_name FROM reports_report WHERE id = %s", [report.pk])
        narrative, sender = cursor.fetchone()
    assert narrative.startswith("td1:") and CANARY_WORKER not in narrative
    assert sender.startswith("td1:") and CANARY_SENDER not in sender


def test_same_submission_key_stores_once(personas, report_payload):
    data = ReportIn.model_validate(report_payload)
    first = report_submit(actor=personas.reporter, data=data, source="api", submission_key="api:1:abc")
    second = report_submit(actor=personas.reporter, data=data, source="api", submission_key="api:1:abc")
    assert first.created and not second.created
    assert first.report.pk == second.report.pk
    assert Report.objects.count() == 1


def test_same_key_different_body_is_a_conflict(personas, report_payload):
    report_submit(actor=personas.reporter, data=ReportIn.model_validate(report_payload), source="api", submission_key="k")
    changed = ReportIn.model_validate({**report_payload, "narrative": "something else"})
    with pytest.raises(IdempotencyConflictError):
        report_submit(actor=personas.reporter, data=changed, source="api", submission_key="k")
    assert Report.objects.count() == 1


def test_unknown_county_for_state_writes_nothing(personas, report_payload):
    events_before = AuditEvent.objects.count()
    data = ReportIn.model_validate({**report_payload, "county": "Cook"})
    with pytest.raises(ReportInputError) as caught:
        report_submit(actor=personas.reporter, data=data, source="api")
    assert caught.value.errors[0].field == "county"
    assert Report.objects.count() == 0
    assert AuditEvent.objects.count() == events_before


@pytest.mark.parametrize("county", ["Maricopa", "maricopa county", "04013", "Maricopa County"])
def test_county_by_name_or_fips(personas, report_payload, county):
    data = ReportIn.model_validate({**report_payload, "county": county})
    report = report_submit(actor=None, data=data, source="web").report
    assert report.county.fips == "04013"
    assert report.office == personas.office
