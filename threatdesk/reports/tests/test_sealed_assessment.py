"""The assessment quotes the words: each indicator keeps up to 80 characters of the redacted copy
as its evidence, and the explanation repeats them. They are sealed like the copy they quote, so
a name the redactor missed is no more readable in the database than in the copy itself."""

from __future__ import annotations

from importlib import import_module
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.db import connection

from threatdesk.lib import sql
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import ImportRow, report_submit, reports_import
from threatdesk.testing.payloads import valid_report_payload

pytestmark = pytest.mark.django_db

migration = import_module("threatdesk.reports.migrations.0008_seal_assessment_quotes")

WORDS = "If you certify this fraud we will burn your house down with your kids inside."
QUOTED = "we will burn"


def stored(report_id: int) -> tuple[str, str]:
    """The two columns as the database holds them."""
    row = sql.first_row(f"SELECT indicators, severity_reasons FROM {sql.table(Report)} WHERE id = %s", [report_id])  # noqa: S608
    assert row is not None
    return str(row[0]), str(row[1])


def quotes(report: Report) -> str:
    return " ".join([*(i["evidence"] for i in report.indicators), *report.severity_reasons])


@pytest.fixture
def submitted(personas: Any) -> Report:
    data = ReportIn.model_validate(valid_report_payload(message_text=WORDS))
    return Report.objects.get(pk=report_submit(actor=personas.reporter, data=data, source="api").report.pk)


def test_the_evidence_and_the_explanation_are_stored_sealed(submitted: Report) -> None:
    assert QUOTED in quotes(submitted)  # the assessment does quote the words
    for raw in stored(submitted.pk):
        assert raw.startswith("td1:") and QUOTED not in raw and "direct_threat" not in raw


def test_an_imported_report_is_stored_with_its_assessment_sealed(personas: Any) -> None:
    """An import seals a row before it is assessed (in worker processes); the assessment, worked
    out later in order of receipt, is sealed then and not lost to the empty one sealed before."""
    rows = [ImportRow(line=1, data=ReportIn.model_validate(valid_report_payload(message_text=WORDS)), external_id="q-1")]
    (done,) = reports_import(actor=personas.admin, rows=rows)
    report = Report.objects.get(pk=done.pk)
    assert QUOTED in quotes(report) and report.severity is not None
    assert "direct_threat" in {i["code"] for i in report.indicators}
    for raw in stored(report.pk):
        assert raw.startswith("td1:") and QUOTED not in raw


def test_the_migration_seals_clear_assessments_and_opens_them_again(submitted: Report) -> None:
    """Reports assessed before the columns were sealed hold clear JSON; the migration seals it
    in place, and unapplying it puts the JSON back."""
    editor = SimpleNamespace(connection=connection)
    migration.unseal(apps, editor)
    clear = stored(submitted.pk)
    assert QUOTED in clear[0] and QUOTED in clear[1]
    migration.seal(apps, editor)
    sealed = stored(submitted.pk)
    assert all(raw.startswith("td1:") and QUOTED not in raw for raw in sealed)
    migration.seal(apps, editor)  # a second run leaves sealed values alone
    assert stored(submitted.pk) == sealed
    again = Report.objects.get(pk=submitted.pk)
    assert (again.indicators, again.severity_reasons) == (submitted.indicators, submitted.severity_reasons)


def test_a_report_not_yet_assessed_is_sealed_empty(personas: Any, submitted: Report) -> None:
    Report.objects.filter(pk=submitted.pk).update(indicators=[], severity=None, severity_reasons=[])
    assert all(raw.startswith("td1:") for raw in stored(submitted.pk))
    assert Report.objects.get(pk=submitted.pk).indicators == []
