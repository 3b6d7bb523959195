"""The engine tidies text before matching (lower case, straight quotes, single spaces) and maps
each match back to the original words. The quick way must agree with the plain one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from threatdesk.assessment.engine import _normalised, _normalised_by_character, assess
from threatdesk.assessment.types import Facts

UNTIDY_TEXT = st.text(alphabet=list("ab yz'\"\u2018\u2019\u201c\u201d\t\n  .,0"), max_size=40)


@settings(max_examples=400, deadline=None)
@given(UNTIDY_TEXT)
def test_the_quick_tidying_agrees_with_tidying_character_by_character(text):
    tidy, offsets = _normalised(text)
    if offsets is None:
        return  # nothing to tidy: the text is read as it is
    plain, where = _normalised_by_character(text)
    assert tidy == plain
    assert [offsets[i] for i in range(len(tidy))] == where


def test_evidence_quotes_the_original_words_across_tidied_spaces():
    text = "Listen.\n\n  I  will   “KILL”\tyou    tomorrow at the count."
    (threat,) = [i for i in assess(Facts(text=text)).indicators if i.code == "direct_threat"]
    assert "KILL" in threat.evidence and "will" in threat.evidence
