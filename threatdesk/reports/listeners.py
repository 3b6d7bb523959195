"""Hooks through which apps built on reports hear what happened to one, inside the write's transaction.

`reports` knows nothing of case work, as `privacy` knows nothing of reports: an app that must act
when a report is filed, its level is set or retention erases who filed it registers a listener
here in AppConfig.ready (case work queues its notifications, and takes the filers out of its own
records, this way). A listener runs inside the transaction of the write it
hears of, so what it stores commits or rolls back with that write: a rolled-back submission
tells no one, and a stored one cannot lose what its listeners stored to a failure after commit.
What a listener raises fails the write; what leaves the database (mail) it leaves to
`transaction.on_commit`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from threatdesk.reports.models import Report

SubmittedListener = Callable[["Report"], Any]
LevelListener = Callable[["Report", "int | None"], Any]  # the report, and its level before the change
FilerErasedListener = Callable[[list[int]], Any]  # the ids of the reports whose filer is being erased

_submitted: list[SubmittedListener] = []
_level_set: list[LevelListener] = []
_filer_erased: list[FilerErasedListener] = []


def _register(hooks: list[Any], hook: Any) -> None:
    if hook not in hooks:
        hooks.append(hook)


def register_submitted_listener(listener: SubmittedListener) -> None:
    """`listener(report)` hears of each report filed by form or API; imports are history and stay quiet."""
    _register(_submitted, listener)


def register_level_listener(listener: LevelListener) -> None:
    """`listener(report, before)` hears of each level staff set by hand, with the level in force before."""
    _register(_level_set, listener)


def register_filer_erased_listener(listener: FilerErasedListener) -> None:
    """`listener(report_ids)` hears of the reports whose filer retention is erasing, to erase the
    copies it keeps of who filed them. It runs while the reports still say who filed them (what
    finds the filer in free text), in retention's transaction, the reports locked."""
    _register(_filer_erased, listener)


def report_submitted(report: Report) -> None:
    """Tell the listeners of `report`, just stored; call it inside the submission's transaction."""
    for listener in _submitted:
        listener(report)


def level_set(report: Report, *, before: int | None) -> None:
    """Tell the listeners of the level staff just set on `report`, inside that write's transaction."""
    for listener in _level_set:
        listener(report, before)


def filer_erased(report_ids: list[int]) -> None:
    """Tell the listeners that who filed these reports is being erased: inside retention's
    transaction, before the reports forget the filer."""
    for listener in _filer_erased:
        listener(report_ids)
