"""Threat assessment: explainable indicators and a level 0-4, as pure functions of a report's facts."""

from threatdesk.assessment.engine import assess, read_words
from threatdesk.assessment.types import Assessment, Facts, Indicator

__all__ = ["Assessment", "Facts", "Indicator", "assess", "read_words"]
