"""`manage.py load_agencies [FILE]`: load or refresh the law-enforcement agency directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from threatdesk.lib.commands import OperatorCommand, input_file
from threatdesk.places.services import AGENCIES_FILE, AgencyFileError, agencies_load


class Command(OperatorCommand):
    help = "Create or update FBI field offices, postal inspectors, state police and attorneys general from a YAML file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, default=AGENCIES_FILE, help="Defaults to data/places/agencies.yaml.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = input_file(options["file"])
        try:
            result = agencies_load(path)
        except AgencyFileError as exc:
            raise CommandError(f"{exc}; nothing was loaded") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"agencies from {path.name}: {result.created} created, {result.updated} updated, {result.unchanged} unchanged"
            )
        )
