"""`manage.py rotate_keys`: re-encrypt everything under the newest key in FIELD_KEYS."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from threatdesk.audit import services as audit
from threatdesk.lib.commands import OperatorCommand
from threatdesk.privacy import crypto
from threatdesk.privacy.services import rotate_keys


class Command(OperatorCommand):
    busy_outcome = "the batches already re-encrypted are saved; run it again to finish the rest"
    help = (
        "Re-encrypt every encrypted column and evidence file under the first key of FIELD_KEYS. "
        "Put the new key first in FIELD_KEYS, keep the old ones after it, run this, then drop them."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = rotate_keys(progress=self.stdout.write)
        except (crypto.KeySettingError, crypto.DecryptionError) as exc:
            # An operator's mistake in FIELD_KEYS (or a value that no longer opens): one line, exit 1.
            raise CommandError(f"rotate_keys stopped: {exc}. What it re-encrypted so far stays; fix it and run again.") from None
        current = crypto.ring().current_id
        audit.log(
            "privacy.keys.rotated",
            actor=None,
            payload={"key_id": current, "values": result.values, "files": result.files, "files_failed": result.files_failed},
        )
        # What this run re-encrypted, not what the key holds: a run that finds nothing left says 0.
        self.stdout.write(f"done: {result.values} values and {result.files} files re-encrypted under key {current} in this run")
        if result.files_failed:
            # Everything else is done; the operator must still hear of these, and a timer must fail.
            raise CommandError(
                f"{result.files_failed} evidence file(s) failed their integrity check (missing, altered or not opening); "
                "each is recorded in its chain of custody and the audit trail (reports.evidence.integrity_failed)."
            )
