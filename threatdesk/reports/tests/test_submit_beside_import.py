"""A report filed while a large import is being saved is stored at once, not after the import.

Imports and submissions both rely on the protected persons of their states staying as they are,
and share that hold; the import appends its audit events, which every write waits on, only at
its end. So a submission to a state the file names goes through while the file's reports are
being inserted, and both end up in one unbroken audit trail.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from threatdesk.privacy.selectors import people_stamp
from threatdesk.reports import redaction
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import ImportRow, PlaceDirectory, importing, report_submit
from threatdesk.reports.services.importing import import_draft, reports_store
from threatdesk.testing.interleaving import Pause, meanwhile, two_writers
from threatdesk.testing.payloads import valid_report_payload

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    two_writers,
]


def test_a_report_filed_while_an_import_inserts_its_rows_does_not_wait_for_it(personas, monkeypatch):
    pause = Pause(after=1)  # in the second batch: the first is inserted
    monkeypatch.setattr(importing, "save_children", pause.wrap(importing.save_children))
    people_seen = people_stamp()
    places, redactor_for = PlaceDirectory(), redaction.redactors_for_batch()
    rows = [ImportRow(line=n, data=ReportIn.model_validate(valid_report_payload()), external_id=f"FILE-{n}") for n in (1, 2)]
    drafts = [import_draft(row, places=places, redactor_for=redactor_for) for row in rows]
    filed: list[str] = []

    def import_file() -> None:
        reports_store(actor=None, drafts=drafts, people_seen=people_seen, batch_size=1)

    def submit() -> None:
        data = ReportIn.model_validate(valid_report_payload())
        filed.append(report_submit(actor=personas.reporter, data=data, source="api").report.public_code)

    waited = meanwhile(import_file, pause, submit)
    assert not waited
    assert Report.objects.filter(public_code__in=filed).exists()
    assert Report.objects.filter(submission_key__startswith="import:FILE-").count() == 2
    call_command("verify_audit")
