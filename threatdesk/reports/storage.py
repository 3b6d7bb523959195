"""Where sealed evidence files are kept: a local folder, or an S3-compatible bucket for
deployments with more than one web host.

Files reach either already sealed (see evidence.py), so the store and its backups hold
ciphertext under random names; a bucket needs no public access and no presigned links, since
every file is handed out through the application, which checks access and logs custody.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage

# A bucket that does not answer holds up the worker that asked: one call gives up within
# 2 x (3 + 10) s, so a file (a look for its name, then its upload) fails within a minute, inside
# the web workers' timeout (docs/deployment.md). Checksums only where S3 requires them: many
# S3-compatible stores refuse the chunked uploads boto3 sends otherwise, and every file is
# already checked by its AES-GCM tag and its SHA-256.
CLIENT_CONFIG = {
    "connect_timeout": 3,
    "read_timeout": 10,
    "retries": {"max_attempts": 2, "mode": "standard"},
    "request_checksum_calculation": "when_required",
    "response_checksum_validation": "when_required",
}
# What a store raises when it does not take or give back a file (a full disk; a bucket down,
# refusing the credentials, or missing).
STORAGE_FAILURES = (OSError, BotoCoreError, ClientError)


class SyncedFileSystemStorage(FileSystemStorage):
    """Django's local folder, except that a file and its name are on disk before `save` returns:
    the row naming the file commits just after (on disk too, see settings), and the report is
    then acknowledged, so a power cut must not leave the row naming an empty or missing file."""

    def save(self, name: str | None, content: Any, max_length: int | None = None) -> str:
        saved = super().save(name, content, max_length=max_length)
        path = Path(self.path(saved))
        _fsync(path)
        for folder in path.parents:  # the new name, and any folder made for it
            _fsync(folder)
            if folder == Path(self.location):
                break
        return saved


def _fsync(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


class EvidenceS3Storage(S3Storage):  # type: ignore[misc]  # django-storages has no type hints
    """django-storages' S3 backend, made to behave as evidence.py expects of any storage: a name
    is never reused (a clash raises instead of overwriting), and a file that is not there raises
    FileNotFoundError, as on a local disk."""

    def __init__(self, **options: Any) -> None:
        addressing_style = options.get("addressing_style")
        options.setdefault("client_config", Config(s3={"addressing_style": addressing_style}, **CLIENT_CONFIG))
        options.setdefault("file_overwrite", False)
        super().__init__(**options)

    def get_modified_time(self, name: str) -> datetime:
        try:
            return super().get_modified_time(name)  # type: ignore[no-any-return]
        except ClientError as exc:
            if _not_found(exc):
                raise FileNotFoundError(name) from None
            raise


def _not_found(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}
