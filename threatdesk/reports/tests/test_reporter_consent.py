"""The filer decides who may know who they are: their office, law enforcement, state officials.
Everyone else reads the report without the filer's name or contact details, even in the words."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from threatdesk.accounts.services import token_create
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.testing.payloads import valid_report_payload
from threatdesk.testing.planting import form_data

pytestmark = pytest.mark.django_db

FILER = "Ottoline Marchbanks"
FILER_EMAIL = "ottoline.m@example.org"


def file_report(consent: list[str]) -> Report:
    data = form_data(
        contact_name=FILER,
        contact_email=FILER_EMAIL,
        narrative=f"I, {FILER}, took the call at the front desk.",
        reporter_consent=consent,
    )
    response = Client().post("/report/", data)
    assert response.status_code == 302
    return Report.objects.get()


def page_for(user: Any, report: Report) -> str:
    client = Client()
    client.force_login(user)
    return client.get(f"/reports/{report.public_code}/").content.decode()


def api_for(user: Any, report: Report) -> dict[str, Any]:
    token = token_create(actor=None, user=user, name="consent")
    return Client().get(f"/api/reports/{report.public_code}", headers={"Authorization": f"Bearer {token}"}).json()


def test_with_the_default_consent_the_office_knows_the_filer(personas):
    report = file_report(["office"])
    html = page_for(personas.manager, report)
    assert 'id="reporter"' in html and FILER in html and FILER_EMAIL in html
    body = api_for(personas.manager, report)
    assert body["reporter"] == {"account": "", "name": FILER, "email": FILER_EMAIL, "phone": "+16025550199"}
    assert body["reporter_consent"] == ["office"]


def test_a_filer_who_withholds_their_name_from_the_office_is_taken_out_of_the_words(personas):
    report = file_report([])
    html = page_for(personas.manager, report)
    assert 'id="reporter-withheld"' in html
    assert FILER not in html and FILER_EMAIL not in html
    assert "I, [REPORTER], took the call at the front desk." in html  # the rest of the words stay
    body = api_for(personas.manager, report)
    assert body["reporter"] is None
    assert body["narrative"] == "I, [REPORTER], took the call at the front desk."


def test_state_consent_lets_the_coordinator_know_the_filer_but_not_the_analyst(personas):
    report = file_report(["office", "state"])
    assert FILER in page_for(personas.coordinator, report)
    for user in (personas.analyst, personas.admin):
        html = page_for(user, report)
        assert 'id="reporter-withheld"' in html
        assert FILER not in html


def test_the_redacted_copy_never_names_the_filer(personas):
    report = file_report(["office", "law_enforcement", "state"])
    body = api_for(personas.analyst, report)
    assert body["text_version"] == "redacted"
    assert FILER not in body["narrative"]
    assert "[REPORTER]" in body["narrative"]


def test_an_unknown_consent_is_refused_with_nothing_written(personas):
    response = Client().post("/report/", form_data(reporter_consent=["everyone"]))
    assert response.status_code == 422
    assert "reporter_consent" in response.context["form"].errors
    assert not Report.objects.exists()


def test_the_filers_account_name_is_not_on_the_timeline_for_readers_without_consent(personas):
    data = ReportIn.model_validate(valid_report_payload())  # consent: the office only
    report = report_submit(actor=personas.reporter, data=data, source="api").report
    for user in (personas.coordinator, personas.analyst, personas.admin):
        html = page_for(user, report)
        assert "by the filer" in html
        assert "by reporter" not in html
    assert "by reporter" in page_for(personas.manager, report)


def test_a_filer_with_an_account_is_taken_out_of_the_words_and_description_by_name_and_address(personas):
    filer = personas.reporter
    filer.first_name, filer.last_name = "Wilhelmina", "Farquharson"
    filer.save()
    data = ReportIn.model_validate(
        valid_report_payload(
            reporter_consent=[],
            message_text=f"To: {filer.email}\nYou rigged it. We are coming for you.",
            sender={"name": "", "description": "He kept shouting Wilhelmina Farquharson at the counter."},
        )
    )
    report = report_submit(actor=filer, data=data, source="api").report
    html = page_for(personas.manager, report)
    assert 'id="reporter-withheld"' in html
    assert filer.email not in html and "Farquharson" not in html
    answer = api_for(personas.manager, report)
    assert filer.email not in answer["message_text"] and "Farquharson" not in answer["sender"]["description"]
    assert "Farquharson" in page_for(filer, report)  # the filer reads their own words as written
