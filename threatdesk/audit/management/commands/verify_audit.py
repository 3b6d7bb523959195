"""`manage.py verify_audit`: exit 1 and name each broken link if the trail was tampered with.

It prints the newest event as an anchor (`SEQ:HASH`). Kept outside the database (a mail, a log
that ships elsewhere, paper) and passed back with `--anchor`, it catches what the chain alone
cannot: a trail cut back to a copy of an older head row, or rewritten by someone who holds the keys.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from threatdesk.audit.selectors import Anchor, check_chain
from threatdesk.lib.commands import OperatorCommand


def _anchor(text: str) -> Anchor:
    try:
        return Anchor.parse(text)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc


class Command(OperatorCommand):
    help = "Check the hash chain of the audit trail; report edited, deleted or truncated events."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="SEQ:HASH",
            help="an anchor an earlier run printed, kept outside the database; the trail must still hold that event "
            "unchanged (may be given more than once)",
        )

    def handle(self, *args: Any, anchor: list[str], **options: Any) -> None:
        anchors = [_anchor(text) for text in anchor]
        walked = check_chain(anchors=anchors)
        for problem in walked.problems:
            self.stderr.write(f"event {problem.seq}: {problem.problem}")
        if walked.problems:
            raise CommandError(f"audit trail broken: {len(walked.problems)} problem(s) in {walked.checked} events")
        kept = f"; {len(anchors)} anchor(s) held" if anchors else ""
        self.stdout.write(f"audit trail intact: {walked.checked} events{kept}")
        if walked.last is not None:
            self.stdout.write(f"anchor: {walked.last} (keep it outside the database; check against it with --anchor)")
