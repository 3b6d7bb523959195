"""Render docs/codebook.md from the taxonomy, so the documented codes are the codes in use."""

from __future__ import annotations

from django.db.models import TextChoices

from threatdesk.reports.taxonomy import (
    CHANNEL_SYNONYMS,
    Channel,
    ElectionPhase,
    Platform,
    ReporterConsent,
    Source,
    Status,
    TargetRole,
    ThreatType,
)

SECTIONS: list[tuple[str, str, type[TextChoices]]] = [
    ("channel", "How the threat reached the person or office.", Channel),
    (
        "threat_types",
        "What kind of threat. A report may carry several; the first is the primary type. The web form has no order "
        "of ticking to go by: there the ticked type highest in this table is the primary.",
        ThreatType,
    ),
    ("target_role", "Who was targeted, by their role in the election.", TargetRole),
    ("election_phase", "Where in the election calendar it happened.", ElectionPhase),
    (
        "platform_code",
        "The platform or service an online threat came through, read from what the filer wrote in `platform` "
        "when the report is stored: the first platform it names, `other` when it names none we know, empty "
        "when nothing was written.",
        Platform,
    ),
    (
        "reporter_consent",
        "Who the person filing agrees may know who they are (their name and contact details): `office` lets the "
        "office manager know, `law_enforcement` a law-enforcement liaison, `state` the state coordinator; "
        "analysts and administrators are never told. A report may carry several of these codes, or none. The API "
        "and bulk import store `office` when the field is left out (a CSV file has no column for it), and the web "
        "form starts with `office` ticked.",
        ReporterConsent,
    ),
    ("status", "Where the report stands. Set by office staff, never by the reporter.", Status),
    ("source", "How the report entered the system.", Source),
]

HEADER = """# Codebook

Every coded value a report carries, as stored in the database and used by the web form, the JSON
API, bulk import and exports. Codes are stable: new ones are added at the end, none is renamed or
reused. This file is generated from `threatdesk/reports/taxonomy.py` by
`python manage.py codebook > docs/codebook.md`; a test fails when the two differ.
"""


def _table(choices: type[TextChoices]) -> list[str]:
    rows = ["| code | meaning |", "|---|---|"]
    rows += [f"| `{value}` | {label} |" for value, label in choices.choices]
    return rows


def render() -> str:
    lines = [HEADER]
    for name, purpose, choices in SECTIONS:
        lines += [f"## {name}", "", purpose, "", *_table(choices), ""]
        if choices is Channel:
            lines += ["The API and imports also accept these common words for a channel:", ""]
            lines += ["| word | code |", "|---|---|"]
            lines += [f"| {word} | `{code}` |" for word, code in sorted(CHANNEL_SYNONYMS.items())]
            lines += [""]
    lines += [
        "## Free-text and identifier fields",
        "",
        "| field | meaning | stored |",
        "|---|---|---|",
        "| `message_text` | the exact words received, if any | encrypted |",
        "| `narrative` | what happened, in the reporter's words | encrypted |",
        "| `sender.name`, `sender.description` | what is known of the sender | encrypted |",
        "| `sender.phones` | phone numbers, normalised to E.164 (+16025550123) | encrypted, plus a keyed hash for matching |",
        "| `sender.emails` | email addresses, lower-cased | encrypted, plus a keyed hash for matching |",
        "| `sender.handles` | account names, without `@`, lower-cased | encrypted, plus a keyed hash for matching |",
        "| `platform` | the platform or service, for online channels, as the filer wrote it | encrypted, plus its code"
        " (`platform_code`) in the clear |",
        "| `state` | two-letter USPS code (AZ, DC, PR) | plain |",
        "| `county` | county FIPS code (04013) or name (Maricopa) | plain (as FIPS) |",
        "",
    ]
    return "\n".join(lines)
