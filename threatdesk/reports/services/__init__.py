"""Writes for reports: submit one, import many, attach evidence, reveal and override. Each is one
transaction with its audit entries, so a failure leaves nothing behind and a success leaves a
complete record.

`building` turns validated input into a report ready to store; `submitting` stores one report
from the form or the API, with its evidence; `importing` stores a file's reports all or nothing;
`review` holds what staff do to a stored report; `reading` records who read its personal data.
"""

from threatdesk.reports.services.building import (
    Built,
    FieldError,
    PlaceDirectory,
    RedactorLookup,
    ReportInputError,
    StoredReport,
    build_report,
    occurred_at,
    sender_digests,
    sender_identifiers,
    submission_digest,
    when_errors,
    zone_of_place,
)
from threatdesk.reports.services.importing import (
    CONTENT_KEY_PREFIX,
    IMPORT_KEY_PREFIX,
    PEOPLE_CHANGED,
    ImportDraft,
    ImportRow,
    import_draft,
    key_field,
    reports_import,
    reports_store,
    stored_submission_keys,
)
from threatdesk.reports.services.reading import Way, originals_read
from threatdesk.reports.services.review import (
    MIN_REVEAL_REASON,
    RevealRefusedError,
    level_override,
    report_reveal,
)
from threatdesk.reports.services.submitting import (
    EvidenceDestroyedError,
    EvidenceResult,
    IdempotencyConflictError,
    SubmitResult,
    evidence_add,
    evidence_open,
    report_submit,
)

__all__ = [
    "CONTENT_KEY_PREFIX",
    "IMPORT_KEY_PREFIX",
    "MIN_REVEAL_REASON",
    "PEOPLE_CHANGED",
    "Built",
    "EvidenceDestroyedError",
    "EvidenceResult",
    "FieldError",
    "IdempotencyConflictError",
    "ImportDraft",
    "ImportRow",
    "PlaceDirectory",
    "RedactorLookup",
    "ReportInputError",
    "RevealRefusedError",
    "StoredReport",
    "SubmitResult",
    "Way",
    "build_report",
    "evidence_add",
    "evidence_open",
    "import_draft",
    "key_field",
    "level_override",
    "occurred_at",
    "originals_read",
    "report_reveal",
    "report_submit",
    "reports_import",
    "reports_store",
    "sender_digests",
    "sender_identifiers",
    "stored_submission_keys",
    "submission_digest",
    "when_errors",
    "zone_of_place",
]
