"""The chain hashes who acted, so an account that appears in the trail cannot be deleted (which
would empty its events' actor and so break the chain, and unname the filer on report pages); it
can be deactivated, which keeps both."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError
from django.test import Client

from threatdesk.audit.selectors import verify_chain
from threatdesk.reports.selectors import FILER_LABEL, report_timeline
from threatdesk.testing.planting import filed_by_reporter

pytestmark = pytest.mark.django_db


def test_an_account_that_acted_cannot_be_deleted_and_the_chain_stays_whole(personas):
    report = filed_by_reporter(personas)
    with pytest.raises(ProtectedError):
        personas.reporter.delete()
    assert verify_chain()[1] == []
    assert FILER_LABEL in {step.actor for step in report_timeline(personas.analyst, report)}


def test_the_admin_refuses_to_delete_it_and_names_why(personas):
    filed_by_reporter(personas)
    admin = Client()
    admin.force_login(personas.admin)
    page = admin.post(f"/admin/accounts/user/{personas.reporter.pk}/delete/", {"post": "yes"})
    assert page.status_code == 200
    assert "protected" in page.content.decode().lower()
    assert type(personas.reporter).objects.filter(pk=personas.reporter.pk).exists()


def test_an_account_that_acted_can_be_deactivated(personas):
    filed_by_reporter(personas)
    personas.reporter.is_active = False
    personas.reporter.save(update_fields=["is_active"])
    assert verify_chain()[1] == []
