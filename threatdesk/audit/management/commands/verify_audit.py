"""`manage.py verify_audit`: exit 1 and name each broken link if the trail was tampered with."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from threatdesk.audit.selectors import verify_chain


class Command(BaseCommand):
    help = "Check the hash chain of the audit trail; report edited, deleted or truncated events."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, problems = verify_chain()
        for problem in problems:
            self.stderr.write(f"event {problem.seq}: {problem.problem}")
        if problems:
            raise CommandError(f"audit trail broken: {len(problems)} problem(s) in {checked} events")
        self.stdout.write(f"audit trail intact: {checked} events")
