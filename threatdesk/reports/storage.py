"""Evidence storage in an S3-compatible bucket, for deployments with more than one web host.

Files reach the bucket already sealed (see evidence.py), so the bucket and its backups hold
ciphertext under random names; it needs no public access and no presigned links, since every
file is handed out through the application, which checks access and logs custody.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from botocore.config import Config
from botocore.exceptions import ClientError
from storages.backends.s3 import S3Storage

# A bucket that does not answer holds up the worker that asked; fail in seconds, not minutes,
# and retry what S3 itself calls retryable.
CLIENT_TIMEOUTS = {"connect_timeout": 5, "read_timeout": 30, "retries": {"max_attempts": 3, "mode": "standard"}}


class EvidenceS3Storage(S3Storage):  # type: ignore[misc]  # django-storages has no type hints
    """django-storages' S3 backend, made to behave as evidence.py expects of any storage: a name
    is never reused (a clash raises instead of overwriting), and a file that is not there raises
    FileNotFoundError, as on a local disk."""

    def __init__(self, **options: Any) -> None:
        addressing_style = options.get("addressing_style")
        options.setdefault("client_config", Config(s3={"addressing_style": addressing_style}, **CLIENT_TIMEOUTS))
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
