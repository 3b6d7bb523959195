"""The anchor `verify_audit` prints vouches only for an event its check walked.

The site goes on writing while the command runs. An anchor read afresh once the walk is over
could be an event N+1 that no check has seen, printed after "intact: N events"; kept outside the
database as proof of a sound trail, it would pin whatever was written there, checked or not. So
the anchor is the last event the walk itself checked.
"""

from __future__ import annotations

import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from threatdesk.audit import services as audit
from threatdesk.audit.management.commands import verify_audit

pytestmark = pytest.mark.django_db


def test_the_printed_anchor_is_no_newer_than_the_last_event_checked(monkeypatch):
    audit.log("tests.before", actor=None, payload={})
    real = verify_audit.check_chain

    def walked_then_the_site_writes(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        audit.log("tests.meanwhile", actor=None, payload={})  # a filing, say, once the walk is done
        return result

    monkeypatch.setattr(verify_audit, "check_chain", walked_then_the_site_writes)
    out = StringIO()
    call_command("verify_audit", stdout=out)
    checked = int(re.search(r"intact: (\d+) events", out.getvalue()).group(1))
    anchored = int(re.search(r"^anchor: (\d+):", out.getvalue(), re.MULTILINE).group(1))
    assert anchored <= checked, out.getvalue()
