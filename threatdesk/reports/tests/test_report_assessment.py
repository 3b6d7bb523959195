"""A stored report carries its assessment; evidence spans are taken from the redacted copy, so
every role that sees the report may see them; staff may set the level by hand with a reason."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from threatdesk.accounts.services import token_create
from threatdesk.audit.models import AuditEvent
from threatdesk.reports import assessing, selectors
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.testing.clients import signed_in
from threatdesk.testing.payloads import CANARY_ADDRESS, CANARY_CHILD, CANARY_WORKER, valid_report_payload
from threatdesk.testing.planting import bearer, canaries_in, form_data, protect_canaries

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(personas: Any) -> Report:
    protect_canaries(personas)
    stored = report_submit(actor=personas.reporter, data=ReportIn.model_validate(valid_report_payload()), source="api")
    return Report.objects.get(pk=stored.report.pk)


def test_a_report_is_assessed_when_stored_and_its_evidence_names_no_one(report):
    assert report.severity == 3  # a threat naming her home and her son
    codes = {i["code"] for i in report.indicators}
    assert {"home_family_knowledge", "threat_to_family"} <= codes
    assert not canaries_in(str(report.indicators) + str(report.severity_reasons))
    assert "May meet a criminal threshold" in report.severity_reasons[0]


@pytest.mark.parametrize("narrative", ["It came by text.", "A text message came to my phone."])
def test_the_exact_words_and_the_narrative_are_read_as_sentences_apart(personas, narrative):
    """The narrative must not read as the end of the message's last sentence: "kill you" and "It
    came by text" are no "kill you it", which the engine would take for a harmless "kill it"."""
    data = valid_report_payload(
        channel="text_message", threat_types=["harassment"], message_text="I'm going to kill you", narrative=narrative, sender={}
    )
    stored = report_submit(actor=personas.reporter, data=ReportIn.model_validate(data), source="api")
    assert Report.objects.get(pk=stored.report.pk).severity == 3


def test_the_coordinator_sees_the_assessment_without_personal_data(personas, report):
    html = signed_in(personas.coordinator).get(f"/reports/{report.public_code}/").content.decode()
    assert 'id="assessment-h"' in html
    assert "[WORKER-1 ADDRESS]" in html or "[FAMILY-1]" in html
    assert not canaries_in(html)


def test_staff_set_the_level_by_hand_and_both_levels_are_kept(personas, report):
    client = signed_in(personas.coordinator)
    refused = client.post(f"/reports/{report.public_code}/level/", {"level": 4, "reason": "no"})
    assert refused.status_code == 422
    assert Report.objects.get(pk=report.pk).severity_override is None
    done = client.post(f"/reports/{report.public_code}/level/", {"level": 4, "reason": "The caller is parked outside her house"})
    assert done.status_code == 302
    stored = Report.objects.get(pk=report.pk)
    assert (stored.severity, stored.severity_override) == (3, 4)
    event = AuditEvent.objects.get(action="reports.report.level_overridden")
    assert event.payload == {"computed": 3, "before": None, "level": 4}
    assert event.reason == "The caller is parked outside her house"
    assert "4 (set by staff; assessed 3)" in client.get(f"/reports/{report.public_code}/").content.decode()


@pytest.mark.parametrize("persona", ["reporter", "liaison", "admin", "outsider"])
def test_other_roles_cannot_set_the_level(personas, report, persona):
    response = signed_in(getattr(personas, persona)).post(
        f"/reports/{report.public_code}/level/", {"level": 0, "reason": "I think this is nothing at all"}
    )
    assert response.status_code == 404
    assert Report.objects.get(pk=report.pk).severity_override is None


def test_staff_see_ranked_provisions_for_law_enforcement_review(personas, report):
    html = signed_in(personas.manager).get(f"/reports/{report.public_code}/").content.decode()
    section = html[html.index('id="statutes"') :]
    assert "18 U.S.C. 875(c)" in section.split("</ol>")[0]  # a voicemail threat: interstate communication
    assert "law-enforcement review" in html
    reporter_page = signed_in(personas.reporter).get(f"/reports/{report.public_code}/").content.decode()
    assert 'id="statutes"' not in reporter_page


def test_recording_a_worker_reassesses_the_reports_already_filed(personas):
    filed = report_submit(actor=personas.reporter, data=ReportIn.model_validate(valid_report_payload()), source="api")
    before = Report.objects.get(pk=filed.report.pk)
    protect_canaries(personas)  # now her address and her son are known
    after = Report.objects.get(pk=before.pk)
    assert "home_family_knowledge" in {i["code"] for i in after.indicators}
    assert after.severity >= before.severity
    assert not canaries_in(str(after.indicators))


def test_a_filer_learns_nothing_of_the_senders_other_reports_from_their_own(personas, report):
    """Another office's report from the same sender raises this one's conduct indicators; staff
    read them, the filer does not, so filing with a guessed number tells them nothing."""
    elsewhere = ReportIn.model_validate(valid_report_payload(county="04019"))
    report_submit(actor=personas.outsider, data=elsewhere, source="api")
    again = report_submit(actor=personas.reporter, data=ReportIn.model_validate(valid_report_payload()), source="api").report
    stored = Report.objects.get(pk=again.pk)
    assert "repeated_contact" in {i["code"] for i in stored.indicators}
    filer_page = signed_in(personas.reporter).get(f"/reports/{stored.public_code}/").content.decode()
    assert 'id="assessment-h"' in filer_page and f"Level {stored.severity}" in filer_page
    assert "earlier report" not in filer_page and "Repeated contact" not in filer_page
    assert "earlier report" in signed_in(personas.manager).get(f"/reports/{stored.public_code}/").content.decode()


def test_a_filer_learns_nothing_of_who_is_protected_from_their_own_report(personas, report):
    """The canary worker's name and home address are protected: the stored assessment says so,
    for staff; the filer, who could type guessed names and addresses, is not told. What the
    words themselves say ("naming her home address") they are told."""
    assert {"named_target", "home_family_knowledge"} <= {i["code"] for i in report.indicators}
    filer_page = signed_in(personas.reporter).get(f"/reports/{report.public_code}/").content.decode()
    assert "A named target" not in filer_page
    assert "Knows the home, family or routine: \u201chome address\u201d" in filer_page
    assert "protected" not in filer_page.split('id="assessment-h"')[1].split("</section>")[0]
    manager_page = signed_in(personas.manager).get(f"/reports/{report.public_code}/").content.decode()
    assert "A named target" in manager_page


def _filed_naming(personas: Any, name: str) -> Report:
    data = valid_report_payload(
        channel="email",
        threat_types=["harassment"],
        message_text=f"Tell {name} we are watching. You will pay for this.",
        narrative="An email came to the office inbox.",
        sender={},
    )
    return report_submit(actor=personas.reporter, data=ReportIn.model_validate(data), source="api").report


def _receipt_guidance(client: Any, payload: dict[str, Any], token: str) -> str:
    filed = client.post("/report/", form_data(payload, submission_token=token))
    assert filed.status_code == 302, filed.content
    page = client.get(filed["Location"]).content.decode()
    return page[page.index('aria-labelledby="guidance-h"') :]


@pytest.mark.parametrize(
    ("protected", "unknown"),
    [
        (
            f"Tell {CANARY_CHILD} we are watching. You will pay for this.",
            "Tell Ambrose Kettleworth we are watching. You will pay for this.",
        ),
        (
            f"We know you live at {CANARY_ADDRESS}. You will pay for this.",
            "We know you live at 2210 Crandall Road. You will pay for this.",
        ),
    ],
)
def test_the_receipt_gives_the_same_advice_whether_a_typed_name_or_address_is_protected(personas, protected, unknown):
    """Anyone may file without an account: advice that changed with the office's records would
    confirm a worker's home address or her child's name to whoever typed it."""
    protect_canaries(personas)
    pages = []
    for token, words in (("a" * 32, protected), ("b" * 32, unknown)):
        payload = valid_report_payload(
            channel="email", threat_types=["harassment"], message_text=words, narrative="It came by email.", sender={}
        )
        pages.append(_receipt_guidance(Client(), payload, token))
    assert pages[0] == pages[1]
    stored = list(Report.objects.order_by("pk"))
    assert stored[0].severity > stored[1].severity  # staff still see the records' weight


def test_the_filer_is_told_the_level_the_report_alone_gives(personas):
    """The level the filer reads on the page and in the API leaves out what protected persons'
    records and the sender's other reports added; staff read the whole level."""
    protect_canaries(personas)
    protected, unknown = _filed_naming(personas, CANARY_CHILD), _filed_naming(personas, "Ambrose Kettleworth")
    assert protected.severity > unknown.severity
    token = token_create(actor=None, user=personas.reporter, name="filer")
    for report in (protected, unknown):
        answer = Client().get(f"/api/reports/{report.public_code}", **bearer(token))
        assert answer.json()["severity"] == unknown.severity
        page = signed_in(personas.reporter).get(f"/reports/{report.public_code}/").content.decode()
        assert f'<dd id="level">{unknown.severity}</dd>' in page
    manager_page = signed_in(personas.manager).get(f"/reports/{protected.public_code}/").content.decode()
    assert f'<dd id="level">{protected.severity}</dd>' in manager_page


def _texted(personas: Any, words: str) -> Report:
    data = valid_report_payload(
        channel="text_message", threat_types=["harassment"], message_text=words, narrative="It came to my phone.", sender={}
    )
    stored = report_submit(actor=personas.reporter, data=ReportIn.model_validate(data), source="api")
    return Report.objects.get(pk=stored.report.pk)


def _section(page: str, heading: str) -> str:
    return page.split(f'aria-labelledby="{heading}"')[1].split("</section>")[0]


def test_a_filer_is_told_to_call_911_for_a_threat_to_their_home_tonight(personas):
    """The filer is often the one threatened: words that say the sender knows where they live, and
    tonight, are a danger now to them as to staff. Only what other records add is left out."""
    report = _texted(personas, "I know where you live, traitor. Tonight.")
    assert report.severity == 4
    assert selectors.assessment_for(personas.reporter, report).level == 4
    page = signed_in(personas.reporter).get(f"/reports/{report.public_code}/").content.decode()
    assert 'id="call-911"' in _section(page, "guidance-h")


def test_a_filer_gets_the_home_and_family_advice_for_words_about_their_kids(personas):
    report = _texted(personas, "We know where your kids go to school.")
    shown = selectors.assessment_for(personas.reporter, report)
    assert report.severity == shown.level == 3
    assert "family-or-home" in [s.slug for s in selectors.report_guidance(report, shown).situations]


@pytest.mark.parametrize(
    "words",
    [
        f"{CANARY_WORKER} will be shot.",
        f"Tell {CANARY_CHILD} we are watching.",
        f"I'm outside {CANARY_ADDRESS}. Come out.",
        "We know you live on Zephyrine Lane. You will pay for this.",
    ],
)
def test_a_filer_reads_the_same_whether_or_not_the_name_or_address_they_typed_is_protected(personas, words):
    """Anyone may file: a level, an indicator or advice that changed with the office's records would
    confirm to whoever typed a name or an address that it is a protected worker's, or her child's.
    The same words are filed before and after the worker and her son are recorded: staff read the
    records' weight, the filer reads the same level, indicators and advice every time."""
    token = token_create(actor=None, user=personas.reporter, name="filer")

    def read_by_the_filer(report: Report) -> tuple[str, ...]:
        page = signed_in(personas.reporter).get(f"/reports/{report.public_code}/").content.decode()
        severity = Client().get(f"/api/reports/{report.public_code}", **bearer(token)).json()["severity"]
        level = page.split('<dd id="level">')[1].split("</dd>")[0]
        return level, str(severity), _section(page, "assessment-h"), _section(page, "guidance-h")

    unknown = _texted(personas, words)
    unknown_then = read_by_the_filer(unknown)
    assert "named_target" not in {i["code"] for i in unknown.indicators}
    protect_canaries(personas)
    protected = _texted(personas, words)
    assert "named_target" in {i["code"] for i in protected.indicators}
    assert read_by_the_filer(protected) == unknown_then
    assert read_by_the_filer(unknown) == unknown_then  # its staff assessment was redone with the records


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"channel": "in_person", "message_text": "He stood at the counter and said he would be back with a gun."},
        {"threat_types": ["suspicious_mail"], "channel": "mail", "message_text": "White powder spilled from the envelope."},
        {"message_text": "lol you people should all be shot, just kidding", "election_phase": "certification"},
        {"message_text": "Nice day.", "threat_types": ["other"]},
    ],
)
def test_the_level_worked_out_again_from_what_was_stored_is_the_level_stored(personas, changes):
    """`level_without` runs the engine again on the stored indicators: with nothing left out it
    must give back the stored level, or a filer would read a level the engine never gave."""
    protect_canaries(personas)
    stored = report_submit(actor=personas.reporter, data=ReportIn.model_validate(valid_report_payload(**changes)), source="api")
    report = Report.objects.get(pk=stored.report.pk)
    assert assessing.level_without(report, frozenset()) == report.severity
