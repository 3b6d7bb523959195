"""An erasure request blanks every reason in the audit trail that names the person, whatever it
was typed about: a manager who referred a report "because Quillonia Brightwater's home address is
in it" wrote her name into the trail as surely as one who opened her record. Reasons that do not
name her stay, the chain still verifies, and the erasure's own reason may not name her, since it
is kept after she is gone."""

from __future__ import annotations

import pytest

from threatdesk.audit import services as audit
from threatdesk.audit.models import AuditEvent
from threatdesk.audit.selectors import verify_chain
from threatdesk.cases import services as cases
from threatdesk.privacy.models import ProtectedPerson
from threatdesk.privacy.services import ProtectedPersonError, protected_person_erase
from threatdesk.reports.services import level_override
from threatdesk.testing.payloads import CANARY_CHILD, CANARY_PHONE, CANARY_WORKER
from threatdesk.testing.planting import canaries_in, filed_by_reporter, protect_canaries

pytestmark = pytest.mark.django_db

KEPT = "The sender has written to the office before; the agency asked for it"


def _reason(action: str) -> AuditEvent:
    return AuditEvent.objects.get(action=action)


def test_every_reason_naming_her_or_her_son_is_blanked_and_the_rest_kept(personas):
    worker, _son = protect_canaries(personas)
    report = filed_by_reporter(personas)
    other = filed_by_reporter(personas)
    cases.report_refer(actor=personas.manager, report=report, agency=personas.agency, reason=f"{CANARY_WORKER} fears")
    level_override(actor=personas.manager, report=report, level=4, reason=f"The sender called her at {CANARY_PHONE} at night")
    cases.report_refer(actor=personas.manager, report=other, agency=personas.agency, reason=KEPT)
    # A reason typed about something else entirely, by an administrator, naming her son.
    audit.log("accounts.user.changed", actor=personas.admin, obj=personas.admin, reason=f"Asked by {CANARY_CHILD}'s school")

    changed = protected_person_erase(actor=personas.manager, person=worker, reason="The worker asked to be taken out")

    assert changed >= 1
    reasons = [reason for reason in AuditEvent.objects.values_list("reason", flat=True) if reason]
    assert canaries_in(" ".join(reasons)) == []
    assert KEPT in reasons
    referral = AuditEvent.objects.get(action="cases.report.referred", object_id=report.public_code)
    assert referral.reason == "" and referral.reason_erased_at is not None
    listed = {seq for event in AuditEvent.objects.filter(action=audit.REASONS_ERASED) for seq in event.payload["seqs"]}
    blanked = set(AuditEvent.objects.filter(reason_erased_at__isnull=False).values_list("seq", flat=True))
    assert blanked <= listed
    assert len(blanked) == 3  # two typed on a report, one about something else
    checked, problems = verify_chain()
    assert problems == [] and checked == AuditEvent.objects.count()


def test_an_erasure_whose_reason_names_her_is_refused_and_changes_nothing(personas):
    worker, son = protect_canaries(personas)
    report = filed_by_reporter(personas)
    cases.report_refer(actor=personas.manager, report=report, agency=personas.agency, reason=f"{CANARY_WORKER} fears")
    events = AuditEvent.objects.count()

    with pytest.raises(ProtectedPersonError) as refused:
        protected_person_erase(actor=personas.manager, person=worker, reason=f"{CANARY_CHILD} asked us to erase them both")

    assert refused.value.field == "reason" and "naming" in str(refused.value)
    assert set(ProtectedPerson.objects.values_list("pk", flat=True)) == {worker.pk, son.pk}
    assert AuditEvent.objects.count() == events
    assert CANARY_WORKER in _reason("cases.report.referred").reason


def test_the_erasure_page_says_why_a_reason_naming_her_is_refused(client, personas):
    worker, _son = protect_canaries(personas)
    client.force_login(personas.manager)

    response = client.post(f"/protected-people/{worker.public_code}/erase/", {"reason": f"{CANARY_WORKER} asked for it"})

    assert response.status_code == 422
    assert "without naming them" in response.content.decode()
    assert ProtectedPerson.objects.filter(pk=worker.pk).exists()
