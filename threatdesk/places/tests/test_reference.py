"""States and counties are read once per process, and read again once they change."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from threatdesk.places import reference
from threatdesk.places.models import County, State
from threatdesk.places.reference import REFERENCE, ReferenceCache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    """Each test starts and ends with no copy: the edits below roll back, the copy would not."""
    reference.forget()
    yield
    reference.forget()


def test_second_lookup_asks_the_database_nothing(django_assert_num_queries):
    arizona = REFERENCE.state("az")
    assert arizona is not None and arizona.name == "Arizona"
    assert REFERENCE.county(arizona, "Maricopa County") is not None
    with django_assert_num_queries(0):
        assert REFERENCE.state("AZ") == arizona
        for written in ("Maricopa", "maricopa county", "04013", " Maricopa  County "):
            county = REFERENCE.county(arizona, written)
            assert county is not None and county.fips == "04013"
        assert REFERENCE.county(arizona, "Cook") is None


def test_a_renamed_county_is_found_by_its_new_name():
    arizona = State.objects.get(code="AZ")
    assert REFERENCE.county(arizona, "Yuma") is not None
    yuma = County.objects.get(fips="04027")
    yuma.name = "Yuma Renamed County"
    yuma.save()
    assert REFERENCE.county(arizona, "Yuma") is None
    found = REFERENCE.county(arizona, "Yuma Renamed")
    assert found is not None and found.pk == yuma.pk


def test_an_old_copy_is_read_again(monkeypatch):
    arizona = REFERENCE.state("AZ")
    assert arizona is not None
    State.objects.filter(code="AZ").update(name="Arizona (edited elsewhere)")  # no signal, as in another process
    assert REFERENCE.state("AZ").name == "Arizona"
    later = time.monotonic() + reference.MAX_AGE_SECONDS + 1
    monkeypatch.setattr(reference.time, "monotonic", lambda: later)
    assert REFERENCE.state("AZ").name == "Arizona (edited elsewhere)"


def test_a_loaded_copy_answers_without_the_database(django_assert_num_queries):
    copy = ReferenceCache.loaded()
    with django_assert_num_queries(0):
        arizona = copy.state("AZ")
        assert arizona is not None
        county = copy.county(arizona, "Maricopa")
        assert county is not None and county.fips == "04013"
        assert copy.county(arizona, "Maricopa") is county
