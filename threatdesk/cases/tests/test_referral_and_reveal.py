"""A report referred to an agency opens to the agency's liaisons, redacted; a liaison may reveal
the original words for a while with a reason, which is audited; no one else may do either."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from threatdesk.audit.models import AuditEvent
from threatdesk.cases.models import Referral
from threatdesk.places.models import Agency, State
from threatdesk.reports.models import Report, Reveal
from threatdesk.testing.clients import signed_in
from threatdesk.testing.payloads import CANARY_WORKER
from threatdesk.testing.planting import canaries_in, filed_by_reporter, protect_canaries

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(personas: Any) -> Report:
    protect_canaries(personas)
    return filed_by_reporter(personas)


def refer(personas: Any, report: Report, agency: Agency, reason: str = "") -> Any:
    return signed_in(personas.manager).post(
        f"/reports/{report.public_code}/refer/", {"agency": agency.public_code, "reason": reason}
    )


def test_the_office_refers_and_the_liaison_then_sees_the_redacted_report(personas, report):
    liaison = signed_in(personas.liaison)
    assert liaison.get(f"/reports/{report.public_code}/").status_code == 404
    assert refer(personas, report, personas.agency).status_code == 302
    assert Referral.objects.filter(report=report, agency=personas.agency).exists()
    assert Report.objects.get(pk=report.pk).status == "referred"
    page = liaison.get(f"/reports/{report.public_code}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="redacted"' in html and "[WORKER-1]" in html
    assert not canaries_in(html)
    assert report.public_code in liaison.get("/reports/").content.decode()
    assert AuditEvent.objects.filter(action="cases.report.referred", object_id=report.public_code).exists()


def test_a_liaison_reveals_the_words_for_a_while_with_an_audited_reason(personas, report):
    refer(personas, report, personas.agency)
    liaison = signed_in(personas.liaison)
    refused = liaison.post(f"/reports/{report.public_code}/reveal/", {"reason": "why"})
    assert refused.status_code == 422
    assert not Reveal.objects.exists()
    reason = "Opening case 2024-118 on this threat"
    assert liaison.post(f"/reports/{report.public_code}/reveal/", {"reason": reason}).status_code == 302
    html = liaison.get(f"/reports/{report.public_code}/").content.decode()
    assert CANARY_WORKER in html and 'id="revealed"' in html
    liaison.get(f"/reports/{report.public_code}/")
    assert AuditEvent.objects.filter(action="reports.report.revealed_read", actor=personas.liaison).count() == 2
    event = AuditEvent.objects.get(action="reports.report.revealed")
    assert (event.actor, event.reason, event.payload["minutes"]) == (personas.liaison, reason, 30)
    Reveal.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    after = liaison.get(f"/reports/{report.public_code}/").content.decode()
    assert CANARY_WORKER not in after and 'id="redacted"' in after


def test_a_liaison_of_another_agency_can_neither_see_nor_reveal(personas, report):
    refer(personas, report, personas.agency)
    other_agency = Agency.objects.create(name="Tucson Police Department", kind="local_police", state=personas.state)
    other = personas.liaison.__class__.objects.create_user("other_liaison", role="liaison", agency=other_agency)
    client = signed_in(other)
    assert client.get(f"/reports/{report.public_code}/").status_code == 404
    assert client.post(f"/reports/{report.public_code}/reveal/", {"reason": "I would like to read it"}).status_code == 404
    assert not Reveal.objects.exists()


@pytest.mark.parametrize("persona", ["coordinator", "analyst", "admin", "outsider", "reporter"])
def test_no_other_role_may_reveal_or_refer(personas, report, persona):
    refer(personas, report, personas.agency)
    client = signed_in(getattr(personas, persona))
    assert client.post(f"/reports/{report.public_code}/reveal/", {"reason": "I would like to read it"}).status_code == 404
    assert client.post(f"/reports/{report.public_code}/refer/", {"agency": personas.agency.public_code}).status_code == 404
    assert not Reveal.objects.exists()
    assert Referral.objects.count() == 1


def test_an_agency_outside_the_state_needs_a_reason(personas, report):
    nevada = Agency.objects.create(name="Las Vegas Metropolitan Police", kind="local_police", state=State.objects.get(code="NV"))
    refer(personas, report, nevada)
    assert not Referral.objects.filter(agency=nevada).exists()
    refer(personas, report, nevada, reason="The caller lives in Las Vegas")
    assert Referral.objects.filter(agency=nevada).exists()
    assert AuditEvent.objects.get(action="cases.report.referred", payload__agency=nevada.public_code).reason


def test_referring_twice_to_one_agency_stores_one_referral(personas, report):
    refer(personas, report, personas.agency)
    refer(personas, report, personas.agency)
    assert Referral.objects.count() == 1
