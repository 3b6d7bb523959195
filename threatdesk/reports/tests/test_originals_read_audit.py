"""Every showing of a report's personal data in the clear (original words, sender, who filed) is in
the audit trail: one event per report and request, naming the reader, the report and the way out,
with field names and never values. Copies, refusals and the timeline stay quiet."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from threatdesk.accounts.services import token_create
from threatdesk.audit.models import AuditEvent
from threatdesk.cases.services import report_refer
from threatdesk.reports.models import Report
from threatdesk.reports.selectors import ORIGINALS_READ, report_timeline
from threatdesk.reports.services import Way, report_reveal
from threatdesk.reports.services.reading import REVEALED_READ
from threatdesk.testing.clients import signed_in
from threatdesk.testing.files import use_media_root
from threatdesk.testing.payloads import valid_report_payload
from threatdesk.testing.planting import canaries_in, filed_by_reporter, plant_by_form, protect_canaries

pytestmark = pytest.mark.django_db

READS = (ORIGINALS_READ, REVEALED_READ)
EVERYTHING = ["narrative", "message_text", "sender", "reporter"]


def submit(personas: Any, **overrides: Any) -> Report:
    return filed_by_reporter(personas, **overrides)


@pytest.fixture
def report(personas: Any) -> Report:
    protect_canaries(personas)
    return submit(personas)


def reads() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action__in=READS).order_by("seq"))


@dataclass
class Reader:
    """One user's ways in: a signed-in browser and a bearer token, both set up before any read."""

    user: Any
    web: Client = field(init=False)
    token: str = field(init=False)

    def __post_init__(self) -> None:
        self.web = signed_in(self.user)
        self.token = token_create(actor=None, user=self.user, name="reading")

    def api(self, url: str, **params: Any) -> Any:
        return Client().get(url, params, headers={"Authorization": f"Bearer {self.token}"})


def read_page(reader: Reader, report: Report) -> Any:
    return reader.web.get(f"/reports/{report.public_code}/")


def read_api(reader: Reader, report: Report) -> Any:
    return reader.api(f"/api/reports/{report.public_code}")


def read_api_list(reader: Reader, report: Report) -> Any:
    return reader.api("/api/reports")


WAYS: dict[str, Callable[[Reader, Report], Any]] = {
    Way.REPORT_PAGE: read_page,
    Way.API_REPORT: read_api,
    Way.API_REPORT_LIST: read_api_list,
}


def version_shown(way: str, response: Any) -> str:
    """Which words the answer carried, so that a test of silence knows what it was silent about."""
    if way == Way.REPORT_PAGE:
        return "redacted" if 'id="redacted"' in response.content.decode() else "other"
    answer = response.json()
    return str((answer["items"][0] if way == Way.API_REPORT_LIST else answer)["text_version"])


@pytest.mark.parametrize("way", sorted(WAYS))
@pytest.mark.parametrize("persona", ["manager", "reporter"])
def test_reading_the_originals_writes_one_event_naming_reader_report_and_way(personas, report, way, persona):
    reader = getattr(personas, persona)
    assert WAYS[way](Reader(reader), report).status_code == 200
    [event] = reads()
    assert (event.action, event.actor, event.actor_label) == (ORIGINALS_READ, reader, reader.username)
    assert (event.object_type, event.object_id) == ("reports.report", report.public_code)
    assert event.payload == {"way": way, "fields": EVERYTHING}


def test_the_api_list_writes_one_event_per_report_on_the_page(personas, report):
    others = [submit(personas), submit(personas)]
    answer = Reader(personas.manager).api("/api/reports", limit=2)
    shown = [item["code"] for item in answer.json()["items"]]
    events = reads()
    assert len(shown) == 2 and answer.json()["count"] == 3
    assert sorted(e.object_id for e in events) == sorted(shown)
    assert {e.payload["way"] for e in events} == {Way.API_REPORT_LIST}
    assert {r.public_code for r in [report, *others]} - set(shown)  # the report off the page: no event


@pytest.mark.parametrize("way", sorted(WAYS))
@pytest.mark.parametrize("persona", ["coordinator", "analyst", "admin", "liaison"])
def test_roles_that_read_only_redacted_copies_write_nothing(personas, report, way, persona):
    report_refer(actor=personas.manager, report=report, agency=personas.agency)  # the liaison may open it
    response = WAYS[way](Reader(getattr(personas, persona)), report)
    assert response.status_code == 200
    assert version_shown(way, response) == "redacted"
    assert reads() == []


def test_a_reader_told_who_filed_is_recorded_with_that_field_alone(personas):
    protect_canaries(personas)
    report = submit(personas, reporter_consent=["office", "state"])
    page = read_page(Reader(personas.coordinator), report).content.decode()
    assert 'id="redacted"' in page and 'id="reporter"' in page
    [event] = reads()
    assert (event.actor, event.payload) == (personas.coordinator, {"way": Way.REPORT_PAGE, "fields": ["reporter"]})


@pytest.mark.parametrize("way", sorted(WAYS))
def test_a_liaison_under_a_reveal_writes_one_read_tied_to_the_reveal(personas, report, way):
    report_refer(actor=personas.manager, report=report, agency=personas.agency)
    reveal = report_reveal(actor=personas.liaison, report=report, reason="Opening case 2024-118 on this threat")
    assert WAYS[way](Reader(personas.liaison), report).status_code == 200
    [event] = reads()
    assert (event.action, event.actor, event.object_id) == (REVEALED_READ, personas.liaison, report.public_code)
    assert event.payload == {"reveal": reveal.pk, "way": way, "fields": ["narrative", "message_text", "sender"]}


@pytest.mark.parametrize("read", [read_page, read_api], ids=["page", "api"])
@pytest.mark.parametrize("persona", ["outsider", "other_reporter"])
def test_a_refused_reading_writes_nothing(personas, report, read, persona):
    reader = Reader(getattr(personas, persona))
    before = AuditEvent.objects.count()
    assert read(reader, report).status_code == 404
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("read", [read_page, read_api], ids=["page", "api"])
def test_a_report_that_does_not_exist_writes_nothing(personas, read):
    reader = Reader(personas.manager)
    before = AuditEvent.objects.count()
    missing = Report(public_code="R-0000-0000-0000-0000")
    assert read(reader, missing).status_code == 404
    assert AuditEvent.objects.count() == before


def test_a_page_shown_again_with_form_errors_is_one_reading(personas, report):
    response = signed_in(personas.manager).post(f"/reports/{report.public_code}/level/", {"level": "9", "reason": "x"})
    assert response.status_code == 422
    assert [e.payload["way"] for e in reads()] == [Way.REPORT_PAGE]


def test_the_events_hold_field_names_and_no_personal_data(personas, settings, tmp_path: Path):
    use_media_root(settings, tmp_path / "media")
    protect_canaries(personas)
    planted = [submit(personas), Report.objects.get(public_code=plant_by_form(Client()))]
    readers = [Reader(personas.manager), Reader(personas.reporter), Reader(personas.liaison)]
    for report in planted:
        report_refer(actor=personas.manager, report=report, agency=personas.agency)
        report_reveal(actor=personas.liaison, report=report, reason="Opening case 2024-118 on this threat")
        for reader in readers:
            for read in WAYS.values():
                read(reader, report)
    events = reads()
    assert {(e.actor_label, e.payload["way"]) for e in events} >= {
        (reader, way) for reader in ("manager", "liaison") for way in WAYS
    }
    for event in events:
        stored = json.dumps([event.actor_label, event.action, event.object_type, event.object_id, event.reason, event.payload])
        assert canaries_in(stored) == []
        assert set(event.payload["fields"]) <= {*EVERYTHING, "platform"}


def test_readings_stay_off_the_timeline(personas, report):
    before = report_timeline(personas.manager, report)
    manager = Reader(personas.manager)
    for read in WAYS.values():
        read(manager, report)
    page = read_page(manager, report).content.decode()
    assert len(reads()) == 4
    assert report_timeline(personas.manager, report) == before
    timeline = page[page.index('id="timeline-h"') :]
    assert ORIGINALS_READ not in timeline and "Report received" in timeline


def test_the_audit_chain_verifies_after_readings(personas, report):
    readers = [Reader(personas.manager), Reader(personas.reporter)]
    for read in WAYS.values():
        for reader in readers:
            read(reader, report)
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert len(reads()) == 6
    assert "audit trail intact" in out.getvalue()


def test_an_evidence_download_is_recorded_by_its_custody_event_alone(personas, settings, tmp_path: Path):
    use_media_root(settings, tmp_path / "media")
    report = Report.objects.get(public_code=plant_by_form(Client()))
    item = report.evidence.first()
    response = Reader(personas.manager).web.get(f"/reports/{report.public_code}/evidence/{item.public_code}/")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="reports.evidence.opened", object_id=report.public_code).count() == 1
    assert reads() == []


def test_the_api_answer_to_a_submission_is_recorded_by_the_submission_alone(personas):
    reader = Reader(personas.reporter)
    answer = Client().post(
        "/api/reports",
        data=json.dumps(valid_report_payload()),
        content_type="application/json",
        headers={"Authorization": f"Bearer {reader.token}", "Idempotency-Key": "once"},
    )
    assert answer.status_code == 201 and answer.json()["text_version"] == "original"
    assert AuditEvent.objects.filter(action="reports.report.submitted", object_id=answer.json()["code"]).count() == 1
    assert reads() == []


def test_a_retried_submission_answered_with_the_stored_report_is_a_reading(personas):
    """The 200 answer to a retry reads back what was stored the first time."""
    reader = Reader(personas.manager)

    def send() -> Any:
        return Client().post(
            "/api/reports",
            data=json.dumps(valid_report_payload()),
            content_type="application/json",
            headers={"Authorization": f"Bearer {reader.token}", "Idempotency-Key": "retry-me"},
        )

    assert send().status_code == 201
    retry = send()
    assert retry.status_code == 200 and retry.json()["text_version"] == "original"
    [event] = reads()
    assert (event.actor_id, event.object_id) == (personas.manager.pk, retry.json()["code"])
    assert event.payload["way"] == "api_retry"
