"""Sealing a row's encrypted columns apart from the database: what is stored, inserted as it is,
reads back exactly as a value the field sealed itself."""

from __future__ import annotations

import pytest
from django.db import connection

from threatdesk.lib.bulkinsert import BulkInserter
from threatdesk.privacy.fields import encrypted_columns, sealed_apart
from threatdesk.privacy.models import ProtectedPerson
from threatdesk.testing.payloads import CANARY_ADDRESS, CANARY_PHONE, CANARY_WORKER

pytestmark = pytest.mark.django_db

COLUMNS = {"full_name", "aliases", "phones", "emails", "handles", "addresses"}


def test_every_encrypted_column_is_sealed_and_the_clear_ones_are_left_alone():
    clear, sealed = sealed_apart(ProtectedPerson, {"kind": "worker", "full_name": CANARY_WORKER, "phones": [CANARY_PHONE]})
    assert encrypted_columns(ProtectedPerson) == COLUMNS
    assert clear == {"kind": "worker"}
    assert set(sealed) == COLUMNS  # the columns not given take their default, sealed
    assert all(value.startswith("td1:") and CANARY_WORKER not in value for value in sealed.values())


def test_sealed_columns_inserted_as_they_are_read_back_as_the_values(personas):
    values = {"office_id": personas.office.pk, "kind": "worker", "full_name": CANARY_WORKER, "addresses": [CANARY_ADDRESS]}
    clear, sealed = sealed_apart(ProtectedPerson, values)
    partial = {name: sealed[name] for name in ("full_name", "addresses")}  # the others take their defaults
    BulkInserter(ProtectedPerson, ready=encrypted_columns(ProtectedPerson)).insert([{**clear, **partial}])
    person = ProtectedPerson.objects.get()
    assert (person.full_name, person.addresses, person.phones, person.aliases) == (CANARY_WORKER, [CANARY_ADDRESS], [], [])
    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name, phones FROM privacy_protectedperson")
        stored_name, stored_phones = cursor.fetchone()
    assert stored_name == sealed["full_name"]  # not sealed a second time
    assert stored_phones.startswith("td1:")  # a default is sealed too
