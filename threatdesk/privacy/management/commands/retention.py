"""Apply the retention policy: `manage.py retention --dry-run` first, then without it."""

from __future__ import annotations

from typing import Any

from threatdesk.lib.commands import OperatorCommand
from threatdesk.privacy.services import retention_run


class Command(OperatorCommand):
    help = "Erase personal data that the retention policy (RETENTION_*_YEARS) no longer allows keeping."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count what would be erased; change nothing.")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        lines = retention_run(actor=None, dry_run=dry_run)
        verb = "would erase" if dry_run else "erased"
        for line in lines:
            self.stdout.write(
                f"{line.label}: {verb} {line.records} record(s) "
                f"(closed and unchanged since {line.cutoff:%Y-%m-%d}; policy {line.years:g} years)"
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was changed. Run again without --dry-run to erase.")
