"""An erasure request renames the evidence files whose uploaded name names the person: a
screenshot saved as "Quillonia_Brightwater_texts.png" keeps its bytes and its code, and the name
it came with becomes the one it is handed out under. Files named otherwise keep their names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from threatdesk.privacy.services import protected_person_erase
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.models import Evidence
from threatdesk.reports.services import evidence_add
from threatdesk.testing.files import png_bytes, use_media_root
from threatdesk.testing.payloads import CANARY_CHILD, CANARY_SENDER, CANARY_WORKER
from threatdesk.testing.planting import canaries_in, filed_by_reporter, protect_canaries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    return use_media_root(settings, tmp_path / "media")


def _attach(report: Any, name: str, actor: Any, marker: str) -> Evidence:
    checked = evidence_files.check_upload(png_bytes(marker), name)
    return evidence_add(actor=actor, report=report, checked=checked).evidence


def test_files_named_after_her_or_her_son_are_renamed_and_others_kept(personas):
    worker, _son = protect_canaries(personas)
    report = filed_by_reporter(personas)
    hers = _attach(report, f"{CANARY_WORKER.replace(' ', '_')}_texts.png", personas.reporter, "one")
    his = _attach(report, f"{CANARY_CHILD.lower().replace(' ', '-')}.png", personas.reporter, "two")
    kept = _attach(report, f"from {CANARY_SENDER}.png", personas.reporter, "three")

    protected_person_erase(actor=personas.manager, person=worker, reason="The worker asked to be taken out")

    names = {item.pk: item.original_name for item in Evidence.objects.all()}
    assert names[hers.pk] == evidence_files.file_name(hers) and names[his.pk] == evidence_files.file_name(his)
    assert names[kept.pk] == f"from {CANARY_SENDER}.png"  # the sender is no protected person
    assert canaries_in(" ".join(names.values())) == [CANARY_SENDER]
    assert evidence_files.open_verified(Evidence.objects.get(pk=hers.pk))[1]  # the file itself is untouched
