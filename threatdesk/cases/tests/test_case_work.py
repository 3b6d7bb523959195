"""Case work end to end: the transition table, the queue, assignment, links and merges, and the
steps law enforcement records, as the office, the agency and the filer see them."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from io import StringIO
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from threatdesk.accounts.models import Role
from threatdesk.accounts.services import user_create
from threatdesk.audit import services as audit
from threatdesk.audit.models import AuditEvent
from threatdesk.cases import services, transitions
from threatdesk.cases.figures import figures_for
from threatdesk.cases.forms import ReferForm, StepForm
from threatdesk.cases.models import CaseStep, LinkKind, Referral, ReferralStatus, ReportLink, StatusChange
from threatdesk.cases.packet import packet_context
from threatdesk.cases.selectors import routing_suggestions, triage_queue
from threatdesk.places.models import Agency, State
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.selectors import report_timeline
from threatdesk.reports.services import ReportInputError, report_reveal, report_submit
from threatdesk.reports.taxonomy import Status
from threatdesk.testing.cases import fresh
from threatdesk.testing.clients import signed_in
from threatdesk.testing.payloads import valid_report_payload
from threatdesk.testing.personas import PASSWORD, PERSONA_MAIL_DOMAIN
from threatdesk.testing.planting import canaries_in, filed_by_reporter, protect_canaries

pytestmark = pytest.mark.django_db

STATUTE = "18 U.S.C. 875(c)"
ARIZONA = ZoneInfo("America/Phoenix")  # the personas' state: standard time all year
# Zero-width spaces and word joiners: typed text a reader sees nothing of.
INVISIBLE = "\u200b\u2060" * 8


def file_report(personas: Any, **overrides: Any) -> Report:
    return filed_by_reporter(personas, **overrides)


@pytest.fixture
def report(personas: Any) -> Report:
    protect_canaries(personas)
    return file_report(personas)


@pytest.fixture
def referred(personas: Any, report: Report) -> Report:
    services.report_refer(actor=personas.manager, report=report, agency=personas.agency)
    return Report.objects.get(pk=report.pk)


# --- the transition table -------------------------------------------------------------------


@pytest.mark.parametrize(("source", "target"), list(itertools.permutations(Status.values, 2)))
def test_every_move_is_allowed_or_refused_as_the_table_says(personas, report, source, target):
    Report.objects.filter(pk=report.pk).update(status=source)
    Referral.objects.create(report=report, agency=personas.agency)
    before = StatusChange.objects.count()
    allowed = transitions.transition_for(source, target) is not None
    try:
        services.status_change(actor=personas.manager, report=fresh(report), target=target, reason="A reason long enough")
    except ReportInputError as exc:
        assert not allowed, f"{source} -> {target} is in the table but was refused: {exc}"
        assert fresh(report).status == source
        assert StatusChange.objects.count() == before
    else:
        assert allowed, f"{source} -> {target} is not in the table but was allowed"
        assert fresh(report).status == target
        change = StatusChange.objects.latest("pk")
        assert (change.from_status, change.to_status, change.actor) == (source, target, personas.manager)


def test_closing_and_reopening_need_a_reason(personas, report):
    with pytest.raises(ReportInputError, match="needs a reason"):
        services.status_change(actor=personas.manager, report=report, target=Status.CLOSED)
    assert fresh(report).status == Status.NEW
    services.status_change(actor=personas.manager, report=report, target=Status.CLOSED, reason="Handled by a phone call")
    with pytest.raises(ReportInputError, match="needs a reason"):
        services.status_change(actor=personas.manager, report=report, target=Status.TRIAGED)
    services.status_change(actor=personas.manager, report=report, target=Status.TRIAGED, reason="The caller called again")
    event = AuditEvent.objects.filter(action="cases.report.status_changed").latest("pk")
    assert (event.payload, event.reason) == ({"from": "closed", "to": "triaged"}, "The caller called again")


def test_referred_and_under_investigation_need_a_referral(personas, report):
    with pytest.raises(ReportInputError, match="refer the report to an agency first"):
        services.status_change(actor=personas.manager, report=report, target=Status.REFERRED)
    assert not StatusChange.objects.exists()


def test_the_status_form_refuses_an_illegal_move_with_a_clear_message(personas, report):
    response = signed_in(personas.manager).post(f"/reports/{report.public_code}/status/", {"target": Status.CLOSED})
    assert response.status_code == 422
    assert "needs a reason" in response.content.decode()
    response = signed_in(personas.manager).post(f"/reports/{report.public_code}/status/", {"target": Status.UNDER_INVESTIGATION})
    assert response.status_code == 422  # not offered from "new"
    assert fresh(report).status == Status.NEW
    assert (
        signed_in(personas.coordinator).post(f"/reports/{report.public_code}/status/", {"target": Status.TRIAGED}).status_code
        == 302
    )
    assert fresh(report).status == Status.TRIAGED


# --- the queue and assignment -----------------------------------------------------------------


def test_the_queue_puts_the_gravest_first_then_the_oldest(personas):
    old_mild, new_grave, old_grave = (file_report(personas) for _ in range(3))
    now = timezone.now()
    Report.objects.filter(pk=old_mild.pk).update(severity=1, received_at=now - dt.timedelta(days=3))
    Report.objects.filter(pk=new_grave.pk).update(severity=3, received_at=now)
    Report.objects.filter(pk=old_grave.pk).update(severity=1, severity_override=3, received_at=now - dt.timedelta(days=2))
    closed = file_report(personas)
    Report.objects.filter(pk=closed.pk).update(status=Status.CLOSED, severity=4)
    assert list(triage_queue(personas.manager)) == [old_grave, new_grave, old_mild]
    page = signed_in(personas.manager).get("/queue/").content.decode()
    assert page.index(old_grave.public_code) < page.index(new_grave.public_code) < page.index(old_mild.public_code)
    assert closed.public_code not in page
    assert signed_in(personas.outsider).get("/queue/").content.decode().count("R-") == 0


def test_assigning_to_the_office_and_not_beyond(personas, report):
    manager = signed_in(personas.manager)
    assert manager.post(f"/reports/{report.public_code}/assign/", {"assignee": "coordinator"}).status_code == 302
    assert fresh(report).assigned_to == personas.coordinator
    assert list(triage_queue(personas.coordinator, mine=True)) == [report]
    assert list(triage_queue(personas.manager, unassigned=True)) == []
    refused = manager.post(f"/reports/{report.public_code}/assign/", {"assignee": "outsider"})
    assert refused.status_code == 422
    assert fresh(report).assigned_to == personas.coordinator
    with pytest.raises(ReportInputError):
        services.report_assign(actor=personas.manager, report=report, assignee=personas.analyst)


# --- links and merges -----------------------------------------------------------------------


def test_a_duplicate_is_merged_and_both_histories_remain(personas, report):
    duplicate = file_report(personas)
    manager = signed_in(personas.manager)
    response = manager.post(
        f"/reports/{duplicate.public_code}/merge/", {"other": report.public_code, "reason": "Same voicemail, filed twice"}
    )
    assert response.status_code == 302
    assert fresh(duplicate).status == Status.CLOSED
    assert ReportLink.objects.get().kind == LinkKind.DUPLICATE
    assert AuditEvent.objects.filter(object_id=duplicate.public_code, action="reports.report.submitted").exists()
    primary_page = manager.get(f"/reports/{report.public_code}/").content.decode()
    assert "Merged duplicate" in primary_page and duplicate.public_code in primary_page
    assert "Merged into" in manager.get(f"/reports/{duplicate.public_code}/").content.decode()
    third = file_report(personas)
    with pytest.raises(ReportInputError, match="is itself merged"):
        services.report_merge(actor=personas.manager, duplicate=third, into=fresh(duplicate), reason="Same voicemail again")
    assert fresh(third).status == Status.NEW


def test_links_only_between_reports_the_user_may_open(personas, report):
    data = ReportIn.model_validate(valid_report_payload(county="04019"))
    elsewhere = report_submit(actor=personas.outsider, data=data, source="web").report  # Pima's
    response = signed_in(personas.manager).post(
        f"/reports/{report.public_code}/link/", {"other": elsewhere.public_code, "kind": "same_sender"}
    )
    assert response.status_code == 422
    assert not ReportLink.objects.exists()
    same = file_report(personas)
    page = signed_in(personas.manager).get(f"/reports/{report.public_code}/").content.decode()
    assert same.public_code in page  # offered: the same sender's phone
    services.reports_link(actor=personas.manager, report=report, other=same, kind=LinkKind.SAME_SENDER)
    with pytest.raises(ReportInputError, match="already linked"):
        services.reports_link(actor=personas.manager, report=same, other=report, kind=LinkKind.SAME_CAMPAIGN)


# --- referral routing and the agency's case number ---------------------------------------------


def test_routing_follows_level_channel_and_place(personas, report):
    sheriff = Agency.objects.create(
        name="Maricopa County Sheriff's Office", kind="sheriff", state=personas.state, county=personas.county
    )
    postal = Agency.objects.create(name="U.S. Postal Inspection Service", kind="postal_inspection")
    ag = Agency.objects.create(name="Arizona Attorney General", kind="state_prosecutor", state=personas.state)
    Report.objects.filter(pk=report.pk).update(severity_override=4, channel="postal_mail")
    routes = routing_suggestions(fresh(report))
    assert routes[0].call == "911"
    assert [r.agency for r in routes[1:]] == [sheriff, personas.agency, postal, ag]
    assert "Election Crimes Coordinator" in routes[2].why
    services.report_refer(actor=personas.manager, report=report, agency=sheriff)
    Report.objects.filter(pk=report.pk).update(severity_override=2, channel="voicemail")
    assert [r.agency for r in routing_suggestions(fresh(report))] == [personas.agency, ag]


def test_where_several_fbi_offices_share_a_state_each_is_suggested_as_one_of_them(personas):
    """Texas is split between four field offices and the directory does not say which covers
    Harris County: naming the first by the alphabet (Dallas) as "the" office covering a Houston
    report would send it to the wrong one."""
    call_command("load_agencies", stdout=StringIO())
    texas = State.objects.get(code="TX")
    report = report_submit(
        actor=None, data=ReportIn.model_validate(valid_report_payload(state="TX", county="48201")), source="web"
    ).report
    routes = [r for r in routing_suggestions(report) if r.agency and r.agency.kind == Agency.Kind.FBI_FIELD_OFFICE]
    covering = Agency.objects.filter(kind=Agency.Kind.FBI_FIELD_OFFICE, covers_states=texas)
    assert {r.agency.name for r in routes} == set(covering.values_list("name", flat=True))
    assert len(routes) > 1 and "FBI Houston Field Office" in {r.agency.name for r in routes}
    assert all("One of the" in r.why and "does not say which" in r.why for r in routes)


def test_a_referral_records_the_date_and_case_number(personas, report):
    manager = signed_in(personas.manager)
    bad = manager.post(
        f"/reports/{report.public_code}/refer/", {"agency": personas.agency.public_code, "referred_on": "2030-01-01"}
    )
    assert bad.status_code == 422 and not Referral.objects.exists()
    manager.post(f"/reports/{report.public_code}/refer/", {"agency": personas.agency.public_code, "referred_on": "2024-11-08"})
    referral = Referral.objects.get()
    assert (referral.referred_on, referral.status) == (dt.date(2024, 11, 8), ReferralStatus.SENT)
    liaison = signed_in(personas.liaison)
    assert liaison.post(f"/reports/{report.public_code}/case-number/", {"agency_case_number": "PX-2024-0042"}).status_code == 302
    referral.refresh_from_db()
    assert (referral.agency_case_number, referral.status) == ("PX-2024-0042", ReferralStatus.ACCEPTED)


def test_a_reason_or_case_number_that_shows_nothing_counts_as_none_and_changes_nothing(personas, referred):
    events = AuditEvent.objects.count()
    with pytest.raises(ReportInputError, match="needs a reason"):
        services.status_change(actor=personas.manager, report=referred, target=Status.CLOSED, reason=INVISIBLE)
    with pytest.raises(ReportInputError, match="give the agency's case number"):
        services.referral_case_number(actor=personas.liaison, referral=Referral.objects.get(), number=INVISIBLE)
    with pytest.raises(ReportInputError, match="say why, in at least 10 characters"):
        report_reveal(actor=personas.liaison, report=referred, reason=INVISIBLE)
    assert fresh(referred).status == Status.REFERRED
    assert (Referral.objects.get().agency_case_number, Referral.objects.get().status) == ("", ReferralStatus.SENT)
    assert AuditEvent.objects.count() == events


# --- law-enforcement steps --------------------------------------------------------------------


def decline(personas: Any, report: Report, reason: str, **extra: Any) -> Any:
    """The FBI liaison declines the report's one referral, through the service."""
    referral = Referral.objects.get(report=report)
    return services.step_record(
        actor=personas.liaison,
        report=report,
        referral=referral,
        kind="declined",
        occurred_on=dt.date(2024, 11, 20),
        decline_reason=reason,
        **extra,
    )


def step(client: Any, report: Report, **data: Any) -> Any:
    return client.post(f"/reports/{report.public_code}/steps/", {"occurred_on": "2024-11-20", **data})


def test_a_liaison_records_steps_and_the_case_moves(personas, referred):
    liaison = signed_in(personas.liaison)
    assert step(liaison, referred, kind="investigation_opened").status_code == 302
    assert fresh(referred).status == Status.UNDER_INVESTIGATION
    assert step(liaison, referred, kind="charged", statutes=[STATUTE], detail="Charged by complaint").status_code == 302
    charge = CaseStep.objects.get(kind="charged")
    assert charge.statutes == [STATUTE]
    assert Referral.objects.get().status == ReferralStatus.INVESTIGATING
    assert step(liaison, referred, kind="conviction", statutes=[STATUTE]).status_code == 302
    assert Referral.objects.get().status == ReferralStatus.CLOSED
    event = AuditEvent.objects.filter(action="cases.step.recorded").latest("pk")
    assert event.payload["kind"] == "conviction" and event.payload["statutes"] == [STATUTE]


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"kind": "charged"}, "a charge needs at least one statute"),
        ({"kind": "declined"}, "a decline needs a reason"),
        ({"kind": "declined", "decline_reason": "other"}, "say what the other reason is"),
        ({"kind": "sentence"}, "say what the sentence is"),
        ({"kind": "sentence", "detail": INVISIBLE}, "say what the sentence is"),
        ({"kind": "warning_issued", "statutes": [STATUTE]}, "statutes go with a charge"),
        ({"kind": "arrest", "decline_reason": "no_jurisdiction"}, "a decline reason goes only with a decline"),
        ({"kind": "arrest", "occurred_on": "2020-01-01"}, "between the day of the incident and today"),
        ({"kind": "charged", "statutes": ["Made-up Code 1"]}, "Select a valid choice"),
    ],
)
def test_a_step_without_its_required_fields_is_refused_and_nothing_is_written(personas, referred, data, field_message):
    response = step(signed_in(personas.liaison), referred, **data)
    assert response.status_code == 422
    assert field_message in response.content.decode()
    assert not CaseStep.objects.exists()
    assert fresh(referred).status == Status.REFERRED
    assert not AuditEvent.objects.filter(action="cases.step.recorded").exists()


def test_an_unknown_statute_is_refused_by_the_service_too(personas, referred):
    with pytest.raises(ReportInputError, match="not in the statute data"):
        services.step_record(
            actor=personas.liaison,
            report=referred,
            referral=Referral.objects.get(),
            kind="charged",
            occurred_on=dt.date(2024, 11, 20),
            statutes=["Made-up Code 1"],
        )


def test_a_decline_needs_a_reason_from_the_list(personas, referred):
    response = step(signed_in(personas.liaison), referred, kind="declined", decline_reason="not_true_threat")
    assert response.status_code == 302
    assert CaseStep.objects.get().get_decline_reason_display() == "Not a true threat / protected speech"
    assert Referral.objects.get().status == ReferralStatus.DECLINED
    assert fresh(referred).status == Status.REFERRED  # a decline starts no investigation


def test_only_a_liaison_of_an_agency_it_was_referred_to_records_steps(personas, report):
    liaison = signed_in(personas.liaison)
    assert step(liaison, report, kind="arrest").status_code == 404  # not referred yet
    services.report_refer(actor=personas.manager, report=report, agency=personas.agency)
    tucson = Agency.objects.create(name="Tucson Police Department", kind="local_police", state=personas.state)
    other = user_create(actor=None, username="tucson", password=PASSWORD, role=Role.LIAISON, agency=tucson)
    outsider_agency = signed_in(other)
    for url in ("steps/", "case-number/", "status/", "assign/", "link/", "merge/", "refer/"):
        assert outsider_agency.post(f"/reports/{report.public_code}/{url}", {"kind": "arrest"}).status_code == 404
    for persona in ("manager", "coordinator", "analyst", "admin", "reporter", "outsider"):
        assert step(signed_in(getattr(personas, persona)), report, kind="arrest").status_code == 404
    assert not CaseStep.objects.exists()


def test_the_filer_sees_shared_steps_without_detail_and_support(personas, referred):
    liaison = signed_in(personas.liaison)
    step(liaison, referred, kind="subject_identified", detail="Suspect: Zebulon Quackenbush of Mesa")
    step(liaison, referred, kind="protective_measure", detail="Patrols past Zebulon's target", withhold_from_filer="on")
    step(liaison, referred, kind="arrest", detail="Zebulon Quackenbush arrested at home")
    reporter_page = signed_in(personas.reporter).get(f"/reports/{referred.public_code}/").content.decode()
    status_page = Client().get(f"/status/{referred.public_code}/").content.decode()
    for page in (reporter_page, status_page):
        assert "Arrest" in page
        assert "Subject identified" not in page and "Protective measure" not in page
        assert "Zebulon" not in page
    assert "988" in status_page
    office_page = signed_in(personas.manager).get(f"/reports/{referred.public_code}/").content.decode()
    assert "Zebulon Quackenbush arrested" in office_page and "not shown to the filer" in office_page
    coordinator_page = signed_in(personas.coordinator).get(f"/reports/{referred.public_code}/").content.decode()
    assert "Subject identified" in coordinator_page and "Zebulon" not in coordinator_page
    assert not canaries_in(status_page) and not canaries_in(coordinator_page)


def test_step_detail_is_sealed_in_the_database(personas, referred):
    from django.db import connection

    step(signed_in(personas.liaison), referred, kind="arrest", detail="Zebulon Quackenbush arrested")
    with connection.cursor() as cursor:
        cursor.execute("SELECT detail FROM cases_casestep")
        (stored,) = cursor.fetchone()
    assert "Zebulon" not in str(stored)


def test_the_liaison_queue_holds_only_its_open_referrals(personas, referred):
    other = file_report(personas)
    assert list(triage_queue(personas.liaison)) == [referred]
    decline(personas, referred, "suspect_unidentified")
    assert list(triage_queue(personas.liaison)) == []
    assert other.public_code not in signed_in(personas.liaison).get("/queue/").content.decode()


def test_referral_to_another_state_without_a_reason_writes_nothing(personas, report):
    nevada = Agency.objects.create(name="Las Vegas Metropolitan Police", kind="local_police", state=State.objects.get(code="NV"))
    response = signed_in(personas.manager).post(f"/reports/{report.public_code}/refer/", {"agency": nevada.public_code})
    assert response.status_code == 422 and "say why" in response.content.decode()
    assert not Referral.objects.exists() and fresh(report).status == Status.NEW


def _ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


def _form(html: str, action: str) -> str:
    found = re.search(rf'<form[^>]*action="{re.escape(action)}".*?</form>', html, re.S)
    assert found, f"no form posting to {action}"
    return found.group(0)


def test_each_form_on_the_report_page_labels_its_own_fields(personas, referred):
    """Four forms on a manager's page have a "reason": each label, help text and error must point
    at its own form's field, not the first of the namesakes."""
    nevada = Agency.objects.create(name="Las Vegas Metropolitan Police", kind="local_police", state=State.objects.get(code="NV"))
    manager, code = signed_in(personas.manager), referred.public_code
    refused = manager.post(f"/reports/{code}/refer/", {"agency": nevada.public_code})
    assert refused.status_code == 422
    pages = {
        "manager": manager.get(f"/reports/{code}/").content.decode(),
        "manager, refused referral": refused.content.decode(),
        "liaison": signed_in(personas.liaison).get(f"/reports/{code}/").content.decode(),
    }
    for who, html in pages.items():
        ids = _ids(html)
        assert sorted({i for i in ids if ids.count(i) > 1}) == [], f"{who}: ids used twice"

    refer = _form(pages["manager, refused referral"], f"/reports/{code}/refer/")
    label = re.search(r'<label for="([^"]+)">Reason, if the agency is outside the state', refer)
    assert label, "the referral's reason has no label"
    field = re.search(rf'<input[^>]*name="reason"[^>]*id="{label.group(1)}"[^>]*>', refer)
    assert field, "the referral's reason label points outside its form"
    assert f"{label.group(1)}_error" in re.search(r'aria-describedby="([^"]+)"', field.group(0)).group(1)  # type: ignore[union-attr]
    assert f'id="{label.group(1)}_error"' in refer


def test_the_timeline_names_each_step_and_hides_unshared_ones_from_the_filer(personas, referred):
    liaison = signed_in(personas.liaison)
    step(liaison, referred, kind="subject_contacted")
    step(liaison, referred, kind="warning_issued")
    office = signed_in(personas.manager).get(f"/reports/{referred.public_code}/").content.decode()
    timeline = office[office.index('id="timeline-h"') :]
    assert "Law enforcement: Subject contacted" in timeline and "Law enforcement: Warning issued" in timeline
    assert "Status changed: New to Referred to law enforcement" in timeline
    filer = signed_in(personas.reporter).get(f"/reports/{referred.public_code}/").content.decode()
    filer_timeline = filer[filer.index('id="timeline-h"') :]
    assert "Warning issued" in filer_timeline and "Subject contacted" not in filer_timeline


def test_the_timeline_names_the_agency_of_each_referral_and_step_to_those_who_may_know_it(personas, report):
    """Referred to the FBI and to the sheriff, the timeline showed two identical rows; a liaison
    still must not learn from it that another agency has the report."""
    sheriff, deputy = second_agency(personas)
    services.report_refer(actor=personas.manager, report=report, agency=personas.agency)
    services.report_refer(actor=personas.manager, report=fresh(report), agency=sheriff)
    services.step_record(
        actor=deputy,
        report=fresh(report),
        referral=Referral.objects.select_related("agency").get(report=report, agency=sheriff),
        kind="arrest",
        occurred_on=report.occurred_on,
    )
    office = [f"{i.what}: {i.detail}" for i in report_timeline(personas.manager, fresh(report))]
    assert f"Referred to law enforcement: {personas.agency.name}" in office
    assert f"Referred to law enforcement: {sheriff.name}" in office
    assert f"Law enforcement: Arrest ({sheriff.name})" in office
    fbi = " ".join(f"{i.what}: {i.detail}" for i in report_timeline(personas.liaison, fresh(report)))
    assert personas.agency.name in fbi and sheriff.name not in fbi


# --- time figures ---------------------------------------------------------------------------


def test_time_figures_per_office_and_agency(personas):
    received = timezone.now() - dt.timedelta(days=10)
    reports = [file_report(personas) for _ in range(3)]
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(received_at=received)
    for hours, report in zip((2, 4, 30), reports, strict=True):
        services.status_change(actor=personas.manager, report=fresh(report), target=Status.TRIAGED)
        StatusChange.objects.filter(report=report).update(at=received + dt.timedelta(hours=hours))
    referral = services.report_refer(actor=personas.manager, report=fresh(reports[0]), agency=personas.agency)
    Referral.objects.filter(pk=referral.pk).update(referred_at=received + dt.timedelta(hours=5))
    step_day = (received + dt.timedelta(days=3)).date()
    services.step_record(
        actor=personas.liaison,
        report=fresh(reports[0]),
        referral=fresh_referral(referral),
        kind="warning_issued",
        occurred_on=step_day,
    )
    offices, agencies = figures_for(personas.manager)
    (office,) = offices
    assert (office.name, office.reports) == (personas.office.name, 3)
    assert (office.to_triage.count, office.to_triage.median, office.to_triage.p90) == (3, 4.0, 30.0)
    assert (office.to_referral.count, office.to_referral.median) == (1, 5.0)
    start_of_step_day = dt.datetime.combine(step_day, dt.time.min, tzinfo=ARIZONA)
    assert office.to_first_action.median == round((start_of_step_day - received).total_seconds() / 3600, 1)
    (agency,) = agencies
    assert (agency.name, agency.reports, agency.to_first_action.count) == (personas.agency.name, 1, 1)
    page = signed_in(personas.manager).get("/figures/").content.decode()
    assert personas.office.name in page and "4.0 h" in page
    assert personas.office.name not in signed_in(personas.outsider).get("/figures/").content.decode()
    assert signed_in(personas.reporter).get("/figures/").status_code == 404


def test_an_evening_referral_dated_that_day_counts_its_wait_in_the_offices_own_day(personas):
    """Maricopa receives a report at 08:00 and refers it at 19:00, typing that day's date. In UTC
    it is already the next day, so the referral would look entered later than the day it names
    and count from midnight UTC of that day: 17:00 the evening before in Phoenix, ahead of the
    report itself, showing an 11-hour wait as none."""
    report = filed_by_reporter(personas, occurred_on="2024-11-04")
    Report.objects.filter(pk=report.pk).update(received_at=dt.datetime(2024, 11, 5, 8, 0, tzinfo=ARIZONA))
    referral = services.report_refer(
        actor=personas.manager, report=fresh(report), agency=personas.agency, referred_on=dt.date(2024, 11, 5)
    )
    Referral.objects.filter(pk=referral.pk).update(referred_at=dt.datetime(2024, 11, 5, 19, 0, tzinfo=ARIZONA))
    (office,), _agencies = figures_for(personas.manager)
    assert (office.to_referral.count, office.to_referral.median) == (1, 11.0)


def test_the_date_fields_default_to_today_where_the_report_is(personas, referred):
    """At 19:00 in Phoenix the server's day is already tomorrow: a liaison who keeps the default
    would record the arrest a day late in the packet."""
    evening = dt.datetime(2024, 11, 5, 19, 0, tzinfo=ARIZONA)
    with mock.patch("django.utils.timezone.now", return_value=evening.astimezone(dt.UTC)):
        assert StepForm(report=referred)["occurred_on"].initial == dt.date(2024, 11, 5)
        assert ReferForm(report=referred)["referred_on"].initial == dt.date(2024, 11, 5)


def fresh_referral(referral: Referral) -> Referral:
    return Referral.objects.select_related("agency").get(pk=referral.pk)


# --- scope of codes, other agencies, withheld steps, stale writes ---------------


def second_agency(personas: Any) -> tuple[Agency, Any]:
    sheriff = Agency.objects.create(name="Maricopa County Sheriff", kind="sheriff", state=personas.state, county=personas.county)
    email = f"deputy@{PERSONA_MAIL_DOMAIN}"
    liaison = user_create(actor=None, username="deputy", password=PASSWORD, role=Role.LIAISON, agency=sheriff, email=email)
    return sheriff, liaison


def test_a_linked_reports_code_shows_only_to_those_who_may_open_it(personas, report):
    theirs = report_submit(
        actor=personas.other_reporter, data=ReportIn.model_validate(valid_report_payload()), source="web"
    ).report
    services.reports_link(actor=personas.manager, report=report, other=theirs, kind=LinkKind.SAME_SENDER)
    assert theirs.public_code not in signed_in(personas.reporter).get(f"/reports/{report.public_code}/").content.decode()
    assert theirs.public_code in signed_in(personas.manager).get(f"/reports/{report.public_code}/").content.decode()
    pima = report_submit(
        actor=personas.outsider, data=ReportIn.model_validate(valid_report_payload(county="04019")), source="web"
    ).report
    services.reports_link(actor=personas.coordinator, report=report, other=pima, kind=LinkKind.SAME_CAMPAIGN)
    page = signed_in(personas.manager).get(f"/reports/{report.public_code}/").content.decode()
    assert pima.public_code not in page and "a report you cannot open" in page


def test_a_liaison_reads_neither_another_agencys_steps_nor_its_referral(personas, referred):
    sheriff, deputy = second_agency(personas)
    services.report_refer(actor=personas.manager, report=referred, agency=sheriff, agency_case_number="SO-2024-77")
    theirs = Referral.objects.select_related("agency").get(agency=sheriff)
    services.step_record(
        actor=deputy,
        report=fresh(referred),
        referral=theirs,
        kind="subject_identified",
        occurred_on=dt.date(2024, 11, 8),
        detail="Suspect is Zebulon Quartermaine",
    )
    page = signed_in(personas.liaison).get(f"/reports/{referred.public_code}/").content.decode()
    assert "Zebulon" not in page and "SO-2024-77" not in page and "Maricopa County Sheriff" not in page
    assert "Law enforcement: Subject identified" not in page  # nor on the timeline
    deputy_page = signed_in(deputy).get(f"/reports/{referred.public_code}/").content.decode()
    assert "Zebulon" in deputy_page and "Law enforcement: Subject identified" in deputy_page
    offices, _agencies = figures_for(personas.liaison)
    assert offices[0].to_first_action.count == 0  # the sheriff's step is not the FBI's to count


def test_a_liaison_learns_nothing_of_another_agencys_people_from_the_timeline_or_custody(personas, referred, settings, tmp_path):
    from threatdesk.reports import evidence as evidence_files
    from threatdesk.reports.services import evidence_add, evidence_open, report_reveal
    from threatdesk.testing.files import png_bytes, use_media_root

    use_media_root(settings, tmp_path)
    item = evidence_add(
        actor=personas.manager, report=referred, checked=evidence_files.check_upload(png_bytes(), "shot.png")
    ).evidence
    sheriff, deputy = second_agency(personas)
    services.report_refer(actor=personas.manager, report=fresh(referred), agency=sheriff)
    report_reveal(actor=deputy, report=fresh(referred), reason="The caller's number is needed for a warrant")
    assert signed_in(deputy).get(f"/reports/{referred.public_code}/").status_code == 200  # reads the revealed words
    evidence_open(actor=deputy, evidence=item, purpose="downloaded")
    report_reveal(actor=personas.liaison, report=fresh(referred), reason="Checking the caller against our own case")
    page = signed_in(personas.liaison).get(f"/reports/{referred.public_code}/")
    assert "deputy" not in {entry.actor for entry in page.context["timeline"]}
    assert "Revealed words read by law enforcement" not in {entry.what for entry in page.context["timeline"]}
    [custody] = [evidence.custody for evidence in page.context["evidence"]]
    assert "another agency" in {entry.actor for entry in custody}
    assert "deputy" not in page.content.decode()
    deputy_page = signed_in(deputy).get(f"/reports/{referred.public_code}/")
    assert "deputy" in {entry.actor for entry in deputy_page.context["timeline"]}  # their own agency's work


def liaisons_timelines(personas: Any, report: Report) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The report's history as the FBI liaison reads it: on its page, and in the case packet they
    may make while their reveal lasts."""
    page = signed_in(personas.liaison).get(f"/reports/{report.public_code}/").context["timeline"]
    packet = packet_context(actor=personas.liaison, report=fresh(report), taken=[], generated_at=timezone.now())
    return [(item.what, item.detail) for item in page], [(item.what, item.detail) for item in packet["timeline"]]


def test_the_mail_about_another_agencys_referral_and_steps_leaves_no_trace_for_a_liaison(
    personas, report, django_capture_on_commit_callbacks
):
    sheriff, deputy = second_agency(personas)
    with django_capture_on_commit_callbacks(execute=True):  # what was queued so far is mailed too
        services.report_refer(actor=personas.manager, report=report, agency=personas.agency)
    report_reveal(actor=personas.liaison, report=fresh(report), reason="Checking the caller against our own case")
    before = liaisons_timelines(personas, report)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_refer(actor=personas.manager, report=fresh(report), agency=sheriff)
    theirs = Referral.objects.select_related("agency").get(agency=sheriff)
    with django_capture_on_commit_callbacks(execute=True):  # a step shared with the filer, who is mailed
        services.step_record(
            actor=deputy,
            report=fresh(report),
            referral=theirs,
            kind="declined",
            occurred_on=dt.date(2024, 11, 20),
            decline_reason="insufficient_evidence",
        )
    assert liaisons_timelines(personas, report) == before
    assert AuditEvent.objects.filter(action="cases.notification.sent", payload__agency=sheriff.public_code).exists()


def notices_shown(user: Any, report: Report) -> list[str]:
    """The notification rows on the report's timeline as `user` reads it, by their counts."""
    timeline = signed_in(user).get(f"/reports/{report.public_code}/").context["timeline"]
    return [item.detail for item in timeline if item.what.startswith("Notification")]


def test_the_mail_sent_about_a_report_is_on_the_offices_timeline_not_the_filers(
    personas, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.report_refer(actor=personas.manager, report=report, agency=personas.agency)
    assert notices_shown(personas.manager, report) == ["2 sent", "1 sent", "1 sent"]  # urgent, referral, the filer's
    assert notices_shown(personas.reporter, report) == []


def test_mail_recorded_without_its_agency_stays_off_a_liaisons_and_the_filers_timeline(personas, referred):
    """Notices recorded before they named the agency they told cannot be sorted by agency."""
    audit.log("cases.notification.sent", actor=None, obj=referred, payload={"event": "referral", "recipients": 1, "failed": 0})
    assert notices_shown(personas.manager, referred) == ["1 sent"]
    assert notices_shown(personas.liaison, referred) == []
    assert notices_shown(personas.reporter, referred) == []


def test_a_withheld_decline_does_not_reach_the_filer_through_the_referral_status(personas, referred):
    decline(personas, referred, "insufficient_evidence", withhold_from_filer=True)
    page = signed_in(personas.reporter).get(f"/reports/{referred.public_code}/").content.decode()
    assert "Declined" not in page and "Insufficient evidence" not in page
    assert "Declined" in signed_in(personas.manager).get(f"/reports/{referred.public_code}/").content.decode()


def test_a_stale_copy_cannot_undo_a_close(personas, report):
    stale = fresh(report)
    services.status_change(actor=personas.manager, report=fresh(report), target=Status.CLOSED, reason="Resolved by a phone call")
    with pytest.raises(ReportInputError, match=r"cannot go from closed to triaged|needs a reason"):
        services.status_change(actor=personas.coordinator, report=stale, target=Status.TRIAGED)
    assert fresh(report).status == Status.CLOSED
    assert list(StatusChange.objects.values_list("to_status", flat=True)) == [Status.CLOSED]


def test_a_stale_copy_cannot_merge_twice(personas, report):
    duplicate, other = file_report(personas), file_report(personas)
    stale = fresh(duplicate)
    services.report_merge(actor=personas.manager, duplicate=fresh(duplicate), into=report, reason="Same voicemail, filed twice")
    with pytest.raises(ReportInputError, match="already"):
        services.report_merge(actor=personas.manager, duplicate=stale, into=other, reason="Same voicemail, filed thrice")
    assert StatusChange.objects.filter(report=duplicate).count() == 1


def test_a_merged_duplicate_cannot_be_reopened(personas, report):
    duplicate = file_report(personas)
    services.report_merge(actor=personas.manager, duplicate=duplicate, into=report, reason="Same voicemail, filed twice")
    with pytest.raises(ReportInputError, match=f"merged into {report.public_code}"):
        services.status_change(
            actor=personas.manager, report=fresh(duplicate), target=Status.TRIAGED, reason="The caller called again"
        )


@pytest.fixture
def merged_into_pima(personas: Any, report: Report) -> Report:
    """The state's coordinator merges the Maricopa report into a Pima one, which Maricopa's
    manager may not open. Returns the Pima report."""
    pima = report_submit(
        actor=personas.outsider, data=ReportIn.model_validate(valid_report_payload(county="04019")), source="web"
    ).report
    services.report_merge(actor=personas.coordinator, duplicate=report, into=pima, reason="Same voicemail, same caller")
    return pima


def test_a_refusal_to_reopen_names_the_report_merged_into_only_to_those_who_may_open_it(personas, report, merged_into_pima):
    manager = signed_in(personas.manager)
    answer = manager.post(f"/reports/{report.public_code}/status/", {"target": "triaged", "reason": "The caller called again"})
    assert answer.status_code == 422
    html = answer.content.decode()
    assert "merged into a report you cannot open" in html
    assert merged_into_pima.public_code not in html  # a report's code is also its receipt code
    with pytest.raises(ReportInputError, match=f"merged into {merged_into_pima.public_code}: reopen that one"):
        services.status_change(
            actor=personas.coordinator, report=fresh(report), target=Status.TRIAGED, reason="The caller called again"
        )
    assert fresh(report).status == Status.CLOSED


def test_a_refusal_to_merge_into_a_merged_report_names_the_one_it_went_into_only_to_those_who_may_open_it(
    personas, report, merged_into_pima
):
    another = file_report(personas)
    answer = signed_in(personas.manager).post(
        f"/reports/{another.public_code}/merge/", {"other": report.public_code, "reason": "Same voicemail as the earlier one"}
    )
    assert answer.status_code == 422
    html = answer.content.decode()
    assert f"{report.public_code} is itself merged into a report you cannot open" in html
    assert merged_into_pima.public_code not in html
    with pytest.raises(ReportInputError, match=f"merged into {merged_into_pima.public_code}: merge into that one"):
        services.report_merge(actor=personas.coordinator, duplicate=another, into=fresh(report), reason="Same voicemail again")
    assert fresh(another).status == Status.NEW


def test_the_90th_percentile_is_the_nearest_rank():
    from threatdesk.cases.figures import Spread

    assert Spread.of([float(n) for n in range(1, 11)]).p90 == 9.0
    assert Spread.of([1.0, 2.0, 3.0, 4.0, 100.0]).p90 == 100.0
    assert Spread.of([float(n) for n in range(1, 21)]).p90 == 18.0
