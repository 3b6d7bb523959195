"""Two erasure requests of two states' workers, at once (PostgreSQL), both finish.

Erasures in two states run side by side (`people_hold` holds one state's people). Each locks
reasons in the audit trail: its own person's, then every unerased reason that may name her. Were
the audit head locked only when the first event is logged, one would hold its person's reasons and
wait for the head while the other, holding the head, waited for those reasons: a deadlock. Both
now take the head before any reason.
"""

from __future__ import annotations

import pytest

from threatdesk.audit import services as audit
from threatdesk.places.models import County, Office, State
from threatdesk.privacy.models import ProtectedPerson
from threatdesk.privacy.schemas import ProtectedPersonIn
from threatdesk.privacy.services import protected_person_create, protected_person_erase, protected_person_view
from threatdesk.testing.interleaving import Pause, meanwhile, two_writers

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    two_writers,
]


def _worker(actor, office, name):
    person = protected_person_create(actor=actor, office=office, data=ProtectedPersonIn(kind="worker", full_name=name))
    # A reason on her own record, as a manager opening it types one.
    protected_person_view(actor=actor, person=person, reason="Checking the record before the hearing")
    return person


def test_two_states_erasing_a_worker_each_at_once_both_succeed(personas, monkeypatch):
    nevada = State.objects.get(code="NV")
    clark = Office.objects.create(name="Clark County Election Department", state=nevada, county=County.objects.get(fips="32003"))
    arizona_worker = _worker(personas.manager, personas.office, "Quillonia Brightwater")
    nevada_worker = _worker(personas.admin, clark, "Ottoline Fairweather")

    pause = Pause()  # the first erasure stops just before it scans the whole trail
    monkeypatch.setattr(audit, "reasons_erase_naming", pause.wrap(audit.reasons_erase_naming))

    meanwhile(
        lambda: protected_person_erase(actor=personas.admin, person=nevada_worker, reason="The worker asked to be taken out"),
        pause,
        lambda: protected_person_erase(actor=personas.manager, person=arizona_worker, reason="The worker asked to be taken out"),
    )

    assert not ProtectedPerson.objects.exists()
