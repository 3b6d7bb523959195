"""The outcome record is public accountability data, so it must only hold what can have happened:
a court outcome follows a charge, a sentence a conviction or plea, a prosecuted case is not
declined, the referral's status follows the case's latest step by date, whatever the order the
liaison entered them in, and no agency works a report its office has closed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from threatdesk.cases import services
from threatdesk.cases.models import CaseStep, Referral, ReferralStatus
from threatdesk.cases.selectors import triage_queue
from threatdesk.places.models import Agency
from threatdesk.reports.models import Report
from threatdesk.reports.services import ReportInputError
from threatdesk.reports.taxonomy import Status
from threatdesk.testing.cases import fresh, referral_of
from threatdesk.testing.clients import signed_in
from threatdesk.testing.planting import filed_by_reporter

pytestmark = pytest.mark.django_db

STATUTE = "18 U.S.C. 875(c)"


@pytest.fixture
def referred(personas: Any) -> Report:
    report = filed_by_reporter(personas)
    services.report_refer(actor=personas.manager, report=report, agency=personas.agency)
    return fresh(report)


def step(personas: Any, report: Report, kind: str, day: int, **more: Any) -> CaseStep:
    return services.step_record(
        actor=personas.liaison,
        report=fresh(report),
        referral=referral_of(report),
        kind=kind,
        occurred_on=dt.date(2024, 11, day),
        **more,
    )


@pytest.mark.parametrize(
    ("kind", "more"),
    [
        ("conviction", {"statutes": [STATUTE]}),
        ("plea", {"statutes": [STATUTE]}),
        ("acquittal", {}),
        ("dismissal", {}),
        ("sentence", {"detail": "18 months"}),
    ],
)
def test_a_court_outcome_with_no_charge_before_it_is_refused(personas, referred, kind, more):
    """A wrong pick in the list, or the wrong report, must not store a conviction, close the
    referral and mail the filer of an outcome that never happened."""
    step(personas, referred, "investigation_opened", 10)
    with pytest.raises(ReportInputError) as refused:
        step(personas, referred, kind, 20, **more)
    assert refused.value.errors[0].field == "kind"
    assert not CaseStep.objects.filter(kind=kind).exists()
    assert referral_of(referred).status == ReferralStatus.INVESTIGATING


def test_a_charge_dated_after_the_conviction_does_not_count_for_it(personas, referred):
    step(personas, referred, "charged", 22, statutes=[STATUTE])
    with pytest.raises(ReportInputError):
        step(personas, referred, "conviction", 20, statutes=[STATUTE])


def test_a_sentence_follows_a_conviction_or_a_plea(personas, referred):
    step(personas, referred, "charged", 12, statutes=[STATUTE])
    with pytest.raises(ReportInputError):
        step(personas, referred, "sentence", 20, detail="18 months")
    step(personas, referred, "plea", 18, statutes=[STATUTE])
    step(personas, referred, "sentence", 20, detail="18 months")
    assert referral_of(referred).status == ReferralStatus.CLOSED


def test_entering_an_earlier_step_after_the_conviction_leaves_the_referral_closed(personas, referred):
    """Histories are often entered after the fact; the arrest remembered last came first."""
    step(personas, referred, "charged", 12, statutes=[STATUTE])
    step(personas, referred, "conviction", 25, statutes=[STATUTE])
    step(personas, referred, "arrest", 8)
    assert referral_of(referred).status == ReferralStatus.CLOSED
    assert referred not in list(triage_queue(personas.liaison))


def test_a_later_step_after_a_decline_reopens_the_referral(personas, referred):
    """An agency that declined and then acts again is working the case."""
    step(personas, referred, "declined", 10, decline_reason="suspect_unidentified")
    step(personas, referred, "arrest", 20)
    assert referral_of(referred).status == ReferralStatus.INVESTIGATING


def test_a_case_with_a_charge_or_a_court_outcome_cannot_be_declined(personas, referred):
    """Convicted, then "declined": the public record would say the agency declined the case."""
    step(personas, referred, "charged", 12, statutes=[STATUTE])
    step(personas, referred, "conviction", 25, statutes=[STATUTE])
    with pytest.raises(ReportInputError):
        step(personas, referred, "declined", 26, decline_reason="insufficient_evidence")
    assert referral_of(referred).status == ReferralStatus.CLOSED


def test_a_closed_report_is_reopened_before_it_is_referred(personas, referred):
    """Referred as it stands, a closed report would leave the agency working a case that the
    office's queue, the filer's page and retention all take for finished."""
    services.status_change(actor=personas.manager, report=fresh(referred), target="closed", reason="No further action needed")
    sheriff = Agency.objects.create(name="Maricopa County Sheriff", kind="sheriff", state=personas.state, county=personas.county)
    with pytest.raises(ReportInputError, match="reopen it first"):
        services.report_refer(actor=personas.manager, report=fresh(referred), agency=sheriff)
    assert not Referral.objects.filter(agency=sheriff).exists()
    page = signed_in(personas.manager).get(f"/reports/{referred.public_code}/").content.decode()
    assert "reopen it, saying why, to refer it" in page and "Refer to an agency" not in page

    services.status_change(actor=personas.manager, report=fresh(referred), target="triaged", reason="The sender wrote again")
    services.report_refer(actor=personas.manager, report=fresh(referred), agency=sheriff)
    assert fresh(referred).status == Status.REFERRED
