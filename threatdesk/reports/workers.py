"""Worker processes for the work of a bulk import that needs only the CPU.

Checking and drafting a row (validation, redaction, pseudonyms, reading the words, sealing) costs
most of an import and depends on no other row, so a large file is spread over one process per
core. The main process keeps the database to itself: it reads what the work needs beforehand
(places, protected persons) and hands it to each worker once, as the pool starts, and it alone
writes. A worker that tried a query would run it outside the import's transaction, or after a
fork on a copy of the main process's connection, so each worker refuses every query.

The pool's initializer sets Django up itself, so workers work whether the platform forks them
(they inherit the main process as it is) or spawns them (they start afresh from the environment).
Either way they are handed the main process's keys, so that what a worker seals and hashes is
what the main process would.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, TypeVar

MAX_WORKERS = 8  # beyond this the main process, which stores every row alone, cannot keep up
HANDED_SETTINGS = ("FIELD_KEYS", "PSEUDONYM_KEY")

Context = TypeVar("Context")
State = TypeVar("State")
Chunk = TypeVar("Chunk")
Result = TypeVar("Result")

_state: Any = None  # what this worker's tasks run with, made once by `_start`


def default_count() -> int:
    """One worker per CPU this process may use, at most MAX_WORKERS."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


class WorkerPool(Generic[State]):
    """`count` worker processes, each running tasks with a state of its own, made once as it
    starts by `make_state(context)`. Use it as a context manager; leaving stops the workers."""

    def __init__(self, count: int, make_state: Callable[[Context], State], context: Context) -> None:
        from django.conf import settings

        handed = {name: getattr(settings, name) for name in HANDED_SETTINGS}
        # Pickled here and opened only once Django is set up: a spawned worker could not open
        # model instances, or even import the module `make_state` lives in, before that.
        setup = pickle.dumps((make_state, context), protocol=pickle.HIGHEST_PROTOCOL)
        self._executor = ProcessPoolExecutor(count, initializer=_start, initargs=(handed, setup))
        self._ahead = 2 * count  # enough to keep every worker busy while results come back

    def __enter__(self) -> WorkerPool[State]:
        self._on_term = _stop_on_term()
        return self

    def __exit__(self, *_exc: object) -> None:
        try:
            self._executor.shutdown(wait=True, cancel_futures=True)
        finally:
            if self._on_term is not None:
                signal.signal(signal.SIGTERM, self._on_term)

    def map(self, task: Callable[[State, Chunk], Result], chunks: Iterable[Chunk]) -> Iterator[Result]:
        """`task(state, chunk)` for every chunk, results in the chunks' order. Only a few chunks
        are handed out ahead of the results taken, so that the input is read as the work goes."""
        pending: deque[Future[Result]] = deque()
        for chunk in chunks:
            pending.append(self._executor.submit(_run, task, chunk))
            if len(pending) >= self._ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _stop_on_term() -> Any:
    """While the pool runs, make `kill PID` (SIGTERM) of the main process end it as Ctrl-C does:
    by leaving the pool, which stops the workers. Left to its default, the signal would end the
    main process alone, and the workers, waiting on a queue whose writing end they hold
    themselves, would wait for good. Gives the handler it replaced, or None off the main thread,
    where Python sets no handlers."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)


def _start(handed: dict[str, Any], setup: bytes) -> None:
    """Set up one worker: Django, the main process's keys, no database, and the tasks' state."""
    import django
    from django.conf import settings

    # Ctrl-C is the main process's to handle: it stops handing out rows and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker inherits the main process's
    django.setup()
    for name, value in handed.items():
        setattr(settings, name, value)
    _refuse_queries()
    make_state, context = pickle.loads(setup)  # noqa: S301 (made by this program's main process)
    global _state
    _state = make_state(context)


def _refuse_queries() -> None:
    from django.db import connections

    for connection in connections.all():
        connection.execute_wrappers.append(_refused)


def _refused(*_args: Any) -> Any:
    raise RuntimeError("an import worker process must not query the database")


def _run(task: Callable[[Any, Any], Any], chunk: Any) -> Any:
    return task(_state, chunk)
