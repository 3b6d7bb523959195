"""Notification mail: who is told of an urgent report, a referral and a step on a filed report,
and that a message carries a code, a link and the kind of event, never what the report says."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.test import Client

from threatdesk.accounts.models import Role, User
from threatdesk.audit.models import AuditEvent
from threatdesk.cases.models import PendingNotice
from threatdesk.cases.notifications import notify_filer_of_step
from threatdesk.cases.services import report_merge, report_refer, step_record
from threatdesk.places.models import Agency
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import ImportRow, level_override, report_submit, reports_import
from threatdesk.testing.clients import signed_in
from threatdesk.testing.files import use_media_root
from threatdesk.testing.payloads import CANARY_EMAIL, valid_report_payload
from threatdesk.testing.planting import canaries_in, plant_by_api, plant_by_form, protect_canaries

pytestmark = pytest.mark.django_db

MILD = {
    "channel": "email",
    "threat_types": ["harassment"],
    "message_text": "You are all incompetent and should resign after this mess.",
    "narrative": "An angry email complaining about the count.",
    "sender": {},
}


@pytest.fixture(autouse=True)
def evidence_folder(settings: Any, tmp_path: Any) -> None:
    use_media_root(settings, tmp_path)


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Any:
    """Run what the writes schedule for after commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def submit(actor: Any, **overrides: Any) -> Report:
    data = ReportIn.model_validate(valid_report_payload(**overrides))
    return report_submit(actor=actor, data=data, source="web").report


def filed_by_form(committed: Any) -> Report:
    """An anonymous report filed through the web form; the mail its commit sent (it is urgent) is
    left out of `mail.outbox`, so a test sees only the mail of what it does next."""
    with committed():
        report = Report.objects.get(public_code=plant_by_form(Client()))
    mail.outbox.clear()
    return report


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_an_urgent_submission_mails_the_office_manager_and_the_state_coordinator(personas, committed):
    with committed():
        report = submit(personas.reporter)
    assert report.level is not None and report.level >= 3
    assert recipients() == sorted([personas.manager.email, personas.coordinator.email])
    message = mail.outbox[0]
    assert report.public_code in message.subject and f"level {report.level}" in message.subject
    assert f"http://127.0.0.1:8000/reports/{report.public_code}/" in message.body
    assert "Sign in to read more" in message.body


def test_an_urgent_report_skips_switched_off_addressless_and_other_states_staff(personas, committed):
    from threatdesk.accounts.services import user_create
    from threatdesk.places.models import State

    def staff(username: str, email: str, role: str, **scope: Any) -> User:
        return user_create(actor=None, username=username, password="x" * 16, role=role, email=email, **scope)

    gone = staff("gone", "gone@example.org", Role.STATE_COORDINATOR, state=personas.state)
    User.objects.filter(pk=gone.pk).update(is_active=False)
    staff("silent", "", Role.STATE_COORDINATOR, state=personas.state)
    staff("nevada", "nevada@example.org", Role.STATE_COORDINATOR, state=State.objects.get(code="NV"))
    staff("deputy", personas.manager.email.upper(), Role.OFFICE_MANAGER, office=personas.office)
    with committed():
        submit(personas.reporter)
    assert sorted(a.lower() for a in recipients()) == sorted([personas.manager.email.lower(), personas.coordinator.email.lower()])


def test_a_submission_below_level_3_mails_no_one(personas, committed):
    with committed():
        report = submit(personas.reporter, **MILD)
    assert report.level is not None and report.level < 3
    assert not mail.outbox


def test_a_submission_rolled_back_mails_no_one(personas, committed):
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        submit(personas.reporter)
        raise RuntimeError("the request failed after the report was saved")
    assert not Report.objects.exists()
    assert not PendingNotice.objects.exists()
    assert not mail.outbox


def test_an_import_mails_no_one(personas, committed):
    row = ImportRow(line=1, data=ReportIn.model_validate(valid_report_payload()))
    with committed():
        reports_import(actor=personas.admin, rows=[row])
    assert Report.objects.get().level >= 3
    assert not PendingNotice.objects.exists()
    assert not mail.outbox


def test_staff_raising_the_level_to_3_mail_once(personas, committed):
    report = submit(personas.reporter, **MILD)
    with committed():
        level_override(actor=personas.manager, report=report, level=3, reason="The sender came to the office today")
    assert recipients() == sorted([personas.manager.email, personas.coordinator.email])
    assert "raised to level 3" in mail.outbox[0].subject
    with committed():
        level_override(actor=personas.manager, report=report, level=4, reason="The sender is outside the office now")
        level_override(actor=personas.manager, report=report, level=1, reason="It was a misunderstanding after all")
    assert len(mail.outbox) == 2, "a report already urgent is not news again"


def test_a_referral_mails_the_agencys_liaisons_and_no_other_agencys(personas, committed):
    other_agency = Agency.objects.create(name="Tucson Police Department", kind="local_police", state=personas.state)
    User.objects.create_user("other_liaison", email="other@example.net", role=Role.LIAISON, agency=other_agency)
    User.objects.create_user("gone_liaison", email="gone@example.net", role=Role.LIAISON, agency=personas.agency, is_active=False)
    report = submit(personas.reporter)
    with committed():
        report_refer(actor=personas.manager, report=report, agency=personas.agency)
    to_liaisons = [m for m in mail.outbox if "referred to" in m.subject]
    assert [m.to for m in to_liaisons] == [[personas.liaison.email]]
    assert personas.agency.name in to_liaisons[0].subject
    assert "Level: " in to_liaisons[0].body


def test_a_referral_tells_the_filer_once(personas, committed):
    report = submit(personas.reporter)
    other_agency = Agency.objects.create(name="Arizona Department of Public Safety", kind="state_police", state=personas.state)
    with committed():
        report_refer(actor=personas.manager, report=report, agency=personas.agency)
        report_refer(actor=personas.manager, report=Report.objects.get(pk=report.pk), agency=other_agency)
    to_filer = [m for m in mail.outbox if personas.reporter.email in m.to]
    assert len(to_filer) == 1
    assert "Referred to law enforcement" in to_filer[0].subject


def test_a_step_reaches_a_filer_with_an_account(personas, committed):
    report = submit(personas.reporter, **MILD)
    with committed():
        notify_filer_of_step(report, "Charged")
    [message] = mail.outbox
    assert message.to == [personas.reporter.email]
    assert "Charged" in message.subject and f"/reports/{report.public_code}/" in message.body
    assert "Level" not in message.body


def test_the_filer_of_a_merged_duplicate_hears_of_steps_on_the_case(personas, committed):
    """Their case goes on in the report their duplicate was merged into: without a mail they would
    have to guess when to look. Each filer is sent to the report they filed."""
    original = submit(personas.reporter, **MILD)
    duplicate = submit(personas.other_reporter, **MILD)
    report_merge(actor=personas.manager, duplicate=duplicate, into=original, reason="Same voicemail, two callers")
    referral = report_refer(actor=personas.manager, report=Report.objects.get(pk=original.pk), agency=personas.agency)
    mail.outbox.clear()
    with committed():
        step_record(
            actor=personas.liaison,
            report=Report.objects.get(pk=original.pk),
            referral=referral,
            kind="arrest",
            occurred_on=original.occurred_on,
        )
    by_address = {m.to[0]: m for m in mail.outbox if "Arrest" in m.subject}
    assert sorted(by_address) == sorted([personas.reporter.email, personas.other_reporter.email])
    assert f"/reports/{duplicate.public_code}/" in by_address[personas.other_reporter.email].body
    assert original.public_code not in by_address[personas.other_reporter.email].body


def test_the_referring_office_hears_of_a_decline_but_not_of_each_step(personas, committed):
    """After a decline the office decides whether to refer elsewhere, and the report has left its
    queue; the steps along the way are the agency's to work."""
    report = submit(personas.reporter, **MILD)
    referral = report_refer(actor=personas.manager, report=report, agency=personas.agency)
    mail.outbox.clear()
    with committed():
        step_record(actor=personas.liaison, report=report, referral=referral, kind="arrest", occurred_on=report.occurred_on)
    assert personas.manager.email not in recipients()
    mail.outbox.clear()
    with committed():
        step_record(
            actor=personas.liaison,
            report=Report.objects.get(pk=report.pk),
            referral=referral,
            kind="declined",
            occurred_on=report.occurred_on,
            decline_reason="insufficient_evidence",
        )
    [to_office] = [m for m in mail.outbox if personas.manager.email in m.to]
    assert "Declined" in to_office.subject and personas.agency.name in to_office.subject
    assert "Level: " in to_office.body


def test_a_step_reaches_an_anonymous_filer_who_left_an_email(personas, committed):
    report = filed_by_form(committed)
    with committed():
        notify_filer_of_step(report, "Arrest")
    [message] = mail.outbox
    assert message.to == [CANARY_EMAIL]
    assert f"http://127.0.0.1:8000/status/{report.public_code}/" in message.body
    assert "/reports/" not in message.body


def test_a_step_on_a_report_whose_filer_left_no_address_mails_no_one(personas, committed):
    report = submit(None, **MILD)
    with committed():
        notify_filer_of_step(report, "Arrest")
    assert not mail.outbox
    assert not AuditEvent.objects.filter(action="cases.notification.sent").exists()


def test_a_step_label_cannot_break_the_subject_line(personas, committed):
    report = submit(personas.reporter, **MILD)
    with committed():
        notify_filer_of_step(report, "Charged\r\nBcc: someone@example.net")
    [message] = mail.outbox
    assert message.to == [personas.reporter.email] and not message.bcc
    assert "\n" not in message.subject


def test_demo_reports_mail_no_one(personas, committed):
    row = ImportRow(line=1, data=ReportIn.model_validate(valid_report_payload()))
    with committed():
        [stored] = reports_import(actor=None, rows=[row], is_synthetic=True)
        report_refer(actor=personas.manager, report=Report.objects.get(pk=stored.pk), agency=personas.agency)
    assert not mail.outbox


def test_no_recipient_sees_another_address(personas, committed):
    with committed():
        report = submit(personas.reporter)
        report_refer(actor=personas.manager, report=report, agency=personas.agency)
    addresses = set(recipients())
    assert len(addresses) == 4  # manager, coordinator, liaison, filer
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        text = message.subject + message.body + str(message.extra_headers)
        assert not [a for a in addresses if a in text]


def test_each_notice_is_audited_by_kind_and_count_without_addresses(personas, committed):
    with committed():
        report = submit(personas.reporter)
        report_refer(actor=personas.manager, report=report, agency=personas.agency)
    events = AuditEvent.objects.filter(action="cases.notification.sent", object_id=report.public_code).order_by("seq")
    assert [e.payload for e in events] == [
        {"event": "urgent_report", "recipients": 2, "failed": 0},
        {"event": "referral", "agency": personas.agency.public_code, "recipients": 1, "failed": 0},
        {"event": "filer_step", "recipients": 1, "failed": 0},
    ]


def test_mail_about_a_canary_report_carries_no_canary(personas, committed):
    protect_canaries(personas)
    with committed():
        codes = [plant_by_form(Client()), submit(personas.reporter).public_code]
        for report in Report.objects.filter(public_code__in=codes):
            report_refer(actor=personas.manager, report=report, agency=personas.agency)
        for report in Report.objects.all():
            notify_filer_of_step(report, "Arrest")
    assert {m.to[0] for m in mail.outbox} >= {CANARY_EMAIL, personas.liaison.email, personas.manager.email}
    for message in mail.outbox:
        assert not canaries_in(f"{message.subject}\n{message.body}"), message.subject


def test_mail_about_an_api_report_carries_no_canary(personas, committed):
    from threatdesk.accounts.services import token_create

    with committed():
        plant_by_api(Client(), token_create(actor=None, user=personas.reporter, name="mail"))
    assert mail.outbox
    assert not [m for m in mail.outbox if canaries_in(f"{m.subject}\n{m.body}")]


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every recipient, naming them in its error as SMTP does."""

    def send_messages(self, email_messages: Any) -> int:
        refused = {address: (550, b"mailbox unavailable") for m in email_messages for address in m.to}
        raise smtplib.SMTPRecipientsRefused(refused)


class UnreachableBackend(BaseEmailBackend):
    def open(self) -> bool:
        raise ConnectionRefusedError("smtp.example.gov:587 refused the connection")


@pytest.mark.parametrize(
    ("backend", "error"), [("RefusingBackend", "SMTPRecipientsRefused"), ("UnreachableBackend", "ConnectionRefusedError")]
)
def test_a_mail_failure_keeps_the_referral_and_logs_no_address(personas, committed, settings, caplog, backend, error):
    caplog.set_level(logging.DEBUG)
    report = filed_by_form(committed)
    settings.EMAIL_BACKEND = f"{__name__}.{backend}"
    manager = signed_in(personas.manager)
    with committed():
        answer = manager.post(f"/reports/{report.public_code}/refer/", {"agency": personas.agency.public_code})
    assert answer.status_code == 302
    assert Report.objects.get(pk=report.pk).status == "referred"
    assert not mail.outbox
    logged = "\n".join(r.getMessage() + repr(r.args) + str(r.exc_info) for r in caplog.records)
    assert error in logged
    assert "@" not in logged and not canaries_in(logged)
    failed = AuditEvent.objects.filter(action="cases.notification.sent").values_list("payload", flat=True)
    assert [p["failed"] for p in failed if p["event"] != "urgent_report"] == [1, 1]


def test_notification_logs_carry_no_address(personas, committed, caplog):
    caplog.set_level(logging.DEBUG)
    with committed():
        report = Report.objects.get(public_code=plant_by_form(Client()))
        report_refer(actor=personas.manager, report=report, agency=personas.agency)
    with committed():
        notify_filer_of_step(submit(None), "Arrest")  # no address: logged as such
    assert mail.outbox
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert "@" not in logged and not canaries_in(logged)
