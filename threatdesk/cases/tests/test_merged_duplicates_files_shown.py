"""The surviving report's page lists the files of the duplicates merged into it.

A merge moves no file: each stays with the report it was attached to. The case goes on in the
surviving report, and its packet carries every file of the case, so its page must show them too,
with their hashes and chains of custody. A duplicate the reader may not open is never named
(its code is also its filer's receipt): staff are told only how many of its files they cannot
see, and a filer nothing at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from threatdesk.cases.services import report_merge, report_refer
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.models import Evidence, Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.testing.clients import signed_in
from threatdesk.testing.files import png_bytes, use_media_root
from threatdesk.testing.payloads import valid_report_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged(personas: Any, settings: Any, tmp_path: Path) -> tuple[Report, Report, Evidence]:
    """A report, and a duplicate of it from another filer, with its photo, merged into it."""
    use_media_root(settings, tmp_path / "media")
    payload = ReportIn.model_validate(valid_report_payload())
    survivor = report_submit(actor=personas.reporter, data=payload, source="web").report
    photo = evidence_files.check_upload(png_bytes("the letter, photographed"), "letter.png")
    duplicate = report_submit(actor=personas.other_reporter, data=payload, source="web", files=[photo]).report
    report_merge(actor=personas.manager, duplicate=duplicate, into=survivor, reason="Same letter, two recipients")
    return survivor, duplicate, Evidence.objects.get(report=duplicate)


def page(user: Any, report: Report) -> str:
    response = signed_in(user).get(f"/reports/{report.public_code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_office_sees_the_duplicates_files_on_the_surviving_report_and_can_download_them(personas, merged):
    survivor, duplicate, photo = merged
    html = page(personas.manager, survivor)
    assert f'Files of merged duplicate <a href="/reports/{duplicate.public_code}/">{duplicate.public_code}</a>' in html
    assert photo.sha256 in html
    assert "No evidence attached to this report itself." in html  # its own list is empty; the case's is not
    link = f"/reports/{duplicate.public_code}/evidence/{photo.public_code}/"
    assert f'href="{link}"' in html
    download = signed_in(personas.manager).get(link)
    assert download.status_code == 200
    assert b"".join(download.streaming_content if download.streaming else [download.content]) == png_bytes(
        "the letter, photographed"
    )


def test_a_liaison_who_may_not_open_the_duplicate_is_told_only_how_many_files_it_holds(personas, merged):
    survivor, duplicate, photo = merged
    report_refer(actor=personas.manager, report=Report.objects.get(pk=survivor.pk), agency=personas.agency)
    html = page(personas.liaison, survivor)
    assert duplicate.public_code not in html
    assert photo.public_code not in html and photo.sha256 not in html
    assert "1 more file(s) belong to merged duplicates you cannot open." in html


def test_the_surviving_reports_filer_is_not_told_of_anyone_elses_files(personas, merged):
    survivor, duplicate, photo = merged
    html = page(personas.reporter, survivor)
    assert duplicate.public_code not in html
    assert photo.sha256 not in html
    assert "merged duplicates you cannot open" not in html


def test_a_report_without_merged_duplicates_shows_only_its_own_files(personas, merged):
    _survivor, duplicate, photo = merged
    html = page(personas.manager, duplicate)
    assert photo.sha256 in html
    assert "Files of merged duplicate" not in html


def test_a_destroyed_file_of_a_hidden_duplicate_is_not_counted(personas, merged):
    survivor, _duplicate, photo = merged
    report_refer(actor=personas.manager, report=Report.objects.get(pk=survivor.pk), agency=personas.agency)
    Evidence.objects.filter(pk=photo.pk).update(destroyed_at=timezone.now())  # retention took it
    assert "merged duplicates you cannot open" not in page(personas.liaison, survivor)
