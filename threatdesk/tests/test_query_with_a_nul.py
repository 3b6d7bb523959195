"""A query string holding a NUL is refused with a 400 before any page or API operation reads it:
PostgreSQL cannot take a NUL in a query, and a page filtering on a parameter as given (an admin
list, on any field) would answer 500."""

from __future__ import annotations

import pytest
from django.test import Client

from threatdesk.accounts.services import token_create
from threatdesk.testing.clients import signed_in
from threatdesk.testing.personas import Personas

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/admin/places/office/", "/admin/places/agency/"])
def test_an_admin_list_filtered_on_a_nul_is_400(personas: Personas, url: str) -> None:
    assert signed_in(personas.admin).get(url, {"public_code": "\x00"}).status_code == 400


def test_a_page_is_400_for_a_nul_in_a_parameter_name_as_in_a_value(personas: Personas) -> None:
    client = signed_in(personas.manager)
    assert client.get("/reports/", {"state": "A\x00"}).status_code == 400
    assert client.get("/reports/", {"sta\x00te": "AZ"}).status_code == 400


def test_the_api_answers_with_its_json_error_naming_the_parameter_even_one_it_does_not_take(personas: Personas) -> None:
    token = token_create(actor=None, user=personas.manager, name="test")
    response = Client().get("/api/reports", {"limit": "10", "anything": "A\x00"}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 400
    assert response.json() == {"errors": [{"field": "anything", "message": "must not contain NUL characters"}]}


def test_an_escaped_nul_typed_as_text_is_answered_as_before(personas: Personas) -> None:
    assert signed_in(personas.admin).get("/admin/places/office/", {"q": "%00"}).status_code == 200
