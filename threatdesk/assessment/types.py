"""The shapes the assessment engine reads and writes. Pure data: no database, no Django."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Facts:
    """What is known of one incident: the words and the coded facts.

    `channel`, `target_role`, `threat_types` and `election_phase` use the codebook's codes.
    `protected_mentions` says which protected persons the words name and by what (from the
    redactor: "name", "address", "phone"…), and whether each is a worker or family member.
    `sender_history` is how many earlier reports share a sender pseudonym, oldest first, with
    their levels, so repetition and escalation can be seen without any identifier.
    """

    text: str
    channel: str = ""
    state: str = ""
    target_role: str = ""
    threat_types: tuple[str, ...] = ()
    election_phase: str = ""
    occurred_on: str = ""  # ISO date, when known
    protected_mentions: tuple[tuple[str, str], ...] = ()  # (kind: worker|family, found: name|address|phone|…)
    sender_history: tuple[int, ...] = ()  # levels of earlier reports from the same sender pseudonym


@dataclass(frozen=True)
class Indicator:
    """One fired indicator, with the words or fact that fired it."""

    code: str  # e.g. "direct_threat"
    label: str  # "Direct threat of violence"
    axis: str  # "words" (what the words say) or "conduct" (what the sender did) or "context"
    weight: int
    evidence: str  # the span of text or the fact that fired it


@dataclass(frozen=True)
class Assessment:
    level: int  # 0-4
    score: int
    indicators: tuple[Indicator, ...]
    overrides: tuple[str, ...]  # the hard rules that set a minimum level, in words
    explanation: str

    @property
    def indicator_codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.indicators)
