"""On SQLite every write waits for the one write lock for 20 seconds, then gives up with
`OperationalError: database is locked`; a 100,000-row import holds that lock for about half a
minute, and a retention run for its whole run. The web answers such a wait with a 503 and "send
it again"; a command must say the same in one line (`lib.commands.OperatorCommand`), not die with
a traceback, and change nothing. (Reproduced by hand by holding `BEGIN IMMEDIATE` in another
connection; here the service raises the error SQLite raises.)
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from threatdesk.reports.models import Report

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "docs" / "import-template.csv"


def _locked(*_args: Any, **_kwargs: Any) -> Any:
    raise OperationalError("database is locked")


@pytest.mark.parametrize(
    ("command", "args", "target"),
    [
        ("rotate_keys", [], "threatdesk.privacy.management.commands.rotate_keys.rotate_keys"),
        ("retention", [], "threatdesk.privacy.management.commands.retention.retention_run"),
        ("redact_reports", [], "threatdesk.reports.management.commands.redact_reports.redo_state"),
        ("load_agencies", [], "threatdesk.places.management.commands.load_agencies.agencies_load"),
        ("create_token", ["demo-x"], "threatdesk.accounts.management.commands.create_token.token_create"),
    ],
)
def test_a_command_that_waited_too_long_for_the_write_lock_says_so_in_one_line(
    personas: Any, monkeypatch: Any, command: str, args: list[str], target: str
) -> None:
    if command == "create_token":
        personas.reporter.username = "demo-x"
        personas.reporter.save(update_fields=["username"])
    if command == "redact_reports":
        from threatdesk.reports.schemas import ReportIn
        from threatdesk.reports.services import report_submit
        from threatdesk.testing.payloads import valid_report_payload

        report_submit(actor=None, data=ReportIn.model_validate(valid_report_payload()), source="api")
    monkeypatch.setattr(target, _locked)
    with pytest.raises(CommandError) as raised:
        call_command(command, *args)
    assert "busy" in str(raised.value).lower() or "locked" in str(raised.value).lower()


def test_an_import_whose_save_waited_too_long_for_the_write_lock_says_so_in_one_line(
    personas: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """Two imports at once, or an import while retention runs: the second save waits 20 s."""
    path = tmp_path / "reports.csv"
    shutil.copy(TEMPLATE, path)
    monkeypatch.setattr("threatdesk.reports.importer.reports_store", _locked)
    with pytest.raises(CommandError) as raised:
        call_command("import_reports", str(path), "--workers", "1")
    assert "nothing was imported" in str(raised.value)
    assert Report.objects.count() == 0
