"""Bulk import of reports from a CSV or JSON-lines file (docs/import.md describes both).

The file is read once, as a stream, and every row is checked against `ReportIn` before
anything is stored: all problems are collected and reported together, and only a file with
none is handed to `services.reports_store`, which stores it all or nothing. Error messages
name the line and the column but never repeat what the cell held, since that may be a
worker's name or a sender's phone number.

Checking a row and drafting it for storing (redaction, pseudonyms, the words' indicators,
sealing) needs no other row, so for a large file it runs in worker processes (`workers.py`),
a chunk of rows at a time; the main process reads the file, keeps the results in file order,
and does all that needs the database or the rows before (external ids, the senders' histories,
the inserts).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import gc
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone
from pydantic import BaseModel, ValidationError

from threatdesk.lib.jsonlines import BadLineError, json_object
from threatdesk.privacy.selectors import StatePeople
from threatdesk.reports import redaction
from threatdesk.reports.schemas import EARLIEST_DATE, ReportIn
from threatdesk.reports.services import (
    IMPORT_KEY_PREFIX,
    FieldError,
    ImportDraft,
    ImportRow,
    PlaceDirectory,
    RedactorLookup,
    ReportInputError,
    import_draft,
    key_field,
    occurred_at,
    reports_store,
    stored_submission_keys,
    when_errors,
    zone_of_place,
)
from threatdesk.reports.taxonomy import Source
from threatdesk.reports.workers import WorkerPool

Progress = Callable[[int], None]

FORMATS = ("csv", "jsonl")
EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
LIST_SEPARATOR = ";"
MAX_EXTERNAL_ID = 190  # the stored key is "import:" + id, in a 200-character column
# A received_at ahead of this machine's clock by no more than this is taken as the two clocks
# disagreeing, not as a time in the future.
RECEIVED_AT_SKEW = dt.timedelta(minutes=5)

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
IMPORT_KEYS = frozenset({"external_id", "received_at"})  # what a row has beyond the API's report

_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_PROGRESS_EVERY = 1000
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
CHUNK_ROWS = 500  # rows handed to a worker at a time
POOL_MIN_ROWS = 2000  # in a smaller file, starting worker processes would cost more than they save


@dataclass
class Checked:
    """The outcome of the checking pass: rows drafted for storing (when asked for), or the
    reasons they cannot be stored."""

    drafts: list[ImportDraft] = field(default_factory=list)
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
            text, bad_at = raw.decode("utf-8"), -1
        except UnicodeDecodeError as exc:
            text, bad_at = raw.decode("utf-8", errors="replace"), exc.start
        nul = raw.find(b"\x00")  # valid UTF-8, but no text has one: most likely UTF-16
        if nul >= 0:
            self._bad(nul, "a NUL byte at {where}, as UTF-16 has and UTF-8 text never does")
            # Read on without them: a UTF-16 file of plain letters then parses, and shows no other problem.
            text = text.replace("\x00", "")
            if self.line == 1 and raw.startswith(_UTF16_BOMS):
                text = text[2:]
        elif bad_at >= 0:
            self._bad(bad_at, "not UTF-8 at {where}")
        return text

    def _bad(self, offset: int, problem: str) -> None:
        """Count a line that is not UTF-8; describe the first, by its 0-based `offset` in the line."""
        self.bad_lines += 1
        if self.first_bad is None:
            where = f"byte {offset + 1} of the line (byte {self.bytes_read + offset + 1} of the file)"
            self.first_bad = FieldError("file", f"{problem.format(where=where)}; save the file as UTF-8", self.line)

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


def _pydantic_errors(exc: ValidationError, line: int, fmt: str, data: dict[str, Any]) -> list[FieldError]:
    return [
        _unknown_key(e["loc"], data, line)
        if e["type"] == "extra_forbidden"
        else FieldError(_column(e["loc"], fmt), _safe_message(e), line)
        for e in exc.errors(include_url=False)
    ]


def _place_of(position: int, given: str, known: Sequence[str]) -> str:
    """A position (counted from 1), with the known name `given` is close to; never `given` itself."""
    close = difflib.get_close_matches(given.strip().lower(), known, n=1)
    return f"{position} (did you mean {close[0]}?)" if close else str(position)


def _unknown_key(loc: Sequence[Any], data: dict[str, Any], line: int) -> FieldError:
    """A JSON key the schema does not know, named by its place in its object, as an unknown CSV
    column is: the key may be a value put where a key belongs."""
    *path, key = (str(part) for part in loc)
    where = ".".join(path) or "json"
    obj: Any = data
    model: type[BaseModel] = ReportIn
    known = [*ReportIn.model_fields, *IMPORT_KEYS]
    try:
        for part in path:
            obj, model = obj[part], _nested_model(model, part)
            known = list(model.model_fields)
        place = _place_of(list(obj).index(key) + 1, key, known)
    except (KeyError, TypeError, ValueError):  # not where pydantic says: name no place
        return FieldError(where, "unknown key; see docs/import.md", line)
    return FieldError(where, f"unknown key at position {place}; see docs/import.md", line)


def _nested_model(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The model of the object under `model`'s key `name` (ReportIn's `sender`, say)."""
    annotation = model.model_fields[name].annotation
    if not isinstance(annotation, type) or not issubclass(annotation, BaseModel):
        raise KeyError(name)
    return annotation


def _parse_external_id(value: Any, line: int) -> tuple[str, list[FieldError]]:
    if value is None or value == "":
        return "", []
    if not isinstance(value, str | int) or isinstance(value, bool):
        return "", [FieldError("external_id", "must be a string", line)]
    text = str(value).strip()
    if "\x00" in text:
        return "", [FieldError("external_id", "must not contain NUL characters", line)]
    if not _is_unicode(text):
        return "", [FieldError("external_id", "is not valid text (a lone UTF-16 surrogate)", line)]
    if len(text) > MAX_EXTERNAL_ID:
        return "", [FieldError("external_id", f"longer than {MAX_EXTERNAL_ID} characters", line)]
    return text, []


def _is_unicode(text: str) -> bool:
    """False for text holding a lone surrogate: JSON may write one ("\\ud800"), but it is not a
    character, and no database takes it. Pydantic refuses it in every other text field."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
    if parsed.date() < EARLIEST_DATE:  # its own calendar's date: a far-off year may not convert to UTC
        return None, [FieldError("received_at", f"is before {EARLIEST_DATE.isoformat()}", line)]
    if parsed > timezone.now() + RECEIVED_AT_SKEW:
        return None, [FieldError("received_at", "is in the future", line)]
    return parsed, []


def _received_before_occurred(received_at: dt.datetime | None, report: ReportIn, zone: ZoneInfo, line: int) -> list[FieldError]:
    """A report cannot come in before what it tells of happened: its time on its day where it
    happened, or the day's start, less the skew allowed between clocks."""
    if received_at is not None and received_at < occurred_at(report, zone) - RECEIVED_AT_SKEW:
        return [FieldError("received_at", "is before the report says it happened (occurred_on, occurred_time)", line)]
    return []


def _place_and_time_errors(
    places: PlaceDirectory, report: ReportIn, received_at: dt.datetime | None, line: int
) -> list[FieldError]:
    """The row's place, and then when it says it happened, on that place's calendar and clock."""
    state = places.state(report.state)
    if state is None:
        return [FieldError("state", "unknown state or territory code", line)]
    county = places.county(state, report.county) if report.county else None
    if report.county and county is None:
        return [FieldError("county", f"not a county of {state.name}; give its FIPS code or name", line)]
    zone = zone_of_place(state, county)
    return when_errors(report, zone, line) + _received_before_occurred(received_at, report, zone, line)


def _plain(errors: Iterable[FieldError]) -> list[FieldError]:
    """The service's errors without the values they quote."""
    return [FieldError(e.field, without_values(e.message), e.line) for e in errors]


# --- checking rows, in this process or a worker -----------------------------------------------


@dataclass(frozen=True)
class _Record:
    """A row as read, in the API's shape plus `external_id` and `received_at`, with its external
    id (checked here against the rows before it, which a worker does not see) and what is wrong
    with that id."""

    line: int
    data: dict[str, Any]
    external_id: str
    errors: list[FieldError]


@dataclass(frozen=True)
class _Chunk:
    """Rows checked together; `draft` says whether to draft them for storing as well, which a dry
    run does not, nor a file found to have a problem, since nothing of it will be stored."""

    records: list[_Record]
    draft: bool


@dataclass(frozen=True)
class _Outcome:
    """A checked row: its problems, or its draft (when asked for) and, for a row without an
    external id, the key of its content, which the main process checks against the others'."""

    line: int
    errors: list[FieldError]
    draft: ImportDraft | None = None
    content_key: str | None = None


@dataclass(frozen=True)
class _Work:
    """What checking and drafting rows takes, in whichever process does it."""

    fmt: str
    places: PlaceDirectory
    redactor_for: RedactorLookup


@dataclass(frozen=True)
class _Snapshot:
    """What a worker process starts with: the file's format, and what it needs of the database,
    read by the main process before the pool starts: every place and, unless the rows are only
    to be checked (a dry run), every protected person, whom the redactors must know."""

    fmt: str
    places: PlaceDirectory
    people: StatePeople

    @classmethod
    def load(cls, fmt: str, *, draft: bool) -> _Snapshot:
        return cls(fmt, PlaceDirectory.loaded(), StatePeople.load() if draft else StatePeople({}))


def _work_from(snapshot: _Snapshot) -> _Work:
    """A worker's `_Work`, made once as it starts."""
    return _Work(snapshot.fmt, snapshot.places, redaction.redactors_from(snapshot.people))


def _check_chunk(work: _Work, chunk: _Chunk) -> list[_Outcome]:
    return [_check(work, record, draft=chunk.draft) for record in chunk.records]


def _check(work: _Work, record: _Record, *, draft: bool) -> _Outcome:
    """Check one row; when it is good and `draft` asks, draft it for storing as well."""
    line = record.line
    data = record.data
    received_at, errors = _received_at(data.get("received_at"), line)
    errors = record.errors + errors
    report: ReportIn | None = None
    try:
        report = ReportIn.model_validate(
            {k: v for k, v in data.items() if k not in IMPORT_KEYS} if IMPORT_KEYS & data.keys() else data
        )
    except ValidationError as exc:
        errors += _pydantic_errors(exc, line, work.fmt, data)
    if report is not None:
        errors += _place_and_time_errors(work.places, report, received_at, line)
    if errors or report is None:
        return _Outcome(line, errors)
    row = ImportRow(line=line, data=report, external_id=record.external_id, received_at=received_at, keyed_by_content=True)
    content_key = None if record.external_id else row.submission_key
    if not draft:
        return _Outcome(line, [], content_key=content_key)
    try:
        return _Outcome(line, [], import_draft(row, places=work.places, redactor_for=work.redactor_for), content_key)
    except ReportInputError as exc:
        return _Outcome(line, _plain(exc.errors))


def _checked(fmt: str, chunks: Iterator[_Chunk], *, workers: int, draft: bool) -> Iterator[list[_Outcome]]:
    """Each chunk checked, in order: in this process for a small file or with one worker, else in
    worker processes, started once the file has shown that it is large enough to repay them."""
    head = list(itertools.islice(chunks, POOL_MIN_ROWS // CHUNK_ROWS + 1))
    everything = itertools.chain(head, chunks)
    if workers == 1 or sum(len(chunk.records) for chunk in head) <= POOL_MIN_ROWS:
        work = _Work(fmt, PlaceDirectory(), redaction.redactors_for_batch())
        yield from (_check_chunk(work, chunk) for chunk in everything)
        return
    with WorkerPool(workers, _work_from, _Snapshot.load(fmt, draft=draft)) as pool:
        yield from pool.map(_check_chunk, everything)


class _Checker:
    """State of the checking pass in the main process: the outcomes so far, the rows' keys seen
    (of their external ids, or of their content), and what it takes to check those against the
    database once per file."""

    def __init__(self) -> None:
        self.result = Checked()
        self.key_lines: dict[str, int] = {}  # submission key -> first line

    def fail(self, errors: Sequence[FieldError], *, first: bool = False) -> None:
        """Add problems; `first` puts them before those found already (the sort by line keeps it)."""
        if errors:
            if first:
                self.result.errors[:0] = errors
            else:
                self.result.errors.extend(errors)
            self.result.drafts.clear()  # nothing will be stored, so stop holding rows

    def bad_row(self, error: FieldError) -> None:
        self.result.row_count += 1
        self.fail([error])

    def record(self, data: dict[str, Any], line: int) -> _Record:
        """One row (a dict in the API's shape, with `external_id` and `received_at`) to check."""
        self.result.row_count += 1
        external_id, errors = self._external_id(data.get("external_id"), line)
        return _Record(line, data, external_id, errors)

    def add(self, outcomes: Iterable[_Outcome]) -> None:
        """Keep checked rows' drafts while the file has no problem, else their problems."""
        for outcome in outcomes:
            errors = outcome.errors
            if outcome.content_key and (repeats := self._repeats(outcome.content_key, outcome.line)):
                errors = [*errors, repeats]
            if errors:
                self.fail(errors)
            elif outcome.draft is not None and not self.result.errors:
                self.result.drafts.append(outcome.draft)

    def _external_id(self, value: Any, line: int) -> tuple[str, list[FieldError]]:
        text, errors = _parse_external_id(value, line)
        repeats = self._repeats(IMPORT_KEY_PREFIX + text, line) if text else None
        return text, [*errors, repeats] if repeats else errors

    def _repeats(self, key: str, line: int) -> FieldError | None:
        """Note the row's key; if an earlier row has it, say so."""
        first = self.key_lines.setdefault(key, line)
        return FieldError(key_field(key), f"repeats line {first}", line) if first != line else None

    def finish(self) -> Checked:
        """Add the rows imported before (a query per few hundred keys, not per row); sort by line."""
        found = sorted((self.key_lines[key], key_field(key)) for key in stored_submission_keys(self.key_lines))
        self.fail([FieldError(name, "was already imported", line) for line, name in found])
        self.result.errors.sort(key=lambda e: e.line or 0)
        return self.result


# --- CSV ------------------------------------------------------------------------------------


def _header_errors(header: list[str]) -> list[FieldError]:
    """Problems of the header, naming only known columns: an unknown one goes by its position,
    since a file without its header row has a report there, and its cells must not be printed."""
    errors: list[FieldError] = []
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        errors.append(FieldError("header", f"missing required column(s): {', '.join(missing)}", 1))
    if not any(name in CSV_COLUMNS for name in header):
        errors.append(
            FieldError("header", "names no known column; the first line must be the header row (see docs/import.md)", 1)
        )
        return errors
    unknown = [_place_of(position, name, CSV_COLUMNS) for position, name in enumerate(header, start=1) if name not in CSV_COLUMNS]
    if unknown:
        errors.append(FieldError("header", f"unknown column(s) at position {', '.join(unknown)}; see docs/import.md", 1))
    repeated = sorted({name for name in header if name in CSV_COLUMNS and header.count(name) > 1})
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


def _csv_records(lines: _Lines, checker: _Checker) -> Iterator[_Record]:
    """The rows of a CSV file; problems of the file, the header or a row's shape go to `checker`."""
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
            yield checker.record(csv_record(header, cells), line)
    except csv.Error as exc:
        # The reader cannot find its place after a quoting error, so reading stops here.
        checker.fail([FieldError("file", f"unreadable CSV ({exc}); nothing after it was checked", start)])
    if header is not None and checker.result.row_count == 0 and not checker.result.errors:
        checker.fail([FieldError("file", "has a header but no reports", None)])


# --- JSON lines -----------------------------------------------------------------------------


def _jsonl_records(lines: _Lines, checker: _Checker) -> Iterator[_Record]:
    """The rows of a JSON-lines file; lines that are not a JSON object go to `checker`."""
    for line, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            data = json_object(text)
        except BadLineError as exc:
            checker.bad_row(FieldError("json", str(exc), line))
            continue
        yield checker.record(data, line)


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


def _chunks(records: Iterator[_Record], checker: _Checker, *, draft: bool) -> Iterator[_Chunk]:
    """The records in chunks, each to be drafted too while the file has shown no problem."""
    while batch := list(itertools.islice(records, CHUNK_ROWS)):
        yield _Chunk(batch, draft and not checker.result.errors)


def read_reports(path: Path, fmt: str, *, draft: bool = False, workers: int = 1, progress: Progress | None = None) -> Checked:
    """Checking pass: check every row, and every place and external id against the database; with
    `draft`, also draft every row for `save_reports`, in `workers` processes if the file is large.

    It stores nothing and holds no transaction, so API submissions go on meanwhile; without
    `draft` it is the whole of a dry run. Read `people_stamp()` before it and hand that to
    `save_reports`. `progress(n)` reports bytes read.
    """
    checker = _Checker()
    lines = _Lines(path, progress)
    with _collector_paused():
        records = _csv_records(lines, checker) if fmt == "csv" else _jsonl_records(lines, checker)
        for outcomes in _checked(fmt, _chunks(records, checker, draft=draft), workers=workers, draft=draft):
            checker.add(outcomes)
    checker.fail(lines.encoding_errors(), first=True)  # what follows from it comes after
    if checker.result.row_count == 0 and not checker.result.errors:
        checker.fail([FieldError("file", "is empty", None)])
    return checker.finish()


def save_reports(
    drafts: Sequence[ImportDraft], *, people_seen: tuple[Any, ...], actor: Any = None, progress: Progress | None = None
) -> int:
    """Save pass: store every drafted row or none; raise ImportFailedError naming each problem.

    `people_seen` is `people_stamp()` read before the checking pass. The service checks it, and
    the external ids, again inside its transaction: a change of protected persons or a report
    stored by someone else since the checking pass stops the import rather than slip in.
    """
    try:
        with _collector_paused():
            saved = reports_store(actor=actor, drafts=drafts, source=Source.IMPORT, people_seen=people_seen, progress=progress)
    except ReportInputError as exc:
        raise ImportFailedError(_plain(exc.errors)) from exc
    return len(saved)
