"""Make the redacted copy of every report again, state by state (after an upgrade of the
redactor, say). Safe to run at any time: it only rewrites derived copies, and the levels and
indicators assessed from them. Each run is one audit event, with counts only."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from threatdesk.audit import services as audit
from threatdesk.places.models import State
from threatdesk.reports.redaction import redo_state


class Command(BaseCommand):
    help = "Redo the redacted copies of reports (all states, or one with --state)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--state", default="", help="Two-letter state code; every state when left out.")

    def handle(self, *args: Any, state: str, **options: Any) -> None:
        states = State.objects.order_by("code")
        if state:
            states = states.filter(code=state.upper())
            if not states.exists():
                raise CommandError(f"no state {state!r}")
        total = redone_states = 0
        for item in states.filter(reports__isnull=False).distinct():
            done = redo_state(item.pk)
            total += done
            redone_states += 1
            self.stdout.write(f"{item.code}: {done} report(s) redacted again") if options["verbosity"] > 1 else None
        # The run rewrites what readers see and may change levels: the trail must show it happened.
        audit.log("reports.copies.redone", actor=None, payload={"states": redone_states, "reports": total})
        self.stdout.write(f"{total} report(s) redacted again")
