"""An input file that exists but cannot be read (no permission, an I/O error) gives the operator
one line and exit 1, not a Python traceback: import_reports and load_agencies
(`lib.commands.input_file`). A folder is called a folder, not a missing file.

The suite runs as root in CI containers, where chmod 000 does not stop a read, so the refusal the
kernel would give another user is made by patching `Path.open` for that one file.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from threatdesk.audit.models import AuditEvent
from threatdesk.places.models import Agency
from threatdesk.reports.models import Report

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "docs" / "import-template.csv"
AGENCIES = ROOT / "data" / "places" / "agencies.yaml"


def _refuse_reading(monkeypatch: Any, target: Path, error: OSError) -> None:
    real_open = Path.open

    def open_(self: Path, *args: Any, **kwargs: Any) -> Any:
        if os.path.abspath(self) == os.path.abspath(target):
            raise error
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)


@pytest.mark.parametrize(
    "error",
    [
        PermissionError(errno.EACCES, "Permission denied"),
        OSError(errno.EIO, "Input/output error"),
    ],
    ids=["permission", "io-error"],
)
@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_import_of_an_unreadable_file_is_one_line_and_stores_nothing(
    tmp_path: Path, monkeypatch: Any, error: OSError, dry_run: bool
) -> None:
    path = tmp_path / "reports.csv"
    shutil.copy(TEMPLATE, path)
    _refuse_reading(monkeypatch, path, error)
    events = AuditEvent.objects.count()
    args = [str(path), "--workers", "1", *(["--dry-run"] if dry_run else [])]
    with pytest.raises(CommandError) as raised:
        call_command("import_reports", *args)
    assert "reports.csv" in str(raised.value)
    assert Report.objects.count() == 0
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    "error",
    [PermissionError(errno.EACCES, "Permission denied"), OSError(errno.EIO, "Input/output error")],
    ids=["permission", "io-error"],
)
def test_load_agencies_from_an_unreadable_file_is_one_line_and_loads_nothing(
    tmp_path: Path, monkeypatch: Any, error: OSError
) -> None:
    path = tmp_path / "agencies.yaml"
    shutil.copy(AGENCIES, path)
    _refuse_reading(monkeypatch, path, error)
    agencies = Agency.objects.count()
    with pytest.raises(CommandError):
        call_command("load_agencies", str(path))
    assert Agency.objects.count() == agencies


@pytest.mark.parametrize("command", ["import_reports", "load_agencies"])
def test_a_folder_given_as_the_file_is_not_called_missing(tmp_path: Path, command: str) -> None:
    """`manage.py import_reports exports/` says "exports: no such file" although the folder is
    right there: the operator goes looking for a typo in a path that is correct."""
    folder = tmp_path / "exports.csv"
    folder.mkdir()
    with pytest.raises(CommandError) as raised:
        call_command(command, str(folder))
    assert "no such file" not in str(raised.value) and "is a folder, not a file" in str(raised.value)
