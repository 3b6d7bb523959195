"""Protected persons through the pages an office manager uses: add, open with a reason, change,
erase; bad input refused with nothing written; every other office and role finds nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from threatdesk.audit.models import AuditEvent
from threatdesk.audit.selectors import verify_chain
from threatdesk.privacy.models import ProtectedPerson
from threatdesk.privacy.schemas import ProtectedPersonIn
from threatdesk.privacy.services import ProtectedPersonError, protected_person_create, protected_person_erase
from threatdesk.reports.models import Report
from threatdesk.testing.clients import signed_in
from threatdesk.testing.payloads import CANARY_ADDRESS, CANARY_CHILD, CANARY_WORKER
from threatdesk.testing.planting import canaries_in, filed_by_reporter, protect_canaries

pytestmark = pytest.mark.django_db


def worker_form(**overrides: str) -> dict[str, str]:
    data = {
        "kind": "worker",
        "relationship": "self",
        "worker": "",
        "full_name": CANARY_WORKER,
        "aliases": "Quill\nQ. Brightwater",
        "phones": "(602) 555-0199",
        "emails": "Quillonia.Canary@example.org",
        "handles": "@quill_bw",
        "addresses": f"{CANARY_ADDRESS}, Phoenix, AZ 85004",
    }
    data.update(overrides)
    return data


def submit_canary_report(personas: Any, **overrides: Any) -> Report:
    return filed_by_reporter(personas, **overrides)


def test_manager_adds_a_worker_and_the_list_shows_no_name(personas):
    client = signed_in(personas.manager)
    response = client.post("/protected-people/new/", worker_form())
    assert response.status_code == 302
    person = ProtectedPerson.objects.get()
    assert person.office == personas.office
    assert person.phones == ["+16025550199"]
    assert person.emails == ["quillonia.canary@example.org"]
    assert person.handles == ["quill_bw"]
    listing = client.get("/protected-people/").content.decode()
    assert person.public_code in listing
    assert not canaries_in(listing)
    assert "Quill" not in listing
    event = AuditEvent.objects.get(action="privacy.protected_person.created")
    assert event.object_id == person.public_code
    assert not canaries_in(str(event.payload))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phones", "call me maybe", "is not a phone number"),
        ("addresses", "Palm Lane, Phoenix", "is not a street address"),
        ("addresses", "1418 W Palm Ln, Phoenix, AZ 8500", "is not a ZIP code"),
        ("emails", "quill at example", "is not an email address"),
        ("full_name", "12345", "is not a name"),
        ("handles", "quill\u202ebw", "holds a character that cannot be shown"),
        ("addresses", "1418 W Palm\u200b Ln, Phoenix, AZ 85004", "holds a character that cannot be shown"),
    ],
)
def test_malformed_identifiers_are_refused_with_the_field_named_and_nothing_written(personas, field, value, message):
    before = (ProtectedPerson.objects.count(), AuditEvent.objects.count())
    response = signed_in(personas.manager).post("/protected-people/new/", worker_form(**{field: value}))
    assert response.status_code == 422
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert (ProtectedPerson.objects.count(), AuditEvent.objects.count()) == before


def test_a_family_member_needs_a_worker_of_the_same_office(personas):
    other = signed_in(personas.outsider)
    other.post("/protected-people/new/", worker_form(full_name="Pima Worker"))
    pima_worker = ProtectedPerson.objects.get()
    response = signed_in(personas.manager).post(
        "/protected-people/new/",
        {"kind": "family", "relationship": "child", "worker": pima_worker.public_code, "full_name": CANARY_CHILD},
    )
    assert response.status_code == 422
    assert "no worker" in " ".join(response.context["form"].errors["worker"])
    assert ProtectedPerson.objects.count() == 1


def test_opening_a_record_asks_why_and_audits_the_reason(personas):
    worker, _child = protect_canaries(personas)
    client = signed_in(personas.manager)
    ask = client.get(f"/protected-people/{worker.public_code}/")
    assert ask.status_code == 200
    assert not canaries_in(ask.content)
    too_short = client.post(f"/protected-people/{worker.public_code}/", {"reason": "why"})
    assert too_short.status_code == 422
    assert not AuditEvent.objects.filter(action="privacy.protected_person.viewed").exists()
    opened = client.post(f"/protected-people/{worker.public_code}/", {"reason": "Checking her phone before a call to police"})
    assert opened.status_code == 200
    assert CANARY_WORKER in opened.content.decode()
    event = AuditEvent.objects.get(action="privacy.protected_person.viewed")
    assert (event.actor, event.object_id) == (personas.manager, worker.public_code)
    assert event.reason == "Checking her phone before a call to police"


@pytest.mark.parametrize("persona", ["outsider", "coordinator", "analyst", "liaison", "reporter"])
def test_anyone_but_the_office_manager_and_admins_gets_404(personas, persona):
    worker, _child = protect_canaries(personas)
    client = signed_in(getattr(personas, persona))
    for response in (
        client.get(f"/protected-people/{worker.public_code}/"),
        client.post(f"/protected-people/{worker.public_code}/", {"reason": "I would like to see this record"}),
        client.post(f"/protected-people/{worker.public_code}/edit/", worker_form(full_name="Changed Name")),
        client.post(f"/protected-people/{worker.public_code}/erase/", {"reason": "I would like to erase this record"}),
    ):
        assert response.status_code in (404, 405)
        assert not canaries_in(response.content)
    assert ProtectedPerson.objects.count() == 2
    looked = AuditEvent.objects.filter(action__in=["privacy.protected_person.viewed", "privacy.protected_person.erased"])
    assert not looked.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite looks up a code holding a NUL and finds nothing")
def test_a_code_holding_a_nul_is_not_found(personas):
    """PostgreSQL refuses a NUL in a query: such a code is not found before it gets there."""
    client = signed_in(personas.manager)
    for response in (
        client.get("/protected-people/%00/"),
        client.get("/protected-people/P-%00/erase/"),
        client.post("/protected-people/P-%00/edit/", worker_form()),
    ):
        assert response.status_code == 404


def test_admin_may_open_any_office_record(personas):
    worker, _child = protect_canaries(personas)
    reason = {"reason": "Support request from the office"}
    response = signed_in(personas.admin).post(f"/protected-people/{worker.public_code}/", reason)
    assert response.status_code == 200
    assert CANARY_WORKER in response.content.decode()


def test_adding_a_person_redacts_the_reports_already_filed(personas):
    report = submit_canary_report(personas)
    assert "Quillonia" in Report.objects.get(pk=report.pk).message_text_redacted  # not yet known: a plain surname
    protect_canaries(personas)
    stored = Report.objects.get(pk=report.pk)
    assert stored.message_text_redacted == "We know [WORKER-1] lives at [WORKER-1 ADDRESS]. Tell [FAMILY-1] to watch out."
    assert stored.redaction_state == "done"
    assert {m["person"] for m in stored.protected_mentions} == set(ProtectedPerson.objects.values_list("public_code", flat=True))


def test_changing_a_record_redoes_the_copies(personas):
    worker, _child = protect_canaries(personas)
    report = submit_canary_report(personas)
    client = signed_in(personas.manager)
    moved = worker_form(addresses="77 Other Road, Mesa, AZ 85201")
    response = client.post(f"/protected-people/{worker.public_code}/edit/", moved)
    assert response.status_code == 302
    stored = Report.objects.get(pk=report.pk)
    # No longer her address, but still a street address: redacted as anyone's.
    assert "[ADDRESS]" in stored.message_text_redacted
    assert CANARY_ADDRESS not in stored.message_text_redacted
    assert AuditEvent.objects.filter(action="privacy.protected_person.updated", object_id=worker.public_code).exists()


def test_an_erasure_request_takes_the_worker_out_of_the_original_words(personas):
    worker, child = protect_canaries(personas)
    report = submit_canary_report(
        personas,
        platform=f"Facebook Messenger, to {CANARY_WORKER}",
        sender={"name": "", "description": f"Said he used to date {CANARY_WORKER} and knows her schedule."},
    )
    client = signed_in(personas.manager)
    client.post(f"/protected-people/{worker.public_code}/", {"reason": f"Call {CANARY_WORKER} back about her address"})
    assert client.get(f"/protected-people/{worker.public_code}/erase/").status_code == 200
    response = client.post(f"/protected-people/{worker.public_code}/erase/", {"reason": "The worker asked to be erased"})
    assert response.status_code == 302
    assert not ProtectedPerson.objects.exists()  # her son's record goes with hers
    stored = Report.objects.get(pk=report.pk)
    for text in (stored.narrative, stored.message_text, stored.sender_description, stored.platform):
        assert CANARY_WORKER not in text and CANARY_CHILD not in text and CANARY_ADDRESS not in text
    assert "[ERASED]" in stored.narrative
    erased = AuditEvent.objects.filter(action="privacy.protected_person.erased")
    assert set(erased.values_list("object_id", flat=True)) == {worker.public_code, child.public_code}
    # Reasons typed earlier about her record (they may name her) are gone; the chain still holds.
    earlier = AuditEvent.objects.filter(object_id=worker.public_code).exclude(action="privacy.protected_person.erased")
    assert all(e.reason == "" for e in earlier)
    assert verify_chain()[1] == []


@pytest.mark.parametrize("page", ["", "erase/"], ids=["open", "erase"])
def test_a_reason_too_short_once_its_spaces_are_collapsed_is_refused_with_the_field_named(personas, page):
    """A reason is stored with its runs of spaces collapsed, so its length is counted that way:
    "ab        cd" is 12 characters as typed and 5 as stored."""
    worker, _child = protect_canaries(personas)
    before = (ProtectedPerson.objects.count(), AuditEvent.objects.count())
    response = signed_in(personas.manager).post(f"/protected-people/{worker.public_code}/{page}", {"reason": "ab        cd"})
    assert response.status_code == 422
    assert "at least 10 characters" in " ".join(response.context["form"].errors["reason"])
    assert (ProtectedPerson.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("page", ["", "erase/"], ids=["open", "erase"])
def test_a_reason_that_shows_nothing_is_refused_as_none(personas, page):
    worker, _child = protect_canaries(personas)
    before = (ProtectedPerson.objects.count(), AuditEvent.objects.count())
    response = signed_in(personas.manager).post(f"/protected-people/{worker.public_code}/{page}", {"reason": "\u200b\u2060" * 8})
    assert response.status_code == 422
    assert response.context["form"].errors["reason"] == ["This field is required."]
    assert (ProtectedPerson.objects.count(), AuditEvent.objects.count()) == before


def test_a_reason_is_stored_with_its_spaces_collapsed(personas):
    worker, _child = protect_canaries(personas)
    reason = "  Checking   her phone\n\nbefore a call  "
    response = signed_in(personas.manager).post(f"/protected-people/{worker.public_code}/", {"reason": reason})
    assert response.status_code == 200
    assert AuditEvent.objects.get(action="privacy.protected_person.viewed").reason == "Checking her phone before a call"


def another_worker(personas):
    return protected_person_create(
        actor=personas.manager, office=personas.office, data=ProtectedPersonIn(kind="worker", full_name="Oswin Tallgrass")
    )


def test_a_worker_with_family_cannot_become_a_family_member(personas):
    """Her son would then be a family member's family, and erasing the worker she joined would
    delete his record without erasing him."""
    worker, child = protect_canaries(personas)
    other = another_worker(personas)
    before = AuditEvent.objects.count()
    spouse = {"kind": "family", "relationship": "spouse", "worker": other.public_code, "full_name": CANARY_WORKER}
    response = signed_in(personas.manager).post(f"/protected-people/{worker.public_code}/edit/", spouse)
    assert response.status_code == 422
    refused = " ".join(response.context["form"].errors["kind"])
    assert f"has family members of their own ({child.public_code})" in refused
    stored = ProtectedPerson.objects.get(pk=worker.pk)
    assert (stored.kind, stored.worker_id) == ("worker", None)
    assert AuditEvent.objects.count() == before


def test_an_erasure_that_would_delete_someone_without_erasing_them_is_refused(personas):
    """Records stored before a worker with family was kept from becoming a family member may
    still chain so; erasing the top worker then must not delete the son by cascade."""
    worker, child = protect_canaries(personas)
    other = another_worker(personas)
    ProtectedPerson.objects.filter(pk=worker.pk).update(kind="family", relationship="spouse", worker=other)
    report = submit_canary_report(personas)
    before = (ProtectedPerson.objects.count(), AuditEvent.objects.count(), Report.objects.get(pk=report.pk).narrative)
    with pytest.raises(ProtectedPersonError, match=f"would delete {child.public_code} without erasing them"):
        protected_person_erase(actor=personas.manager, person=other, reason="He asked to be erased")
    response = signed_in(personas.manager).post(
        f"/protected-people/{other.public_code}/erase/", {"reason": "He asked to be erased"}
    )
    assert response.status_code == 422
    assert f"would delete {child.public_code} without erasing them" in response.content.decode()
    after = (ProtectedPerson.objects.count(), AuditEvent.objects.count(), Report.objects.get(pk=report.pk).narrative)
    assert after == before
