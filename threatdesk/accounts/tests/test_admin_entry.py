"""Who reaches `/admin/`: administrators do, signed-out visitors are sent to sign in, and every
other signed-in user is told there is nothing there, in one step rather than a loop of redirects."""

from __future__ import annotations

import pytest
from django.test import Client

from threatdesk.testing.personas import Personas

pytestmark = pytest.mark.django_db

NOT_ADMINS = ("reporter", "manager", "liaison", "coordinator", "analyst")


@pytest.mark.parametrize("who", NOT_ADMINS)
def test_a_signed_in_user_who_is_not_an_administrator_gets_the_not_found_page(personas: Personas, who: str) -> None:
    client = Client()
    client.force_login(getattr(personas, who))
    page = client.get("/admin/", follow=True)
    assert page.status_code == 404
    assert len(page.redirect_chain) <= 1
    assert "There is nothing here" in page.content.decode()
    assert client.get("/admin/login/?next=/admin/").status_code == 404


def test_a_signed_out_visitor_is_sent_to_the_sites_sign_in(personas: Personas) -> None:
    page = Client().get("/admin/", follow=True)
    assert page.status_code == 200
    assert page.redirect_chain[-1][0] == "/account/login/?next=%2Fadmin%2F"


def test_an_administrator_reaches_the_admin(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/")["Location"] == "/admin/"


def test_the_menu_leads_administrators_and_only_them_to_the_admin(personas: Personas) -> None:
    admin, manager = Client(), Client()
    admin.force_login(personas.admin)
    manager.force_login(personas.manager)
    assert '<a href="/admin/">Admin</a>' in admin.get("/reports/").content.decode()
    assert 'href="/admin/"' not in manager.get("/reports/").content.decode()
