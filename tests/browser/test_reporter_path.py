"""An election worker without an account files a report from a phone, then checks its status."""

from __future__ import annotations

import hashlib
import re

import pytest

from threatdesk.reports.models import Report

pytestmark = pytest.mark.browser

RECEIPT_CODE = re.compile(r"^R-[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$")

TYPED = {
    "occurred_on": "2024-11-06",
    "occurred_time": "21:15",
    "county": "Maricopa",
    "platform": "",
    "message_text": "We know where you live. Certify the real result or else.",
    "narrative": "A man left a voicemail on the office line after the count closed, naming my street.",
    "sender_name": "Caller who said he was Bill",
    "sender_phones": "(602) 555-0142\n480-555-0177",
    "sender_emails": "angry.voter.example@example.com",
    "sender_handles": "@count_watcher_az",
    "sender_description": "Male voice, calm, called twice.",
    "contact_name": "Pat Example",
    "contact_email": "pat.example@example.org",
    "contact_phone": "602-555-0100",
}


def test_anonymous_worker_files_a_report_on_a_phone_and_checks_its_status(
    new_page, browser_watch, live_url, evidence_png, png_bytes, screenshot, page_width
):
    page = new_page(phone=True)
    page.goto("/report/")
    assert page.locator("h1").inner_text() == "Report a threat"

    for name, value in TYPED.items():
        if value:
            page.fill(f"[name={name}]", value)
    page.select_option("[name=state]", "AZ")
    page.select_option("[name=channel]", "voicemail")
    page.get_by_label("Threat of violence or death").check()
    page.get_by_label("Doxxing or exposure of personal information").check()
    page.select_option("[name=target_role]", "county_election_official")
    page.select_option("[name=election_phase]", "canvass")
    page.set_input_files("[name=evidence]", str(evidence_png))

    width, inner = page_width(page)
    assert width <= inner, f"the report form scrolls sideways on a phone: {width}px content in a {inner}px window"
    screenshot(page, "1-form-filled")

    page.get_by_role("button", name="Send report").click()
    page.wait_for_url(re.compile(r"/report/receipt/"))
    code = page.locator("#receipt-code").inner_text().strip()
    assert RECEIPT_CODE.match(code), code
    assert page.locator("h1").inner_text() == "Your report was received"
    width, inner = page_width(page)
    assert width <= inner, f"the receipt page scrolls sideways on a phone: {width}px content in a {inner}px window"
    screenshot(page, "2-receipt")

    report = Report.objects.get(public_code=code)
    assert report.county.name.startswith("Maricopa")
    assert report.state.code == "AZ"
    assert report.channel == "voicemail"
    assert report.threat_type_codes == ["threat_violence", "doxxing"]
    assert report.target_role == "county_election_official"
    assert report.election_phase == "canvass"
    assert report.narrative == TYPED["narrative"]
    assert report.message_text == TYPED["message_text"]
    assert report.sender_name == TYPED["sender_name"]
    assert [h.lstrip("@") for h in report.sender_handles] == ["count_watcher_az"]
    assert len(report.sender_phones) == 2
    assert report.sender_emails == ["angry.voter.example@example.com"]
    assert [e.sha256 for e in report.evidence.all()] == [hashlib.sha256(png_bytes).hexdigest()]

    page.get_by_role("link", name="Check a report").click()
    page.wait_for_url(re.compile(r"/status/$"))
    page.get_by_label("Receipt code").fill(code)
    page.get_by_role("button", name="Check status").click()
    page.wait_for_url(re.compile(rf"/status/{re.escape(code)}/$"))
    assert page.locator("#report-status").inner_text() == "New"
    assert TYPED["narrative"] not in page.content()
    width, inner = page_width(page)
    assert width <= inner
    screenshot(page, "3-status")

    browser_watch.assert_clean()


def test_empty_form_shows_errors_by_the_fields_and_keeps_what_was_typed(
    new_page, browser_watch, live_url, screenshot, page_width
):
    page = new_page(phone=True)
    page.goto("/report/")
    page.fill("[name=county]", "Maricopa")
    page.fill("[name=message_text]", "You will regret certifying.")
    page.fill("[name=sender_handles]", "@someone_angry")
    page.select_option("[name=election_phase]", "election_day")

    browser_watch.allow_http_error("/report/", 422)  # the form comes back with its errors, as 422
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Send report").click()
    assert navigation.value.status == 422

    assert page.locator(".errors[role=alert]").first.inner_text().startswith("The report was not sent")
    for name in ("occurred_on", "state", "channel", "threat_types", "target_role", "narrative"):
        field = page.locator(".field.has-error", has=page.locator(f"[name={name}]"))
        assert field.count() == 1, f"{name} is not marked as an error"
        assert field.locator(".error").first.inner_text().strip(), f"{name} has no error message next to it"
    for name in ("county", "message_text", "sender_handles", "sender_name"):
        assert page.locator(".field.has-error", has=page.locator(f"[name={name}]")).count() == 0, name

    assert page.input_value("[name=county]") == "Maricopa"
    assert page.input_value("[name=message_text]") == "You will regret certifying."
    assert page.input_value("[name=sender_handles]") == "@someone_angry"
    assert page.input_value("[name=election_phase]") == "election_day"

    width, inner = page_width(page)
    assert width <= inner, f"the form with errors scrolls sideways on a phone: {width}px content in a {inner}px window"
    screenshot(page, "errors")
    assert Report.objects.count() == 0

    browser_watch.assert_clean()
