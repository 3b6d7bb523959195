"""The report status transition table. Every status change, by staff or as the effect of a
referral or a law-enforcement step, goes through `check`; a move not listed here is refused.

    new ──► triaged ──► referred ──► under investigation ──► closed
     │         │            ▲                                 │
     └─────────┴────────────┴──── close (with a reason) ◄─────┘
                                  reopen (with a reason) ──► triaged
"""

from __future__ import annotations

from dataclasses import dataclass

from threatdesk.reports.taxonomy import Status


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    verb: str
    needs_reason: bool = False
    needs_referral: bool = False


OPEN = (Status.NEW, Status.TRIAGED, Status.REFERRED, Status.UNDER_INVESTIGATION)

TABLE: tuple[Transition, ...] = (
    Transition(Status.NEW, Status.TRIAGED, "Mark triaged"),
    Transition(Status.NEW, Status.REFERRED, "Mark referred", needs_referral=True),
    Transition(Status.TRIAGED, Status.REFERRED, "Mark referred", needs_referral=True),
    Transition(Status.REFERRED, Status.UNDER_INVESTIGATION, "Mark under investigation", needs_referral=True),
    *(Transition(source, Status.CLOSED, "Close", needs_reason=True) for source in OPEN),
    Transition(Status.CLOSED, Status.TRIAGED, "Reopen", needs_reason=True),
)

_BY_PAIR = {(t.source, t.target): t for t in TABLE}


class TransitionError(ValueError):
    """The move is not in the table, or its conditions are not met."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def label(status: str) -> str:
    return Status(status).label


def transition_for(source: str, target: str) -> Transition | None:
    return _BY_PAIR.get((source, target))


def moves_from(source: str) -> list[Transition]:
    """The moves the table offers from `source`, in table order."""
    return [t for t in TABLE if t.source == source]


def check(source: str, target: str, *, reason: str, has_referral: bool) -> Transition:
    """The transition from `source` to `target`, or TransitionError saying why it cannot happen."""
    move = transition_for(source, target)
    if move is None:
        raise TransitionError("status", f"a report cannot go from {label(source).lower()} to {label(target).lower()}")
    if move.needs_referral and not has_referral:
        raise TransitionError("status", "refer the report to an agency first")
    if move.needs_reason and not reason:
        raise TransitionError("reason", f"say why ({move.verb.lower()} needs a reason)")
    return move
