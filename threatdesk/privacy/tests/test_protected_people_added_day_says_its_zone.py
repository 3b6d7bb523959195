"""The "Added" day on /protected-people/ is UTC's day, and the page says so, as every other time
stamp on the site does: a Maricopa manager who adds a worker at 18:30 on 6 November sees
2024-11-07, and must be able to tell why."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from threatdesk.privacy.models import ProtectedPerson
from threatdesk.testing.clients import signed_in
from threatdesk.testing.planting import protect_canaries

pytestmark = pytest.mark.django_db

EVENING = dt.datetime(2024, 11, 6, 18, 30, tzinfo=ZoneInfo("America/Phoenix"))


def test_a_worker_added_in_the_evening_shows_the_utc_day_and_says_so(personas):
    worker, child = protect_canaries(personas)
    ProtectedPerson.objects.filter(pk__in=[worker.pk, child.pk]).update(created_at=EVENING)
    page = signed_in(personas.manager).get("/protected-people/").content.decode()
    shown = re.findall(r'data-label="Added \(UTC\)">([^<]*)<', page)
    assert shown == ["2024-11-07", "2024-11-07"], page
    assert '<th scope="col">Added (UTC)</th>' in page
