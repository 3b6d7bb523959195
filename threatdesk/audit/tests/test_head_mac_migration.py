"""The migration that gives the audit head its MAC works on a fresh database (it creates the head,
so a missing one means from then on that it was deleted) and on one with a trail."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from threatdesk.audit import services as audit
from threatdesk.audit.models import AuditEvent, AuditHead
from threatdesk.audit.selectors import verify_chain

pytestmark = pytest.mark.django_db

migration = importlib.import_module("threatdesk.audit.migrations.0006_head_mac")


@pytest.fixture(autouse=True)
def _empty_trail() -> None:
    AuditEvent.objects.all().delete()
    AuditHead.objects.all().delete()


def test_a_fresh_database_gets_a_head_at_the_start() -> None:
    migration.add_head_mac(apps, None)
    head = AuditHead.objects.get()
    assert (head.seq, head.hash, head.mac) == (0, audit.GENESIS, audit.head_mac(0, audit.GENESIS))
    assert verify_chain() == (0, [])


def test_an_existing_head_gets_the_mac_of_what_it_holds() -> None:
    audit.log("tests.step", actor=None)
    AuditHead.objects.update(mac="")  # as the column is added
    migration.add_head_mac(apps, None)
    assert verify_chain() == (1, [])


def test_a_head_that_did_not_match_still_fails_afterwards() -> None:
    audit.log("tests.step.1", actor=None)
    audit.log("tests.step.2", actor=None)
    AuditEvent.objects.filter(seq=2).delete()
    AuditHead.objects.update(mac="")
    migration.add_head_mac(apps, None)
    assert [(p.seq, p.problem) for p in verify_chain()[1]] == [(2, "the newest events were removed (head does not match)")]
