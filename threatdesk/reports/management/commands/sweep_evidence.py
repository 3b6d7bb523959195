"""`manage.py sweep_evidence`: delete the sealed files no evidence record names."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import CommandError

from threatdesk.audit import services as audit
from threatdesk.lib.commands import OperatorCommand
from threatdesk.reports import evidence

# A file is written a moment before its row commits; anything younger may still get its row.
MIN_MINUTES = 10
# Ten years: older than any evidence file a sweep may meet, and far from where a date overflows.
MAX_MINUTES = 10 * 366 * 24 * 60


class Command(OperatorCommand):
    help = (
        "Delete sealed evidence files that no evidence record names (left behind by a failure), "
        "once they are older than --minutes. Try --dry-run first."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--minutes",
            type=int,
            default=60,
            help=f"Only files older than this many minutes (default 60, from {MIN_MINUTES} to {MAX_MINUTES}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")

    def handle(self, *args: Any, minutes: int, dry_run: bool, **options: Any) -> None:
        if minutes < MIN_MINUTES:
            raise CommandError(f"--minutes must be at least {MIN_MINUTES}, so that files whose rows are committing are kept")
        if minutes > MAX_MINUTES:
            raise CommandError(f"--minutes must be at most {MAX_MINUTES} (ten years), not {minutes}")
        names = evidence.unnamed_files(timedelta(minutes=minutes))
        if dry_run:
            self.stdout.write(f"would delete {len(names)} sealed file(s) named by no evidence record")
            self.stdout.write("Dry run: nothing was deleted. Run again without --dry-run to delete.")
            return
        for name in names:
            evidence.delete_sealed(name)
        if names:
            audit.log("reports.evidence.swept", actor=None, payload={"files": len(names)})
        self.stdout.write(f"deleted {len(names)} sealed file(s) named by no evidence record")
