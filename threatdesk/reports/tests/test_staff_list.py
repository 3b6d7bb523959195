"""The signed-in report list: each user sees only their scope, filters narrow it, pages split it,
and a report's page shows what happened to it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from threatdesk.lib import paging
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.testing.clients import signed_in
from threatdesk.testing.payloads import valid_report_payload
from threatdesk.testing.planting import protect_canaries

pytestmark = pytest.mark.django_db

CODE = re.compile(r"R(?:-[0-9A-Z]{4}){4}")


def submit(actor: Any, **changes: Any) -> Report:
    data = ReportIn.model_validate(valid_report_payload(**changes))
    return report_submit(actor=actor, data=data, source="web").report


def listed(client: Client, **params: Any) -> set[str]:
    response = client.get("/reports/", params)
    assert response.status_code == 200
    return set(CODE.findall(response.content.decode()))


@pytest.fixture
def reports(personas: Any) -> dict[str, Report]:
    """Four Maricopa reports that differ in one fact each, and one from Pima."""
    made = {
        "voicemail-2024": submit(personas.reporter, occurred_on="2024-11-06"),
        "email-2022": submit(personas.reporter, channel="email", occurred_on="2022-11-10", threat_types=["harassment"]),
        "letter-2020": submit(personas.other_reporter, channel="letter", occurred_on="2020-12-01", threat_types=["doxxing"]),
        "dm-2024-triaged": submit(personas.manager, channel="social_dm", occurred_on="2024-03-01"),
        "pima": submit(personas.outsider, county="Pima"),
    }
    Report.objects.filter(pk=made["dm-2024-triaged"].pk).update(status="triaged")
    return made


def codes(reports: dict[str, Report], *names: str) -> set[str]:
    return {reports[name].public_code for name in names}


def test_manager_sees_only_own_offices_reports(personas, reports):
    assert listed(signed_in(personas.manager)) == codes(reports, "voicemail-2024", "email-2022", "letter-2020", "dm-2024-triaged")


def test_outsider_sees_only_its_own_office(personas, reports):
    assert listed(signed_in(personas.outsider)) == codes(reports, "pima")


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"date_from": "2024-01-01"}, {"voicemail-2024", "dm-2024-triaged"}),
        ({"date_to": "2022-12-31"}, {"email-2022", "letter-2020"}),
        ({"date_from": "2021-01-01", "date_to": "2023-12-31"}, {"email-2022"}),
        ({"date_from": "2024-11-06", "date_to": "2024-11-06"}, {"voicemail-2024"}),
        ({"threat_type": "harassment"}, {"email-2022"}),
        ({"threat_type": "threat_family"}, {"voicemail-2024", "dm-2024-triaged"}),
        ({"channel": "postal_mail"}, {"letter-2020"}),
        ({"status": "triaged"}, {"dm-2024-triaged"}),
        ({"status": "new", "date_from": "2024-01-01"}, {"voicemail-2024"}),
        ({"channel": "email", "threat_type": "doxxing"}, set()),
    ],
)
def test_filters_narrow_the_list(personas, reports, params, expected):
    assert listed(signed_in(personas.manager), **params) == codes(reports, *expected)


def test_filters_never_widen_the_scope(personas, reports):
    assert listed(signed_in(personas.outsider), date_to="2023-12-31") == set()
    assert listed(signed_in(personas.outsider), channel="voicemail", date_from="2000-01-01") == codes(reports, "pima")


def test_filter_form_shows_the_count_and_keeps_the_choice(personas, reports):
    html = signed_in(personas.manager).get("/reports/", {"channel": "postal_mail"}).content.decode()
    assert "1 report<" in html
    assert re.search(r'<option value="postal_mail" selected>', html)


def test_an_invalid_filter_shows_everything_in_scope_with_the_error(personas, reports):
    response = signed_in(personas.manager).get("/reports/", {"date_from": "2024-02-30", "channel": "carrier_pigeon"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid date." in html
    assert "Select a valid choice." in html
    assert set(CODE.findall(html)) == codes(reports, "voicemail-2024", "email-2022", "letter-2020", "dm-2024-triaged")


def test_pages_split_the_list_and_keep_the_filters(personas, monkeypatch):
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    mine = {submit(personas.reporter, channel="email").public_code for _ in range(5)}
    submit(personas.reporter, channel="letter")
    client = signed_in(personas.manager)

    pages = [listed(client, channel="email", page=n) for n in (1, 2, 3)]

    assert [len(p) for p in pages] == [2, 2, 1]
    assert set().union(*pages) == mine
    first = client.get("/reports/", {"channel": "email"}).content.decode()
    assert "Page 1 of 3" in first
    assert 'href="?channel=email&amp;page=2"' in first
    last = client.get("/reports/", {"channel": "email", "page": 3}).content.decode()
    assert 'href="?channel=email&amp;page=2"' in last
    assert "page=4" not in last


def test_page_past_the_end_or_not_a_number_shows_a_real_page(personas, monkeypatch):
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    for _ in range(3):
        submit(personas.reporter)
    client = signed_in(personas.manager)
    assert "Page 2 of 2" in client.get("/reports/", {"page": 99}).content.decode()
    assert "Page 1 of 2" in client.get("/reports/", {"page": "x"}).content.decode()


def test_reporter_sees_only_their_own_reports(personas, reports):
    client = signed_in(personas.reporter)
    assert listed(client) == codes(reports, "voicemail-2024", "email-2022")
    html = client.get("/reports/").content.decode()
    assert "Your reports" in html


def test_reporter_cannot_open_a_colleagues_report(personas, reports):
    client = signed_in(personas.reporter)
    assert client.get(f"/reports/{reports['letter-2020'].public_code}/").status_code == 404


def test_the_list_needs_a_login(reports):
    response = Client().get("/reports/")
    assert response.status_code == 302
    assert "/account/login" in response["Location"]


def test_list_shows_facts_not_words(personas, reports):
    html = signed_in(personas.manager).get("/reports/").content.decode()
    assert "Quillonia" not in html
    assert "Mordecai" not in html


def test_detail_shows_the_timeline_with_report_received(personas, reports):
    report = reports["voicemail-2024"]
    response = signed_in(personas.manager).get(f"/reports/{report.public_code}/")
    assert response.status_code == 200
    html = response.content.decode()
    timeline = html[html.index('<ol class="timeline">') :]
    timeline = timeline[: timeline.index("</ol>")]
    assert "Report received" in timeline
    assert "by reporter" in timeline
    assert "Quillonia Brightwater" in html  # the manager may read the words


def test_detail_for_the_state_coordinator_shows_only_the_redacted_words(personas, reports):
    protect_canaries(personas)  # the office records its worker and her son; copies are redone
    html = signed_in(personas.coordinator).get(f"/reports/{reports['voicemail-2024'].public_code}/").content.decode()
    assert "Report received" in html
    assert 'id="redacted"' in html
    assert "[WORKER-1]" in html
    assert "Quillonia" not in html
    assert "Mordecai" not in html


def test_detail_withholds_the_words_when_redaction_failed(personas, reports):
    report = reports["voicemail-2024"]
    Report.objects.filter(pk=report.pk).update(redaction_state="failed", narrative_redacted="", message_text_redacted="")
    html = signed_in(personas.coordinator).get(f"/reports/{report.public_code}/").content.decode()
    assert 'id="withheld"' in html
    assert 'id="redacted"' not in html
    assert "Quillonia" not in html
    listing = signed_in(personas.manager).get("/reports/").content.decode()
    assert "redaction failed" in listing  # flagged for the office to look at


def test_outsider_gets_404_for_another_offices_report(personas, reports):
    response = signed_in(personas.outsider).get(f"/reports/{reports['voicemail-2024'].public_code}/")
    assert response.status_code == 404
    assert "Quillonia" not in response.content.decode()
