"""The web form sent again with its one-time token keeps every file it carries.

A filer who went back, attached the file they forgot and sent the same form again gets the
report already filed, not a second one, and the file is stored with it, audited and received in
its chain of custody like any other; the receipt says where it went. An anonymous filer has no
other way to add it afterwards.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from threatdesk.audit.models import AuditEvent
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports import listeners
from threatdesk.reports.models import CustodyEntry, Evidence, Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit, submitting
from threatdesk.reports.tests.test_report_form import form_data
from threatdesk.testing.files import eml_bytes, files_under, png_bytes, use_media_root
from threatdesk.testing.interleaving import two_writers

pytestmark = pytest.mark.django_db

ADDED = "This form had already been sent, so no second report was made: the file you added was stored with it."


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    return use_media_root(settings, tmp_path / "media")


def shot() -> SimpleUploadedFile:
    return SimpleUploadedFile("shot.png", png_bytes("shot"), "image/png")


def forgotten() -> SimpleUploadedFile:
    return SimpleUploadedFile("threat.eml", eml_bytes("the threatening email"), "message/rfc822")


def checked(*uploads: SimpleUploadedFile) -> list[evidence_files.CheckedFile]:
    return [evidence_files.check_upload(upload.read(), upload.name or "") for upload in uploads]


def test_a_file_added_when_the_same_form_is_sent_again_is_stored_or_refused_never_dropped(client, media):
    first = client.post("/report/", {**form_data(), "evidence": [SimpleUploadedFile("shot.png", png_bytes("shot"), "image/png")]})
    assert first.status_code == 302
    forgotten = SimpleUploadedFile("threat.eml", eml_bytes("the threatening email"), "message/rfc822")
    again = client.post(
        "/report/",
        {**form_data(), "evidence": [SimpleUploadedFile("shot.png", png_bytes("shot"), "image/png"), forgotten]},
    )
    assert Report.objects.count() == 1
    if again.status_code == 302:  # acknowledged with the receipt: then the email it carried must be stored
        assert Evidence.objects.count() == 2, "the receipt was given, but the second file was silently dropped"
    else:  # or refused, saying so, like a changed body
        assert again.status_code == 409


def test_the_receipt_says_the_added_file_went_to_the_report_already_filed(client, media):
    first = client.post("/report/", {**form_data(), "evidence": [shot()]})
    again = client.post("/report/", {**form_data(), "evidence": [shot(), forgotten()]}, follow=True)
    assert again.redirect_chain == [(first["Location"], 302)]
    html = again.content.decode()
    assert ADDED in html
    assert "2 evidence files were stored with this report." in html


def test_the_added_file_is_audited_and_received_in_custody_like_any_other(client, media):
    client.post("/report/", {**form_data(), "evidence": [shot()]})
    client.post("/report/", {**form_data(), "evidence": [shot(), forgotten()]})
    added = Evidence.objects.get(kind=Evidence.Kind.EMAIL)
    assert [(c.action, c.sha256_verified) for c in added.custody.all()] == [(CustodyEntry.Action.RECEIVED, True)]
    assert AuditEvent.objects.filter(action="reports.report.submitted").count() == 1
    events = AuditEvent.objects.filter(action="reports.evidence.added").order_by("pk")
    assert [e.payload["evidence"] for e in events] == list(Evidence.objects.order_by("pk").values_list("public_code", flat=True))
    assert len(files_under(media)) == 2


def test_sent_again_with_fewer_files_keeps_every_file_and_tells_of_none_added(client, media):
    client.post("/report/", {**form_data(), "evidence": [shot(), forgotten()]})
    again = client.post("/report/", {**form_data(), "evidence": [shot()]}, follow=True)
    assert "no second report was made" not in again.content.decode()
    assert Evidence.objects.count() == 2
    assert AuditEvent.objects.filter(action="reports.evidence.added").count() == 2


def test_a_keyed_retry_stores_only_the_files_its_report_lacks_and_says_how_many(personas, report_payload, media):
    data = ReportIn.model_validate(report_payload)
    first = report_submit(actor=None, data=data, source="web", submission_key="web:t", files=checked(shot()))
    again = report_submit(actor=None, data=data, source="web", submission_key="web:t", files=checked(shot(), forgotten()))
    same = report_submit(actor=None, data=data, source="web", submission_key="web:t", files=checked(forgotten(), shot()))
    assert (again.report.pk, again.created, again.files_added) == (first.report.pk, False, 1)
    assert (same.created, same.files_added) == (False, 0)
    assert Evidence.objects.filter(report=first.report).count() == 2


def test_a_retry_that_meets_the_first_sending_at_the_key_still_stores_its_added_file(
    personas, report_payload, media, monkeypatch
):
    """The retry's look-up ran before the first sending committed; it then meets the unique key."""
    data = ReportIn.model_validate(report_payload)
    report_submit(actor=None, data=data, source="web", submission_key="web:t", files=checked(shot()))
    real_lookup, looked = submitting._existing_submission, []

    def first_look_misses(key: str, digest: str) -> Report | None:
        looked.append(key)
        return None if len(looked) == 1 else real_lookup(key, digest)

    monkeypatch.setattr(submitting, "_existing_submission", first_look_misses)
    again = report_submit(actor=None, data=data, source="web", submission_key="web:t", files=checked(shot(), forgotten()))
    assert len(looked) == 2, "the retry went through the unique key"
    assert (again.created, again.files_added) == (False, 1)
    assert (Report.objects.count(), Evidence.objects.count(), len(files_under(media))) == (1, 2, 2)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@two_writers
def test_the_form_sent_again_while_the_first_sending_commits_stores_both_files(personas, report_payload, media, monkeypatch):
    data = ReportIn.model_validate(report_payload)
    inside, failures = threading.Event(), []
    real_submitted = listeners.report_submitted

    def slow_first_sending(report: Report) -> None:
        real_submitted(report)
        if threading.current_thread().name == "first":
            inside.set()
            time.sleep(0.5)  # the second sending looks the token up and waits at the state meanwhile

    def first_sending() -> None:
        try:
            report_submit(actor=None, data=data, source="web", submission_key="web:t", files=checked(shot()))
        except BaseException as exc:
            failures.append(exc)
        finally:
            inside.set()
            connection.close()

    monkeypatch.setattr(listeners, "report_submitted", slow_first_sending)
    first = threading.Thread(target=first_sending, name="first")
    first.start()
    assert inside.wait(10)
    again = report_submit(actor=None, data=data, source="web", submission_key="web:t", files=checked(shot(), forgotten()))
    first.join(10)
    assert not failures
    assert (again.created, again.files_added) == (False, 1)
    assert (Report.objects.count(), Evidence.objects.count(), len(files_under(media))) == (1, 2, 2)
