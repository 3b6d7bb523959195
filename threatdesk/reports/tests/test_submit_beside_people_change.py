"""A report filed while a protected person is being added is redacted against that person.

The submission drafts its redacted copies before its transaction, when the new person is not
yet committed; the person's change redoes the stored copies, when the new report is not yet
committed. Each must wait for the other, or the report keeps a copy that names the person.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from threatdesk.privacy.schemas import ProtectedPersonIn
from threatdesk.privacy.services import protected_person_create
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.testing.interleaving import two_writers

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    two_writers,
]

NEW_WORKER = "Odessa Quillfeather"


def test_a_report_filed_while_a_worker_is_added_is_redacted_against_her(personas, report_payload):
    payload = {**report_payload, "message_text": f"Tell {NEW_WORKER} we know which car she drives."}
    added = threading.Event()
    failures: list[BaseException] = []

    def add_worker_slowly() -> None:
        try:
            with transaction.atomic():
                protected_person_create(
                    actor=personas.manager, office=personas.office, data=ProtectedPersonIn(kind="worker", full_name=NEW_WORKER)
                )
                added.set()
                time.sleep(0.5)  # the submission drafts and reaches its transaction meanwhile
        except BaseException as exc:
            failures.append(exc)
            added.set()
        finally:
            connection.close()

    worker = threading.Thread(target=add_worker_slowly)
    worker.start()
    assert added.wait(10)
    result = report_submit(actor=personas.reporter, data=ReportIn.model_validate(payload), source="api")
    worker.join(10)
    assert not failures
    stored = Report.objects.get(pk=result.report.pk)
    assert NEW_WORKER in stored.message_text
    assert "Quillfeather" not in stored.message_text_redacted
