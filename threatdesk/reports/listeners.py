"""Hooks through which apps built on reports hear what happened to one, once it has committed.

`reports` knows nothing of case work, as `privacy` knows nothing of reports: an app that must act
when a report is filed or its level is set registers a listener here in AppConfig.ready (case
work sends its notifications this way). A listener runs only after the write commits, so a
rolled-back submission tells no one; by then the write is done, so a listener must not raise.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import transaction

if TYPE_CHECKING:
    from threatdesk.reports.models import Report

SubmittedListener = Callable[["Report"], Any]
LevelListener = Callable[["Report", "int | None"], Any]  # the report, and its level before the change

_submitted: list[SubmittedListener] = []
_level_set: list[LevelListener] = []


def _register(hooks: list[Any], hook: Any) -> None:
    if hook not in hooks:
        hooks.append(hook)


def register_submitted_listener(listener: SubmittedListener) -> None:
    """`listener(report)` hears of each report filed by form or API; imports are history and stay quiet."""
    _register(_submitted, listener)


def register_level_listener(listener: LevelListener) -> None:
    """`listener(report, before)` hears of each level staff set by hand, with the level in force before."""
    _register(_level_set, listener)


def report_submitted(report: Report) -> None:
    for listener in _submitted:
        transaction.on_commit(functools.partial(listener, report))


def level_set(report: Report, *, before: int | None) -> None:
    for listener in _level_set:
        transaction.on_commit(functools.partial(listener, report, before))
