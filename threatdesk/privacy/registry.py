"""Hooks through which higher apps hand their personal data to the privacy layer.

`privacy` knows nothing of reports or cases. An app that keeps sealed files registers a rotator
(for `manage.py rotate_keys`); an app that keeps redacted copies registers a listener that is
told when an office's protected persons change, so its copies are redone in the same
transaction; an app that keeps a person's words registers an eraser for erasure requests, and
a shredder per category of personal data for the retention policy.
All registration happens in AppConfig.ready.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class FileRotation:
    """What a file rotator did: files re-sealed under the newest key, files it passed over
    because retention had already destroyed them (their records stay, their bytes are gone), and
    files that failed their integrity check (missing, altered, or not opening)."""

    resealed: int = 0
    destroyed: int = 0
    failed: int = 0


FileRotator = Callable[[], FileRotation]
PeopleListener = Callable[[int], int]  # state id -> how many records were redone
PersonEraser = Callable[[Any], int]  # a ProtectedPerson about to be erased -> records changed

_file_rotators: list[FileRotator] = []
_people_listeners: list[PeopleListener] = []
_person_erasers: list[PersonEraser] = []


@dataclass(frozen=True)
class Shredder:
    """Erases one category of personal data from records older than a cutoff.

    `run(cutoff, dry_run, actor)` returns how many records it erased (or would erase). The
    category names a key of settings.RETENTION_YEARS.
    """

    category: str
    label: str
    run: Callable[[datetime, bool, Any], int]


_shredders: list[Shredder] = []


def register_shredder(shredder: Shredder) -> None:
    if all(s.category != shredder.category for s in _shredders):
        _shredders.append(shredder)


def shredders() -> list[Shredder]:
    return list(_shredders)


def _register(hooks: list[Any], hook: Any) -> None:
    if hook not in hooks:
        hooks.append(hook)


def register_file_rotator(rotator: FileRotator) -> None:
    """`rotator()` re-seals every file not under the newest key and says how many it did."""
    _register(_file_rotators, rotator)


def file_rotators() -> list[FileRotator]:
    return list(_file_rotators)


def register_people_listener(listener: PeopleListener) -> None:
    """`listener(state_id)` redoes whatever depends on the protected persons of that state."""
    _register(_people_listeners, listener)


def people_listeners() -> list[PeopleListener]:
    return list(_people_listeners)


def register_person_eraser(eraser: PersonEraser) -> None:
    """`eraser(person)` removes the person's identifiers from everything the app keeps."""
    _register(_person_erasers, eraser)


def person_erasers() -> list[PersonEraser]:
    return list(_person_erasers)
