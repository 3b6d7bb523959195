"""`manage.py retention`: a dry run counts and changes nothing; a real run erases each category
of personal data from closed reports past the policy, keeps the coded facts, erases typed
reasons from the audit trail without breaking it, and destroys evidence files after commit."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from threatdesk.audit import services as audit
from threatdesk.audit.models import AuditEvent
from threatdesk.audit.selectors import verify_chain
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.assessing import FROM_OTHER_RECORDS, level_without
from threatdesk.reports.models import CustodyEntry, Evidence, Report, SenderIdentifier
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.selectors import FILER_LABEL, assessment_for, evidence_with_custody, report_timeline
from threatdesk.reports.services import report_submit
from threatdesk.testing.clients import signed_in
from threatdesk.testing.files import files_under, use_media_root
from threatdesk.testing.payloads import valid_report_payload
from threatdesk.testing.planting import PLATFORM_TEXT, canaries_in, evidence_uploads, protect_canaries

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    use_media_root(settings, tmp_path)
    return tmp_path


def filed(personas: Any, *, closed_years_ago: float | None, **overrides: Any) -> Report:
    checked = [evidence_files.check_upload(f.read(), f.name or "") for f in evidence_uploads()[:1]]
    report = report_submit(
        actor=personas.reporter, data=ReportIn.model_validate(valid_report_payload(**overrides)), source="web", files=checked
    ).report
    audit.log("tests.note", actor=personas.manager, obj=report, reason="Spoke to Quillonia Brightwater about it")
    if closed_years_ago is not None:
        when = timezone.now() - dt.timedelta(days=365.25 * closed_years_ago)
        Report.objects.filter(pk=report.pk).update(status="closed", updated_at=when)
    return Report.objects.get(pk=report.pk)


def retention(*args: str) -> str:
    out = StringIO()
    call_command("retention", *args, stdout=out)
    return out.getvalue()


def test_dry_run_counts_and_changes_nothing(personas, media):
    protect_canaries(personas)
    filed(personas, closed_years_ago=4)
    filed(personas, closed_years_ago=2)  # past the reporter policy (1 year) only
    filed(personas, closed_years_ago=None)  # open: never erased
    before = (list(Report.objects.values()), AuditEvent.objects.count(), sorted(files_under(media)))
    out = retention("--dry-run")
    assert "Narratives and exact words: would erase 1 record(s)" in out
    assert "Reporter identities: would erase 2 record(s)" in out
    assert "Dry run: nothing was changed" in out
    assert (list(Report.objects.values()), AuditEvent.objects.count(), sorted(files_under(media))) == before


def test_a_real_run_erases_by_category_and_keeps_the_facts(personas, media):
    protect_canaries(personas)
    old = filed(personas, closed_years_ago=4)
    recent = filed(personas, closed_years_ago=2)
    still_open = filed(personas, closed_years_ago=None)
    out = retention()
    assert "Evidence files: erased 1 record(s)" in out

    gone = Report.objects.get(pk=old.pk)
    assert (gone.narrative, gone.message_text, gone.narrative_redacted, gone.sender_name) == ("", "", "", "")
    assert gone.sender_phones == [] and gone.reporter_contact == {} and gone.reporter is None
    assert not SenderIdentifier.objects.filter(report=gone).exists()
    assert set(gone.personal_data_erased) == {"report_words", "sender", "reporter", "evidence"}
    assert (gone.channel, gone.primary_threat_type, gone.county_id, gone.occurred_on) == (
        old.channel,
        old.primary_threat_type,
        old.county_id,
        old.occurred_on,
    )
    item = Evidence.objects.get(report=gone)
    assert item.destroyed_at is not None and item.sha256 == Evidence.objects.get(report=old).sha256
    assert item.custody.filter(action=CustodyEntry.Action.DESTROYED).exists()
    assert not (media / item.stored_name).exists()

    partly = Report.objects.get(pk=recent.pk)
    assert set(partly.personal_data_erased) == {"reporter"}
    assert canaries_in(partly.narrative)  # words are kept three years
    assert partly.reporter is None

    untouched = Report.objects.get(pk=still_open.pk)
    assert untouched.personal_data_erased == {} and canaries_in(untouched.message_text)

    reasons = AuditEvent.objects.filter(object_id=old.public_code, action="tests.note")
    assert reasons.get().reason == ""
    assert AuditEvent.objects.get(object_id=still_open.public_code, action="tests.note").reason
    assert verify_chain()[1] == []
    assert AuditEvent.objects.filter(action="privacy.retention.run").count() == 1


def test_running_twice_erases_nothing_more(personas, media):
    filed(personas, closed_years_ago=4)
    retention()
    assert "Narratives and exact words: erased 0 record(s)" in retention()


def test_erased_report_page_says_so_to_everyone(personas, media):
    report = filed(personas, closed_years_ago=4, channel="social_dm", platform=PLATFORM_TEXT)
    retention()
    after = Report.objects.get(pk=report.pk)
    assert (after.platform, after.platform_code) == ("", "facebook")  # the text goes with the words; its code stays
    for user in (personas.manager, personas.coordinator):
        client = Client()
        client.force_login(user)
        html = client.get(f"/reports/{report.public_code}/").content.decode()
        assert 'id="erased"' in html
        assert not canaries_in(html)
    manager = Client()
    manager.force_login(personas.manager)
    item = Evidence.objects.get(report=report)
    assert manager.get(f"/reports/{report.public_code}/evidence/{item.public_code}/").status_code == 404


def test_erasing_the_words_takes_their_quotes_out_of_the_assessment(personas, media):
    """The indicators' evidence and the explanation quote the words; they go with them, while
    the indicator codes, their weights and the level stay for statistics."""
    words = "If you certify this fraud we will burn your house down with your kids inside."
    report = filed(personas, closed_years_ago=4, message_text=words)
    assert any(i["evidence"] and i["evidence"] in words for i in report.indicators)
    assert any("If you certify" in reason for reason in report.severity_reasons)
    retention()
    after = Report.objects.get(pk=report.pk)
    assert after.redaction_state == "erased"
    assert [i["evidence"] for i in after.indicators] == [""] * len(report.indicators)
    kept = ("code", "label", "axis", "weight")
    assert [[i[k] for k in kept] for i in after.indicators] == [[i[k] for k in kept] for i in report.indicators]
    assert after.severity == report.severity
    codes = ", ".join(i["code"] for i in report.indicators)
    assert after.severity_reasons == [f"Level {report.severity}; indicators: {codes}."]
    for user in (personas.manager, personas.coordinator):
        html = signed_in(user).get(f"/reports/{report.public_code}/").content.decode()
        assert 'id="erased"' in html and "If you certify" not in html and "burn your house" not in html


def test_once_the_words_are_erased_the_filer_is_told_the_indicators_kept_without_the_records(personas, media):
    """No words are left to assess the report alone from: what its filer is told is the stored
    indicators without those that may come from the office's records, and the level they give."""
    protect_canaries(personas)
    report = filed(personas, closed_years_ago=4)
    assert {"named_target", "threat_to_family"} <= {i["code"] for i in report.indicators}
    retention()
    after = Report.objects.get(pk=report.pk)
    shown = assessment_for(personas.reporter, after)
    assert "threat_to_family" in shown.indicator_codes
    assert not FROM_OTHER_RECORDS & set(shown.indicator_codes)
    assert shown.assessed == level_without(after, FROM_OTHER_RECORDS) is not None


def test_once_the_filer_is_erased_no_reader_learns_their_account_name(personas, media):
    """The report's first event and its evidence custody were written by the filer's account; with
    the link to it erased, every reader sees "the filer" there, also those the filer agreed may
    know who they are."""
    report = filed(personas, closed_years_ago=2)  # past the reporter policy only
    Report.objects.filter(pk=report.pk).update(reporter_consent=["office", "state"])
    before = Report.objects.get(pk=report.pk)
    assert personas.reporter.username in actors_shown(personas.manager, before)  # she agreed the office may know
    retention()
    after = Report.objects.get(pk=report.pk)
    assert after.reporter is None
    for user in (personas.manager, personas.coordinator, personas.analyst):
        shown = actors_shown(user, after)
        assert FILER_LABEL in shown and personas.reporter.username not in shown, user.username


def actors_shown(user: Any, report: Report) -> set[str]:
    """Who the report's timeline and its evidence custody name as having acted, as `user` reads them."""
    steps = report_timeline(user, report) + [c for item in evidence_with_custody(user, report) for c in item.custody]
    return {step.actor for step in steps}


FILER = "Zorabel Fenwhistle"


def filed_anonymously_naming_the_filer(*, closed_years_ago: float) -> Report:
    """A report filed without an account by someone who names herself in it and chose no one."""
    payload = valid_report_payload(
        narrative=f"I, {FILER}, took this voicemail at the counter. Call me back, {FILER}.",
        reporter_contact={"name": FILER, "email": "zorabel@example.org"},
        reporter_consent=[],
    )
    report = report_submit(actor=None, data=ReportIn.model_validate(payload), source="web").report
    when = timezone.now() - dt.timedelta(days=365.25 * closed_years_ago)
    Report.objects.filter(pk=report.pk).update(status="closed", updated_at=when)
    return report


def test_erasing_who_filed_takes_the_filer_out_of_the_words_kept_longer(personas, media):
    """Who filed goes after 1 year, the words after 3. Once nothing knows the filer, a copy made
    again (any change of the state's protected persons) would name them, and so would the
    original words to a manager the filer did not choose: they leave the words with the report."""
    report = filed_anonymously_naming_the_filer(closed_years_ago=2)  # past the reporter policy only
    retention()
    stored = Report.objects.get(pk=report.pk)
    assert set(stored.personal_data_erased) == {"reporter"}
    assert stored.narrative == "I, [REPORTER], took this voicemail at the counter. Call me back, [REPORTER]."
    assert FILER not in stored.narrative_redacted

    protect_canaries(personas)  # the state's protected persons change: every copy is made again
    assert FILER not in Report.objects.get(pk=report.pk).narrative_redacted
    page = signed_in(personas.manager).get(f"/reports/{report.public_code}/").content.decode()
    assert "[REPORTER]" in page and FILER not in page


def test_erasing_who_filed_takes_the_filing_account_out_of_the_words(personas, media):
    """The account's name leaves the words too, also for the office the filer agreed may know:
    after retention nobody is to learn who filed."""
    personas.reporter.first_name, personas.reporter.last_name = "Zorabel", "Fenwhistle"
    personas.reporter.save()
    report = filed(personas, closed_years_ago=2, narrative=f"I, {FILER}, took this voicemail at the counter.")
    Report.objects.filter(pk=report.pk).update(reporter_consent=["office"])
    assert FILER in signed_in(personas.manager).get(f"/reports/{report.public_code}/").content.decode()
    retention()
    assert Report.objects.get(pk=report.pk).narrative == "I, [REPORTER], took this voicemail at the counter."
    assert FILER not in signed_in(personas.manager).get(f"/reports/{report.public_code}/").content.decode()
