"""Bulk import of reports from a CSV or JSON-lines file (docs/import.md describes both).

The file is read once, as a stream, and every row is validated against `ReportIn` before
anything is stored: all problems are collected and reported together, and only a file with
none is handed to `services.reports_import`, which stores it all or nothing. Error messages
name the line and the column but never repeat what the cell held, since that may be a
worker's name or a sender's phone number.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import json
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import (
    IMPORT_KEY_PREFIX,
    FieldError,
    ImportRow,
    PlaceDirectory,
    ReportInputError,
    reports_import,
)
from threatdesk.reports.taxonomy import Source

Progress = Callable[[int], None]

FORMATS = ("csv", "jsonl")
EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
LIST_SEPARATOR = ";"
MAX_EXTERNAL_ID = 190  # the stored key is "import:" + id, in a 200-character column

CSV_COLUMNS = (
    "external_id",
    "occurred_on",
    "occurred_time",
    "received_at",
    "state",
    "county",
    "channel",
    "platform",
    "threat_types",
    "target_role",
    "election_phase",
    "message_text",
    "narrative",
    "sender_name",
    "sender_phones",
    "sender_emails",
    "sender_handles",
    "sender_description",
)
REQUIRED_COLUMNS = ("occurred_on", "state", "channel", "threat_types", "target_role", "narrative")
LIST_COLUMNS = frozenset({"threat_types", "sender_phones", "sender_emails", "sender_handles"})

_IDS_PER_QUERY = 900  # under SQLite's smallest limit on query parameters
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_PROGRESS_EVERY = 1000


@dataclass
class Checked:
    """The outcome of the validation pass: rows ready to store, or the reasons they are not."""

    rows: list[ImportRow] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)
    row_count: int = 0


class ImportFailedError(Exception):
    """The file cannot be imported; `errors` say where and why, without repeating any value."""

    def __init__(self, errors: Sequence[FieldError]):
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} problem(s); nothing was imported")


def detect_format(path: Path, requested: str | None = None) -> str:
    """The format asked for, else the one the file name says; ValueError when neither does."""
    if requested:
        if requested not in FORMATS:
            raise ValueError(f"unknown format {requested!r}; use one of {', '.join(FORMATS)}")
        return requested
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot tell the format from {path.suffix or 'no extension'}; name it .csv or .jsonl, or pass --format")
    return fmt


# --- reading lines --------------------------------------------------------------------------


class _Lines:
    """Decoded lines of a file, read lazily, counting bytes and lines that are not UTF-8.

    Bad bytes are replaced so parsing can go on and find the other problems; the first bad line
    becomes one file-level error, since a file in another encoding fails on most of its lines.
    """

    def __init__(self, path: Path, progress: Progress | None) -> None:
        self.path = path
        self.progress = progress
        self.bytes_read = 0
        self.line = 0
        self.bad_lines = 0
        self.first_bad: FieldError | None = None

    def __iter__(self) -> Iterator[str]:
        reported = 0
        with self.path.open("rb") as handle:
            for raw in handle:
                self.line += 1
                text = self._decode(raw)
                self.bytes_read += len(raw)
                if self.progress is not None and self.line % _PROGRESS_EVERY == 0:
                    self.progress(self.bytes_read - reported)
                    reported = self.bytes_read
                yield text.removeprefix("\ufeff") if self.line == 1 else text
        if self.progress is not None:
            self.progress(self.bytes_read - reported)

    def _decode(self, raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.bad_lines += 1
            if self.first_bad is None:
                where = f"byte {exc.start + 1} of the line (byte {self.bytes_read + exc.start} of the file)"
                self.first_bad = FieldError("file", f"not UTF-8 at {where}; save the file as UTF-8", self.line)
            return raw.decode("utf-8", errors="replace")

    def encoding_errors(self) -> list[FieldError]:
        if self.first_bad is None:
            return []
        if self.bad_lines > 1:
            more = f" ({self.bad_lines} lines in all are not UTF-8)"
            return [FieldError(self.first_bad.field, self.first_bad.message + more, self.first_bad.line)]
        return [self.first_bad]


# --- turning a row into a report --------------------------------------------------------------


_PLAIN_MESSAGES = {
    "missing": "required",
    "extra_forbidden": "unknown field; see docs/import.md",
    "enum": "not one of the codes listed in docs/codebook.md",
}


def _safe_message(error: Any) -> str:
    """Pydantic's message without the input: our validators quote it, an enum lists codes."""
    kind = error["type"]
    if kind in _PLAIN_MESSAGES:
        return _PLAIN_MESSAGES[kind]
    message = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind in {"value_error", "assertion_error"}:
        message = without_values(message)
    return _masked(message, error.get("input"))


def without_values(message: str) -> str:
    """Drop quoted values, and any detail after a colon that may quote parts of them."""
    text = _QUOTED.sub("", message).split(": ", 1)[0]
    text = re.sub(r"\s+([;,.])", r"\1", " ".join(text.split()))
    return text.strip(" ;,") or "invalid value"


def _masked(message: str, value: Any) -> str:
    """A last guard: blank out the raw input should a message still contain it."""
    values = value if isinstance(value, list) else [value]
    for item in values:
        if isinstance(item, str) and len(item.strip()) >= 4 and item.strip() in message:
            message = message.replace(item.strip(), "[value]")
    return message


def _column(loc: Sequence[Any], fmt: str) -> str:
    parts = [str(part) for part in loc if not isinstance(part, int)]
    if not parts:
        return "row"
    return "_".join(parts) if fmt == "csv" else ".".join(parts)


def _pydantic_errors(exc: ValidationError, line: int, fmt: str) -> list[FieldError]:
    return [FieldError(_column(e["loc"], fmt), _safe_message(e), line) for e in exc.errors(include_url=False)]


def _parse_external_id(value: Any, line: int) -> tuple[str, list[FieldError]]:
    if value is None or value == "":
        return "", []
    if not isinstance(value, str | int) or isinstance(value, bool):
        return "", [FieldError("external_id", "must be a string", line)]
    text = str(value).strip()
    if len(text) > MAX_EXTERNAL_ID:
        return "", [FieldError("external_id", f"longer than {MAX_EXTERNAL_ID} characters", line)]
    return text, []


def _received_at(value: Any, line: int) -> tuple[dt.datetime | None, list[FieldError]]:
    if value is None or value == "":
        return None, []
    if not isinstance(value, str):
        return None, [FieldError("received_at", "must be an ISO 8601 date and time as a string", line)]
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None, [FieldError("received_at", "not an ISO 8601 date and time (e.g. 2024-11-06T21:15:00-07:00)", line)]
    if parsed.tzinfo is None:
        return None, [FieldError("received_at", "needs a UTC offset (e.g. 2024-11-06T21:15:00-07:00 or ...Z)", line)]
    if parsed > dt.datetime.now(dt.UTC) + dt.timedelta(days=1):
        return None, [FieldError("received_at", "is in the future", line)]
    return parsed, []


class _Checker:
    """State of the validation pass: the rows so far, and what it takes to check places and
    external ids against the database once per file rather than once per row."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.result = Checked()
        self.places = PlaceDirectory()
        self.id_lines: dict[str, int] = {}

    def fail(self, errors: Sequence[FieldError]) -> None:
        if errors:
            self.result.errors.extend(errors)
            self.result.rows.clear()  # nothing will be stored, so stop holding rows

    def bad_row(self, error: FieldError) -> None:
        self.result.row_count += 1
        self.fail([error])

    def row(self, data: dict[str, Any], line: int) -> None:
        """Check one row (a dict in the API's shape); keep it if good, else keep its errors."""
        self.result.row_count += 1
        external_id, errors = self._external_id(data.pop("external_id", None), line)
        received_at, more = _received_at(data.pop("received_at", None), line)
        errors += more
        report: ReportIn | None = None
        try:
            report = ReportIn.model_validate(data)
        except ValidationError as exc:
            errors += _pydantic_errors(exc, line, self.fmt)
        if report is not None:
            errors += self._place_errors(report, line)
        if errors or report is None:
            self.fail(errors)
        elif not self.result.errors:
            self.result.rows.append(ImportRow(line=line, data=report, external_id=external_id, received_at=received_at))

    def _external_id(self, value: Any, line: int) -> tuple[str, list[FieldError]]:
        text, errors = _parse_external_id(value, line)
        if text:
            first = self.id_lines.setdefault(text, line)
            if first != line:
                errors.append(FieldError("external_id", f"repeats line {first}", line))
        return text, errors

    def _place_errors(self, report: ReportIn, line: int) -> list[FieldError]:
        state = self.places.state(report.state)
        if state is None:
            return [FieldError("state", "unknown state or territory code", line)]
        if report.county and self.places.county(state, report.county) is None:
            return [FieldError("county", f"not a county of {state.name}; give its FIPS code or name", line)]
        return []

    def finish(self) -> Checked:
        """Add the ids imported before (a query per few hundred ids, not per row); sort by line."""
        ids = list(self.id_lines)
        for start in range(0, len(ids), _IDS_PER_QUERY):
            keys = [IMPORT_KEY_PREFIX + i for i in ids[start : start + _IDS_PER_QUERY]]
            stored = Report.objects.filter(submission_key__in=keys).values_list("submission_key", flat=True)
            lines = sorted(self.id_lines[key.removeprefix(IMPORT_KEY_PREFIX)] for key in stored if key)
            if lines:
                self.fail([FieldError("external_id", "was already imported", line) for line in lines])
        self.result.errors.sort(key=lambda e: e.line or 0)
        return self.result


# --- CSV ------------------------------------------------------------------------------------


def _header_errors(header: list[str]) -> list[FieldError]:
    errors: list[FieldError] = []
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        errors.append(FieldError("header", f"missing required column(s): {', '.join(missing)}", 1))
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if unknown:
        errors.append(FieldError("header", f"unknown column(s): {', '.join(unknown)}; see docs/import.md", 1))
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        errors.append(FieldError("header", f"repeated column(s): {', '.join(repeated)}", 1))
    return errors


def _split(value: str) -> list[str]:
    return [part for part in (item.strip() for item in value.split(LIST_SEPARATOR)) if part]


def csv_record(header: Sequence[str], cells: Sequence[str]) -> dict[str, Any]:
    """One CSV row in the API's shape; blank cells are left out so defaults apply."""
    data: dict[str, Any] = {}
    sender: dict[str, Any] = {}
    for name, cell in zip(header, cells, strict=True):
        value = cell.strip()
        if not value:
            continue
        parsed: Any = _split(value) if name in LIST_COLUMNS else value
        if name.startswith("sender_"):
            sender[name.removeprefix("sender_")] = parsed
        else:
            data[name] = parsed
    if sender:
        data["sender"] = sender
    return data


def _read_csv(lines: _Lines, checker: _Checker) -> None:
    reader = csv.reader(lines, strict=True)
    header: list[str] | None = None
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if header is None:
                header = [name.strip().lower() for name in cells]
                errors = _header_errors(header)
                if errors:
                    checker.fail(errors)
                    return
                continue
            if len(cells) != len(header):
                checker.bad_row(FieldError("row", f"has {len(cells)} cells; the header has {len(header)}", line))
                continue
            checker.row(csv_record(header, cells), line)
    except csv.Error as exc:
        # The reader cannot find its place after a quoting error, so reading stops here.
        checker.fail([FieldError("file", f"unreadable CSV ({exc}); nothing after it was checked", start)])
    if header is not None and checker.result.row_count == 0 and not checker.result.errors:
        checker.fail([FieldError("file", "has a header but no reports", None)])


# --- JSON lines -----------------------------------------------------------------------------


def _read_jsonl(lines: _Lines, checker: _Checker) -> None:
    for line, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            checker.bad_row(FieldError("json", f"malformed JSON: {exc.msg} at column {exc.colno}", line))
            continue
        if not isinstance(data, dict):
            checker.bad_row(FieldError("json", "each line must be one JSON object", line))
            continue
        checker.row(data, line)


# --- the two passes -------------------------------------------------------------------------


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cycle collector while a pass piles up long-lived objects.

    It would otherwise rescan every row kept so far, again and again, and take more time than
    the validation itself; the rows make no reference cycles for it to find.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_reports(path: Path, fmt: str, *, progress: Progress | None = None) -> Checked:
    """Validation pass: check every row, and every place and external id against the database.

    It stores nothing, so it is also the whole of a dry run; `progress(n)` reports bytes read.
    """
    checker = _Checker(fmt)
    lines = _Lines(path, progress)
    with _collector_paused():
        if fmt == "csv":
            _read_csv(lines, checker)
        else:
            _read_jsonl(lines, checker)
    checker.fail(lines.encoding_errors())
    if checker.result.row_count == 0 and not checker.result.errors:
        checker.fail([FieldError("file", "is empty", None)])
    return checker.finish()


def save_reports(rows: Sequence[ImportRow], *, actor: Any = None, progress: Progress | None = None) -> int:
    """Save pass: store every row or none; raise ImportFailedError naming each problem.

    The service checks places and ids again inside its transaction, so a report stored by
    someone else since the validation pass still cannot be imported twice.
    """
    try:
        with _collector_paused():
            saved = reports_import(actor=actor, rows=rows, source=Source.IMPORT, progress=progress)
    except ReportInputError as exc:
        raise ImportFailedError([FieldError(e.field, without_values(e.message), e.line) for e in exc.errors]) from exc
    return len(saved)
