"""Hooks through which higher apps hand their personal data to the privacy layer.

`privacy` knows nothing of reports or cases; an app that keeps sealed files registers a rotator
here (in its AppConfig.ready), and `manage.py rotate_keys` calls every one. Retention and erasure
will register their shredders the same way.
"""

from __future__ import annotations

from collections.abc import Callable

FileRotator = Callable[[], int]
_file_rotators: list[FileRotator] = []


def register_file_rotator(rotator: FileRotator) -> None:
    """`rotator()` re-seals every file not under the newest key and returns how many it did."""
    if rotator not in _file_rotators:
        _file_rotators.append(rotator)


def file_rotators() -> list[FileRotator]:
    return list(_file_rotators)
