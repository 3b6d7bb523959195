"""Writes for reports: submit one, import many, attach evidence. Each is one transaction with its
audit entries, so a failure leaves nothing behind and a success leaves a complete record.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from threatdesk.assessment import Indicator
from threatdesk.audit import services as audit
from threatdesk.lib import sql
from threatdesk.lib.bulkinsert import BulkInserter, inserter
from threatdesk.places.models import County, Office, State
from threatdesk.places.reference import REFERENCE, ReferenceCache
from threatdesk.privacy.crypto import blind_index
from threatdesk.privacy.fields import encrypted_columns, sealed_apart
from threatdesk.privacy.identifiers import identifier_key, platform_code
from threatdesk.privacy.redaction import Redactor
from threatdesk.privacy.selectors import people_stamp
from threatdesk.privacy.services import people_hold
from threatdesk.reports import assessing, listeners, redaction
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.access import may_reveal
from threatdesk.reports.models import CustodyEntry, Evidence, Report, ReportThreatType, Reveal, SenderIdentifier, report_code
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.taxonomy import Source


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.field}: {self.message}"


class ReportInputError(ValueError):
    """The input cannot be stored as it is; `errors` name each field (and line, for imports)."""

    def __init__(self, errors: Sequence[FieldError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors[:5]))


class IdempotencyConflictError(ValueError):
    """The same idempotency key came back with a different report."""


@dataclass
class SubmitResult:
    """The stored report; for a new one also its sender identifiers as (kind, digest), so that
    answering the request need not read back what was just written."""

    report: Report
    created: bool
    identifiers: list[tuple[str, str]] | None = None


@dataclass
class Built:
    """A report ready to save, with the rows that hang off it.

    `values` are column values by attname, so a bulk import can insert them without building
    model instances; `report()` makes the instance for a single submission.
    """

    values: dict[str, Any]
    threat_types: list[str]
    identifiers: list[tuple[str, str]]
    state: State
    county: County | None
    office: Office | None

    @property
    def digests(self) -> list[str]:
        return sender_digests(self.identifiers)

    def assess(self, history: tuple[int, ...]) -> None:
        """Add the computed fields, given the levels of the sender's earlier reports."""
        self.values.update(assessing.assessment_values(self.values, self.threat_types, history))

    def report(self, reporter: Any = None) -> Report:
        """The instance for a single submission, with its related objects already in hand (so
        answering the request reads none of them back)."""
        report = Report(**self.values)
        if report.pk is not None:  # stored by `insert_one`, not `save()`
            report._state.adding = False
            report._state.db = "default"
        report.state, report.county, report.office = self.state, self.county, self.office
        if reporter is not None and getattr(reporter, "pk", None) == self.values.get("reporter_id"):
            report.reporter = reporter
        return report


@dataclass(frozen=True)
class StoredReport:
    pk: int
    public_code: str


class PlaceDirectory:
    """Resolves state and county codes without a query per report, and each county's office.

    States and counties come from the process's reference copy (`places.reference`). Offices
    change while the system runs, so they are read afresh: per county for one report (a form or
    API submission, `bulk=False`), or all at once for a batch (bulk import).
    """

    def __init__(self, *, bulk: bool = True) -> None:
        self._bulk = bulk
        self._reference = REFERENCE
        self._offices: dict[int, Office | None] = {}
        self._county_offices: dict[int, Office] | None = None

    @classmethod
    def loaded(cls) -> PlaceDirectory:
        """A directory with every state, county and county office read now, so that it answers
        without the database: for an import's worker processes, which must not reach it."""
        places = cls()
        places._reference = ReferenceCache.loaded()
        places._county_offices = _county_offices()
        return places

    def state(self, code: str) -> State | None:
        return self._reference.state(code)

    def county(self, state: State, text: str) -> County | None:
        return self._reference.county(state, text)

    def office_for(self, county: County | None) -> Office | None:
        """The county's own election office, if it has one in the system."""
        if county is None:
            return None
        if self._bulk:
            # One query for every county's office rather than one per county named in the file.
            if self._county_offices is None:
                self._county_offices = _county_offices()
            return self._county_offices.get(county.pk)
        if county.pk not in self._offices:
            self._offices[county.pk] = _county_office(county.pk)
        return self._offices[county.pk]


def _county_office(county_id: int) -> Office | None:
    """`Office.objects.filter(county=...).order_by("level", "pk").first()`, as plain SQL: every
    submission that names a county asks it."""
    statement = f"SELECT * FROM {sql.table(Office)} WHERE county_id = %s ORDER BY level, id LIMIT 1"  # noqa: S608
    return next(iter(Office.objects.raw(statement, [county_id])), None)


def _county_offices() -> dict[int, Office]:
    """Each county's own election office, by county id: the first by level, then by age."""
    offices: dict[int, Office] = {}
    for office in Office.objects.filter(county__isnull=False).order_by("level", "pk"):
        if office.county_id is not None:
            offices.setdefault(office.county_id, office)
    return offices


def sender_identifiers(data: ReportIn, platform: str = "") -> list[tuple[str, str]]:
    """(kind, pseudonym) for every sender identifier: the keyed hash of its matching key, so that
    'Jane.Doe+x@gmail.com' and 'janedoe@googlemail.com', or 'Doe, John' and 'john doe', match."""
    pairs = [(SenderIdentifier.Kind.PHONE, p) for p in data.sender.phones]
    pairs += [(SenderIdentifier.Kind.EMAIL, e) for e in data.sender.emails]
    pairs += [(SenderIdentifier.Kind.HANDLE, h) for h in data.sender.handles]
    if data.sender.name:
        pairs.append((SenderIdentifier.Kind.NAME, data.sender.name))
    return [(str(kind), blind_index(str(kind), _match_key(str(kind), value, platform))) for kind, value in pairs]


def sender_digests(identifiers: Iterable[tuple[str, str]]) -> list[str]:
    """The sender's pseudonyms, each once: what earlier reports from the sender share."""
    return list(dict.fromkeys(digest for _kind, digest in identifiers))


def _match_key(kind: str, value: str, platform: str) -> str:
    """A handle that breaks its platform's rules (the platform field may be wrong) still gets a key."""
    try:
        return identifier_key(kind, value, platform)
    except ValueError:
        return identifier_key(kind, value)


RedactorLookup = Callable[..., Redactor]


def build_report(
    data: ReportIn,
    *,
    places: PlaceDirectory,
    actor: Any,
    source: str,
    line: int | None = None,
    is_synthetic: bool = False,
    redactor_for: RedactorLookup = redaction.redactor_for,
) -> Built:
    """Turn validated input into an unsaved, redacted report; raise ReportInputError for unknown
    places. The caller assesses it (`Built.assess`), since the sender's history depends on what
    else is being stored with it."""
    state = places.state(data.state)
    if state is None:
        raise ReportInputError([FieldError("state", f"unknown state or territory code {data.state!r}", line)])
    county = None
    if data.county:
        county = places.county(state, data.county)
        if county is None:
            raise ReportInputError([FieldError("county", f"no county {data.county!r} in {state.name}", line)])
    signed_in = getattr(actor, "is_authenticated", False)
    office = (getattr(actor, "office", None) if signed_in else None) or places.office_for(county)
    # Codes as plain strings, as they are stored (an import hands these values between processes).
    values = {
        "public_code": report_code(),
        "source": str(source),
        "is_synthetic": is_synthetic,
        "office_id": office.pk if office else None,
        "state_id": state.pk,
        "county_id": county.pk if county else None,
        "occurred_on": data.occurred_on,
        "occurred_time": data.occurred_time,
        "channel": str(data.channel),
        "platform": data.platform,
        "primary_threat_type": str(data.threat_types[0]),
        "target_role": str(data.target_role),
        "election_phase": str(data.election_phase),
        "message_text": data.message_text,
        "narrative": data.narrative,
        "sender_name": data.sender.name,
        "sender_phones": data.sender.phones,
        "sender_emails": data.sender.emails,
        "sender_handles": data.sender.handles,
        "sender_description": data.sender.description,
        "reporter_id": actor.pk if signed_in else None,
        "reporter_contact": data.reporter_contact.model_dump(exclude_defaults=True),
        "reporter_consent": [str(c) for c in data.reporter_consent],
    }
    redactor = redactor_for(office_id=values["office_id"], state_id=state.pk)
    reporter_name = actor.get_full_name() if signed_in else ""
    values.update(redaction.make_copies(values, redactor=redactor, reporter_name=reporter_name).values())
    identifiers = sender_identifiers(data, platform_code(data.platform))
    threat_types = [str(t) for t in data.threat_types]
    return Built(values, threat_types, identifiers, state, county, office)


class _WithChildren(Protocol):
    threat_types: list[str]
    identifiers: list[tuple[str, str]]


def _save_children(built: Sequence[_WithChildren], report_ids: Sequence[int]) -> None:
    """Threat-type and sender-identifier rows for reports already stored (ids in the same order)."""
    inserter(ReportThreatType).insert(
        {"report_id": pk, "code": code, "position": i}
        for b, pk in zip(built, report_ids, strict=True)
        for i, code in enumerate(b.threat_types)
    )
    inserter(SenderIdentifier).insert(
        {"report_id": pk, "kind": kind, "digest": digest}
        for b, pk in zip(built, report_ids, strict=True)
        for kind, digest in dict.fromkeys(b.identifiers)
    )


def submission_digest(data: ReportIn) -> str:
    """A fingerprint of the submitted content, to tell a retry from a different report."""
    canonical = json.dumps(data.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _existing_submission(key: str, digest: str) -> Report | None:
    existing = Report.objects.filter(submission_key=key).first()
    if existing is not None and existing.submission_digest != digest:
        raise IdempotencyConflictError("this Idempotency-Key was already used for a different report")
    return existing


@dataclass
class _Draft:
    """A submission worked out before its transaction, with what it was worked out from: the
    redactors' view of the protected persons, and the sender's history."""

    built: Built
    redactors: redaction.StampedRedactors
    history: tuple[int, ...]


def _draft(data: ReportIn, *, actor: Any, source: str) -> _Draft:
    """Resolve, redact and assess a submission outside any transaction: on SQLite a transaction
    holds the database's one write lock, and this is most of a submission's work."""
    stamped = redaction.StampedRedactors()
    built = build_report(data, places=PlaceDirectory(bulk=False), actor=actor, source=source, redactor_for=stamped)
    history = assessing.sender_history(built.digests)
    built.assess(history)
    return _Draft(built, stamped, history)


def _confirmed(draft: _Draft, data: ReportIn, *, actor: Any, source: str) -> Built:
    """Inside the transaction, the draft as it must be stored: made again if the state's protected
    persons changed since (their change redid only the copies already stored), reassessed if the
    sender's history did."""
    if not draft.redactors.unchanged():
        built = build_report(data, places=PlaceDirectory(bulk=False), actor=actor, source=source)
        built.assess(assessing.sender_history(built.digests))
        return built
    history = assessing.sender_history(draft.built.digests)
    if history != draft.history:
        draft.built.assess(history)
    return draft.built


@transaction.atomic
def _submit_new(
    draft: _Draft,
    data: ReportIn,
    *,
    actor: Any,
    source: str,
    submission_key: str | None,
    digest: str,
    files: Sequence[evidence_files.CheckedFile],
) -> tuple[Report, Built]:
    people_hold(draft.built.state.pk)  # before the check, so a change of them cannot slip in after it
    built = _confirmed(draft, data, actor=actor, source=source)
    now = timezone.now()
    built.values.update(submission_key=submission_key, submission_digest=digest, received_at=now, created_at=now, updated_at=now)
    # A plain insert, not save(): Report has no save() override and no signal receivers to miss.
    built.values["id"] = inserter(Report).insert_one(built.values)
    report = built.report(reporter=actor if getattr(actor, "is_authenticated", False) else None)
    _save_children([built], [report.pk])
    audit.log(
        "reports.report.submitted",
        actor=actor,
        obj=report,
        payload={"source": source, "channel": report.channel, "threat_types": built.threat_types},
    )
    for checked in files:
        _add_evidence(report, checked, actor=actor)
    listeners.report_submitted(report)
    return report, built


def report_submit(
    *,
    actor: Any,
    data: ReportIn,
    source: str,
    submission_key: str | None = None,
    files: Sequence[evidence_files.CheckedFile] = (),
) -> SubmitResult:
    """Store one report (and its evidence) exactly once.

    With a `submission_key` (the API's Idempotency-Key, the web form's one-time token) a retry
    returns the report already stored instead of a second copy, even when two retries race:
    the loser of the race hits the unique key, rolls back, and returns the winner's report.
    Most submissions are new, so the key is looked up first only when files would otherwise be
    written again for a retry. The report is worked out before the transaction and checked
    inside it against anything that changed meanwhile.
    """
    digest = submission_digest(data)
    if submission_key and files:
        existing = _existing_submission(submission_key, digest)
        if existing is not None:
            return SubmitResult(existing, created=False)
    draft = _draft(data, actor=actor, source=source)
    try:
        report, built = _submit_new(
            draft, data, actor=actor, source=source, submission_key=submission_key, digest=digest, files=files
        )
    except IntegrityError:
        existing = _existing_submission(submission_key, digest) if submission_key else None
        if existing is None:
            raise
        return SubmitResult(existing, created=False)
    return SubmitResult(report, created=True, identifiers=list(dict.fromkeys(built.identifiers)))


def _add_evidence(report: Report, checked: evidence_files.CheckedFile, *, actor: Any) -> Evidence:
    item = evidence_files.store(report, checked, actor=actor)
    audit.log(
        "reports.evidence.added",
        actor=actor,
        obj=report,
        payload={"evidence": item.public_code, "kind": item.kind, "sha256": item.sha256, "size": item.size},
    )
    return item


@transaction.atomic
def evidence_add(*, actor: Any, report: Report, checked: evidence_files.CheckedFile) -> Evidence:
    """Attach one checked file to a report the actor may already see."""
    return _add_evidence(report, checked, actor=actor)


@transaction.atomic
def evidence_open(*, actor: Any, evidence: Evidence, purpose: str, note: str = "") -> tuple[bytes, bool]:
    """Read an evidence file for a user: verify its hash and log the access in the custody chain.

    `purpose` is the custody action (downloaded, transferred); `note` names the recipient or the
    reason (a case packet), never a person. A file that fails the check is not handed out: the
    bytes come back empty, and the custody chain and the audit trail record the failed check
    instead of an access.
    """
    data, verified = evidence_files.open_verified(evidence)
    if not verified:
        evidence_files.custody(
            evidence,
            actor=actor,
            action=CustodyEntry.Action.VIEWED,
            verified=False,
            note="; ".join(filter(None, ["integrity check failed; not handed out", note])),
        )
        audit.log(
            "reports.evidence.integrity_failed",
            actor=actor,
            obj=evidence.report,
            payload={"evidence": evidence.public_code, "purpose": purpose, "sha256_verified": False},
        )
        return b"", False
    evidence_files.custody(evidence, actor=actor, action=purpose, verified=True, note=note)
    audit.log(
        "reports.evidence.opened",
        actor=actor,
        obj=evidence.report,
        payload={"evidence": evidence.public_code, "purpose": purpose, "sha256_verified": True},
    )
    return data, True


@dataclass
class ImportRow:
    line: int
    data: ReportIn
    external_id: str = ""
    received_at: datetime | None = None


IMPORT_KEY_PREFIX = "import:"  # an imported row's submission key is this and its external id
SEALED_COLUMNS = encrypted_columns(Report)


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
        """Add the computed fields, given the levels of the sender's earlier reports."""
        self.values.update(assessing.assessment_values(self.values, self.threat_types, history, words=self.words))

    def row(self) -> dict[str, Any]:
        """Every column, for `BulkInserter(Report, ready=SEALED_COLUMNS)`."""
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
        built.values["submission_key"] = IMPORT_KEY_PREFIX + row.external_id
        built.values["submission_digest"] = submission_digest(row.data)
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
    """Store validated rows all or nothing; any unknown place or repeated id aborts the lot.

    Rows with an `external_id` are keyed by it, so importing the same file twice is refused
    instead of storing every report a second time.
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


@transaction.atomic
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
    here, inside the transaction, so a report stored by someone else meanwhile still cannot be
    imported twice; then the rows are assessed in order of receipt and inserted.

    Rows drafted before this transaction pass `people_seen`, the protected persons' stamp
    (`privacy.selectors.people_stamp`) read before drafting: if anyone was added, changed or
    removed since, the redacted copies may name them, and nothing is stored."""
    if people_seen is not None:
        people_hold(*{draft.values["state_id"] for draft in drafts})
        if people_stamp() != people_seen:
            raise ReportInputError([FieldError("file", PEOPLE_CHANGED)])
    errors = [*problems, *_key_errors(drafts)]
    if errors:
        raise ReportInputError(sorted(errors, key=lambda e: e.line or 0))
    now = timezone.now()
    for draft in drafts:
        draft.values["received_at"] = draft.received_at or now
    _assess_in_order(drafts)
    return _insert(drafts, actor=actor, source=source, batch_size=batch_size, progress=progress)


def _key_errors(drafts: Sequence[ImportDraft]) -> list[FieldError]:
    """A key that repeats an earlier row's, or that a stored report has."""
    errors: list[FieldError] = []
    seen_keys: dict[str, int] = {}  # submission key -> line
    for draft in drafts:
        key = draft.values.get("submission_key")
        if not key:
            continue
        if key in seen_keys:
            errors.append(FieldError("external_id", f"repeats line {seen_keys[key]}", draft.line))
        else:
            seen_keys[key] = draft.line
    # In chunks: one IN list of every key passes SQLite's limit on parameters (32,766 by default).
    keys = list(seen_keys)
    existing = Report.objects.values_list("submission_key", flat=True)
    taken = {key for i in range(0, len(keys), 900) for key in existing.filter(submission_key__in=keys[i : i + 900]) if key}
    errors.extend(
        FieldError("external_id", f"{key.removeprefix(IMPORT_KEY_PREFIX)!r} was already imported", seen_keys[key])
        for key in sorted(taken, key=seen_keys.__getitem__)
    )
    return errors


def _assess_in_order(drafts: Sequence[ImportDraft]) -> None:
    """Assess a file's reports oldest first, each with the levels of the sender's earlier reports,
    stored or earlier in the file, as a later reassessment would find them; the stored ones are
    read once for the whole file, not per row. Rows received at the same time go in file order."""
    history = assessing.RunningHistory(digest for item in drafts for digest in item.digests)
    for item in sorted(drafts, key=lambda b: b.values["received_at"]):  # stable: ties keep file order
        received_at = item.values["received_at"]
        item.assess(history.before(item.digests, received_at))
        history.add(item.digests, received_at, item.values["severity"])


def _insert(drafts: Sequence[ImportDraft], *, actor: Any, source: str, batch_size: int, progress: Any) -> list[StoredReport]:
    """Insert assessed drafts in batches, each with its child rows and audit events."""
    stored: list[StoredReport] = []
    reports = BulkInserter(Report, ready=SEALED_COLUMNS)
    for start in range(0, len(drafts), batch_size):
        chunk = drafts[start : start + batch_size]
        reports.insert(d.row() for d in chunk)
        codes = [d.values["public_code"] for d in chunk]
        ids = _ids_by_code(codes)
        report_ids = [ids[code] for code in codes]
        _save_children(chunk, report_ids)
        audit.log_many(
            actor=actor,
            entries=[
                audit.Entry("reports.report.imported", "reports.report", code, payload={"source": source}) for code in codes
            ],
        )
        stored += [StoredReport(pk, code) for pk, code in zip(report_ids, codes, strict=True)]
        if progress is not None:
            progress(len(chunk))
    return stored


def _ids_by_code(codes: Sequence[str], chunk: int = 900) -> dict[str, int]:
    """Database ids of just-inserted reports, asked in chunks that fit SQLite's parameter limit."""
    found: dict[str, int] = {}
    for start in range(0, len(codes), chunk):
        found.update(Report.objects.filter(public_code__in=codes[start : start + chunk]).values_list("public_code", "pk"))
    return found


def revealed_read(*, actor: Any, report: Report, reveal: Reveal) -> None:
    """Each look a liaison takes at revealed words is an event, tied to the reveal and its reason."""
    audit.log("reports.report.revealed_read", actor=actor, obj=report, payload={"reveal": reveal.pk})


class RevealRefusedError(PermissionError):
    """Only a liaison of an agency the report was referred to may reveal its words."""


MIN_REVEAL_REASON = 10


@transaction.atomic
def report_reveal(*, actor: Any, report: Report, reason: str) -> Reveal:
    """Let a liaison read the original words for REVEAL_MINUTES; the reason goes to the audit trail."""
    if not may_reveal(actor, report):
        raise RevealRefusedError("not referred to your agency")
    reason = " ".join(reason.split())
    if len(reason) < MIN_REVEAL_REASON:
        raise ReportInputError([FieldError("reason", f"say why, in at least {MIN_REVEAL_REASON} characters")])
    now = timezone.now()
    reveal = Reveal.objects.create(
        report=report, user=actor, granted_at=now, expires_at=now + timedelta(minutes=settings.REVEAL_MINUTES)
    )
    audit.log(
        "reports.report.revealed",
        actor=actor,
        obj=report,
        reason=reason[:500],
        payload={"minutes": settings.REVEAL_MINUTES, "agency": actor.agency.public_code if actor.agency_id else ""},
    )
    return reveal


@transaction.atomic
def level_override(*, actor: Any, report: Report, level: int, reason: str) -> Report:
    """Set the level by hand, keeping the computed one; the reason goes to the audit trail."""
    reason = " ".join(reason.split())
    errors = []
    if level not in range(5):
        errors.append(FieldError("level", "choose a level from 0 to 4"))
    if len(reason) < MIN_REVEAL_REASON:
        errors.append(FieldError("reason", f"say why, in at least {MIN_REVEAL_REASON} characters"))
    if errors:
        raise ReportInputError(errors)
    listeners.level_set(report, before=report.level)
    Report.objects.filter(pk=report.pk).update(severity_override=level)
    audit.log(
        "reports.report.level_overridden",
        actor=actor,
        obj=report,
        reason=reason[:500],
        payload={"computed": report.severity, "before": report.severity_override, "level": level},
    )
    report.severity_override = level
    return report
