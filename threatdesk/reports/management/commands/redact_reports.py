"""Make the redacted copy of every report again, state by state (after an upgrade of the
redactor, say). Safe to run at any time: it only rewrites derived copies, and the levels and
indicators assessed from them. Each state is one transaction with its own audit event, counts
only, so a run stopped between two states leaves in the trail exactly the states it redid."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django.db import transaction

from threatdesk.audit import services as audit
from threatdesk.lib.commands import OperatorCommand
from threatdesk.places.models import State
from threatdesk.reports.redaction import redo_state


class Command(OperatorCommand):
    help = "Redo the redacted copies of reports (all states, or one with --state)."
    busy_outcome = "the states already redone (in the audit trail) are saved; run it again to redo all"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--state", default="", help="Two-letter state code; every state when left out.")

    def handle(self, *args: Any, state: str, **options: Any) -> None:
        states = State.objects.order_by("code")
        if state:
            states = states.filter(code=state.upper())
            if not states.exists():
                raise CommandError(f"no state {state!r}")
        total = 0
        for item in states.filter(reports__isnull=False).distinct():
            done = _redo(item)
            total += done
            self.stdout.write(f"{item.code}: {done} report(s) redacted again") if options["verbosity"] > 1 else None
        self.stdout.write(f"{total} report(s) redacted again")


@transaction.atomic
def _redo(state: State) -> int:
    """One state's copies made again, and the event that says so, together: the rewrite changes
    what readers see and may change levels, so the trail must show each state it reached."""
    done = redo_state(state.pk)
    audit.log("reports.copies.redone", actor=None, payload={"state": state.code, "reports": done})
    return done
