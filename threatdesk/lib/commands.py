"""What every `manage.py` command of threatdesk shares: refusals an operator can act on, in one line.

An operator runs these by hand or from a timer, often while something else writes. On SQLite a
command that waits more than its busy timeout for the one write lock (held by a large import's
save, or a retention run) gets "database is locked"; that is not a fault, and the operator needs
to be told to run it again, not shown a traceback. A file named on the command line that is
missing, a folder, or unreadable is named as such.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from threatdesk.lib.busy import database_busy

BUSY = "the database is busy with another writer (an import or a retention run, say) and did not let this write in time"


class OperatorCommand(BaseCommand):
    """A command whose wait for the write lock running out ends in one line, `busy_outcome`
    saying what of its work stands (a command that commits as it goes says so)."""

    busy_outcome = "nothing was changed; run it again once the other has finished"

    def execute(self, *args: Any, **options: Any) -> Any:
        try:
            return super().execute(*args, **options)
        except OperationalError as exc:
            if not database_busy(exc):
                raise
            raise CommandError(f"{BUSY}: {self.busy_outcome}") from exc


def input_file(path: Path) -> Path:
    """`path` if it is a file this process can read, else a CommandError naming what it is."""
    if path.is_dir():
        raise CommandError(f"{path}: is a folder, not a file")
    if not path.exists():
        raise CommandError(f"{path}: no such file")
    if not path.is_file():
        raise CommandError(f"{path}: not a regular file")
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    return path
