"""Screen readers hear each field's help text and error: aria-describedby points at real ids."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def described_ids(html: str, field_id: str) -> list[str]:
    tag = re.search(rf'<[^>]*id="{field_id}"[^>]*>', html)
    assert tag, f"no element {field_id}"
    found = re.search(r'aria-describedby="([^"]+)"', tag.group(0))
    return found.group(1).split() if found else []


def test_help_text_is_announced_with_its_field(client):
    html = client.get("/report/").content.decode()
    assert described_ids(html, "id_county") == ["id_county_helptext"]
    assert 'id="id_county_helptext"' in html


def test_errors_are_announced_with_their_field(client):
    html = client.post("/report/", {"narrative": ""}).content.decode()
    ids = described_ids(html, "id_narrative")
    assert "id_narrative_error" in ids
    assert 'id="id_narrative_error"' in html
    tag = re.search(r'<textarea[^>]*id="id_narrative"[^>]*>', html)
    assert tag and 'aria-invalid="true"' in tag.group(0)
