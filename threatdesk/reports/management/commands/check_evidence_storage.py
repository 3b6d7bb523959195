"""`manage.py check_evidence_storage`: prove the evidence storage takes, gives back and deletes a file."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from threatdesk.lib.commands import OperatorCommand
from threatdesk.reports import evidence


class Command(OperatorCommand):
    help = (
        "Write a sealed test file to the evidence storage (the local folder, or the bucket EVIDENCE_S3_BUCKET "
        "names), read it back, list it and delete it. Exits non-zero, naming the error, if any step fails."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            where = evidence.probe_storage()
        except Exception as exc:
            cause = exc.__cause__ or exc  # the store's own error, not the message for filers
            raise CommandError(f"the evidence storage failed: {type(cause).__name__}: {cause}") from None
        self.stdout.write(f"ok: the evidence storage ({where}) wrote, read back, listed and deleted a sealed file")
