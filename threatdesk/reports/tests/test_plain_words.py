"""What a reader sees of a report is in words: timeline events by name, never by their audit key;
the reason asked before revealing says what it reveals; each time says which clock it is on."""

from __future__ import annotations

from typing import Any

import pytest

from threatdesk.audit import services as audit
from threatdesk.testing.clients import signed_in
from threatdesk.testing.planting import filed_by_reporter

pytestmark = pytest.mark.django_db


def test_a_mailed_notification_reads_as_words_on_the_timeline(personas: Any) -> None:
    report = filed_by_reporter(personas)
    audit.log("cases.notification.sent", actor=None, obj=report, payload={"event": "urgent", "recipients": 2, "failed": 1})
    audit.log("cases.notification.abandoned", actor=None, obj=report, payload={"event": "urgent", "undelivered": 1})
    html = signed_in(personas.manager).get(f"/reports/{report.public_code}/").content.decode()
    assert "cases.notification" not in html
    assert "Notification mailed" in html and "2 sent, 1 not delivered" in html
    assert "Notification could not be mailed" in html


def test_a_notification_withheld_from_accounts_no_longer_entitled_reads_as_words(personas: Any) -> None:
    report = filed_by_reporter(personas)
    audit.log("cases.notification.withheld", actor=None, obj=report, payload={"event": "urgent_report", "withheld": 2})
    html = signed_in(personas.manager).get(f"/reports/{report.public_code}/").content.decode()
    assert "Notification withheld from accounts no longer entitled to it" in html and "2 withheld" in html


def test_an_event_without_a_label_still_reads_as_words(personas: Any) -> None:
    report = filed_by_reporter(personas)
    audit.log("cases.report.reopened_later", actor=None, obj=report, payload={})
    html = signed_in(personas.manager).get(f"/reports/{report.public_code}/").content.decode()
    assert "cases.report.reopened_later" not in html and "Report reopened later" in html


def test_the_reveal_form_asks_why_the_words_are_needed(personas: Any) -> None:
    report = filed_by_reporter(personas)
    signed_in(personas.manager).post(f"/reports/{report.public_code}/refer/", {"agency": personas.agency.public_code})
    html = signed_in(personas.liaison).get(f"/reports/{report.public_code}/").content.decode()
    assert "Why you need to read the original words of this report." in html
    assert "open this record" not in html


def test_the_time_of_the_incident_says_it_is_local_beside_the_received_time_in_utc(personas: Any) -> None:
    report = filed_by_reporter(personas)
    html = signed_in(personas.manager).get(f"/reports/{report.public_code}/").content.decode()
    assert "21:15 local time</dd>" in html
    assert " UTC (" in html
