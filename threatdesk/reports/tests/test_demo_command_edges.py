"""`manage.py demo` edge cases an operator meets.

1. `demo --reset-passwords` on a database without the demo must say there is nothing to reset,
   not build the whole demo (2000 synthetic reports, six users, an API token).
2. `demo --if-empty` is what `make run` uses so that it can be run again. Two at once (two
   terminals, two containers starting from one volume) both find no demo, since the check is made
   before the build's transaction; the build checks again inside it, so the second says the demo
   exists rather than failing on the first's usernames. Here the race is made by the check
   answering as it did before the other run committed.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from threatdesk.accounts.models import User
from threatdesk.reports.demo import DEMO_USERNAMES
from threatdesk.reports.management.commands import demo as demo_command
from threatdesk.reports.models import Report
from threatdesk.reports.taxonomy import Source

pytestmark = pytest.mark.django_db

SMALL = ("--reports", "20", "--seed", "7")


def test_resetting_passwords_without_a_demo_builds_no_demo() -> None:
    with pytest.raises(CommandError, match="no demo passwords to reset"):
        call_command("demo", "--reset-passwords", *SMALL, stdout=StringIO())
    assert not Report.objects.filter(source=Source.DEMO).exists()
    assert not User.objects.filter(username__in=DEMO_USERNAMES).exists()


def test_if_empty_run_that_loses_the_race_to_another_says_the_demo_exists(monkeypatch: Any) -> None:
    call_command("demo", *SMALL, stdout=StringIO())  # the other run, committed first
    real = demo_command.demo_exists
    calls = []

    def checked_before_the_other_committed() -> bool:
        """The first check saw no demo (the other run had not committed); later ones see it."""
        calls.append(1)
        return False if len(calls) == 1 else real()

    monkeypatch.setattr(demo_command, "demo_exists", checked_before_the_other_committed)
    out = StringIO()
    call_command("demo", "--if-empty", *SMALL, stdout=out)
    assert "demo data already exists" in out.getvalue()
    assert Report.objects.filter(source=Source.DEMO).count() == 20
