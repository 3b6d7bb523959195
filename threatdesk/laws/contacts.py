"""Who to call, printed on every quick reference guide.

Numbers as published by DOJ/FBI, USPIS and the 988 Lifeline (their own
public pages). Check them when the statute files are reviewed; they change rarely but they do.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Contact:
    when: str
    who: str
    how: str


CONTACTS: tuple[Contact, ...] = (
    Contact("Someone is in danger now, or a threat names a time and place soon", "Police", "Call 911"),
    Contact(
        "Any threat to an election worker, not imminent",
        "FBI",
        "Call 1-800-CALL-FBI (1-800-225-5324) or report at tips.fbi.gov",
    ),
    Contact(
        "Threatening, suspicious or dangerous election mail",
        "U.S. Postal Inspection Service",
        "Call 877-876-2455 and choose option 4 for Election Mail (24 hours), or uspis.gov",
    ),
    Contact(
        "Stress, fear or crisis after a threat", "988 Suicide & Crisis Lifeline", "Call or text 988, or chat at 988lifeline.org"
    ),
)
CONTACTS_CHECKED = "2026-11-22"
