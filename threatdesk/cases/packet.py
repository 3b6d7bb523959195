"""The case packet for prosecutors: a PDF of the report and a ZIP that carries it with the evidence.

The PDF holds the coded facts with their labels, the original words, the sender, the timeline,
the assessment with the evidence of each indicator, the suggested statutes (for law-enforcement
review), and every evidence file with its SHA-256 and chain of custody. The ZIP holds the PDF,
each evidence file whose hash still verifies, and `manifest.json` with the SHA-256 and size of
every file.

The evidence is the case's: the report's own files and those of every duplicate merged into it.
A merge says both reports are one incident whose case goes on in this one, so a photo the
duplicate's filer attached reaches the agency and the prosecutor with the rest.

Each file is opened through `reports.services.evidence_open`, so its hash is checked and the
hand-over is written to its custody log. A file that fails the check is listed as failed in the
manifest and the PDF and is never shipped as if it were the original. The packet is made in one
transaction with its audit event, and is handed back, never stored, cached or logged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from threatdesk.assessment.engine import LEVEL_NAMES
from threatdesk.audit import services as audit
from threatdesk.cases.selectors import merged_duplicates, referrals_for, steps_for
from threatdesk.laws.pdf import html_to_pdf
from threatdesk.reports import selectors
from threatdesk.reports.access import may_identify_reporter_to_law_enforcement, may_make_packet
from threatdesk.reports.evidence import file_name
from threatdesk.reports.models import CustodyEntry, Evidence, Report
from threatdesk.reports.services import EvidenceDestroyedError, evidence_open

PURPOSE = "case packet"
STYLESHEETS = ("css/case-packet.css",)
MANIFEST = "manifest.json"


class FileStatus:
    GENERATED = "generated"
    VERIFIED = "verified"
    FAILED = "integrity_failed"
    DESTROYED = "destroyed"


class PacketRefusedError(PermissionError):
    """The actor may not make a packet of this report; views answer 404."""


@dataclass(frozen=True)
class PacketEvidence:
    """One evidence file as the packet holds it: shipped at `path`, or listed only."""

    evidence: Evidence
    status: str
    path: str = ""
    data: bytes = field(default=b"", repr=False)


@dataclass(frozen=True)
class EvidenceRow:
    """An evidence file's place in the packet with its custody log, for the PDF; `duplicate` says
    which merged duplicate it was attached to ("" for the report's own, the code only to a maker
    who may open that report)."""

    item: PacketEvidence
    custody: list[selectors.TimelineItem]
    duplicate: str = ""


HIDDEN_DUPLICATE = "a merged duplicate you cannot open"


def case_evidence(report: Report) -> list[Evidence]:
    """The case's evidence: the report's own files, then those of each duplicate merged into it."""
    reports = [report, *merged_duplicates(report)]
    files = Evidence.objects.filter(report__in=reports).select_related("report")
    order = {r.pk: i for i, r in enumerate(reports)}
    return sorted(files, key=lambda item: (order[item.report_id], item.uploaded_at, item.pk))


def _duplicate_label(actor: Any, report: Report, other: Report) -> str:
    """How the packet names the report a file came from: a report's code is also its receipt."""
    if other.pk == report.pk:
        return ""
    return other.public_code if Report.objects.visible_to(actor).filter(pk=other.pk).exists() else HIDDEN_DUPLICATE


@dataclass(frozen=True)
class Packet:
    report_code: str
    pdf: bytes = field(repr=False)
    zip: bytes = field(repr=False)
    evidence: list[PacketEvidence]

    @property
    def name(self) -> str:
        return packet_name(self.report_code)

    @property
    def failed(self) -> list[str]:
        return [e.evidence.public_code for e in self.evidence if e.status == FileStatus.FAILED]


def packet_name(report_code: str) -> str:
    return f"case-packet-{report_code}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _evidence_path(item: Evidence) -> str:
    return f"evidence/{file_name(item)}"


def _take_evidence(actor: Any, item: Evidence) -> PacketEvidence:
    """Open one file for the packet; its custody log gains the hand-over or the failed check."""
    if item.destroyed_at is not None:
        return PacketEvidence(item, FileStatus.DESTROYED)
    try:
        data, verified = evidence_open(actor=actor, evidence=item, purpose=CustodyEntry.Action.TRANSFERRED, note=PURPOSE)
    except EvidenceDestroyedError:  # by a retention run since the packet read its evidence
        return PacketEvidence(item, FileStatus.DESTROYED)
    if not verified:
        return PacketEvidence(item, FileStatus.FAILED)
    return PacketEvidence(item, FileStatus.VERIFIED, _evidence_path(item), data)


def _evidence_rows(actor: Any, report: Report, taken: list[PacketEvidence], *, identify: bool) -> list[EvidenceRow]:
    """Each file with its custody log as it stands now, the packet's own hand-over included. A
    duplicate's custody names its filer only as that filer agreed (`identify` is this report's)."""
    custody: dict[int, list[selectors.TimelineItem]] = {}
    labels: dict[int, str] = {}
    for source in {item.evidence.report_id: item.evidence.report for item in taken}.values():
        known = identify if source.pk == report.pk else may_identify_reporter_to_law_enforcement(actor, source)
        label = _duplicate_label(actor, report, source)
        for row in selectors.evidence_with_custody(actor, source, identify_reporter=known):
            custody[row.evidence.pk], labels[row.evidence.pk] = row.custody, label
    return [EvidenceRow(item, custody[item.evidence.pk], labels[item.evidence.pk]) for item in taken]


def packet_context(*, actor: Any, report: Report, taken: list[PacketEvidence], generated_at: dt.datetime) -> dict[str, Any]:
    """Everything the PDF shows; the words and actors as `actor` may read them. The packet goes
    to law enforcement, so it names the filer only if they agreed law enforcement may know."""
    level = report.level
    identify = may_identify_reporter_to_law_enforcement(actor, report)
    return {
        "report": report,
        "words": selectors.words_for(actor, report, identify_reporter=identify),
        "reporter": selectors.reporter_identity(actor, report) if identify else None,
        "timeline": selectors.report_timeline(actor, report, identify_reporter=identify),
        "statutes": selectors.statute_suggestions(report),
        "referrals": referrals_for(actor, report),
        "steps": steps_for(actor, report),
        "level": level,
        "level_name": LEVEL_NAMES.get(level, "") if level is not None else "",
        "evidence": _evidence_rows(actor, report, taken, identify=identify),
        "failed": [t.evidence.public_code for t in taken if t.status == FileStatus.FAILED],
        "generated_at": generated_at,
        "generated_by": audit.actor_label(actor),
    }


def packet_pdf(context: dict[str, Any]) -> bytes:
    return html_to_pdf(render_to_string("cases/packet_pdf.html", context), STYLESHEETS)


def _evidence_entry(item: PacketEvidence, duplicate: str) -> dict[str, Any]:
    """The hash and size recorded at upload; for a shipped file they are those of its bytes too.
    `duplicate` names the merged duplicate the file was attached to, if it was."""
    evidence = item.evidence
    return {
        "path": item.path or None,
        "evidence": evidence.public_code,
        "merged_duplicate": duplicate or None,
        "kind": evidence.kind,
        "content_type": evidence.content_type,
        "sha256": evidence.sha256,
        "size": evidence.size,
        "status": item.status,
    }


def manifest(
    *, report: Report, pdf_path: str, pdf: bytes, rows: list[EvidenceRow], generated_at: dt.datetime, generated_by: str
) -> dict[str, Any]:
    pdf_entry = {"path": pdf_path, "sha256": sha256(pdf), "size": len(pdf), "status": FileStatus.GENERATED}
    return {
        "report": report.public_code,
        "purpose": PURPOSE,
        "generated_at": generated_at.isoformat(),
        "generated_by": generated_by,
        "statuses": {
            FileStatus.GENERATED: "made for this packet: the PDF",
            FileStatus.VERIFIED: "in this packet; its SHA-256 matches the hash taken at upload",
            FileStatus.FAILED: "not in this packet: the stored file no longer matches the hash taken at upload",
            FileStatus.DESTROYED: "not in this packet: destroyed under the retention policy",
        },
        "files": [pdf_entry, *(_evidence_entry(row.item, row.duplicate) for row in rows)],
    }


def zip_bytes(files: list[tuple[str, bytes]], when: dt.datetime) -> bytes:
    stamp = when.astimezone(dt.UTC).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@transaction.atomic
def packet_make(*, actor: Any, report: Report) -> Packet:
    """Open every evidence file, lay out the PDF, pack the ZIP and record it in the audit trail.

    One transaction: if the PDF cannot be made, the custody entries of the openings go too.
    """
    if not may_make_packet(actor, report):
        raise PacketRefusedError(report.public_code)
    now = timezone.now()
    taken = [_take_evidence(actor, item) for item in case_evidence(report)]
    context = packet_context(actor=actor, report=report, taken=taken, generated_at=now)
    pdf = packet_pdf(context)
    name = packet_name(report.public_code)
    listing = manifest(
        report=report,
        pdf_path=f"{name}.pdf",
        pdf=pdf,
        rows=context["evidence"],
        generated_at=now,
        generated_by=audit.actor_label(actor),
    )
    files = [(f"{name}.pdf", pdf), *((t.path, t.data) for t in taken if t.path)]
    archive = zip_bytes([*files, (MANIFEST, json.dumps(listing, indent=2).encode())], now)
    packet = Packet(report.public_code, pdf, archive, taken)
    audit.log(
        "cases.packet.generated",
        actor=actor,
        obj=report,
        payload={"zip_sha256": sha256(archive), "pdf_sha256": sha256(pdf), "files": len(files), "failed": packet.failed},
    )
    return packet
