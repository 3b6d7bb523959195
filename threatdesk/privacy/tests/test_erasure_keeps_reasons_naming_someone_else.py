"""An erasure blanks the audit reasons that name the erased person across the whole trail, every
state's, and so reads them by what points at her alone (`Person.strong_only`: full names, phones,
emails, handles, addresses): a reason typed by another state's office about another Maria, or
about someone who shares her surname, is kept. A full redactor of her, which matches her given
name or surname on its own, would blank those for good."""

from __future__ import annotations

import pytest

from threatdesk.audit import services as audit
from threatdesk.audit.models import AuditEvent
from threatdesk.places.models import County, Office, State
from threatdesk.privacy.schemas import ProtectedPersonIn
from threatdesk.privacy.services import protected_person_create, protected_person_erase

pytestmark = pytest.mark.django_db

ELSEWHERE = [
    "Called Maria Gonzalez back at the Clark office about the poll-site list",
    "Ms. Whitfield, our own clerk, asked for the level to be raised",
]


def test_erasing_an_arizona_worker_keeps_reasons_of_another_state_about_other_people(personas):
    nevada = State.objects.get(code="NV")
    clark = Office.objects.create(name="Clark County Election Department", state=nevada, county=County.objects.get(fips="32003"))
    worker = protected_person_create(
        actor=personas.manager, office=personas.office, data=ProtectedPersonIn(kind="worker", full_name="Maria Whitfield")
    )
    for reason in ELSEWHERE:
        audit.log("places.office.changed", actor=personas.admin, obj=clark, reason=reason)

    protected_person_erase(actor=personas.manager, person=worker, reason="The worker asked to be taken out")

    kept = set(AuditEvent.objects.filter(object_type="places.office").values_list("reason", flat=True))
    assert kept == set(ELSEWHERE)
