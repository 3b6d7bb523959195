"""Assess JSON-lines messages from standard input; print one JSON line per message."""

from __future__ import annotations

import json
import sys
from typing import Any

from threatdesk.assessment.cli import assess_lines
from threatdesk.lib.commands import OperatorCommand


class Command(OperatorCommand):
    help = (
        'Read {"text": ..., "channel": ..., "state": ..., "target_role": ..., "threat_types": [...]} per line '
        "on standard input; print the level, indicators, explanation and suggested statutes per line."
    )

    stealth_options = ("stdin",)  # tests pass a byte stream in place of standard input

    def handle(self, *args: Any, **options: Any) -> None:
        stdin = options.get("stdin") or sys.stdin.buffer
        for answer in assess_lines(stdin):
            self.stdout.write(json.dumps(answer, ensure_ascii=False))
