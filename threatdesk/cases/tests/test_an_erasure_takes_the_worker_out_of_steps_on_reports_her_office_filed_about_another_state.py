"""An erasure request takes a protected worker out of every report her office filed, including
those about another state (`reports_of_state_people`), and out of the detail of the
law-enforcement steps on those same reports: otherwise her name and phone would stay readable to
the agency's liaisons and the office after the record that said who she was is gone."""

from __future__ import annotations

import pytest

from threatdesk.cases import services
from threatdesk.cases.models import CaseStep
from threatdesk.privacy.services import protected_person_erase
from threatdesk.reports.models import Report
from threatdesk.testing.payloads import CANARY_PHONE, CANARY_WORKER
from threatdesk.testing.planting import canaries_in, filed_by_reporter, protect_canaries

pytestmark = pytest.mark.django_db


def test_an_erasure_takes_the_worker_out_of_step_details_on_her_offices_report_about_another_state(personas):
    worker, _son = protect_canaries(personas)
    report = filed_by_reporter(personas, state="NV", county="")
    assert report.office_id == personas.office.pk and report.state.code == "NV"
    referral = services.report_refer(
        actor=personas.manager, report=report, agency=personas.agency, reason="The sender lives in Phoenix, FBI Phoenix has it"
    )
    step = services.step_record(
        actor=personas.liaison,
        report=report,
        referral=referral,
        kind="investigation_opened",
        occurred_on=report.occurred_on,
        detail=f"Suspect called {CANARY_WORKER} at {CANARY_PHONE} twice; warrant requested.",
    )
    protected_person_erase(actor=personas.manager, person=worker, reason="She asked to be taken out of the system")

    words = Report.objects.get(pk=report.pk)
    assert not canaries_in(words.narrative + words.message_text)  # the report's own words lose her
    assert canaries_in(CaseStep.objects.get(pk=step.pk).detail) == []  # and so does its steps' detail
