"""The case packet and the STIX export carry a report's personal data, and each is already
recorded by its own event; neither adds a reading event on top."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from threatdesk.audit.models import AuditEvent
from threatdesk.cases.services import report_refer
from threatdesk.reports.models import Report
from threatdesk.reports.selectors import ORIGINALS_READ
from threatdesk.reports.services.reading import REVEALED_READ
from threatdesk.testing.clients import signed_in
from threatdesk.testing.files import use_media_root
from threatdesk.testing.planting import filed_by_reporter, protect_canaries

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(personas: Any, settings: Any, tmp_path: Path) -> Report:
    use_media_root(settings, tmp_path / "media")
    protect_canaries(personas)
    made = filed_by_reporter(personas)
    report_refer(actor=personas.manager, report=made, agency=personas.agency)
    return made


def events(action: str, report: Report) -> int:
    return AuditEvent.objects.filter(action=action, object_id=report.public_code).count()


def test_a_case_packet_is_recorded_as_a_packet_and_not_again_as_a_reading(personas, report):
    assert signed_in(personas.manager).post(f"/reports/{report.public_code}/packet/").status_code == 200
    assert events("cases.packet.generated", report) == 1
    assert not AuditEvent.objects.filter(action__in=(ORIGINALS_READ, REVEALED_READ)).exists()


def test_a_stix_export_of_real_identifiers_is_recorded_as_an_export_and_not_again_as_a_reading(personas, report):
    assert signed_in(personas.manager).post(f"/reports/{report.public_code}/stix.json").status_code == 200
    event = AuditEvent.objects.get(action="cases.report.indicators_exported", object_id=report.public_code)
    assert event.payload["values"] == "identifiers"
    assert not AuditEvent.objects.filter(action__in=(ORIGINALS_READ, REVEALED_READ)).exists()
