"""Text people type, as a reader sees it: characters that cannot be shown as themselves, and
text that shows nothing at all."""

from __future__ import annotations

import unicodedata

# Characters Unicode files as letters or symbols that show nothing: the Hangul fillers and the
# blank Braille pattern, used where a "blank" field would otherwise be refused.
_BLANKS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def unprintable(text: str) -> str | None:
    """The first character of `text` that cannot be shown as itself, or None. Controls (NUL among
    them), format characters (zero-width ones, direction overrides), unassigned code points and
    separators other than the plain space: stored in a name or a handle, they make two values
    that read alike differ, or hide what a value holds."""
    return next((ch for ch in text if not ch.isprintable()), None)


def _shows(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LNPS" and ch not in _BLANKS


def shown_or_empty(text: str) -> str:
    """`text`, or "" when a reader would see nothing of it: no letter, digit, punctuation mark or
    symbol, only whitespace, zero-width and other format characters, controls, or marks with
    nothing to sit on. A required field holding only these is as empty as one holding spaces."""
    return text if any(_shows(ch) for ch in text) else ""


def tidy(text: str) -> str:
    """Text as a short line: runs of spaces and line breaks collapsed into one space, none at
    either end; "" when nothing of it shows."""
    return " ".join(shown_or_empty(text).split())
