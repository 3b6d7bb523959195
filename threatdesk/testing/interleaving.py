"""Two writers interleaved on purpose, for tests of what each does while the other runs: one is
held at a chosen call until the other has committed or waits on a lock. Each runs in a thread of
its own, so with its own database connection (PostgreSQL; SQLite's in-memory test database cannot
be shared by threads)."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

# Two writers at once need two connections that wait on each other's locks: on SQLite every write
# is serialised at BEGIN IMMEDIATE, and the in-memory test database cannot be shared by threads.
two_writers = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite serialises every write at BEGIN IMMEDIATE, and its in-memory test database cannot be shared by threads",
)


def in_thread(work: Callable[[], Any], *, on_failure: Callable[[], Any] = lambda: None) -> tuple[threading.Thread, list[Any]]:
    """Run `work` in a thread of its own (and database connection); its exception is kept."""
    failures: list[Any] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:
            failures.append(exc)
            on_failure()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, failures


def waiting_on_a_lock() -> bool:
    """Whether any connection to the test database waits on a lock now."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
        return bool(cursor.fetchone()[0])


class Pause:
    """Holds up one call through a `wrap`ped function (the first, unless `after` others come
    first) until the test lets it go on."""

    def __init__(self, *, after: int = 0) -> None:
        self.reached, self.go_on = threading.Event(), threading.Event()
        self.calls = itertools.count()
        self.after = after

    def wrap(self, work: Callable[..., Any]) -> Callable[..., Any]:
        def held_up(*args: Any, **kwargs: Any) -> Any:
            if next(self.calls) == self.after:
                self.reached.set()
                if not self.go_on.wait(20):
                    raise AssertionError("the test never let the held call go on")
            return work(*args, **kwargs)

        return held_up


def meanwhile(first: Callable[[], Any], pause: Pause, second: Callable[[], Any]) -> bool:
    """Run `first` until it reaches `pause`, run `second` meanwhile, and let `first` go on once
    `second` has committed or waits on a lock; both must succeed. True if `second` was waiting
    on a lock when `first` went on."""
    held, failures = in_thread(first, on_failure=pause.reached.set)
    if not pause.reached.wait(20):
        raise AssertionError("the first writer never reached its pause")
    other, other_failures = in_thread(second)
    try:
        deadline = time.monotonic() + 20
        while other.is_alive() and not waiting_on_a_lock() and time.monotonic() < deadline:
            time.sleep(0.05)
        waited = other.is_alive() and waiting_on_a_lock()
    finally:
        pause.go_on.set()
        held.join(60)
        other.join(60)
    if failures or other_failures:
        raise AssertionError([str(e) for e in failures + other_failures])
    return waited
