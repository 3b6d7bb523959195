"""A report followed from the public form through the queue, a referral and a charge, as each user clicks it.

An anonymous election worker files from a phone; the Maricopa office manager triages, assigns and
refers it to the FBI field office; the field office's liaison enters its case number and records
steps up to a charge; the filer's status page shows the steps they may see and nothing sealed; the
manager's figures count the triage. The live server runs in a thread of this process, so the
locmem outbox it fills is the test's `mailoutbox`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from threatdesk.cases.models import CaseStep, Referral, ReferralStatus
from threatdesk.reports.models import Report, Status
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.reports.taxonomy import Source
from threatdesk.testing.personas import Personas, make_personas

pytestmark = pytest.mark.browser

NARRATIVE = "A man called the early voting site twice and said he would bring his rifle to the count on Tuesday."
MESSAGE = "You will not live to certify this election. I know which car is yours."
CONTACT_EMAIL = "pat.filer@example.org"
CASE_NUMBER = "PX-2024-0117"
SUSPECT = "Dale Hollister"
DETAIL = f"Subscriber records name {SUSPECT} of Mesa as the caller."
CHARGE = "18 U.S.C. 875(c)"


def _queue_codes(page: Any) -> list[str]:
    page.goto("/queue/")
    return [text.strip() for text in page.locator("#queue tbody td:nth-child(2) a").all_inner_texts()]


def _submit(page: Any, form: Any, button: str) -> None:
    """Press a form's button and wait for the report page it leads back to."""
    with page.expect_navigation() as navigation:
        form.get_by_role("button", name=button).click()
    assert navigation.value.status == 200, f"{button}: {navigation.value.status} at {navigation.value.url}"


def _file_milder_report(personas: Personas) -> str:
    """An older, milder report in the same office, so "at the top" means something."""
    data = ReportIn.model_validate(
        {
            "occurred_on": (timezone.localdate() - dt.timedelta(days=9)).isoformat(),
            "state": "AZ",
            "county": "Maricopa",
            "channel": "email",
            "threat_types": ["harassment"],
            "target_role": "poll_worker",
            "election_phase": "early_voting",
            "narrative": "Someone keeps emailing the office to complain about the drop box hours.",
        }
    )
    return report_submit(actor=None, data=data, source=Source.WEB, files=[]).report.public_code


def _file_through_the_form(page: Any, occurred_on: dt.date) -> str:
    page.goto("/report/")
    page.fill("[name=occurred_on]", occurred_on.isoformat())
    page.select_option("[name=state]", "AZ")
    page.fill("[name=county]", "Maricopa")
    page.select_option("[name=channel]", "voicemail")
    page.get_by_label("Threat of violence or death").check()
    page.select_option("[name=target_role]", "poll_worker")
    page.select_option("[name=election_phase]", "early_voting")
    page.fill("[name=message_text]", MESSAGE)
    page.fill("[name=narrative]", NARRATIVE)
    page.fill("[name=sender_phones]", "(602) 555-0188")
    page.fill("[name=contact_email]", CONTACT_EMAIL)
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url(re.compile(r"/report/receipt/"))
    return page.locator("#receipt-code").inner_text().strip()


def test_report_goes_from_the_queue_to_a_charge(new_page, browser_watch, live_url, mailoutbox, screenshot, log_in):
    personas = make_personas()
    milder = _file_milder_report(personas)
    today = timezone.localdate()

    # 1. An election worker without an account files from a phone and keeps the receipt code.
    filer = new_page(phone=True)
    code = _file_through_the_form(filer, today - dt.timedelta(days=2))
    report = Report.objects.get(public_code=code)
    assert report.office == personas.office
    screenshot(filer, "1-receipt")

    # 2. The office manager triages it, assigns it to themselves and refers it to the FBI.
    manager = new_page()
    log_in(manager, "manager")
    assert _queue_codes(manager) == [code, milder], "the threat is not at the top of the queue"
    assert manager.locator("h1").inner_text() == "Triage queue"
    manager.get_by_role("link", name=code).click()
    manager.wait_for_url(re.compile(rf"/reports/{re.escape(code)}/$"))
    case = manager.locator("#case")

    assign = case.locator("form", has=manager.get_by_role("button", name="Assign"))
    assign.get_by_label("Assign to").select_option("manager")
    _submit(manager, assign, "Assign")
    assert manager.locator("#assigned").inner_text() == "manager"

    status = case.locator("form", has=manager.get_by_role("button", name="Change status"))
    status.get_by_label("Move to").select_option("triaged")
    _submit(manager, status, "Change status")
    assert "Status: Triaged." in case.inner_text()

    routes = manager.locator("#routes").inner_text()
    assert "FBI Phoenix Field Office" in routes
    assert "Election Crimes Coordinator" in routes
    screenshot(manager, "2-triaged")

    manager.get_by_text("Refer to an agency").click()
    refer = manager.locator("form.refer")
    # Four forms on this page have a "reason"; the referral's label must lead to its own field.
    assert refer.get_by_label("Reason, if the agency is outside the state").count() == 1
    refer.get_by_label("Refer to").select_option(label="FBI Phoenix Field Office")
    refer.get_by_label("Date the agency was told").fill(today.isoformat())
    _submit(manager, refer, "Refer")
    referrals = manager.locator("ul.referrals").inner_text()
    assert f"Referred to FBI Phoenix Field Office on {today.isoformat()}" in referrals
    assert manager.locator("#routes li", has_text="FBI Phoenix Field Office").count() == 0
    report.refresh_from_db()
    assert report.status == Status.REFERRED
    assert report.assigned_to == personas.manager
    screenshot(manager, "3-referred")

    # 3. The field office's liaison takes it up and records what the agency did.
    liaison = new_page()
    log_in(liaison, "liaison")
    assert _queue_codes(liaison) == [code]
    assert liaison.locator("h1").inner_text() == "Referred to your agency"
    liaison.get_by_role("link", name=code).click()
    liaison.wait_for_url(re.compile(rf"/reports/{re.escape(code)}/$"))

    number = liaison.locator("form", has=liaison.get_by_role("button", name="Save case number"))
    number.get_by_label("Your agency's case number").fill(CASE_NUMBER)
    _submit(liaison, number, "Save case number")
    assert f"case {CASE_NUMBER}" in liaison.locator("ul.referrals").inner_text()

    def record(kind: str, *, statutes: list[str] | None = None, detail: str = "") -> Any:
        details = liaison.locator("details", has=liaison.locator("form.step"))
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        step = liaison.locator("form.step")
        step.get_by_label("What happened").select_option(kind)
        step.get_by_label("On", exact=True).fill(today.isoformat())
        step.locator("[name=statutes]").select_option(statutes or [])
        step.get_by_label("Detail").fill(detail)
        return step

    _submit(liaison, record("investigation_opened"), "Record")
    assert "Investigation opened" in liaison.locator("#steps").inner_text()

    browser_watch.allow_http_error(f"/reports/{code}/steps/", 422)
    step = record("charged")
    with liaison.expect_navigation() as navigation:
        step.get_by_role("button", name="Record").click()
    assert navigation.value.status == 422
    error = liaison.locator("form.step .field.has-error", has=liaison.locator("[name=statutes]"))
    assert error.locator(".error").inner_text() == "a charge needs at least one statute"
    assert "Charged" not in liaison.locator("#steps").inner_text()
    assert list(CaseStep.objects.filter(report=report).values_list("kind", flat=True)) == ["investigation_opened"]
    screenshot(liaison, "4-charge-refused")

    _submit(liaison, record("charged", statutes=[CHARGE]), "Record")
    _submit(liaison, record("subject_identified", detail=DETAIL), "Record")
    steps = liaison.locator("#steps li").all_inner_texts()
    assert len(steps) == 3, steps
    charged = next(s for s in steps if "Charged" in s)
    assert CHARGE in charged
    identified = next(s for s in steps if "Subject identified" in s)
    assert SUSPECT in identified
    assert "not shown to the filer" in identified
    screenshot(liaison, "5-steps")

    referral = Referral.objects.get(report=report, agency=personas.agency)
    assert referral.agency_case_number == CASE_NUMBER
    assert referral.status == ReferralStatus.INVESTIGATING
    recorded = {s.kind: s for s in CaseStep.objects.filter(report=report)}
    assert sorted(recorded) == ["charged", "investigation_opened", "subject_identified"]
    assert recorded["charged"].statutes == [CHARGE]
    assert not recorded["subject_identified"].shared_with_filer
    report.refresh_from_db()
    assert report.status == Status.UNDER_INVESTIGATION

    # 4. The filer's status page, with no sign-in: the shared steps, nothing sealed, and support.
    public = new_page(phone=True)
    public.goto(f"/status/{code}/")
    assert public.locator("#report-status").inner_text() == "Under investigation"
    filer_steps = public.locator("#filer-steps").inner_text()
    assert "Charged" in filer_steps
    assert "Investigation opened" in filer_steps
    content = public.content()
    assert "Subject identified" not in content
    assert SUSPECT not in content
    assert NARRATIVE not in content
    assert CASE_NUMBER not in content
    assert "988" in public.locator("section[aria-labelledby=support-h]").inner_text()
    screenshot(public, "6-status")

    # 5. The manager's figures: the office, with the time to triage.
    manager.goto("/figures/")
    office = manager.locator("#office-figures tbody tr", has=manager.get_by_text(personas.office.name))
    cells = office.locator("td").all_inner_texts()
    assert cells[0] == personas.office.name
    assert cells[1] == "2"
    assert re.fullmatch(r"\d+(\.\d+)? h \(90%: \d+(\.\d+)? h; n=1\)", cells[2]), cells
    screenshot(manager, "7-figures")

    # 6. Email: the liaison told of the referral, the filer of each step they may see, nothing sealed.
    to = {address: [m for m in mailoutbox if m.to == [address]] for address in {a for m in mailoutbox for a in m.to}}
    assert all(len(m.to) == 1 for m in mailoutbox)
    liaison_mail = to.get(personas.liaison.email, [])
    assert [m.subject for m in liaison_mail if "referred to FBI Phoenix Field Office" in m.subject], liaison_mail
    filer_subjects = [m.subject for m in to.get(CONTACT_EMAIL, [])]
    assert any("Investigation opened" in s for s in filer_subjects), filer_subjects
    assert any("Charged" in s for s in filer_subjects), filer_subjects
    assert not any("Subject identified" in s for s in filer_subjects), filer_subjects
    for message in mailoutbox:
        for secret in (NARRATIVE, MESSAGE, SUSPECT, DETAIL, "555-0188", CASE_NUMBER):
            assert secret not in message.subject and secret not in message.body, (message.to, message.subject)
        if message.to == [CONTACT_EMAIL]:
            assert f"/status/{code}/" in message.body

    browser_watch.assert_clean()
