"""The access log: an office's manager sees who read or opened the personal data of the office's
reports and protected-person records, an administrator sees every office's, everyone else finds
no such page. Rows hold a time, a username, a label and a code: never a reason, never a value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from threatdesk.accesslog.kinds import describe
from threatdesk.accesslog.selectors import AccessRow, access_events_visible_to
from threatdesk.audit import services as audit
from threatdesk.audit.models import AuditEvent
from threatdesk.cases.services import report_refer
from threatdesk.privacy.models import ProtectedPerson
from threatdesk.privacy.schemas import ProtectedPersonIn
from threatdesk.privacy.services import protected_person_create, protected_person_erase, protected_person_view
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.selectors import ORIGINALS_READ
from threatdesk.reports.services import Way, report_reveal, report_submit
from threatdesk.testing.clients import signed_in
from threatdesk.testing.files import use_media_root
from threatdesk.testing.payloads import CANARY_PHONE, CANARY_WORKER, valid_report_payload
from threatdesk.testing.personas import Personas
from threatdesk.testing.planting import canaries_in, evidence_uploads, protect_canaries

pytestmark = pytest.mark.django_db

URL = "/access-log/"
PIMA_COUNTY = "04019"
# Reasons are typed by people and name people; the page must show neither.
REASON_WORDS = "about the garage door"
REASON = f"Calling {CANARY_WORKER} back at {CANARY_PHONE} {REASON_WORDS}"


@dataclass
class Offices:
    """A report and a protected-person record in Maricopa and in Pima, each read or opened once by
    its own office's manager."""

    maricopa_report: Report
    maricopa_record: ProtectedPerson
    pima_report: Report
    pima_record: ProtectedPerson

    @property
    def maricopa(self) -> set[str]:
        return {self.maricopa_report.public_code, self.maricopa_record.public_code}

    @property
    def pima(self) -> set[str]:
        return {self.pima_report.public_code, self.pima_record.public_code}


def maricopa_report_with_evidence(personas: Personas) -> Report:
    checked = [evidence_files.check_upload(f.read(), f.name or "") for f in evidence_uploads()[:1]]
    data = ReportIn.model_validate(valid_report_payload())
    return report_submit(actor=personas.reporter, data=data, source="web", files=checked).report


def pima_report(personas: Personas) -> Report:
    """Filed without an account: the county's office gets it."""
    data = ReportIn.model_validate(valid_report_payload(county=PIMA_COUNTY))
    return report_submit(actor=None, data=data, source="web").report


def pima_record(personas: Personas) -> ProtectedPerson:
    data = ProtectedPersonIn(kind="worker", full_name="Ottoline Pimawood", phones=["+15205550142"])
    return protected_person_create(actor=personas.outsider, office=personas.other_office, data=data)


def read_and_open(manager: Any, report: Report, record: ProtectedPerson) -> None:
    """The manager reads the report's page (original words) and opens the record with a reason."""
    assert signed_in(manager).get(f"/reports/{report.public_code}/").status_code == 200
    protected_person_view(actor=manager, person=record, reason=REASON)


@pytest.fixture
def offices(personas: Personas, settings: Any, tmp_path: Path) -> Offices:
    use_media_root(settings, tmp_path)
    worker, _child = protect_canaries(personas)
    made = Offices(maricopa_report_with_evidence(personas), worker, pima_report(personas), pima_record(personas))
    read_and_open(personas.manager, made.maricopa_report, made.maricopa_record)
    read_and_open(personas.outsider, made.pima_report, made.pima_record)
    return made


def log_page(user: Any, **params: Any) -> Any:
    return signed_in(user).get(URL, params)


def rows(response: Any) -> list[AccessRow]:
    assert response.status_code == 200
    return list(response.context["rows"])


def codes(response: Any) -> set[str]:
    return {row.object_code for row in rows(response)}


def test_a_manager_sees_the_accesses_to_their_offices_reports_and_records(personas, offices):
    listed = rows(log_page(personas.manager))
    assert {row.object_code for row in listed} == offices.maricopa
    assert [(row.account, row.what) for row in listed] == [
        ("manager", "Opened the protected-person record"),
        ("manager", "Read the original words (report page)"),
    ]


def test_the_pima_manager_sees_pima_and_not_maricopa(personas, offices):
    assert codes(log_page(personas.outsider)) == offices.pima


def test_an_admin_sees_every_offices_accesses(personas, offices):
    assert codes(log_page(personas.admin)) == offices.maricopa | offices.pima


@pytest.mark.parametrize("persona", ["reporter", "other_reporter", "liaison", "coordinator", "analyst"])
def test_every_other_persona_gets_404(personas, offices, persona):
    user = personas.all()[persona]
    response = log_page(user)
    assert response.status_code == 404
    assert not access_events_visible_to(user).exists()
    assert not any(code in response.content.decode() for code in offices.maricopa | offices.pima)


def test_the_public_is_sent_to_sign_in(offices):
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/account/login/?next={URL}"


def test_a_manager_without_an_office_gets_404(personas, offices):
    personas.manager.office = None
    personas.manager.save(update_fields=["office"])
    assert log_page(personas.manager).status_code == 404


@pytest.mark.parametrize(("persona", "linked"), [("manager", True), ("admin", True), ("coordinator", False), ("liaison", False)])
def test_the_navigation_links_the_page_for_those_who_may_open_it(personas, persona, linked):
    home = signed_in(personas.all()[persona]).get("/reports/").content.decode()
    assert (f'href="{URL}"' in home) is linked


@pytest.mark.parametrize("persona", ["manager", "outsider", "admin"])
def test_the_page_holds_no_canary_and_no_reason(personas, offices, persona):
    html = log_page(personas.all()[persona]).content.decode()
    assert not canaries_in(html)
    assert REASON_WORDS not in html
    assert "Ottoline" not in html and "5205550142" not in html


def test_each_kind_of_access_is_listed_with_a_plain_label(personas, offices):
    report = offices.maricopa_report
    evidence = report.evidence.get()
    manager = signed_in(personas.manager)
    assert manager.get(f"/reports/{report.public_code}/evidence/{evidence.public_code}/").status_code == 200
    assert manager.post(f"/reports/{report.public_code}/packet/").status_code == 200
    assert manager.post(f"/reports/{report.public_code}/stix.json").status_code == 200
    report_refer(actor=personas.manager, report=report, agency=personas.agency)
    report_reveal(actor=personas.liaison, report=report, reason=REASON)
    assert signed_in(personas.liaison).get(f"/reports/{report.public_code}/").status_code == 200
    listed = {(row.account, row.what) for row in rows(log_page(personas.manager)) if row.object_code == report.public_code}
    assert listed == {
        ("manager", "Read the original words (report page)"),
        ("manager", f"Opened evidence file {evidence.public_code} (downloaded)"),
        ("manager", f"Opened evidence file {evidence.public_code} (for a case packet)"),
        ("manager", "Made the case packet (words and evidence)"),
        ("manager", "Exported the sender's identifiers (STIX)"),
        ("liaison", "Revealed the original words (law enforcement)"),
        ("liaison", "Read the revealed words (report page)"),
    }


def test_every_way_a_report_is_read_is_named():
    """A way of reading added later must get a name in the log, not a bare "Read the original words"."""
    for way in Way:
        assert describe(ORIGINALS_READ, {"way": str(way)}) == f"Read the original words ({way.label})"


def test_an_export_of_pseudonyms_and_a_read_of_redacted_copies_are_not_accesses(personas, offices):
    coordinator = signed_in(personas.coordinator)
    code = offices.maricopa_report.public_code
    assert coordinator.post(f"/reports/{code}/stix.json").status_code == 200
    assert coordinator.get(f"/reports/{code}/").status_code == 200
    assert AuditEvent.objects.filter(actor_label="coordinator", action="cases.report.indicators_exported").exists()
    assert not [row for row in rows(log_page(personas.admin)) if row.account == "coordinator"]


def test_changes_and_case_work_are_not_accesses(personas, offices):
    report_refer(actor=personas.manager, report=offices.maricopa_report, agency=personas.agency)
    assert AuditEvent.objects.filter(action__in=["reports.report.submitted", "privacy.protected_person.created"]).exists()
    assert len(rows(log_page(personas.admin))) == 4  # each manager's read and opening, nothing else


def test_the_account_filter_matches_a_username_in_any_case(personas, offices):
    assert codes(log_page(personas.admin, account="OUTSIDER")) == offices.pima
    assert codes(log_page(personas.admin, account="nobody")) == set()


def filed_by_a_reader(personas: Personas, consent: list[str]) -> tuple[Report, str]:
    """A report filed by a signed-in worker of Maricopa, who then reads it."""
    from threatdesk.accounts.models import Role
    from threatdesk.accounts.services import user_create

    filer = user_create(actor=None, username="wanda_whistle", password="x" * 20, role=Role.REPORTER, office=personas.office)
    data = ReportIn.model_validate(valid_report_payload(reporter_consent=consent))
    report = report_submit(actor=filer, data=data, source="web").report
    assert signed_in(filer).get(f"/reports/{report.public_code}/").status_code == 200
    return report, filer.username


@pytest.mark.parametrize(("viewer", "consent"), [("manager", []), ("manager", ["office"]), ("admin", ["office"])])
def test_a_filer_reading_their_own_report_is_listed_as_the_filer(personas, offices, viewer, consent):
    report, username = filed_by_a_reader(personas, consent)
    page = log_page(getattr(personas, viewer))
    assert ("the filer", report.public_code) in {(row.account, row.object_code) for row in rows(page)}
    assert username not in page.content.decode()


def test_the_account_filter_cannot_confirm_who_filed(personas, offices):
    report, username = filed_by_a_reader(personas, [])
    assert report.public_code not in codes(log_page(personas.manager, account=username))
    assert report.public_code not in codes(log_page(personas.admin, account=username))


def test_the_kind_filter_keeps_one_kind(personas, offices):
    listed = rows(log_page(personas.admin, kind="record"))
    assert {row.object_code for row in listed} == {offices.maricopa_record.public_code, offices.pima_record.public_code}
    assert {row.what for row in listed} == {"Opened the protected-person record"}


def test_the_date_filter_keeps_whole_days_at_both_ends(personas, offices):
    march_first = timezone.make_aware(dt.datetime(2024, 3, 1, 23, 59))
    AuditEvent.objects.filter(actor_label="outsider").update(at=march_first)
    assert codes(log_page(personas.admin, date_from="2024-03-01", date_to="2024-03-01")) == offices.pima
    assert codes(log_page(personas.admin, date_to="2024-02-29")) == set()
    assert codes(log_page(personas.admin, date_from="2024-03-02")) == offices.maricopa


def test_the_last_day_a_date_can_hold_as_the_end_lists_every_access(personas, offices):
    assert codes(log_page(personas.admin, date_to="9999-12-31")) == offices.maricopa | offices.pima


def test_an_invalid_filter_is_shown_as_an_error_and_lists_everything(personas, offices):
    response = log_page(personas.admin, date_from="not a date")
    assert response.context["form"].errors["date_from"]
    assert codes(response) == offices.maricopa | offices.pima


def test_pages_list_fifty_accesses_newest_first(personas, offices):
    code = offices.maricopa_report.public_code
    entries = [audit.Entry(ORIGINALS_READ, "reports.report", code, payload={"way": "api_report", "fields": ["narrative"]})] * 55
    audit.log_many(actor=personas.reporter, entries=entries)
    first = log_page(personas.manager)
    assert first.context["page"].paginator.count == 57
    assert [row.account for row in rows(first)] == ["the filer"] * 50  # the reporter filed it
    assert "page=2" in first.content.decode()
    second = rows(log_page(personas.manager, page=2))
    assert [row.account for row in second][-2:] == ["manager", "manager"]
    assert len(second) == 7


def test_the_links_open_the_report_and_the_record(personas, offices):
    for row in rows(log_page(personas.manager)):
        assert signed_in(personas.manager).get(row.url).status_code == 200


def test_openings_of_an_erased_record_leave_the_page_and_stay_in_the_trail(personas, offices):
    protected_person_erase(actor=personas.outsider, person=offices.pima_record, reason="Erasure requested by the worker")
    assert codes(log_page(personas.admin)) == offices.maricopa | {offices.pima_report.public_code}
    assert AuditEvent.objects.filter(action="privacy.protected_person.viewed", object_id=offices.pima_record.public_code).exists()
