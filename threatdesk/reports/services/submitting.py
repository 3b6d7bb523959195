"""One report from the web form or the API, stored exactly once, and its evidence files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from threatdesk.assessment import Indicator
from threatdesk.audit import services as audit
from threatdesk.lib.bulkinsert import inserter
from threatdesk.privacy.services import people_hold
from threatdesk.reports import assessing, listeners, redaction
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.models import CustodyEntry, Evidence, Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services.building import Built, PlaceDirectory, build_report, save_children, submission_digest


class IdempotencyConflictError(ValueError):
    """The same idempotency key came back with a different report."""


class EvidenceDestroyedError(LookupError):
    """The file was destroyed under the retention policy after the caller read its record."""


@dataclass
class SubmitResult:
    """The stored report; for a new one also its sender identifiers as (kind, digest), so that
    answering the request need not read back what was just written; for a retry, how many of
    its files the report lacked and now holds, so that the answer can say so."""

    report: Report
    created: bool
    identifiers: list[tuple[str, str]] | None = None
    files_added: int = 0


def _existing_submission(key: str, digest: str) -> Report | None:
    existing = Report.objects.filter(submission_key=key).first()
    if existing is not None and existing.submission_digest != digest:
        raise IdempotencyConflictError("this Idempotency-Key was already used for a different report")
    return existing


@dataclass
class _Draft:
    """A submission worked out before its transaction, with what it was worked out from: the
    redactors' view of the protected persons. Its words are read; its sender's history is left
    for inside the transaction, which has to read it anyway."""

    built: Built
    redactors: redaction.StampedRedactors
    words: dict[str, Indicator]


def _draft(data: ReportIn, *, actor: Any, source: str) -> _Draft:
    """Resolve, redact and read the words of a submission outside any transaction: on SQLite a
    transaction holds the database's one write lock, and this is most of a submission's work."""
    stamped = redaction.StampedRedactors()
    built = build_report(data, places=PlaceDirectory(bulk=False), actor=actor, source=source, redactor_for=stamped)
    return _Draft(built, stamped, assessing.words_of(built.values))


def _confirmed(draft: _Draft, data: ReportIn, *, actor: Any, source: str) -> Built:
    """Inside the transaction, the draft as it must be stored: made again if the state's protected
    persons changed since it was redacted (their change redid only the copies already stored),
    and assessed with the sender's history as it stands now."""
    built, words = draft.built, draft.words
    if not draft.redactors.unchanged():
        built = build_report(data, places=PlaceDirectory(bulk=False), actor=actor, source=source)
        words = assessing.words_of(built.values)
    built.assess(assessing.sender_history(built.digests), words)
    return built


@evidence_files.atomic_with_files()
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
    people_hold(*draft.built.people_states)  # before the check, so a change of them cannot slip in after it
    built = _confirmed(draft, data, actor=actor, source=source)
    now = timezone.now()
    built.values.update(submission_key=submission_key, submission_digest=digest, received_at=now, created_at=now, updated_at=now)
    # A plain insert, not save(): Report has no save() override and no signal receivers to miss.
    built.values["id"] = inserter(Report).insert_one(built.values)
    report = built.report(reporter=actor if getattr(actor, "is_authenticated", False) else None)
    save_children([built], [report.pk])
    audit.log(
        "reports.report.submitted",
        actor=actor,
        obj=report,
        payload={"source": source, "channel": report.channel, "threat_types": built.threat_types},
    )
    for checked in _once_each(files):
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
    A retry's files that the report lacks are added to it (see `_retried`). Most submissions
    are new, so the key is looked up first only when files would otherwise be written again for
    a retry. The report is worked out before the transaction and checked inside it against
    anything that changed meanwhile.
    """
    digest = submission_digest(data)
    if submission_key and files:
        existing = _existing_submission(submission_key, digest)
        if existing is not None:
            return _retried(existing, files, actor=actor)
    draft = _draft(data, actor=actor, source=source)
    try:
        report, built = _submit_new(
            draft, data, actor=actor, source=source, submission_key=submission_key, digest=digest, files=files
        )
    except IntegrityError:
        existing = _existing_submission(submission_key, digest) if submission_key else None
        if existing is None:
            raise
        return _retried(existing, files, actor=actor)
    return SubmitResult(report, created=True, identifiers=list(dict.fromkeys(built.identifiers)))


def _retried(report: Report, files: Sequence[evidence_files.CheckedFile], *, actor: Any) -> SubmitResult:
    """The report a retry names, holding the retry's files too: a filer who went back, attached
    the file they forgot and sent the form again must not get a receipt while the file is
    dropped, and an anonymous filer has no other way to add it. Files it holds are not stored
    again, as for `evidence_add`."""
    added = _attach(report, files, actor=actor) if files else []
    return SubmitResult(report, created=False, files_added=sum(result.created for result in added))


def _once_each(files: Sequence[evidence_files.CheckedFile]) -> list[evidence_files.CheckedFile]:
    """The files in the order given, a file chosen twice (the same SHA-256) once."""
    first: dict[str, evidence_files.CheckedFile] = {}
    for checked in files:
        first.setdefault(checked.sha256, checked)
    return list(first.values())


def _add_evidence(report: Report, checked: evidence_files.CheckedFile, *, actor: Any) -> Evidence:
    item = evidence_files.store(report, checked, actor=actor)
    audit.log(
        "reports.evidence.added",
        actor=actor,
        obj=report,
        payload={"evidence": item.public_code, "kind": item.kind, "sha256": item.sha256, "size": item.size},
    )
    return item


@dataclass
class EvidenceResult:
    """The evidence holding the file, and whether this call stored it."""

    evidence: Evidence
    created: bool


def evidence_add(*, actor: Any, report: Report, checked: evidence_files.CheckedFile) -> EvidenceResult:
    """Attach one checked file to a report the actor may already see, once: a file the report
    already holds (the same SHA-256, not destroyed) is not stored again, so that a retry after a
    lost answer gets the evidence stored the first time."""
    return _attach(report, [checked], actor=actor)[0]


@evidence_files.atomic_with_files()
def _attach(report: Report, files: Sequence[evidence_files.CheckedFile], *, actor: Any) -> list[EvidenceResult]:
    """Each file on the report once, in one transaction, or none if the report would then hold
    more than one report may (`evidence.room_for`). The report's row is held meanwhile, so two
    retries at once store a file once too, and cannot pass the bound together."""
    Report.objects.select_for_update().only("pk").get(pk=report.pk)
    held = _held(report, files)
    new = {checked.sha256 for checked in files} - held.keys()
    evidence_files.room_for(Evidence.objects.filter(report=report, destroyed_at__isnull=True).count(), len(new))
    return [
        EvidenceResult(held[checked.sha256], created=False)
        if checked.sha256 in held
        else EvidenceResult(_add_evidence(report, checked, actor=actor), created=True)
        for checked in _once_each(files)
    ]


def _held(report: Report, files: Sequence[evidence_files.CheckedFile]) -> dict[str, Evidence]:
    """The report's evidence (not destroyed) holding these files, by SHA-256: the first stored."""
    items = Evidence.objects.filter(report=report, sha256__in={c.sha256 for c in files}, destroyed_at__isnull=True)
    return {item.sha256: item for item in items.order_by("-pk")}


@transaction.atomic
def evidence_open(*, actor: Any, evidence: Evidence, purpose: str, note: str = "") -> tuple[bytes, bool]:
    """Read an evidence file for a user: verify its hash and log the access in the custody chain.

    `purpose` is the custody action (downloaded, transferred); `note` names the recipient or the
    reason (a case packet), never a person. A file that fails the check is not handed out: the
    bytes come back empty, and the custody chain and the audit trail record the failed check
    instead of an access. Raises EvidenceDestroyedError for a file retention destroyed meanwhile.
    """
    evidence = _current(evidence)
    data, verified = evidence_files.open_verified(evidence)
    if not verified:
        note = "; ".join(filter(None, ["integrity check failed; not handed out", note]))
        evidence_files.failed_check(evidence, actor=actor, action=CustodyEntry.Action.VIEWED, purpose=purpose, note=note)
        return b"", False
    evidence_files.custody(evidence, actor=actor, action=purpose, verified=True, note=note)
    audit.log(
        "reports.evidence.opened",
        actor=actor,
        obj=evidence.report,
        payload={"evidence": evidence.public_code, "purpose": purpose, "sha256_verified": True},
    )
    return data, True


def _current(evidence: Evidence) -> Evidence:
    """The record as it stands now, its row locked until the file is read (key rotation takes the
    same lock; retention's update waits for it). The caller read it earlier; a rotation may since
    have re-sealed the file under a new name and deleted the old one, and opening the old name
    would record an intact file as altered in the chain of custody."""
    current = Evidence.objects.select_for_update(of=("self",)).select_related("report").get(pk=evidence.pk)
    if current.destroyed_at is not None:
        raise EvidenceDestroyedError(f"evidence {current.public_code} was destroyed under the retention policy")
    return current
