"""`manage.py import_reports FILE [--format csv|jsonl] [--dry-run] [--workers N]`: bulk import, all or nothing.

Every row is checked before any is stored; a file with a single bad row stores nothing and the
command exits non-zero, listing the problems by line and column (docs/import.md). A large file
is checked and prepared in N worker processes, one per CPU unless told.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import CommandError, CommandParser, OutputWrapper
from tqdm import tqdm

from threatdesk.lib.commands import OperatorCommand, input_file
from threatdesk.privacy.selectors import people_stamp
from threatdesk.reports import importer, workers
from threatdesk.reports.services import FieldError

MAX_ERRORS_SHOWN = 50


class _BarStream:
    """Lets tqdm draw on the command's stderr (which would add a newline to every write)."""

    def __init__(self, out: OutputWrapper) -> None:
        self._out = out

    def write(self, text: str) -> None:
        self._out.write(text, style_func=lambda s: s, ending="")

    def flush(self) -> None:
        self._out.flush()

    def isatty(self) -> bool:
        return self._out.isatty()


def _worker_count(text: str) -> int:
    count = int(text)
    if count < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return count


class Command(OperatorCommand):
    help = "Import reports from a CSV or JSON-lines file; nothing is stored unless every row is valid."
    busy_outcome = "nothing was imported; run it again once the other has finished"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="A .csv, .jsonl or .ndjson file (UTF-8).")
        parser.add_argument("--format", choices=importer.FORMATS, help="Override the format the file name implies.")
        parser.add_argument("--dry-run", action="store_true", help="Check everything, store nothing.")
        parser.add_argument(
            "--workers",
            type=_worker_count,
            default=workers.default_count(),
            help=f"Processes that check and prepare the rows of a file of over {importer.POOL_MIN_ROWS} rows "
            f"(default: one per CPU, at most {workers.MAX_WORKERS}); 1 does everything in this process.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = input_file(options["file"])
        try:
            fmt = importer.detect_format(path, options["format"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        try:
            if options["dry_run"]:
                checked = self._check(path, fmt, worker_count=options["workers"], draft=False)
                self.stdout.write(f"dry run: all {checked.row_count} reports in {path.name} are valid; nothing was stored")
                return
            count = self._import(path, fmt, worker_count=options["workers"])
        except BrokenProcessPool as exc:
            raise CommandError(
                f"{path.name}: a worker process stopped before it finished (out of memory?); nothing was imported. "
                "Try again with fewer --workers."
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"imported {count} reports from {path.name}"))

    def _import(self, path: Path, fmt: str, *, worker_count: int) -> int:
        try:
            people_seen = people_stamp()  # before drafting: a change after it is caught when saving
            drafts = self._check(path, fmt, worker_count=worker_count, draft=True).drafts
            with self._bar(total=len(drafts), unit="report", desc="saving") as bar:
                return importer.save_reports(drafts, people_seen=people_seen, progress=bar.update)
        except importer.ImportFailedError as exc:
            self._fail(path, exc.errors)

    def _check(self, path: Path, fmt: str, *, worker_count: int, draft: bool) -> importer.Checked:
        with self._bar(total=path.stat().st_size, unit="B", unit_scale=True, desc="checking") as bar:
            checked = importer.read_reports(path, fmt, draft=draft, workers=worker_count, progress=bar.update)
        if checked.errors:
            self._fail(path, checked.errors)
        return checked

    def _bar(self, **kwargs: Any) -> tqdm[Any]:
        return tqdm(file=_BarStream(self.stderr), disable=None, leave=False, **kwargs)

    def _fail(self, path: Path, errors: Sequence[FieldError]) -> NoReturn:
        for error in errors[:MAX_ERRORS_SHOWN]:
            self.stderr.write(str(error))
        if len(errors) > MAX_ERRORS_SHOWN:
            self.stderr.write(f"... and {len(errors) - MAX_ERRORS_SHOWN} more problem(s) not shown")
        raise CommandError(f"{path.name}: {len(errors)} problem(s); nothing was imported")
