"""The redactor skips work that cannot find anything, and finds the same with or without it:
patterns for emails and handles run only on text with an '@', the others only on text with a
digit, and known names are looked for only when the redactor knows some."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threatdesk.privacy.redaction import _DIGIT, PATTERNS, Person, Redactor


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_match_has_what_its_pattern_is_skipped_without(name):
    pattern = PATTERNS[name]

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(pattern))
    def check(text: str) -> None:
        if pattern.search(text):
            assert "@" in text if name in ("email", "handle") else _DIGIT.search(text)

    check()


def test_a_redactor_without_people_still_finds_anyones_data():
    text = "Ask for Maria Lopez at 602-555-0143 or maria@example.org; she lives at 12 Oak St."
    redacted = Redactor().redact(text).text
    assert redacted == "Ask for [NAME] at [PHONE] or [EMAIL]; she lives at [ADDRESS]."


def test_text_without_digits_or_at_signs_keeps_names_found():
    sender = Person("sender", "sender", names=["Gideon Abernathy"])
    redacted = Redactor().with_people([sender]).redact("A letter from Gideon, signed G. Abernathy.").text
    assert "Gideon" not in redacted and "Abernathy" not in redacted
