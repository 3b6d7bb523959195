"""Random public codes: what users see instead of database ids.

Crockford's base-32 alphabet (no I, L, O, U) so a code read over the phone survives. Sixteen
symbols carry 80 bits: a receipt code cannot be guessed, which is what lets a reporter without an
account look up their report with the code alone.
"""

from __future__ import annotations

import secrets

from django.http import Http404

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def new_code(prefix: str, groups: int = 4, group_size: int = 4) -> str:
    """Return e.g. ``R-7K3M-9QXP-2D4F-HJ8A``."""
    # One read of the system's random source per code: 256 is a multiple of 32, so the low five
    # bits of each random byte pick every symbol with equal probability, as secrets.choice would.
    symbols = [ALPHABET[byte & 31] for byte in secrets.token_bytes(groups * group_size)]
    parts = ["".join(symbols[i : i + group_size]) for i in range(0, len(symbols), group_size)]
    return "-".join([prefix, *parts])


def normalise_code(raw: str) -> str:
    """Accept codes typed with spaces, lower case or look-alike letters."""
    cleaned = raw.strip().upper().replace(" ", "").translate(_CONFUSABLE)
    if "-" not in cleaned and len(cleaned) > 1:
        prefix, body = cleaned[0], cleaned[1:]
        cleaned = "-".join([prefix, *(body[i : i + 4] for i in range(0, len(body), 4))])
    return cleaned


def lookup_code(raw: str) -> str:
    """A code as typed, normalised, to look a record up by. One that cannot exist (holding a NUL,
    which PostgreSQL refuses in a query) is not found, as an unknown code is, rather than an error."""
    code = normalise_code(raw)
    if "\x00" in code:
        raise Http404("No such code")
    return code
