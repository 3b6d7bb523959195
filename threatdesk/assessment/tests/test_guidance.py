"""The playbook picks what to do now from a report's level, channel, types and indicators; the
reporter sees it right after filing (anyone else with the receipt code only the status), staff on
the report, and anyone at /guidance/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from threatdesk.assessment.playbook import PlaybookError, guidance_for, playbook
from threatdesk.testing.clients import signed_in
from threatdesk.testing.planting import form_data


def slugs(**facts: object) -> list[str]:
    return [s.slug for s in guidance_for(**facts).situations]  # type: ignore[arg-type]


def test_level_four_says_call_911_first():
    guidance = guidance_for(level=4, channel="in_person_office", threat_types=[], indicators=["approach"])
    assert guidance.call_911
    assert slugs(level=4, channel="in_person_office", threat_types=[], indicators=["approach"])[0] == "imminent-danger"


def test_mail_brings_the_suspicious_mail_steps_and_the_postal_inspectors():
    guidance = guidance_for(level=3, channel="postal_mail", threat_types=["suspicious_mail"], indicators=[])
    assert "suspicious-mail" in [s.slug for s in guidance.situations]
    assert "U.S. Postal Inspection Service" in [c.name for c in guidance.contacts]
    assert "envelope" in guidance.evidence
    assert not guidance.call_911


def test_doxxing_brings_data_broker_removal_and_address_confidentiality():
    guidance = guidance_for(level=2, channel="social_post", threat_types=["doxxing"], indicators=["doxxing"])
    text = " ".join(a for s in guidance.situations for a in s.actions)
    assert "people-search" in text and "address confidentiality" in text
    assert "web address" in guidance.evidence


def test_criticism_gets_only_the_evidence_steps_and_support():
    guidance = guidance_for(level=0, channel="email", threat_types=[], indicators=[])
    assert guidance.situations == ()
    assert any("988" in line for line in guidance.support)


def test_a_broken_playbook_file_fails_loudly_naming_the_file(tmp_path: Path):
    bad = tmp_path / "playbook.yaml"
    bad.write_text(
        "checked: 2026-11-22\ncontacts: {}\nsituations: [{slug: x, title: X, when: {}, actions: []}]\nevidence: {}\nsupport: []\n"
    )
    with pytest.raises(PlaybookError, match=r"playbook\.yaml"):
        playbook.__wrapped__(bad)


@pytest.mark.django_db
def test_the_reporter_sees_guidance_for_their_report_right_after_filing():
    data = form_data(message_text="There is white powder in this envelope.", channel="postal_mail")
    response = Client().post("/report/", data, follow=True)
    html = response.content.decode()
    assert 'id="guidance-h"' in html
    assert "A suspicious letter or package" in html


@pytest.mark.django_db
def test_anyone_else_with_the_receipt_code_gets_only_the_status(personas):
    """The guidance's headings tell what kind of threat it was; a receipt code travels further
    than its filer (a screenshot, a forwarded message), so only the filer's session is shown them."""
    data = form_data(
        message_text="There is white powder in this envelope.", channel="postal_mail", threat_types=["suspicious_mail"]
    )
    filer = Client()
    location = filer.post("/report/", data)["Location"]
    code = location.rstrip("/").rsplit("/", 1)[1]
    for someone in (Client(), signed_in(personas.outsider), signed_in(personas.manager)):
        page = someone.get(location)
        assert page.status_code == 200
        html = page.content.decode()
        assert 'id="guidance-h"' not in html
        assert "A suspicious letter or package" not in html and "envelope" not in html
        assert code in html and 'id="report-status">New<' in html  # the status page's content
    filer.post("/report/", form_data(submission_token="e" * 32))  # a second report from the same browser
    assert "A suspicious letter or package" in filer.get(location).content.decode()


def test_guidance_pages_are_public():
    client = Client()
    assert "What to do when you are threatened" in client.get("/guidance/").content.decode()
    assert client.get("/guidance/doxxing/").status_code == 200
    assert client.get("/guidance/no-such-situation/").status_code == 404
