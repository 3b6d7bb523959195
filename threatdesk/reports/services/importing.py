"""Many reports from a file, stored all or nothing, each assessed with its sender's history."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from threatdesk.assessment import Indicator
from threatdesk.audit import services as audit
from threatdesk.lib.bulkinsert import BulkInserter
from threatdesk.privacy.crypto import blind_index
from threatdesk.privacy.fields import encrypted_columns, sealed_apart, sealed_only
from threatdesk.privacy.selectors import people_stamp
from threatdesk.privacy.services import people_hold
from threatdesk.reports import assessing, redaction
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services.building import (
    FieldError,
    PlaceDirectory,
    RedactorLookup,
    ReportInputError,
    StoredReport,
    build_report,
    save_children,
    sender_digests,
    submission_digest,
)
from threatdesk.reports.taxonomy import Source

IMPORT_KEY_PREFIX = "import:"  # an imported row's submission key is this and its external id
CONTENT_KEY_PREFIX = "import#"  # or, for a row without one, this and a keyed digest of the row


@dataclass
class ImportRow:
    """A validated row of a file. It is stored under its external id; without one, when
    `keyed_by_content`, under a digest of what it says, so that a second import of the same
    file is refused as well."""

    line: int
    data: ReportIn
    external_id: str = ""
    received_at: datetime | None = None
    keyed_by_content: bool = False

    @cached_property
    def submission_key(self) -> str | None:
        if self.external_id:
            return IMPORT_KEY_PREFIX + self.external_id
        if self.keyed_by_content:
            return content_key(self.data, self.received_at)
        return None


def content_key(data: ReportIn, received_at: datetime | None) -> str:
    """The key of a row without an external id: the row as validated (phones, emails and codes
    already in one form) and its time of receipt, if given, under a keyed hash, so that the key
    can be matched but, without the key, tells nothing of the content (not even a guess's)."""
    received = received_at.astimezone(UTC).isoformat() if received_at else ""
    # The model's JSON lists its fields in the order they are declared: one text per content.
    return CONTENT_KEY_PREFIX + blind_index("import-row", f"{data.model_dump_json()}\x00{received}")


def key_field(key: str) -> str:
    """What an import key stands for in an error: the row's external id, or the row itself."""
    return "row" if key.startswith(CONTENT_KEY_PREFIX) else "external_id"


SEALED_COLUMNS = encrypted_columns(Report)


@functools.cache
def _reports() -> BulkInserter:
    """The report rows' inserter, made once per process; it takes the sealed columns as they are."""
    return BulkInserter(Report, ready=SEALED_COLUMNS)


@dataclass
class ImportDraft:
    """One import row worked out as far as it goes before its sender's history is known.

    Plain values and no model instances, so that a worker process hands it back cheaply:
    `values` holds the clear columns by attname, `sealed` the encrypted ones already in their
    stored form, and `words` the engine's reading of the words, the costly part of assessing.
    """

    line: int
    values: dict[str, Any]
    sealed: dict[str, str | None]
    threat_types: list[str]
    identifiers: list[tuple[str, str]]
    words: dict[str, Indicator]
    received_at: datetime | None = None

    @property
    def digests(self) -> list[str]:
        return sender_digests(self.identifiers)

    def assess(self, history: tuple[int, ...]) -> None:
        """Add the computed fields, given the levels of the sender's earlier reports: the level in
        the clear, and what quotes the words (evidence, explanation) sealed with the rest."""
        computed = assessing.assessment_values(self.values, self.threat_types, history, words=self.words)
        sealed = sealed_only(Report, computed)
        self.sealed.update(sealed)
        self.values.update({name: value for name, value in computed.items() if name not in sealed})

    def row(self) -> dict[str, Any]:
        """Every column, for `_reports()`, which takes the sealed ones as they are."""
        return {**self.values, **self.sealed}


def import_draft(
    row: ImportRow,
    *,
    places: PlaceDirectory,
    redactor_for: RedactorLookup,
    source: str = Source.IMPORT,
    is_synthetic: bool = False,
) -> ImportDraft:
    """Resolve, redact, key, read the words of and seal one import row; raise ReportInputError for
    an unknown place. With places and redactors read beforehand (`PlaceDirectory.loaded`,
    `redaction.redactors_from`) it needs no database, so an import runs it in worker processes."""
    built = build_report(
        row.data,
        places=places,
        actor=None,
        source=source,
        line=row.line,
        is_synthetic=is_synthetic,
        redactor_for=redactor_for,
    )
    if row.external_id:
        built.values["submission_digest"] = submission_digest(row.data)
    if row.submission_key:
        built.values["submission_key"] = row.submission_key
    words = assessing.words_of(built.values)
    clear, sealed = sealed_apart(Report, built.values)
    return ImportDraft(row.line, clear, sealed, built.threat_types, built.identifiers, words, row.received_at)


@transaction.atomic
def reports_import(
    *,
    actor: Any,
    rows: Iterable[ImportRow],
    source: str = Source.IMPORT,
    is_synthetic: bool = False,
    batch_size: int = 2000,
    progress: Any = None,
) -> list[StoredReport]:
    """Store validated rows all or nothing; any unknown place or repeated key aborts the lot.

    Rows with an `external_id`, or `keyed_by_content`, are keyed (`ImportRow.submission_key`), so
    importing the same file twice is refused instead of storing every report a second time.
    """
    places = PlaceDirectory()
    redactor_for = redaction.redactors_for_batch()
    drafts: list[ImportDraft] = []
    errors: list[FieldError] = []
    for row in rows:
        try:
            drafts.append(import_draft(row, places=places, redactor_for=redactor_for, source=source, is_synthetic=is_synthetic))
        except ReportInputError as exc:
            errors.extend(exc.errors)
    return reports_store(actor=actor, drafts=drafts, source=source, problems=errors, batch_size=batch_size, progress=progress)


PEOPLE_CHANGED = (
    "protected persons were added, changed or removed while the file was being checked, so its redacted "
    "copies may be out of date; nothing was imported, so run the import again"
)


def reports_store(
    *,
    actor: Any,
    drafts: Sequence[ImportDraft],
    source: str = Source.IMPORT,
    problems: Sequence[FieldError] = (),
    people_seen: tuple[Any, ...] | None = None,
    batch_size: int = 2000,
    progress: Any = None,
) -> list[StoredReport]:
    """Store drafted import rows (`import_draft`) all or nothing: a key repeated among them or
    stored before aborts the lot, as do `problems` found while drafting. The keys are checked
    inside the transaction, so a report stored by someone else meanwhile still cannot be
    imported twice, nor one stored by a save racing this one (the same errors, after rollback).

    The rows are assessed in order of receipt and made ready for the database before the
    transaction, which on SQLite holds the one write lock that every filing waits on: inside it
    only the inserts run, unless a sender's stored reports changed meanwhile, when the rows are
    assessed again there.

    Rows drafted before this transaction pass `people_seen`, the protected persons' stamp
    (`privacy.selectors.people_stamp`) read before drafting: if anyone was added, changed or
    removed since, the redacted copies may name them, and nothing is stored."""
    ready = _Ready.made(drafts) if not problems else None
    with _keys_taken_meanwhile_refused(drafts), transaction.atomic():
        if people_seen is not None:
            people_hold(*{draft.values["state_id"] for draft in drafts})
            if people_stamp() != people_seen:
                raise ReportInputError([FieldError("file", PEOPLE_CHANGED)])
        errors = [*problems, *_key_errors(drafts)]
        if errors:
            raise ReportInputError(sorted(errors, key=lambda e: e.line or 0))
        if ready is None or ready.history.stale():  # then rows without a time come after what changed
            ready = _Ready.made(drafts)
        return _insert(drafts, ready.rows, actor=actor, source=source, batch_size=batch_size, progress=progress)


@dataclass
class _Ready:
    """Drafts assessed in order of receipt, as the history read then had it, and their report
    rows as the driver takes them (`BulkInserter.prepare_all`), in the drafts' order."""

    history: assessing.RunningHistory
    rows: list[tuple[Any, ...]]

    @classmethod
    def made(cls, drafts: Sequence[ImportDraft]) -> _Ready:
        """Rows without a time of receipt are received now: made again inside the transaction
        because a sender's report was stored meanwhile, they come after that report, as they
        would had the whole save run inside it."""
        now = timezone.now()
        for draft in drafts:
            draft.values["received_at"] = draft.received_at or now
        history = _assess_in_order(drafts)
        return cls(history, _reports().prepare_all(d.row() for d in drafts))


@contextmanager
def _keys_taken_meanwhile_refused(drafts: Sequence[ImportDraft]) -> Iterator[None]:
    """Turn a unique-key violation into the key check's own errors, once the transaction is rolled back.

    Two stores share `people_hold`, so on PostgreSQL both may pass the key check; the later
    insert then waits on the earlier one's key and fails when it commits. Checked again afresh,
    the keys it took are named line by line; any other violation is raised as it is."""
    try:
        yield
    except IntegrityError as exc:
        errors = _key_errors(drafts)
        if not errors:
            raise
        raise ReportInputError(errors) from exc


# Values per IN list: one list of every key of a file passes SQLite's limit on parameters.
PER_QUERY = 900


def stored_submission_keys(keys: Iterable[str]) -> set[str]:
    """The keys among `keys` that stored reports have, asked a few hundred at a time."""
    keys = list(keys)
    existing = Report.objects.values_list("submission_key", flat=True)
    chunks = (keys[start : start + PER_QUERY] for start in range(0, len(keys), PER_QUERY))
    return {key for chunk in chunks for key in existing.filter(submission_key__in=chunk) if key}


def _key_errors(drafts: Sequence[ImportDraft]) -> list[FieldError]:
    """A key that repeats an earlier row's, or that a stored report has."""
    errors: list[FieldError] = []
    seen_keys: dict[str, int] = {}  # submission key -> line
    for draft in drafts:
        key = draft.values.get("submission_key")
        if not key:
            continue
        if key in seen_keys:
            errors.append(FieldError(key_field(key), f"repeats line {seen_keys[key]}", draft.line))
        else:
            seen_keys[key] = draft.line
    taken = stored_submission_keys(seen_keys)
    errors.extend(
        FieldError("row", "was already imported", seen_keys[key])
        if key_field(key) == "row"
        else FieldError("external_id", f"{key.removeprefix(IMPORT_KEY_PREFIX)!r} was already imported", seen_keys[key])
        for key in sorted(taken, key=seen_keys.__getitem__)
    )
    return errors


def _assess_in_order(drafts: Sequence[ImportDraft]) -> assessing.RunningHistory:
    """Assess a file's reports oldest first, each with the levels of the sender's earlier reports,
    stored or earlier in the file, as a later reassessment would find them; the stored ones are
    read once for the whole file, not per row, and the history read is returned, to be checked
    for staleness. Rows received at the same time go in file order."""
    history = assessing.RunningHistory(digest for item in drafts for digest in item.digests)
    for item in sorted(drafts, key=lambda b: b.values["received_at"]):  # stable: ties keep file order
        received_at = item.values["received_at"]
        item.assess(history.before(item.digests, received_at))
        history.add(item.digests, received_at, item.values["severity"])
    return history


def _insert(
    drafts: Sequence[ImportDraft], rows: Sequence[tuple[Any, ...]], *, actor: Any, source: str, batch_size: int, progress: Any
) -> list[StoredReport]:
    """Insert assessed drafts, given as prepared `rows`, in batches, each with its child rows,
    then their audit events.

    The events go last: appending to the audit trail holds its head, which every other write
    waits on, so it is held for the last few seconds of a large import rather than the whole."""
    stored: list[StoredReport] = []
    for start in range(0, len(drafts), batch_size):
        chunk = drafts[start : start + batch_size]
        _reports().insert_prepared(rows[start : start + batch_size])
        codes = [d.values["public_code"] for d in chunk]
        ids = _ids_by_code(codes)
        report_ids = [ids[code] for code in codes]
        save_children(chunk, report_ids)
        stored += [StoredReport(pk, code) for pk, code in zip(report_ids, codes, strict=True)]
        if progress is not None:
            progress(len(chunk))
    entry = functools.partial(audit.Entry, "reports.report.imported", "reports.report", payload={"source": source})
    audit.log_many(actor=actor, entries=[entry(item.public_code) for item in stored])
    return stored


def _ids_by_code(codes: Sequence[str], chunk: int = PER_QUERY) -> dict[str, int]:
    """Database ids of just-inserted reports, asked in chunks that fit SQLite's parameter limit."""
    found: dict[str, int] = {}
    for start in range(0, len(codes), chunk):
        found.update(Report.objects.filter(public_code__in=codes[start : start + chunk]).values_list("public_code", "pk"))
    return found
