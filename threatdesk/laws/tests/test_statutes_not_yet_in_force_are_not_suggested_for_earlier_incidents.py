"""A statute that came into force after the incident is not one that may apply to it: a criminal
law cannot reach conduct before it was enacted (U.S. Const. art. I, sec. 10). A Minnesota threat
against an election official of 5 November 2020 must not be offered Minn. Stat. 211B.076, in
force from 15 June 2023, on the report page or in the case packet; a 2024 one is. A provision
whose data gives only a year counts from that year's first day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from threatdesk.laws import statutes
from threatdesk.reports.selectors import statute_suggestions
from threatdesk.testing.cases import fresh
from threatdesk.testing.planting import filed_by_reporter

pytestmark = pytest.mark.django_db

MN_LAW = "Minn. Stat. 211B.076 (intimidation and interference)"  # effective 2023-06-15


def minnesota_report(personas: Any, day: str) -> Any:
    return filed_by_reporter(
        personas, state="MN", county="27053", occurred_on=day, target_role="county_election_official", channel="phone_call"
    )


def test_a_2024_threat_is_offered_the_2023_law_and_a_2020_one_is_not(personas):
    assert MN_LAW in [s.citation for s in statute_suggestions(fresh(minnesota_report(personas, "2024-11-05")))]
    earlier = [s.citation for s in statute_suggestions(fresh(minnesota_report(personas, "2020-11-05")))]
    assert MN_LAW not in earlier, "a law in force from 2023 suggested for a 2020 incident"
    assert earlier, "the federal provisions in force then are still offered"


@pytest.mark.parametrize(
    ("effective", "day", "later"),
    [
        (dt.date(2023, 6, 15), dt.date(2023, 6, 14), True),
        (dt.date(2023, 6, 15), dt.date(2023, 6, 15), False),
        (2022, dt.date(2021, 12, 31), True),
        (2022, dt.date(2022, 1, 1), False),  # only the year is known: it may already apply
        (None, dt.date(1990, 1, 1), False),
    ],
)
def test_a_provision_is_later_than_a_day_only_where_its_data_says_so_for_sure(effective, day, later):
    provision = next(p for p in statutes.provisions_for("MN") if p.citation == MN_LAW).model_copy(update={"effective": effective})
    assert provision.later_than(day) is later
