"""`manage.py demo [--reports N] [--seed S] [--if-empty] [--reset-passwords]`: a synthetic demo.

Loads the agency directory, creates election offices and sheriffs for a few dozen counties in
twelve states, one user per role, and invented reports marked synthetic. Passwords and the
reporter's API token are printed once; only their hashes are stored.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from threatdesk.lib.commands import OperatorCommand
from threatdesk.reports.demo import (
    DEFAULT_SEED,
    Credential,
    DemoExistsError,
    DemoResult,
    demo_build,
    demo_exists,
    demo_passwords_reset,
)
from threatdesk.reports.models import Report
from threatdesk.reports.taxonomy import Source


class Command(OperatorCommand):
    help = "Fill an empty database with synthetic demo data and print one sign-in per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reports", type=int, default=2000, help="How many synthetic reports (default 2000).")
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Random seed (default {DEFAULT_SEED}); the same seed gives the same reports.",
        )
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if demo data already exists.")
        parser.add_argument("--reset-passwords", action="store_true", help="Give the demo users new passwords and print them.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION and not settings.DEMO_MODE:
            raise CommandError("refusing to add demo users and synthetic reports in production; DEMO_MODE=true allows it")
        count: int = options["reports"]
        if not 1 <= count <= 100_000:
            raise CommandError("--reports must be between 1 and 100000")
        if demo_exists():
            self._existing(reset=options["reset_passwords"], quiet=options["if_empty"])
            return
        if options["reset_passwords"]:
            raise CommandError("no demo here, so no demo passwords to reset; manage.py demo builds one")
        started = time.monotonic()
        try:
            result = demo_build(count=count, seed=options["seed"])
        except DemoExistsError:  # another run built it meanwhile
            self._existing(reset=False, quiet=options["if_empty"])
            return
        self._summary(result, time.monotonic() - started)
        self._credentials(result.credentials)
        self._token(result.token)

    def _existing(self, *, reset: bool, quiet: bool) -> None:
        if reset:
            self._credentials(demo_passwords_reset())
            return
        reports = Report.objects.filter(source=Source.DEMO).count()
        note = (
            f"demo data already exists ({reports} synthetic reports); nothing to do. "
            "New passwords: manage.py demo --reset-passwords"
        )
        if quiet:
            self.stdout.write(note)
            return
        raise CommandError(note)

    def _summary(self, result: DemoResult, seconds: float) -> None:
        cycles = ", ".join(f"{label}: {n}" for label, n in result.by_cycle.items())
        campaigns = ", ".join(f"{name.replace('_', ' ')}: {n}" for name, n in result.campaigns.items()) or "none"
        agencies = result.agencies
        done = f"Demo built in {seconds:.1f}s. Every report is synthetic; no real person or threat."
        self.stdout.write(self.style.SUCCESS(done))
        self.stdout.write(f"  agencies  {agencies.total} in the directory ({agencies.created} new), a sheriff per demo county")
        self.stdout.write(f"  offices   {result.offices} county election offices in {result.states} states")
        self.stdout.write(f"  reports   {result.reports} ({cycles})")
        self.stdout.write(f"  campaigns {campaigns}")
        self.stdout.write(f"  filed by demo-reporter: {result.reporter_reports}")
        self.stdout.write(f"  triaged by demo-manager: {result.triaged}")
        self.stdout.write(
            f"  referred to law enforcement (demo-liaison sees them): {result.referred}, with {result.steps} steps recorded"
        )

    def _credentials(self, credentials: list[Credential]) -> None:
        if not credentials:
            self.stdout.write("no demo users found; nothing to reset")
            return
        self.stdout.write("")
        self.stdout.write(self.style.WARNING("Demo sign-ins at /account/login/. Passwords are shown only now; copy them."))
        rows = [("ROLE", "USERNAME", "PASSWORD", "WHAT TO OPEN")]
        rows += [(c.role, c.username, c.password, c.hint) for c in credentials]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
            self.stdout.write("  " + "  ".join([*cells, row[3]]))
        self.stdout.write("Lost them? manage.py demo --reset-passwords prints new ones.")

    def _token(self, token: str) -> None:
        self.stdout.write("")
        self.stdout.write(f"API token for demo-reporter (shown once): {token}")
        self.stdout.write(f'  curl -H "Authorization: Bearer {token}" {settings.SITE_URL}/api/reports')
