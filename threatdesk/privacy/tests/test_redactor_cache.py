"""An office's redactor is built once and reused while its state's protected persons stay as they
are; adding, editing or erasing one of them makes the next report get a new one that knows."""

from __future__ import annotations

import pytest

from threatdesk.privacy.schemas import ProtectedPersonIn
from threatdesk.privacy.selectors import redactors
from threatdesk.privacy.services import protected_person_create, protected_person_erase, protected_person_update
from threatdesk.reports.redaction import redactors_for_batch

pytestmark = pytest.mark.django_db


def redact(personas, text: str) -> str:
    redactor = redactors.redactor(office_id=personas.office.pk, state_id=personas.office.state_id)
    return redactor.redact(text).text


def test_the_redactor_is_reused_until_the_states_people_change(personas):
    first = redactors.redactor(office_id=personas.office.pk, state_id=personas.office.state_id)
    assert redactors.redactor(office_id=personas.office.pk, state_id=personas.office.state_id) is first
    protected_person_create(
        actor=personas.manager, office=personas.other_office, data=ProtectedPersonIn(kind="worker", full_name="Odessa Quill")
    )
    assert redactors.redactor(office_id=personas.office.pk, state_id=personas.office.state_id) is not first
    assert "Odessa Quill" not in redact(personas, "A note for Odessa Quill.")  # another office's worker, by full name


def test_an_edit_and_an_erasure_reach_the_next_report(personas):
    person = protected_person_create(
        actor=personas.manager, office=personas.office, data=ProtectedPersonIn(kind="worker", full_name="Odessa Quill")
    )
    assert "Quillfeather" in redact(personas, "Ask Odessa Quillfeather.")
    protected_person_update(
        actor=personas.manager, person=person, data=ProtectedPersonIn(kind="worker", full_name="Odessa Quillfeather")
    )
    assert "Quillfeather" not in redact(personas, "Ask Odessa Quillfeather.")
    protected_person_erase(actor=personas.manager, person=person, reason="She asked to be erased from the system")
    assert "Quillfeather" in redact(personas, "Ask Odessa Quillfeather.")


def test_a_batch_looks_up_each_offices_redactor_once(personas, django_assert_num_queries):
    lookup = redactors_for_batch()
    state = personas.office.state_id
    lookup(office_id=personas.office.pk, state_id=state)
    with django_assert_num_queries(2):  # the people it is redacted against: their stamp, then the people
        lookup(office_id=personas.other_office.pk, state_id=state)
    with django_assert_num_queries(0):
        lookup(office_id=personas.office.pk, state_id=state)
        lookup(office_id=personas.other_office.pk, state_id=state)
