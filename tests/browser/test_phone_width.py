"""At phone width (390 px) the laws pages, a reporter's own list and a manager's queue fit the
screen: nothing to drag sideways, and a report's status in view beside its code; the report form's
boxes and file button are big enough to tap."""

from __future__ import annotations

from typing import Any

import pytest

from threatdesk.laws import statutes
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.reports.taxonomy import Source
from threatdesk.testing.personas import make_personas

pytestmark = pytest.mark.browser

PHONE_WIDTH = 390


def _filed(personas: Any, **facts: Any) -> str:
    """The receipt code of a report the reporter filed about a poll worker in Maricopa County."""
    where = {"occurred_on": "2024-10-21", "state": "AZ", "county": "Maricopa", "target_role": "poll_worker"}
    data = ReportIn.model_validate(where | facts)
    return report_submit(actor=personas.reporter, data=data, source=Source.WEB).report.public_code


def _widest_laws() -> list[str]:
    """The federal page, Colorado and North Carolina (long citations and source addresses), and
    the state with the most provisions."""
    most = max(statutes.states(), key=lambda state: len(state.provisions)).code
    return sorted({"federal", "CO", "NC", most.upper()})


@pytest.mark.parametrize("code", _widest_laws())
def test_a_laws_page_fits_a_phone(new_page, browser_watch, live_url, page_width, code):
    page = new_page(phone=True)
    response = page.goto(f"/laws/{code}/")
    assert response is not None and response.status == 200
    width, inner = page_width(page)
    assert inner == PHONE_WIDTH
    assert width <= PHONE_WIDTH, f"/laws/{code}/ is {width} px wide at {PHONE_WIDTH} px"
    browser_watch.assert_clean()


def test_a_reporter_sees_the_status_of_each_report_on_a_phone(new_page, browser_watch, live_url, page_width, log_in):
    personas = make_personas()
    code = _filed(
        personas,
        channel="voicemail",
        threat_types=["threat_violence", "threat_family", "doxxing"],
        election_phase="early_voting",
        narrative="A caller named my street and my children's school.",
    )
    page = new_page(phone=True)
    log_in(page, personas.reporter.username)
    row = page.locator("table.reports tbody tr", has_text=code)
    status = row.locator("td[data-label=Status]")
    assert status.inner_text().strip().endswith("New")
    box = status.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH
    assert box["y"] < row.locator("td[data-label=Types]").bounding_box()["y"]  # right after the code, above the rest
    width, _ = page_width(page)
    assert width <= PHONE_WIDTH, f"/reports/ is {width} px wide at {PHONE_WIDTH} px"
    browser_watch.assert_clean()


def test_a_manager_reads_the_queue_on_a_phone_without_dragging_it_sideways(new_page, browser_watch, live_url, log_in):
    """The queue is read on the move; its table once scrolled inside its box, to 736 px."""
    personas = make_personas()
    code = _filed(
        personas,
        channel="in_person_count_site",
        threat_types=["threat_violence"],
        election_phase="canvass",
        narrative="A man at the count said he would shoot the clerk.",
    )
    page = new_page(phone=True)
    log_in(page, personas.manager.username)
    page.goto("/queue/")
    table = page.locator("table#queue").bounding_box()
    assert table is not None and table["x"] >= 0 and table["x"] + table["width"] <= PHONE_WIDTH, table
    row = page.locator("table#queue tbody tr", has_text=code)
    for label in ("Level", "Code", "Waiting", "Status"):
        box = row.locator(f"td[data-label={label}]").bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE_WIDTH, (label, box)
    browser_watch.assert_clean()


def test_the_report_forms_boxes_and_file_button_are_big_enough_to_tap(new_page, browser_watch, live_url, page_width):
    page = new_page(phone=True)
    page.goto("/report/")
    for box in page.locator("input[type=checkbox]").all():
        size = box.bounding_box()
        assert size is not None and size["width"] >= 24 and size["height"] >= 24, size
    row = page.locator("label", has=page.locator("input[type=checkbox]")).first.bounding_box()
    assert row is not None and row["height"] >= 36, row
    file_input = page.locator("input[type=file]").bounding_box()
    assert file_input is not None and file_input["height"] >= 40, file_input
    width, _ = page_width(page)
    assert width <= PHONE_WIDTH
    browser_watch.assert_clean()
