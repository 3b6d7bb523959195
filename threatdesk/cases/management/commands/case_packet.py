"""Write a report's case packet (the PDF and the ZIP) to a folder, as a named user.

The user's rights decide, as on the web: the report's office manager, or a liaison while a
reveal is active. A report the user may not make a packet of is "not found", whether it exists
or not. Only file names, counts and hashes are printed, never the packet's content.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.http import Http404

from threatdesk.accounts.models import User
from threatdesk.cases.packet import packet_make, packet_name, sha256
from threatdesk.lib.commands import OperatorCommand
from threatdesk.reports.access import may_make_packet
from threatdesk.reports.selectors import report_for


class Command(OperatorCommand):
    help = "Write the case packet of a report (PDF and ZIP with evidence and manifest) to a folder."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("report_code", help="The report's code, R-XXXX-XXXX-XXXX-XXXX.")
        parser.add_argument("--user", required=True, help="Username of the office manager or liaison making the packet.")
        parser.add_argument("--out", required=True, type=Path, help="Folder to write the PDF and the ZIP to.")

    def handle(self, *args: Any, report_code: str, user: str, out: Path, **options: Any) -> None:
        actor = _user(user)
        report = _report(actor, report_code)
        pdf_path, zip_path = _targets(_folder(out), packet_name(report.public_code))
        made = packet_make(actor=actor, report=report)
        for path, data in ((pdf_path, made.pdf), (zip_path, made.zip)):
            _write(path, data)
            self.stdout.write(f"{path}  sha256 {sha256(data)}")
        if made.failed:
            self.stderr.write(f"left out, failed the integrity check: {', '.join(made.failed)}")


def _user(username: str) -> User:
    found = User.objects.filter(username=username, is_active=True).first()
    if found is None:
        raise CommandError(f"no active user {username!r}")
    return found


def _report(user: User, code: str) -> Any:
    try:
        report = report_for(user, code)
    except Http404:
        report = None
    if report is None or not may_make_packet(user, report):
        raise CommandError(f"no report {code!r} of which {user.get_username()} may make a case packet")
    return report


def _folder(out: Path) -> Path:
    """The folder, made if need be, before the packet is: making it records the packet in the
    audit trail and a custody entry for each evidence file, which a folder that cannot be
    written to would leave standing for a packet no one has."""
    if out.exists() and not out.is_dir():
        raise CommandError(f"--out {out} is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"--out {out}: the folder cannot be made ({exc.strerror})") from exc
    if not os.access(out, os.W_OK | os.X_OK):
        raise CommandError(f"--out {out}: the folder cannot be written to")
    return out


def _targets(out: Path, name: str) -> tuple[Path, Path]:
    """The PDF's and the ZIP's paths; a file of that name already there is replaced, a folder is
    in the way."""
    paths = (out / f"{name}.pdf", out / f"{name}.zip")
    for path in paths:
        if path.is_dir():
            raise CommandError(f"--out {out}: {path.name} is a folder, in the way of the packet")
    return paths


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise CommandError(f"{path} could not be written ({exc.strerror}); the packet was made: run the command again") from exc
