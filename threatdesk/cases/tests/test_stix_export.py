"""The STIX 2.1 export of a report's sender indicators: real identifiers for those who may read
them, pseudonyms and no raw identifier for everyone else, a bundle that the OASIS library parses,
the same ids on every export, and an audit event each time: on a POST with the form's CSRF token
only, so a link on another site cannot record an export under the name of whoever follows it."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import stix2
from django.test import Client

from threatdesk.audit.models import AuditEvent
from threatdesk.cases.services import report_refer
from threatdesk.reports.models import Report
from threatdesk.reports.selectors import sender_pseudonyms
from threatdesk.reports.services import report_reveal
from threatdesk.testing.clients import signed_in
from threatdesk.testing.payloads import CANARY_EMAIL, CANARY_PHONE, CANARY_SENDER
from threatdesk.testing.planting import canaries_in, filed_by_reporter, protect_canaries

pytestmark = pytest.mark.django_db

HANDLE = "canary_handle_x"
# What a POST to the export URL answers each persona for a Maricopa report referred to FBI
# Phoenix: who may export its indicators.
EXPECTED = {
    "public": 302,
    "reporter": 404,
    "other_reporter": 404,
    "manager": 200,
    "outsider": 404,
    "liaison": 200,
    "coordinator": 200,
    "analyst": 200,
    "admin": 200,
}
ID = re.compile(r"^(?P<type>[a-z0-9-]+)--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture
def report(personas: Any) -> Report:
    protect_canaries(personas)
    made = filed_by_reporter(personas)
    report_refer(actor=personas.manager, report=made, agency=personas.agency)
    return made


def export(user: Any, report: Report) -> Any:
    client = signed_in(user) if getattr(user, "is_authenticated", False) else Client()
    return client.post(f"/reports/{report.public_code}/stix.json")


def exports_recorded() -> int:
    return AuditEvent.objects.filter(action="cases.report.indicators_exported").count()


def bundle_of(user: Any, report: Report) -> dict[str, Any]:
    response = export(user, report)
    assert response.status_code == 200
    return json.loads(response.content)


def of_type(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [o for o in bundle["objects"] if o["type"] == kind]


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_staff_who_can_open_the_report_may_export_and_no_one_else(personas, report, persona):
    response = export(personas.all()[persona], report)
    assert response.status_code == EXPECTED[persona]
    if persona == "public":
        assert response["Location"].startswith("/account/login/")
    if response.status_code == 200:
        assert response["Content-Type"] == "application/stix+json;version=2.1"
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("persona", ["coordinator", "analyst", "liaison", "admin"])
def test_roles_without_the_right_get_pseudonyms_and_no_identifier(personas, report, persona):
    response = export(getattr(personas, persona), report)
    body = response.content.decode()
    assert not canaries_in(response.content)
    assert HANDLE not in body
    shared = [(kind, value) for kind, value in sender_pseudonyms(report) if kind != "name"]
    assert {kind for kind, _ in shared} == {"phone", "email", "handle"}
    patterns = {i["pattern"] for i in of_type(json.loads(body), "indicator")}
    assert patterns == {
        f"[x-threatdesk-pseudonym:identifier_kind = '{kind}' AND x-threatdesk-pseudonym:value = '{value}']"
        for kind, value in shared
    }


def test_the_office_manager_gets_the_real_identifiers(personas, report):
    bundle = bundle_of(personas.manager, report)
    patterns = {i["pattern"] for i in of_type(bundle, "indicator")}
    assert patterns == {
        f"[x-phone-number:value = '{CANARY_PHONE}']",
        f"[email-addr:value = '{CANARY_EMAIL}']",
        f"[user-account:user_id = '{HANDLE}']",
    }
    assert CANARY_SENDER not in json.dumps(bundle)  # a name is not shared as an indicator


def test_a_liaison_gets_the_real_identifiers_while_a_reveal_is_active(personas, report):
    report_reveal(actor=personas.liaison, report=report, reason="Opening case 2024-118 on this threat")
    assert CANARY_PHONE in export(personas.liaison, report).content.decode()


def test_the_bundle_parses_with_stix2_and_has_the_required_properties(personas, report):
    for user in (personas.manager, personas.analyst):
        body = export(user, report).content.decode()
        parsed = stix2.parse(body, allow_custom=False)
        assert parsed.type == "bundle"
        bundle = json.loads(body)
        assert ID.match(bundle["id"]).group("type") == "bundle"
        for obj in bundle["objects"]:
            assert ID.match(obj["id"]).group("type") == obj["type"]
            assert obj["spec_version"] == "2.1"
            if obj["type"] in ("identity", "report", "indicator"):
                assert {"created", "modified"} <= set(obj)
        for indicator in of_type(bundle, "indicator"):
            assert indicator["pattern_type"] == "stix" and indicator["pattern"] and indicator["valid_from"]
        (producer,) = of_type(bundle, "identity")
        (summary,) = of_type(bundle, "report")
        assert summary["created_by_ref"] == producer["id"]
        assert set(summary["object_refs"]) == {i["id"] for i in of_type(bundle, "indicator")}


def test_exporting_twice_gives_the_same_ids(personas, report):
    first, second = bundle_of(personas.analyst, report), bundle_of(personas.analyst, report)
    assert first == second
    assert bundle_of(personas.manager, report)["id"] != first["id"]


def test_an_export_is_audited(personas, report):
    export(personas.coordinator, report)
    export(personas.manager, report)
    events = AuditEvent.objects.filter(action="cases.report.indicators_exported", object_id=report.public_code)
    assert [(e.actor, e.payload["values"], e.payload["indicators"]) for e in events.order_by("seq")] == [
        (personas.coordinator, "pseudonyms", 3),
        (personas.manager, "identifiers", 3),
    ]
    assert not any(canaries_in(json.dumps(e.payload)) for e in events)


def test_asking_with_get_records_nothing(personas, report):
    assert signed_in(personas.manager).get(f"/reports/{report.public_code}/stix.json").status_code == 405
    assert exports_recorded() == 0


def test_a_link_from_another_site_records_nothing(personas, report):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.manager)
    client.get(f"/reports/{report.public_code}/stix.json", HTTP_SEC_FETCH_SITE="cross-site")
    assert client.post(f"/reports/{report.public_code}/stix.json").status_code == 403  # no CSRF token
    assert exports_recorded() == 0


def test_the_report_page_has_the_export_form_with_its_csrf_token_for_staff(personas, report):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.coordinator)
    page = client.get(f"/reports/{report.public_code}/").content.decode()
    form = re.search(r'<form method="post" action="/reports/[^"]+/stix\.json" class="stix">.*?</form>', page, re.S)
    assert form and f"/reports/{report.public_code}/stix.json" in form.group(0)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(0))
    assert token
    response = client.post(f"/reports/{report.public_code}/stix.json", {"csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 200
    assert exports_recorded() == 1
    assert "stix.json" not in signed_in(personas.reporter).get(f"/reports/{report.public_code}/").content.decode()


def test_a_handle_carries_the_platform_coded_from_what_the_filer_wrote(personas):
    made = filed_by_reporter(personas, channel="social_dm", platform="Facebook Messenger, to her personal account")
    assert made.platform_code == "facebook"
    patterns = {i["pattern"] for i in of_type(bundle_of(personas.manager, made), "indicator")}
    assert f"[user-account:account_type = 'facebook' AND user-account:user_id = '{HANDLE}']" in patterns
