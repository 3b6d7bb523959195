"""JSON API for reports: submit (idempotent), list, read, attach evidence, check a receipt."""
# No "from __future__ import annotations" here: django-ninja reads these annotations at run time.

import datetime as dt
from typing import Annotated, Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, File, Header, Query, Router, Schema, responses
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from threatdesk.accounts.throttle import AddressRateThrottle
from threatdesk.lib.api_auth import TokenAuth
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports import selectors, services
from threatdesk.reports.access import Words
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import LOCAL_TIME_SCHEMA, CalendarDate, IdempotencyKey, ReportIn
from threatdesk.reports.selectors import Reading, pseudonyms_of, reading_for, sender_pseudonyms, severity_for
from threatdesk.reports.taxonomy import Channel, Source, Status, ThreatType

router = Router(tags=["reports"], auth=TokenAuth())

# The answers' schemas check types only, never the input's limits or validators: ninja validates
# every answer against them, and what is stored need not pass the input's checks any more (a
# person taken out of the words by a longer placeholder), nor may a reader be refused over it.
StoredTime = Annotated[dt.time, LOCAL_TIME_SCHEMA]


class ErrorItem(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    errors: list[ErrorItem]


# Refusals as threatdesk/api.py's handlers write them, for the operations that can give each.
BAD_REQUEST: dict[int, Any] = {400: ErrorOut}  # a body that cannot be read, or a query string holding a NUL
NO_TOKEN: dict[int, Any] = {401: ErrorOut}  # a missing, unknown, expired or revoked token
NOT_FOUND: dict[int, Any] = {404: ErrorOut}  # not found, or not yours: the two read the same
BAD_INPUT: dict[int, Any] = {422: ErrorOut}
BUSY: dict[int, Any] = {503: ErrorOut}  # a write the database would not take in time; send it again


class PseudonymOut(Schema):
    kind: str
    pseudonym: str


class SenderOut(Schema):
    """What is known of whoever sent or made the threat."""

    name: str
    phones: list[str]
    emails: list[str]
    handles: list[str]
    description: str = Field(
        description="As the filer wrote it; where placeholders such as [REPORTER PHONE] or [ERASED PHONE] replace people, "
        "it may be longer than the 2,000 characters a filer may send."
    )


class ReporterOut(Schema):
    account: str = Field(description="Username of the filer's account; empty for a public filing.")
    name: str
    email: str
    phone: str


class ReportOut(Schema):
    code: str
    status: str
    received_at: dt.datetime
    occurred_on: dt.date
    occurred_time: StoredTime | None
    state: str
    county_fips: str | None
    office: str | None = Field(description="Public code of the election office handling it.")
    channel: str
    platform: str | None = Field(
        description="The platform or service as the filer wrote it; null when your role may not read the original words."
    )
    platform_code: str = Field(
        description="The platform read from it: a code such as x or facebook, 'other', or '' when none was given."
    )
    threat_types: list[str]
    target_role: str
    election_phase: str
    severity: int | None
    personal_data_withheld: bool = Field(description="True when your role may not read the original words and identifiers.")
    text_version: str = Field(
        description="'original'; 'redacted' (people replaced by placeholders such as [WORKER-1], [PHONE]); "
        "'withheld' (redaction failed, so there is no copy you may read); or 'erased' (retention policy)."
    )
    narrative: str | None
    message_text: str | None
    sender: SenderOut | None
    reporter: ReporterOut | None = Field(description="Who filed; only for readers the filer agreed may know.")
    reporter_consent: list[str] = Field(description="Who the filer agreed may know who they are.")
    sender_pseudonyms: list[PseudonymOut] = Field(
        description="Keyed hashes of the sender's identifiers: equal across reports from the same phone, email, handle or name."
    )
    evidence: list[str]


class EvidenceOut(Schema):
    code: str
    kind: str
    content_type: str
    size: int
    sha256: str


class ReceiptOut(Schema):
    code: str
    status: str
    received_at: dt.datetime
    updated_at: dt.datetime


def report_out(
    report: Report,
    user: Any,
    *,
    reading: Reading | None = None,
    threat_types: list[str] | None = None,
    evidence: list[str] | None = None,
    identifiers: list[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """The API's view of a report, its words and filer as `reading` (by default `reading_for`)
    has them. A caller that has just stored it passes its threat types, evidence codes and sender
    identifiers, which saves reading back what it wrote."""
    pseudonyms = pseudonyms_of(identifiers) if identifiers is not None else sender_pseudonyms(report)
    reading = reading or reading_for(user, report)
    words, reporter = reading.words, reading.reporter
    personal = words.version == Words.ORIGINAL
    return {
        "code": report.public_code,
        "status": report.status,
        "received_at": report.received_at,
        "occurred_on": report.occurred_on,
        "occurred_time": report.occurred_time,
        "state": report.state.code,
        "county_fips": report.county.fips if report.county else None,
        "office": report.office.public_code if report.office else None,
        "channel": report.channel,
        "platform": words.platform,
        "platform_code": report.platform_code,
        "threat_types": threat_types if threat_types is not None else [t.code for t in report.threat_types.all()],
        "target_role": report.target_role,
        "election_phase": report.election_phase,
        "severity": severity_for(user, report, threat_types),
        "personal_data_withheld": not personal,
        "text_version": words.version,
        "narrative": words.narrative,
        "message_text": words.message_text,
        "reporter": vars(reporter) if reporter else None,
        "reporter_consent": list(report.reporter_consent or []),
        "sender": {
            "name": report.sender_name,
            "phones": report.sender_phones,
            "emails": report.sender_emails,
            "handles": report.sender_handles,
            "description": words.sender_description,
        }
        if personal
        else None,
        "sender_pseudonyms": [{"kind": kind, "pseudonym": pseudonym} for kind, pseudonym in pseudonyms],
        "evidence": evidence if evidence is not None else [e.public_code for e in report.evidence.all()],
    }


@router.post(
    "/reports",
    response={200: ReportOut, 201: ReportOut, 409: ErrorOut, 413: ErrorOut, **BAD_REQUEST, **NO_TOKEN, **BAD_INPUT, **BUSY},
    summary="Submit a report",
    description=(
        "Send an `Idempotency-Key` header (any unique string of 1 to 100 printable characters) so that a retry "
        "after a timeout is stored once: the retry answers 200 with the report stored the first time. "
        "An empty key is refused (422) rather than taken as none, since a retry would then be stored again."
    ),
)
def submit_report(
    request: HttpRequest,
    payload: ReportIn,
    idempotency_key: Annotated[IdempotencyKey | None, Header(alias="Idempotency-Key", min_length=1, max_length=100)] = None,
) -> responses.Status[Any]:
    user = request.auth  # type: ignore[attr-defined]
    key = f"api:{user.pk}:{idempotency_key}" if idempotency_key is not None else None
    try:
        result = services.report_submit(actor=user, data=payload, source=Source.API, submission_key=key)
    except services.IdempotencyConflictError as exc:
        return responses.Status(409, {"errors": [{"field": "Idempotency-Key", "message": str(exc)}]})
    if not result.created:  # a retry: the report stored the first time, read again
        return responses.Status(200, _read(user, result.report, services.Way.API_RETRY))
    stored_types = list(dict.fromkeys(str(t) for t in payload.threat_types))
    out = report_out(result.report, user, threat_types=stored_types, evidence=[], identifiers=result.identifiers)
    return responses.Status(201, out)


class ListFilters(Schema):
    date_from: CalendarDate | None = None
    date_to: CalendarDate | None = None
    threat_type: ThreatType | None = None
    channel: Channel | None = None
    status: Status | None = None
    state: str = Field(default="", pattern=r"^([A-Za-z]{2})?$", description="Two-letter state code.")


class ReportPage:
    """The reports of a query, turned into API answers only for the page asked for: the count is
    the query's, and only the reports on the page are read, decrypted and, where the caller gets
    personal data in the clear, recorded as read (one event per report, one write per page)."""

    def __init__(self, qs: QuerySet[Report], user: Any) -> None:
        self.qs, self.user = qs, user

    def __len__(self) -> int:
        return self.qs.count()

    def __getitem__(self, page: slice) -> list[dict[str, Any]]:
        readings = [reading_for(self.user, report) for report in self.qs[page]]
        answers = [report_out(reading.report, self.user, reading=reading) for reading in readings]
        services.originals_read(actor=self.user, way=services.Way.API_REPORT_LIST, readings=readings)
        return answers


class ReportPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=500, description="Reports per page (at most 500).")
        offset: int = Field(0, ge=0, le=2**31 - 1, description="Reports to skip.")


@router.get(
    "/reports", response={200: list[ReportOut], **BAD_REQUEST, **NO_TOKEN, **BAD_INPUT}, summary="List the reports you may see"
)
@paginate(ReportPagination)
def list_reports(request: HttpRequest, filters: Query[ListFilters]) -> ReportPage:
    user = request.auth  # type: ignore[attr-defined]
    given = {name: value for name, value in filters.dict().items() if value is not None}
    return ReportPage(selectors.report_list(user, selectors.ReportFilters(**given)).prefetch_related("evidence"), user)


@router.get("/reports/{code}", response={200: ReportOut, **BAD_REQUEST, **NO_TOKEN, **NOT_FOUND}, summary="One report")
def get_report(request: HttpRequest, code: str) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    return _read(user, selectors.report_for(user, code), services.Way.API_REPORT)


def _read(user: Any, report: Report, way: str) -> dict[str, Any]:
    """One report as the API answers it, recorded as read where it shows personal data."""
    reading = reading_for(user, report)
    answer = report_out(report, user, reading=reading)
    services.originals_read(actor=user, way=way, readings=[reading])
    return answer


def _file_refused(exc: Exception) -> responses.Status[Any]:
    """422 on the `file` field: the upload, or the room its report has left, is at fault."""
    return responses.Status(422, {"errors": [{"field": "file", "message": str(exc)}]})


@router.post(
    "/reports/{code}/evidence",
    response={200: EvidenceOut, 201: EvidenceOut, **BAD_REQUEST, **NO_TOKEN, **NOT_FOUND, **BAD_INPUT, **BUSY},
    summary="Attach an evidence file",
    description=(
        "Only for those who may read the report's words (its reporter, its office, a liaison during a reveal); others get 404. "
        "A report holds each file once: a file it already holds (the same SHA-256) is not stored again, and the answer is "
        "200 with the evidence stored the first time, so a retry after a timeout needs no `Idempotency-Key`. "
        "A report holds at most `EVIDENCE_MAX_PER_REPORT` files (50 unless the site sets another number); "
        "a new file past that is refused with 422 and nothing stored."
    ),
)
def add_evidence(request: HttpRequest, code: str, file: File[UploadedFile]) -> responses.Status[Any]:
    user = request.auth  # type: ignore[attr-defined]
    report = selectors.report_with_personal_data_for(user, code)
    try:
        checked = evidence_files.check_upload(file.read(settings.EVIDENCE_MAX_BYTES + 1), file.name or "")
    except evidence_files.EvidenceError as exc:
        return _file_refused(exc)
    try:
        result = services.evidence_add(actor=user, report=report, checked=checked)
    except evidence_files.ReportFullError as exc:  # a fault of the store is the server's, not the file's
        return _file_refused(exc)
    item = result.evidence
    out = {
        "code": item.public_code,
        "kind": item.kind,
        "content_type": item.content_type,
        "size": item.size,
        "sha256": item.sha256,
    }
    return responses.Status(201 if result.created else 200, out)


receipts = Router(tags=["receipts"])


@receipts.get(
    "/receipts/{code}",
    response={200: ReceiptOut, **BAD_REQUEST, **NOT_FOUND, 429: ErrorOut},
    auth=None,
    throttle=[AddressRateThrottle(selectors.RECEIPT_RATE)],
    summary="Status of a report, by its receipt code (no login)",
)
def receipt_status(request: HttpRequest, code: str) -> dict[str, Any]:
    report = selectors.report_by_receipt(code)
    return {
        "code": report.public_code,
        "status": report.status,
        "received_at": report.received_at,
        "updated_at": report.updated_at,
    }
