"""The Maricopa office manager finds, filters and reads a report filed anonymously; Pima's cannot."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

import pytest

from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.reports.taxonomy import Source
from threatdesk.testing.personas import Personas, make_personas

pytestmark = pytest.mark.browser

NARRATIVE = "A caller left a voicemail on the early voting line saying he would be waiting in the car park."


@dataclass
class Filed:
    personas: Personas
    voicemail: str  # Maricopa, anonymous, with a PNG
    email: str  # Maricopa, anonymous
    pima: str  # Pima, anonymous
    sha256: str


def _file(county: str, channel: str, narrative: str, files: list[evidence_files.CheckedFile] | None = None) -> str:
    data = ReportIn.model_validate(
        {
            "occurred_on": "2024-10-21",
            "state": "AZ",
            "county": county,
            "channel": channel,
            "threat_types": ["threat_violence", "stalking"],
            "target_role": "poll_worker",
            "election_phase": "early_voting",
            "narrative": narrative,
        }
    )
    return report_submit(actor=None, data=data, source=Source.WEB, files=files or []).report.public_code


@pytest.fixture
def filed(live_url: str, png_bytes: bytes) -> Filed:
    personas = make_personas()
    png = evidence_files.check_upload(png_bytes, "voicemail-screenshot.png")
    return Filed(
        personas=personas,
        voicemail=_file("Maricopa", "voicemail", NARRATIVE, [png]),
        email=_file("Maricopa", "email", "An email told me to quit before the count or else."),
        pima=_file("Pima", "voicemail", "A voicemail to the Pima office."),
        sha256=hashlib.sha256(png_bytes).hexdigest(),
    )


def _listed_codes(page: Any) -> list[str]:
    return [text.split()[0] for text in page.locator("table.reports tbody td:first-child").all_inner_texts()]


def test_office_manager_finds_filters_and_reads_an_anonymous_report(new_page, browser_watch, filed, screenshot, log_in):
    page = new_page()
    log_in(page, "manager")
    assert page.locator("h1").inner_text() == "Reports"
    assert sorted(_listed_codes(page)) == sorted([filed.voicemail, filed.email])
    row = page.locator("table.reports tbody tr", has=page.get_by_role("link", name=filed.voicemail))
    assert "Maricopa" in row.inner_text()
    assert "Voicemail" in row.inner_text()
    screenshot(page, "1-list")

    page.get_by_label("Channel").select_option("voicemail")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"[?&]channel=voicemail"))
    assert _listed_codes(page) == [filed.voicemail]
    assert page.locator("p.count").inner_text() == "1 report"
    assert page.get_by_label("Channel").input_value() == "voicemail"
    screenshot(page, "2-filtered")

    page.get_by_role("link", name=filed.voicemail).click()
    page.wait_for_url(re.compile(rf"/reports/{re.escape(filed.voicemail)}/$"))
    assert page.locator("h1").inner_text().startswith(f"Report {filed.voicemail}")
    assert page.locator("p.narrative").inner_text() == NARRATIVE
    evidence = page.locator("article.evidence")
    assert evidence.count() == 1
    assert evidence.locator(".hash code").inner_text() == filed.sha256
    assert "SHA-256" in evidence.locator(".hash").inner_text()
    timeline = page.locator("ol.timeline li").all_inner_texts()
    assert any("Report received" in item for item in timeline), timeline
    screenshot(page, "3-detail")

    browser_watch.assert_clean()


def test_manager_of_another_county_neither_lists_nor_opens_it(new_page, browser_watch, filed, screenshot, log_in):
    page = new_page()
    log_in(page, "outsider")
    codes = _listed_codes(page)
    assert codes == [filed.pima]
    assert filed.voicemail not in page.content()

    url = f"/reports/{filed.voicemail}/"
    browser_watch.allow_http_error(url, 404)
    response = page.goto(url)
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "Not found"
    assert NARRATIVE not in page.content()
    screenshot(page, "404")

    browser_watch.assert_clean()
