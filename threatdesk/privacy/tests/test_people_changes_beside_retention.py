"""A change of a state's protected persons never brings back what retention erased.

Redoing the redacted copies (after a person is added, changed or erased) and taking an erased
person out of the words and of step details each work out new values from what they read. Were
that read before a retention run committed, and written back after it, the words, copies or
detail the run had just erased would be stored again. Each writer rereads what it rewrites
locked, so it works from what retention left. The races need two connections (PostgreSQL, READ
COMMITTED); a writer run after retention is checked on both databases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command

from threatdesk.cases import erasure
from threatdesk.cases.models import CaseStep
from threatdesk.cases.tests.test_step_details_erased import closed_years_ago, with_step
from threatdesk.privacy.schemas import ProtectedPersonIn
from threatdesk.privacy.services import protected_person_create, protected_person_erase
from threatdesk.privacy.tests.test_retention import filed, media  # noqa: F401 (fixture)
from threatdesk.privacy.tests.test_retention_beside_a_reopen import step_due
from threatdesk.reports import redaction
from threatdesk.reports import retention as report_retention
from threatdesk.reports.models import Report
from threatdesk.testing.interleaving import Pause, meanwhile, two_writers
from threatdesk.testing.planting import protect_canaries

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


REASON = "She asked to be taken out of the system"


def retention_meanwhile(write: Callable[[], Any], pause: Pause) -> None:
    """Retention runs while `write` is held at `pause`, once it has read what it rewrites."""
    meanwhile(write, pause, lambda: call_command("retention"))


def taken_out_with(pause: Pause, real: Callable[[Any], Callable[[str], str | None]]) -> Callable[[Any], Any]:
    """`person_taken_out` whose function pauses the first time it reads a text."""
    return lambda record: pause.wrap(real(record))


def add_worker(personas: Any) -> None:
    """A new protected person of the office: the state's copies are redone."""
    data = ProtectedPersonIn(kind="worker", full_name="Marisol Quenby")
    protected_person_create(actor=personas.manager, office=personas.office, data=data)


def assert_words_erased(report: Report) -> None:
    now = Report.objects.get(pk=report.pk)
    assert "report_words" in now.personal_data_erased
    assert now.redaction_state == redaction.RedactionState.ERASED
    assert (now.narrative, now.message_text, now.narrative_redacted, now.message_text_redacted) == ("", "", "", "")
    assert all(i["evidence"] == "" for i in now.indicators), "the assessment quotes the words again"


@two_writers
def test_copies_redone_while_retention_erases_the_words_stay_erased(personas, media, monkeypatch):  # noqa: F811
    protect_canaries(personas)
    report = filed(personas, closed_years_ago=4)
    pause = Pause()
    monkeypatch.setattr(redaction, "make_copies", pause.wrap(redaction.make_copies))
    retention_meanwhile(lambda: add_worker(personas), pause)
    assert_words_erased(report)


@two_writers
def test_an_erasure_request_while_retention_erases_the_words_does_not_bring_them_back(personas, media, monkeypatch):  # noqa: F811
    worker, _child = protect_canaries(personas)
    report = filed(personas, closed_years_ago=4)
    pause = Pause()
    monkeypatch.setattr(redaction, "person_taken_out", taken_out_with(pause, redaction.person_taken_out))
    retention_meanwhile(lambda: protected_person_erase(actor=personas.manager, person=worker, reason=REASON), pause)
    assert_words_erased(report)


@two_writers
def test_an_erasure_request_while_retention_clears_a_step_detail_does_not_bring_it_back(personas, media, monkeypatch):  # noqa: F811
    worker, _child = protect_canaries(personas)
    step = step_due(personas)
    pause = Pause()
    monkeypatch.setattr(erasure, "person_taken_out", taken_out_with(pause, erasure.person_taken_out))
    retention_meanwhile(lambda: protected_person_erase(actor=personas.manager, person=worker, reason=REASON), pause)
    assert CaseStep.objects.get(pk=step.pk).detail == ""


@two_writers
def test_copies_redone_while_retention_holds_a_report_it_erased_wait_for_the_run(personas, media, monkeypatch):  # noqa: F811
    """Retention writes a report once per category: its later writes have the report's state
    checked by the foreign key while the run holds the report, which a writer waiting on that
    report, and holding the state's people, must not block."""
    protect_canaries(personas)
    report = filed(personas, closed_years_ago=4)
    pause = Pause(after=1)  # the words are erased; the sender is next
    monkeypatch.setattr(report_retention, "_erase_held", pause.wrap(report_retention._erase_held))
    meanwhile(lambda: call_command("retention"), pause, lambda: add_worker(personas))
    assert_words_erased(report)


def test_copies_redone_after_retention_stay_erased(personas, media):  # noqa: F811
    protect_canaries(personas)
    report = filed(personas, closed_years_ago=4)
    call_command("retention")
    add_worker(personas)
    assert_words_erased(report)


def test_an_erasure_request_after_retention_leaves_the_words_and_step_details_erased(personas, media):  # noqa: F811
    worker, _child = protect_canaries(personas)
    step = with_step(personas, report=filed(personas, closed_years_ago=None), recorded_years_ago=4)
    closed_years_ago(step.report, 4)
    call_command("retention")
    protected_person_erase(actor=personas.manager, person=worker, reason=REASON)
    assert_words_erased(step.report)
    assert CaseStep.objects.get(pk=step.pk).detail == ""
