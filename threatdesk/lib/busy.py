"""A write the database would not take in time: on SQLite, the one write lock stayed held past
its wait (a large import being saved holds it for as long as the save takes). Nothing was
stored, and the same request sent again shortly goes through, so it is answered 503 with a
Retry-After rather than as a server error; a report form keeps what was typed."""

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


def with_retry_after(response: HttpResponse) -> HttpResponse:
    response["Retry-After"] = str(RETRY_AFTER_S)
    return response
