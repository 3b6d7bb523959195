"""Text people type, as a reader sees it: characters that cannot be shown as themselves."""

from __future__ import annotations


def unprintable(text: str) -> str | None:
    """The first character of `text` that cannot be shown as itself, or None. Controls (NUL among
    them), format characters (zero-width ones, direction overrides), unassigned code points and
    separators other than the plain space: stored in a name or a handle, they make two values
    that read alike differ, or hide what a value holds."""
    return next((ch for ch in text if not ch.isprintable()), None)
