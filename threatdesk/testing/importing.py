"""Files for the tests of `manage.py import_reports`."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from threatdesk.reports.importer import CSV_COLUMNS


def write_csv(path: Path, rows: list[dict[str, str]], columns: Sequence[str] = CSV_COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def minimal_row(**changes: str) -> dict[str, str]:
    """A CSV row with only what a report needs: a voicemail threat to a Maricopa poll worker."""
    row = dict.fromkeys(CSV_COLUMNS, "")
    row.update(
        occurred_on="2024-11-06",
        state="AZ",
        county="04013",
        channel="voicemail",
        threat_types="threat_violence",
        target_role="poll_worker",
        narrative="A caller left a threatening voicemail.",
    )
    row.update(changes)
    return row
