"""The playbook picks what to do now from a report's level, channel, types and indicators; the
reporter sees it right after filing, staff on the report, and anyone at /guidance/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from threatdesk.assessment.playbook import PlaybookError, guidance_for, playbook
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


def test_guidance_pages_are_public():
    client = Client()
    assert "What to do when you are threatened" in client.get("/guidance/").content.decode()
    assert client.get("/guidance/doxxing/").status_code == 200
    assert client.get("/guidance/no-such-situation/").status_code == 404
