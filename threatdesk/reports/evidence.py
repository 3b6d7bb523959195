"""Evidence files: checked by content, hashed, sealed, and logged every time they move.

The type is decided from the bytes (magic numbers; RFC 5322 headers for email files), never from
the file name or the browser's claim. Files are stored AES-GCM-sealed under a random name, so
neither the storage bucket nor a backup shows a file name or a face.
"""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import logging
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from threatdesk.audit import services as audit
from threatdesk.audit.services import actor_label
from threatdesk.lib.busy import STORAGE_READ_MESSAGE, STORAGE_WRITE_MESSAGE, StorageUnavailableError
from threatdesk.privacy import crypto
from threatdesk.privacy.registry import FileRotation
from threatdesk.reports.models import CustodyEntry, Evidence
from threatdesk.reports.storage import STORAGE_FAILURES

log = logging.getLogger(__name__)

ALLOWED_MIME: dict[str, str] = {
    "image/jpeg": Evidence.Kind.IMAGE,
    "image/png": Evidence.Kind.IMAGE,
    "image/gif": Evidence.Kind.IMAGE,
    "image/webp": Evidence.Kind.IMAGE,
    "image/heic": Evidence.Kind.IMAGE,
    "audio/mpeg": Evidence.Kind.AUDIO,
    "audio/x-wav": Evidence.Kind.AUDIO,
    "audio/ogg": Evidence.Kind.AUDIO,
    "audio/mp4": Evidence.Kind.AUDIO,
    "audio/x-m4a": Evidence.Kind.AUDIO,
    "audio/amr": Evidence.Kind.AUDIO,
    "audio/x-flac": Evidence.Kind.AUDIO,
    "video/mp4": Evidence.Kind.AUDIO,  # phones save voicemail as .m4a with an mp4 container brand
    "application/pdf": Evidence.Kind.PDF,
}
EMAIL_MIME = "message/rfc822"
# The extension each accepted type is saved with, so the file opens when tapped.
EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/heic": ".heic",
    "audio/mpeg": ".mp3",
    "audio/x-wav": ".wav",
    "audio/ogg": ".ogg",
    "audio/mp4": ".m4a",
    "audio/x-m4a": ".m4a",
    "audio/amr": ".amr",
    "audio/x-flac": ".flac",
    "video/mp4": ".mp4",
    "application/pdf": ".pdf",
    "message/rfc822": ".eml",
}
ALLOWED_LABEL = "images (JPEG, PNG, GIF, WebP, HEIC), audio (MP3, WAV, OGG, M4A, AMR, FLAC), PDF, or email (.eml)"


def file_name(item: Evidence) -> str:
    """The name an evidence file is handed out under: its code, not the uploaded name, which may
    name people, with the extension of its stored type."""
    return f"{item.public_code}{EXTENSIONS.get(item.content_type, '.bin')}"


class EvidenceError(ValueError):
    """The upload is refused; the message says why in words a reporter understands."""


class ReportFullError(EvidenceError):
    """The report holds as many files as one report may (`EVIDENCE_MAX_PER_REPORT`)."""


def room_for(held: int, adding: int) -> None:
    """Refuse `adding` new files to a report holding `held` (not destroyed) if that would pass
    `EVIDENCE_MAX_PER_REPORT`: without a bound, a form sent again and again with other files
    would fill the evidence store through one report."""
    most = settings.EVIDENCE_MAX_PER_REPORT
    if adding and held + adding > most:
        left = max(most - held, 0)
        can = f"it can take {left} more" if left else "it can take no more"
        raise ReportFullError(
            f"this report already holds {held} file(s), and one report may hold at most {most}: {can}. "
            "Nothing was stored; ask the election office to take further files another way."
        )


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    content_type: str
    kind: str
    sha256: str
    original_name: str


def _looks_like_email(data: bytes) -> bool:
    """Whether the file starts with an email's headers: a From, and a Date or a Subject. The
    headers are read as plain text (`compat32`), never parsed as addresses: the standard
    library's address parser takes time quadratic in a crafted From line, and raises on some, so
    anyone could hold a worker for minutes, or answer a server error, with a small upload."""
    head = data[: 64 * 1024].decode("utf-8", errors="replace")
    if "\n\n" not in head.replace("\r\n", "\n"):
        return False
    message = email.parser.Parser(policy=email.policy.compat32).parsestr(head, headersonly=True)
    return bool(message.get("From")) and bool(message.get("Date") or message.get("Subject"))


def detect_type(data: bytes) -> str | None:
    kind = filetype.guess(data)
    if kind is not None:
        return str(kind.mime)
    return EMAIL_MIME if _looks_like_email(data) else None


def check_upload(data: bytes, original_name: str) -> CheckedFile:
    """Refuse empty, oversized or unexpected files; return the facts to store."""
    if not data:
        raise EvidenceError("The file is empty.")
    limit = settings.EVIDENCE_MAX_BYTES
    if len(data) > limit:
        raise EvidenceError(f"The file is {len(data) // 1024 // 1024 + 1} MB; the limit is {limit // 1024 // 1024} MB.")
    mime = detect_type(data)
    kind: str
    if mime == EMAIL_MIME:
        kind = Evidence.Kind.EMAIL
    elif mime in ALLOWED_MIME:
        kind = ALLOWED_MIME[mime]
    else:
        raise EvidenceError(f"This kind of file is not accepted. Send {ALLOWED_LABEL}.")
    return CheckedFile(
        data=data,
        content_type=mime,
        kind=kind,
        sha256=hashlib.sha256(data).hexdigest(),
        original_name=original_name[:200],
    )


def _aad(stored_name: str) -> str:
    return f"evidence:{stored_name}"


def custody(evidence: Evidence, *, actor: Any, action: str, verified: bool = False, note: str = "") -> CustodyEntry:
    return CustodyEntry.objects.create(
        evidence=evidence,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=actor_label(actor),
        action=action,
        sha256_verified=verified,
        note=note,
    )


def failed_check(evidence: Evidence, *, actor: Any, action: str, purpose: str, note: str) -> None:
    """Record a file that failed its integrity check, in its chain of custody and in the audit
    trail, wherever it was found (a download, a case packet, a key rotation): the custody log
    must never say a file was verified when it was not, and the trail is what people watch."""
    custody(evidence, actor=actor, action=action, verified=False, note=note)
    audit.log(
        "reports.evidence.integrity_failed",
        actor=actor,
        obj=evidence.report,
        payload={"evidence": evidence.public_code, "purpose": purpose, "sha256_verified": False},
    )


# The names of the sealed files written inside the innermost `atomic_with_files` block.
_written: ContextVar[list[str] | None] = ContextVar("evidence_files_written", default=None)


@contextmanager
def atomic_with_files() -> Iterator[None]:
    """A transaction that writes sealed files, and deletes them again when it rolls back.

    Files are written before the rows that name them, and Django has no on-rollback hook: without
    this, a failure after a file (the next one hits a full disk, an audit append fails) would
    leave a sealed file no row names, out of reach of retention, erasure and key rotation. A
    failed commit keeps its files, since on PostgreSQL a dropped connection may have committed
    them; `sweep_evidence` deletes them later if no row names them. A nested block hands its
    files to the enclosing one, whose rollback undoes its rows too.
    """
    names: list[str] = []
    token = _written.set(names)
    committing = False
    try:
        with transaction.atomic():
            yield
            committing = True
    except BaseException:
        if not committing:
            _delete_rolled_back(names)
        raise
    finally:
        _written.reset(token)
    enclosing = _written.get()
    if enclosing is not None:
        enclosing.extend(names)


def _delete_rolled_back(names: list[str]) -> None:
    """Delete the files of a rolled-back transaction. One that will not go is left for
    `sweep_evidence`, so that the failure which rolled the transaction back is the one raised."""
    for name in names:
        try:
            delete_sealed(name)
        except Exception as exc:
            log.warning("a sealed file of a rolled-back transaction could not be deleted: %s", type(exc).__name__)


def _save_sealed(stored_name: str, data: bytes) -> None:
    """Seal `data` and write it under its new random name, noted for `atomic_with_files`. A store
    that does not take it raises StorageUnavailableError, which rolls the write back."""
    sealed = ContentFile(crypto.encrypt_bytes(data, _aad(stored_name)))
    try:
        saved_name = default_storage.save(stored_name, sealed)
    except STORAGE_FAILURES as exc:
        log.error("the evidence store did not take a file: %s", type(exc).__name__)
        raise StorageUnavailableError(STORAGE_WRITE_MESSAGE) from exc
    written = _written.get()
    if written is not None:
        written.append(saved_name)
    if saved_name != stored_name:  # the random name is new; a clash would mean storage renamed it
        raise EvidenceError("storage refused the file name")


def store(report: Any, checked: CheckedFile, *, actor: Any) -> Evidence:
    """Seal and save the file, create its record and its first custody entry.

    The file is written before the row, so call this inside `atomic_with_files`: a rollback then
    deletes the file too.
    """
    stored_name = _new_stored_name(report.received_at)
    _save_sealed(stored_name, checked.data)
    evidence = Evidence.objects.create(
        report=report,
        kind=checked.kind,
        content_type=checked.content_type,
        size=len(checked.data),
        sha256=checked.sha256,
        stored_name=stored_name,
        original_name=checked.original_name,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    custody(evidence, actor=actor, action=CustodyEntry.Action.RECEIVED, verified=True)
    return evidence


def open_verified(evidence: Evidence) -> tuple[bytes, bool]:
    """The original bytes and whether they still match the hash taken at upload.

    A sealed file that no longer opens (altered, truncated, swapped for another, missing) fails
    the check like one whose bytes no longer match: (b"", False).
    """
    try:
        data = crypto.decrypt_bytes(_read_sealed(evidence.stored_name), _aad(evidence.stored_name))
    except UNREADABLE:
        return b"", False
    return data, _matches(evidence, data)


# A sealed file that is missing, not a token, or does not open under its place.
UNREADABLE = (crypto.DecryptionError, ValueError, FileNotFoundError)


def _read_sealed(stored_name: str) -> bytes:
    """The sealed bytes; FileNotFoundError for a file that is not there (a failed check), and
    StorageUnavailableError for a store that did not answer (not the file's fault: try again)."""
    try:
        with default_storage.open(stored_name, "rb") as handle:
            return bytes(handle.read())
    except FileNotFoundError:
        raise
    except STORAGE_FAILURES as exc:
        log.error("the evidence store did not give back a file: %s", type(exc).__name__)
        raise StorageUnavailableError(STORAGE_READ_MESSAGE) from exc


def _matches(evidence: Evidence, data: bytes) -> bool:
    """Whether the bytes are those hashed at upload."""
    return hashlib.sha256(data).hexdigest() == evidence.sha256


def delete_sealed(stored_name: str) -> None:
    """Remove a sealed file for good (retention); a file already gone is not an error."""
    default_storage.delete(stored_name)


def _new_stored_name(report_received_at: Any) -> str:
    return f"{report_received_at:%Y/%m}/{secrets.token_hex(16)}.sealed"


# The names `_new_stored_name` gives: the sweep never touches any other file in the storage.
SEALED_NAME = re.compile(r"\d{4}/\d{2}/[0-9a-f]{32}\.sealed")


def unnamed_files(older_than: timedelta) -> list[str]:
    """The sealed files no evidence row names (destroyed ones aside), written over `older_than` ago.

    Such a file is left when a rolled-back transaction could not delete its files, after a failed
    COMMIT, or when a key rotation or retention run stopped before deleting an old copy. The age
    keeps files safe whose rows are about to commit; the files are listed before the rows are
    read, so a row that commits meanwhile still names its file.
    """
    cutoff = timezone.now() - older_than
    old = [name for name in _sealed_names("") if _written_before(name, cutoff)]
    named = set(Evidence.objects.filter(destroyed_at__isnull=True).values_list("stored_name", flat=True))
    return [name for name in old if name not in named]


def _sealed_names(folder: str) -> Iterator[str]:
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # nothing stored yet
        return
    for entry in files:
        name = f"{folder}/{entry}" if folder else entry
        if SEALED_NAME.fullmatch(name):
            yield name
    for entry in folders:
        yield from _sealed_names(f"{folder}/{entry}" if folder else entry)


def _written_before(name: str, cutoff: datetime) -> bool:
    """Whether the file was last written before `cutoff`; one gone meanwhile (a rotation deleted
    its old copy) is left alone."""
    try:
        return default_storage.get_modified_time(name) < cutoff
    except FileNotFoundError:
        return False


# Where `probe_storage` writes: apart from the evidence, in a shape the sweep never matches.
PROBE_FOLDER = "probe"


def probe_storage() -> str:
    """Write one sealed file, read it back, find it listed, and delete it, as evidence uploads,
    hand-outs, sweeps and retention do; return where the files go. Run before going live and after
    a change to the storage settings: otherwise the first upload is what finds a wrong bucket,
    credential or permission. Raises the storage's own error, or EvidenceError."""
    name = f"{PROBE_FOLDER}/{secrets.token_hex(16)}.sealed"
    data = secrets.token_bytes(64)
    _save_sealed(name, data)
    try:
        if crypto.decrypt_bytes(_read_sealed(name), _aad(name)) != data:
            raise EvidenceError("the file read back is not the file written")
        if name.rpartition("/")[2] not in default_storage.listdir(PROBE_FOLDER)[1]:
            raise EvidenceError("the file written is not listed")
        default_storage.get_modified_time(name)
    finally:
        delete_sealed(name)
    if default_storage.exists(name):
        raise EvidenceError("the file deleted is still there")
    return _where_files_go()


def _where_files_go() -> str:
    bucket = getattr(default_storage, "bucket_name", None)
    location = getattr(default_storage, "location", "")
    if bucket:
        return f"bucket {bucket}, under {location or '/'}"
    return f"folder {location}"


def rotate_evidence_files() -> FileRotation:
    """Re-seal every evidence file whose key is not the newest one (key rotation).

    A file retention has destroyed is passed over and counted: its record stays, its bytes are
    gone. A file that fails its integrity check is counted too, and the rotation goes on with
    the others: one lost or altered file must not keep every other from the new key. Each file
    is re-sealed under a lock on its row, so a retention run destroying it meanwhile waits or is
    seen. The old copy is deleted only after the row has moved to the new one: an interruption
    leaves a spare file, never a lost one, and a rollback deletes the new one.
    """
    resealed = destroyed = failed = 0
    for pk in Evidence.objects.order_by("pk").values_list("pk", flat=True).iterator():
        with atomic_with_files():
            evidence = Evidence.objects.select_for_update().select_related("report").filter(pk=pk).first()
            if evidence is None:
                continue
            if evidence.destroyed_at is not None:
                destroyed += 1
                continue
            outcome = _reseal(evidence)
        if outcome.old_name is not None:
            delete_sealed(outcome.old_name)
            resealed += 1
        failed += not outcome.verified
    return FileRotation(resealed=resealed, destroyed=destroyed, failed=failed)


@dataclass(frozen=True)
class _Resealed:
    old_name: str | None = None  # the copy to delete once the row's move has committed
    verified: bool = True


def _reseal(evidence: Evidence) -> _Resealed:
    """Seal the file again under the newest key under a new name, and point the row there.

    Returns the old name, for the caller to delete once the row's move has committed (none when
    the file is already under the newest key), and whether the file passed its integrity check.
    A file that is missing or does not open cannot be re-sealed: it is recorded as a failed
    check, as a download records one, and left as it is.
    """
    ring = crypto.ring()
    try:
        sealed = _read_sealed(evidence.stored_name).decode("ascii")
        if crypto.key_id_of(sealed) == ring.current_id:
            return _Resealed()
        plain = ring.decrypt(sealed, _aad(evidence.stored_name))
    except UNREADABLE:
        note = "integrity check failed; missing or does not open, not re-encrypted"
        failed_check(evidence, actor=None, action=CustodyEntry.Action.VIEWED, purpose=CustodyEntry.Action.RE_ENCRYPTED, note=note)
        return _Resealed(verified=False)
    old_name, new_name = evidence.stored_name, _new_stored_name(evidence.report.received_at)
    _save_sealed(new_name, plain)
    Evidence.objects.filter(pk=evidence.pk).update(stored_name=new_name)
    return _Resealed(old_name, verified=_record_reseal(evidence, plain, key_id=ring.current_id))


def _record_reseal(evidence: Evidence, plain: bytes, *, key_id: str) -> bool:
    """Write the custody entry of a re-sealed file, saying whether its bytes still match the hash
    taken at upload, and return that. A file that does not is re-sealed all the same (its bytes
    are what they are, and the old key must be retirable), but as a failed check, as a download
    records one."""
    action, note = CustodyEntry.Action.RE_ENCRYPTED, f"key {key_id}"
    if _matches(evidence, plain):
        custody(evidence, actor=None, action=action, verified=True, note=note)
        return True
    failed_check(evidence, actor=None, action=action, purpose=action, note=f"{note}; integrity check failed")
    return False
