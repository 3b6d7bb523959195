"""Refusals that pass: a write the database would not take in time (on SQLite, the one write lock
stayed held past its wait, as a large import's save holds it), or a file store that did not
answer (an evidence bucket down, a full disk). Nothing was stored, and the same request sent
again shortly goes through, so each is answered 503 with a Retry-After rather than as a server
error; a report form keeps what was typed."""

from __future__ import annotations

from django.db import OperationalError
from django.http import HttpResponse

RETRY_AFTER_S = 30
BUSY_MESSAGE = (
    f"The system is busy saving other records and could not store this. Nothing was stored: "
    f"send it again in {RETRY_AFTER_S} seconds."
)
# SQLite's words when its busy timeout runs out (`OPERATIONAL` errors carry no code in Python 3.11).
_SQLITE_LOCKED = ("database is locked", "database table is locked")
_LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's lock_timeout, should a deployment set one


def database_busy(exc: BaseException) -> bool:
    """Whether `exc` is a lock the database gave up waiting for, as opposed to a real fault."""
    if not isinstance(exc, OperationalError):
        return False
    return str(exc) in _SQLITE_LOCKED or getattr(exc.__cause__, "sqlstate", None) == _LOCK_NOT_AVAILABLE


class StorageUnavailableError(Exception):
    """The file store did not take or give back a file. Raised from the store's own error, which
    stays the cause (for the log); the message is the one to show."""


STORAGE_WRITE_MESSAGE = (
    f"The evidence store did not answer, so this could not be stored. Nothing was stored: "
    f"send it again in {RETRY_AFTER_S} seconds."
)
STORAGE_READ_MESSAGE = f"The evidence store did not answer. Try again in {RETRY_AFTER_S} seconds."


def passing_refusal(exc: BaseException) -> str | None:
    """The message for an error that asks only for the request to be sent again later, or None
    for a real fault."""
    if database_busy(exc):
        return BUSY_MESSAGE
    if isinstance(exc, StorageUnavailableError):
        return str(exc)
    return None


def with_retry_after(response: HttpResponse) -> HttpResponse:
    response["Retry-After"] = str(RETRY_AFTER_S)
    return response
