"""Every stored report carries a redacted copy of its words, made on every way in, and a report
whose redaction fails keeps no copy at all (fail closed). Sender pseudonyms link reports."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from threatdesk.assessment import Facts, assess
from threatdesk.audit.models import AuditEvent
from threatdesk.privacy.redaction import Redactor
from threatdesk.privacy.schemas import ProtectedPersonIn
from threatdesk.privacy.services import protected_person_create, protected_person_erase
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.selectors import sender_pseudonyms
from threatdesk.reports.services import ImportRow, report_submit, reports_import
from threatdesk.testing.payloads import CANARY_ADDRESS, CANARY_SENDER, CANARY_WORKER, valid_report_payload
from threatdesk.testing.planting import canaries_in, protect_canaries

pytestmark = pytest.mark.django_db

EXPECTED_WORDS = "We know [WORKER-1] lives at [WORKER-1 ADDRESS]. Tell [FAMILY-1] to watch out."


def submit(actor: Any, **overrides: Any) -> Report:
    data = ReportIn.model_validate(valid_report_payload(**overrides))
    return report_submit(actor=actor, data=data, source="api").report


def test_a_submitted_report_gets_its_copy_in_the_same_write(personas):
    protect_canaries(personas)
    report = Report.objects.get(pk=submit(personas.reporter).pk)
    assert report.redaction_state == "done"
    assert report.message_text_redacted == EXPECTED_WORDS
    assert not canaries_in(report.narrative_redacted + report.message_text_redacted)


def test_imported_reports_get_their_copies(personas):
    protect_canaries(personas)
    rows = [ImportRow(line=i, data=ReportIn.model_validate(valid_report_payload())) for i in (1, 2)]
    stored = reports_import(actor=None, rows=rows)
    for report in Report.objects.filter(pk__in=[s.pk for s in stored]):
        assert report.redaction_state == "done"
        assert report.message_text_redacted == EXPECTED_WORDS


def test_invisible_characters_in_the_words_hide_no_protected_person(personas):
    worker, _child = protect_canaries(personas)
    words = "Tell Mrs Bright\u00adwater we know where she sleeps: 4417 Zephyr\u00adine Lane. Her cell is 602\u200b555\u200b0199."
    report = Report.objects.get(pk=submit(personas.reporter, message_text=words).pk)
    assert report.message_text_redacted == (
        "Tell Mrs [WORKER-1] we know where she sleeps: [WORKER-1 ADDRESS]. Her cell is [WORKER-1 PHONE]."
    )
    assert [m["person"] for m in report.protected_mentions] == [worker.public_code]


def test_a_protected_phone_written_with_en_dashes_is_redacted(personas):
    protect_canaries(personas)
    report = submit(personas.reporter, message_text="We have her number, 602\u2013555\u20130199, and we will use it.")
    stored = Report.objects.get(pk=report.pk)
    assert stored.message_text_redacted == "We have her number, [WORKER-1 PHONE], and we will use it."


def test_a_worker_of_another_office_named_with_a_nickname_in_quotes_is_redacted(personas):
    protected_person_create(
        actor=personas.outsider,
        office=personas.other_office,
        data=ProtectedPersonIn(kind="worker", full_name="Katherine Delacroix-Moore", phones=["+15205550123"]),
    )
    report = submit(personas.reporter, narrative='He said Katherine "Kat" Delacroix-Moore from the Pima office is next.')
    stored = Report.objects.get(pk=report.pk)
    assert stored.narrative_redacted == "He said [WORKER-1] from the Pima office is next."


def test_the_sender_named_in_the_words_is_redacted_without_a_record(personas):
    report = submit(personas.reporter, narrative=f"{CANARY_SENDER} called again; Mordecai said he would come by.")
    stored = Report.objects.get(pk=report.pk)
    assert stored.narrative_redacted == "[SENDER] called again; [SENDER] said he would come by."


@pytest.mark.parametrize(
    ("words", "copy"),
    [
        ("I'm Going To Kill You", "I'm Going To Kill You"),
        ("Im Gonna Kill You Tonight", "Im Gonna Kill You Tonight"),
        ("She lives at 1423 Elm Street, we will kill her.", "She lives at [ADDRESS], we will kill her."),
        ("Her address is 1423 Elm Street, I will kill her tomorrow.", "Her address is [ADDRESS], I will kill her tomorrow."),
    ],
)
def test_the_copy_the_engine_reads_keeps_the_threat(personas, words, copy):
    """The stored level is read from the copy: a threat taken out with a name or an address
    would be stored as no threat at all, and staff, who read the copy, would not see it either."""
    narrative = "It came by text."
    report = submit(
        personas.reporter, channel="text_message", threat_types=["harassment"], message_text=words, narrative=narrative, sender={}
    )
    stored = Report.objects.get(pk=report.pk)
    assert stored.message_text_redacted == copy
    on_the_words = Facts(
        text=words,
        channel="text_message",
        target_role="county_election_official",
        threat_types=("harassment",),
        election_phase="canvass",
    )
    assert stored.severity == assess(on_the_words).level >= 3


def test_a_failed_redaction_keeps_no_copy_and_logs_no_words(personas, monkeypatch, caplog):
    protect_canaries(personas)

    def broken(self: Redactor, text: str, **kwargs: Any) -> Any:
        raise RuntimeError(f"cannot redact {text}")

    monkeypatch.setattr(Redactor, "redact", broken)
    caplog.set_level(logging.DEBUG)
    report = Report.objects.get(pk=submit(personas.reporter).pk)
    assert report.redaction_state == "failed"
    assert report.narrative_redacted == "" and report.message_text_redacted == ""
    assert report.message_text  # the original is stored: the office still reads it
    assert not any(canaries_in(r.getMessage() + repr(r.args) + str(r.exc_info)) for r in caplog.records)
    client = Client()
    client.force_login(personas.coordinator)
    html = client.get(f"/reports/{report.public_code}/").content.decode()
    assert 'id="withheld"' in html
    assert not canaries_in(html)


def test_redact_reports_command_redoes_every_copy(personas):
    report = submit(personas.reporter)
    Report.objects.filter(pk=report.pk).update(redaction_state="failed", narrative_redacted="", message_text_redacted="")
    call_command("redact_reports", verbosity=0)
    stored = Report.objects.get(pk=report.pk)
    assert stored.redaction_state == "done"
    assert stored.narrative_redacted


def test_redact_reports_command_leaves_an_audit_event_with_counts_for_each_state(personas):
    """The copies, levels and indicators it rewrites are what readers see: each state it redid is
    in the trail, so a run stopped between two states leaves the ones it reached."""
    submit(personas.reporter)
    submit(None, state="NV", county="Clark")
    call_command("redact_reports", verbosity=0)
    events = AuditEvent.objects.filter(action="reports.copies.redone").order_by("seq")
    assert [(e.actor_label, e.payload) for e in events] == [
        ("system", {"state": "AZ", "reports": 1}),
        ("system", {"state": "NV", "reports": 1}),
    ]


def test_the_same_phone_in_two_states_shares_a_pseudonym(personas):
    first = submit(personas.reporter, sender={"phones": ["(602) 555-0143"]})
    second = submit(None, state="NV", county="Clark", sender={"phones": ["+1 602.555.0143"]})
    assert sender_pseudonyms(first) == sender_pseudonyms(second)
    assert sender_pseudonyms(first)[0][0] == "phone"
    other = submit(None, state="NV", county="Clark", sender={"phones": ["602-555-0144"]})
    assert sender_pseudonyms(other) != sender_pseudonyms(first)


def test_spellings_of_one_gmail_mailbox_share_a_pseudonym(personas):
    first = submit(personas.reporter, sender={"emails": ["Jane.Doe+elections@gmail.com"]})
    second = submit(personas.reporter, sender={"emails": ["janedoe@googlemail.com"]})
    assert sender_pseudonyms(first) == sender_pseudonyms(second)


def test_a_report_her_office_files_about_another_state_is_redacted_against_her_office(personas):
    """An office's report about a threat in another state (a worker away at a training, say)
    stays the office's, so the office's own people are taken out of the copy that state's
    coordinator and every analyst read."""
    protect_canaries(personas)
    report = Report.objects.get(pk=submit(personas.reporter, state="NM", county="").pk)
    assert (report.state.code, report.office_id) == ("NM", personas.office.pk)
    assert report.message_text_redacted == EXPECTED_WORDS
    assert not canaries_in(report.narrative_redacted + report.message_text_redacted)


def test_recording_a_worker_redoes_the_copies_her_office_filed_about_another_state(personas):
    filed = submit(personas.reporter, state="NM", county="")
    assert canaries_in(Report.objects.get(pk=filed.pk).message_text_redacted)
    protect_canaries(personas)
    assert Report.objects.get(pk=filed.pk).message_text_redacted == EXPECTED_WORDS


def test_an_erasure_request_reaches_the_reports_her_office_filed_about_another_state(personas):
    worker, _child = protect_canaries(personas)
    filed = submit(personas.reporter, state="NM", county="")
    protected_person_erase(actor=personas.manager, person=worker, reason="She asked to be taken out of the records")
    report = Report.objects.get(pk=filed.pk)
    assert CANARY_WORKER not in report.message_text + report.narrative
    assert CANARY_ADDRESS not in report.message_text


def test_the_redactor_of_an_office_away_from_home_is_rebuilt_when_its_people_change(personas):
    """A submission checks, inside its transaction, that the people it was redacted against are
    unchanged; for a report about another state those include its office's."""
    from threatdesk.places.models import State
    from threatdesk.privacy.selectors import redactors

    new_mexico = State.objects.get(code="NM")
    before = redactors.stamp(new_mexico.pk, personas.office.pk)
    protect_canaries(personas)
    assert redactors.stamp(new_mexico.pk, personas.office.pk) != before
    assert redactors.stamp(new_mexico.pk) == redactors.stamp(new_mexico.pk, None)
