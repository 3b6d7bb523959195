"""docs/codebook.md documents exactly the codes the application uses."""

import inspect
from pathlib import Path

from django.conf import settings
from django.db.models import TextChoices

from threatdesk.reports import taxonomy
from threatdesk.reports.codebook import SECTIONS, render
from threatdesk.reports.taxonomy import Channel, ThreatType, channel_from_word


def test_docs_codebook_is_current():
    path = Path(settings.BASE_DIR) / "docs" / "codebook.md"
    assert path.read_text() == render(), "run: python manage.py codebook > docs/codebook.md"


def test_every_threat_type_code_is_documented():
    text = render()
    for code in ThreatType.values:
        assert f"`{code}`" in text


def test_every_set_of_codes_in_the_taxonomy_has_its_section():
    coded = {cls for _, cls in inspect.getmembers(taxonomy, inspect.isclass) if issubclass(cls, TextChoices)}
    assert coded == {choices for _, _, choices in SECTIONS}


def test_reporter_consent_codes_are_documented():
    text = render()
    assert "## reporter_consent" in text
    for code in taxonomy.ReporterConsent.values:
        assert f"`{code}`" in text


def test_channel_words_and_codes_map_to_codes():
    assert channel_from_word("voicemail") == Channel.VOICEMAIL
    assert channel_from_word("Text Message") == Channel.TEXT_MESSAGE
    assert channel_from_word("letter") == Channel.POSTAL_MAIL
    assert channel_from_word("social media") == Channel.SOCIAL_POST
    assert channel_from_word("carrier pigeon") is None
