"""`manage.py import_reports FILE [--format csv|jsonl] [--dry-run]`: bulk import, all or nothing.

Every row is checked before any is stored; a file with a single bad row stores nothing and the
command exits non-zero, listing the problems by line and column (docs/import.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from tqdm import tqdm

from threatdesk.reports import importer
from threatdesk.reports.services import FieldError, ImportRow

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


class Command(BaseCommand):
    help = "Import reports from a CSV or JSON-lines file; nothing is stored unless every row is valid."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="A .csv, .jsonl or .ndjson file (UTF-8).")
        parser.add_argument("--format", choices=importer.FORMATS, help="Override the format the file name implies.")
        parser.add_argument("--dry-run", action="store_true", help="Check everything, store nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            fmt = importer.detect_format(path, options["format"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        rows = self._check(path, fmt)
        if options["dry_run"]:
            self.stdout.write(f"dry run: all {len(rows)} reports in {path.name} are valid; nothing was stored")
            return
        try:
            with self._bar(total=len(rows), unit="report", desc="saving") as bar:
                count = importer.save_reports(rows, progress=bar.update)
        except importer.ImportFailedError as exc:
            self._fail(path, exc.errors)
        self.stdout.write(self.style.SUCCESS(f"imported {count} reports from {path.name}"))

    def _check(self, path: Path, fmt: str) -> list[ImportRow]:
        with self._bar(total=path.stat().st_size, unit="B", unit_scale=True, desc="validating") as bar:
            checked = importer.read_reports(path, fmt, progress=bar.update)
        if checked.errors:
            self._fail(path, checked.errors)
        return checked.rows

    def _bar(self, **kwargs: Any) -> tqdm[Any]:
        return tqdm(file=_BarStream(self.stderr), disable=None, leave=False, **kwargs)

    def _fail(self, path: Path, errors: Sequence[FieldError]) -> NoReturn:
        for error in errors[:MAX_ERRORS_SHOWN]:
            self.stderr.write(str(error))
        if len(errors) > MAX_ERRORS_SHOWN:
            self.stderr.write(f"... and {len(errors) - MAX_ERRORS_SHOWN} more problem(s) not shown")
        raise CommandError(f"{path.name}: {len(errors)} problem(s); nothing was imported")
