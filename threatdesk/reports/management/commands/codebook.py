"""`manage.py codebook`: print the codebook in Markdown (docs/codebook.md is this output)."""

from __future__ import annotations

from typing import Any

from threatdesk.lib.commands import OperatorCommand
from threatdesk.reports.codebook import render


class Command(OperatorCommand):
    help = "Print the codebook of every coded report field, in Markdown."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(render(), ending="")
