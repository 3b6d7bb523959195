"""The case packet: only those who may read the report's personal data make one; it holds a PDF
and every intact evidence file with a manifest whose hashes match the originals; an altered file
is listed as failed and left out; each hand-over is in the custody log and the audit trail."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import Client

from threatdesk.accounts.models import Role
from threatdesk.accounts.services import user_create
from threatdesk.audit.models import AuditEvent
from threatdesk.cases import packet as packet_module
from threatdesk.cases.models import Referral
from threatdesk.cases.packet import HIDDEN_DUPLICATE, packet_make
from threatdesk.cases.services import referral_case_number, report_merge, report_refer, step_record
from threatdesk.privacy import crypto
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.models import CustodyEntry, Evidence, Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.selectors import report_timeline
from threatdesk.reports.services import report_reveal, report_submit
from threatdesk.testing.clients import signed_in
from threatdesk.testing.files import eml_bytes, png_bytes, use_media_root
from threatdesk.testing.payloads import CANARY_PHONE, CANARY_WORKER, valid_report_payload
from threatdesk.testing.planting import protect_canaries

pytestmark = pytest.mark.django_db

ORIGINALS = {"photo.png": png_bytes("the photo as sent"), "mail.eml": eml_bytes("the email as sent")}

# What a POST to the packet URL answers each persona for a Maricopa report referred to FBI
# Phoenix, before any reveal: only the office's manager may make it.
EXPECTED = {
    "public": 302,
    "reporter": 404,
    "other_reporter": 404,
    "manager": 200,
    "outsider": 404,
    "liaison": 404,
    "coordinator": 404,
    "analyst": 404,
    "admin": 404,
}


@pytest.fixture
def report(personas: Any, settings: Any, tmp_path: Path) -> Report:
    use_media_root(settings, tmp_path / "media")
    protect_canaries(personas)
    files = [evidence_files.check_upload(data, name) for name, data in ORIGINALS.items()]
    data = ReportIn.model_validate(valid_report_payload())
    made = report_submit(actor=personas.reporter, data=data, source="web", files=files).report
    report_refer(actor=personas.manager, report=made, agency=personas.agency)
    return made


def post_packet(user: Any, report: Report) -> Any:
    client = signed_in(user) if getattr(user, "is_authenticated", False) else Client()
    return client.post(f"/reports/{report.public_code}/packet/")


def unzip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def seal_other_bytes(item: Evidence) -> None:
    """What someone holding the key could do: seal other bytes in the file's place."""
    default_storage.delete(item.stored_name)
    forged = crypto.encrypt_bytes(png_bytes("a forged picture"), f"evidence:{item.stored_name}")
    default_storage.save(item.stored_name, ContentFile(forged))


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_only_the_offices_manager_may_make_a_packet_before_a_reveal(personas, report, persona):
    response = post_packet(personas.all()[persona], report)
    assert response.status_code == EXPECTED[persona]
    if persona == "public":
        assert response["Location"].startswith("/account/login/")
    made = AuditEvent.objects.filter(action="cases.packet.generated").count()
    assert made == (1 if EXPECTED[persona] == 200 else 0)


def test_a_liaison_makes_a_packet_while_a_reveal_is_active(personas, report):
    report_reveal(actor=personas.liaison, report=report, reason="Opening case 2024-118 on this threat")
    response = post_packet(personas.liaison, report)
    assert response.status_code == 200
    assert AuditEvent.objects.get(action="cases.packet.generated").actor == personas.liaison


def test_asking_with_get_changes_nothing(personas, report):
    assert signed_in(personas.manager).get(f"/reports/{report.public_code}/packet/").status_code == 405
    assert not CustodyEntry.objects.filter(action=CustodyEntry.Action.TRANSFERRED).exists()


def test_the_zip_holds_the_pdf_and_the_evidence_whose_manifest_hashes_match_the_originals(personas, report):
    response = post_packet(personas.manager, report)
    assert response["Content-Type"] == "application/zip"
    assert f'filename="case-packet-{report.public_code}.zip"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    files = unzip(response.content)
    manifest = json.loads(files.pop("manifest.json"))
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(files) == set(listed)
    pdf = files[f"case-packet-{report.public_code}.pdf"]
    assert pdf.startswith(b"%PDF")
    for path, data in files.items():
        assert listed[path]["sha256"] == hashlib.sha256(data).hexdigest()
        assert listed[path]["size"] == len(data)
    shipped = sorted(files[e["path"]] for e in manifest["files"] if e.get("evidence"))
    assert shipped == sorted(ORIGINALS.values())
    stored = {e.public_code: e.sha256 for e in report.evidence.all()}
    assert {e["evidence"]: e["sha256"] for e in manifest["files"] if e.get("evidence")} == stored
    assert sorted(stored.values()) == sorted(hashlib.sha256(d).hexdigest() for d in ORIGINALS.values())


def test_an_altered_file_is_listed_as_failed_and_not_shipped(personas, report):
    altered = report.evidence.get(content_type="image/png")
    seal_other_bytes(altered)
    files = unzip(post_packet(personas.manager, report).content)
    manifest = json.loads(files["manifest.json"])
    entry = next(e for e in manifest["files"] if e.get("evidence") == altered.public_code)
    assert entry["status"] == "integrity_failed"
    assert entry["path"] is None
    assert not any(altered.public_code in name for name in files)
    assert not any(b"a forged picture" in data for data in files.values())
    assert len([n for n in files if n.startswith("evidence/")]) == 1
    failed = altered.custody.latest("at", "pk")
    assert (failed.sha256_verified, failed.actor) == (False, personas.manager)
    assert "case packet" in failed.note
    assert AuditEvent.objects.get(action="cases.packet.generated").payload["failed"] == [altered.public_code]


def test_the_pdf_says_which_file_failed(personas, report, monkeypatch):
    pages = capture_pdf_html(monkeypatch)
    seal_other_bytes(report.evidence.get(content_type="image/png"))
    post_packet(personas.manager, report)
    assert "failed the integrity check" in pages[0]
    assert "Failed the integrity check: not in this packet." in pages[0]


def test_each_shipped_file_gains_a_transfer_entry_in_its_custody_log(personas, report):
    post_packet(personas.manager, report)
    for item in report.evidence.all():
        entry = item.custody.latest("at", "pk")
        assert (entry.action, entry.actor, entry.sha256_verified) == (CustodyEntry.Action.TRANSFERRED, personas.manager, True)
        assert entry.note == "case packet"


def test_making_a_packet_is_audited_and_on_the_timeline(personas, report):
    response = post_packet(personas.manager, report)
    event = AuditEvent.objects.get(action="cases.packet.generated")
    assert (event.actor, event.object_id) == (personas.manager, report.public_code)
    assert event.payload["zip_sha256"] == hashlib.sha256(response.content).hexdigest()
    assert event.payload["files"] == 3
    steps = [item.what for item in report_timeline(personas.manager, report)]
    assert "Case packet generated for prosecutors" in steps
    assert not canary_in_payloads()


def canary_in_payloads() -> bool:
    return any(CANARY_WORKER in json.dumps(e.payload) for e in AuditEvent.objects.all())


def capture_pdf_html(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The HTML each packet PDF is laid out from, kept as it goes to weasyprint."""
    pages: list[str] = []
    real = packet_module.html_to_pdf

    def keep(html: str, stylesheets: Any) -> bytes:
        pages.append(html)
        return real(html, stylesheets)

    monkeypatch.setattr(packet_module, "html_to_pdf", keep)
    return pages


def test_the_pdf_holds_facts_words_assessment_statutes_evidence_and_timeline(personas, report, monkeypatch):
    pages = capture_pdf_html(monkeypatch)
    post_packet(personas.manager, report)
    html = pages[0]
    assert "Voicemail <code>voicemail</code>" in html
    assert "<code>threat_violence</code>" in html
    assert CANARY_WORKER in html and CANARY_PHONE in html  # the original words and the sender
    assert "for law-enforcement review" in html
    assert f"Level {report.severity}" in html
    assert all(i["label"] in html for i in report.indicators)
    for item in report.evidence.all():
        assert item.sha256 in html
    assert "Handed to another party" in html and "case packet" in html  # the custody log, this hand-over included
    assert "Report received" in html and "Referred to law enforcement" in html
    assert "Generated" in html and "by manager" in html


def test_the_button_is_on_the_page_of_those_who_may_make_a_packet(personas, report):
    action = f'action="/reports/{report.public_code}/packet/"'
    assert action in signed_in(personas.manager).get(f"/reports/{report.public_code}/").content.decode()
    for persona in ("coordinator", "analyst", "admin", "liaison", "reporter"):
        page = signed_in(getattr(personas, persona)).get(f"/reports/{report.public_code}/")
        assert action not in page.content.decode(), persona


def test_the_command_writes_the_pdf_and_the_zip(personas, report, tmp_path):
    out = tmp_path / "packet"
    call_command("case_packet", report.public_code, user="manager", out=out)
    name = f"case-packet-{report.public_code}"
    assert (out / f"{name}.pdf").read_bytes().startswith(b"%PDF")
    assert "manifest.json" in unzip((out / f"{name}.zip").read_bytes())
    assert AuditEvent.objects.filter(action="cases.packet.generated", actor=personas.manager).count() == 1


@pytest.mark.parametrize("username", ["coordinator", "liaison", "reporter", "nobody"])
def test_the_command_refuses_those_who_may_not(personas, report, tmp_path, username):
    with pytest.raises(CommandError):
        call_command("case_packet", report.public_code, user=username, out=tmp_path / "packet")
    assert not (tmp_path / "packet").exists()
    assert not AuditEvent.objects.filter(action="cases.packet.generated").exists()


def _file_in_place_of_the_folder(out: Path, name: str) -> None:
    out.write_text("not a folder")


def _file_in_place_of_a_parent(out: Path, name: str) -> None:
    out.parent.write_text("not a folder")


def _folder_in_place_of_the_pdf(out: Path, name: str) -> None:
    (out / f"{name}.pdf").mkdir(parents=True)


@pytest.mark.parametrize(
    ("in_the_way", "out", "message"),
    [
        (_file_in_place_of_the_folder, "packet", "is a file, not a folder"),
        (_file_in_place_of_a_parent, "cases/packet", "the folder cannot be made"),
        (_folder_in_place_of_the_pdf, "packet", ".pdf is a folder, in the way of the packet"),
    ],
    ids=["file-as-folder", "file-as-parent", "folder-as-pdf"],
)
def test_the_command_refuses_a_folder_it_cannot_write_to_before_making_the_packet(
    personas, report, tmp_path, in_the_way, out, message
):
    """Making the packet records it in the audit trail and the custody logs: nothing is recorded
    for a packet that would not be written."""
    folder = tmp_path / out
    in_the_way(folder, f"case-packet-{report.public_code}")
    before = (AuditEvent.objects.count(), CustodyEntry.objects.count())
    with pytest.raises(CommandError, match=message):
        call_command("case_packet", report.public_code, user="manager", out=folder)
    assert (AuditEvent.objects.count(), CustodyEntry.objects.count()) == before


def test_the_pdf_lists_the_agencys_steps_and_case_number(personas, report, monkeypatch):
    referral = Referral.objects.get(report=report)
    referral_case_number(actor=personas.liaison, referral=referral, number="PX-2024-0042")
    step_record(
        actor=personas.liaison,
        report=report,
        referral=referral,
        kind="charged",
        occurred_on=report.occurred_on,
        statutes=["18 U.S.C. 875(c)"],
    )
    pages = capture_pdf_html(monkeypatch)
    post_packet(personas.manager, report)
    assert "agency case PX-2024-0042" in pages[0]
    assert "Charged · FBI Phoenix Field Office · 18 U.S.C. 875(c)" in pages[0]


FILER = {"name": "Imogen Quarrytide", "email": "imogen.quarrytide@example.org", "phone": "+16025550188"}


@pytest.mark.parametrize(("consent", "named"), [(["office"], False), (["office", "law_enforcement"], True)])
def test_the_packet_names_the_filer_only_if_they_agreed_law_enforcement_may_know(
    personas, settings, tmp_path, monkeypatch, consent, named
):
    """The manager may know who filed, but the packet goes to law enforcement."""
    use_media_root(settings, tmp_path / "media")
    words = f"Left for {FILER['name']} at the front desk: you will regret certifying."
    data = ReportIn.model_validate(valid_report_payload(reporter_contact=FILER, reporter_consent=consent, message_text=words))
    filed = report_submit(actor=None, data=data, source="web").report
    pages = capture_pdf_html(monkeypatch)
    assert post_packet(personas.manager, filed).status_code == 200
    html = pages[0]
    assert all((value in html) is named for value in FILER.values())
    assert ("did not agree that law enforcement" in html) is not named
    assert "you will regret certifying" in html  # the words themselves still go


FILER_ACCOUNT = "imogen.quarrytide"


def test_the_packets_timeline_and_custody_log_do_not_name_a_filer_who_refused_law_enforcement(
    personas, settings, tmp_path, monkeypatch
):
    use_media_root(settings, tmp_path / "media")
    filer = user_create(
        actor=None,
        username=FILER_ACCOUNT,
        password="A-long-enough-password-1!",
        role=Role.REPORTER,
        email="imogen.quarrytide@example.org",
        office=personas.office,
    )
    files = [evidence_files.check_upload(png_bytes("the photo as sent"), "photo.png")]
    data = ReportIn.model_validate(valid_report_payload(reporter_consent=["office"]))
    filed = report_submit(actor=filer, data=data, source="web", files=files).report
    pages = capture_pdf_html(monkeypatch)
    assert post_packet(personas.manager, filed).status_code == 200
    html = pages[0]
    assert "did not agree that law enforcement" in html  # the packet says it does not name the filer
    assert FILER_ACCOUNT not in html  # nor do its timeline and custody log


def test_the_packet_carries_the_evidence_of_a_merged_duplicate(personas, report):
    """Two people report the same letter and the second attaches its photo: once merged, the case
    goes on in the first report, so its packet must hand the agency that photo, hashed and logged,
    without naming a duplicate the maker may not open (its code is also a receipt)."""
    photo = evidence_files.check_upload(png_bytes("the letter, photographed"), "letter.png")
    duplicate = report_submit(
        actor=personas.other_reporter, data=ReportIn.model_validate(valid_report_payload()), source="web", files=[photo]
    ).report
    report_merge(actor=personas.manager, duplicate=duplicate, into=report, reason="Same letter, two recipients")
    report_reveal(actor=personas.liaison, report=report, reason="Preparing the case for the prosecutor")

    made = packet_make(actor=personas.liaison, report=Report.objects.get(pk=report.pk))

    item = Evidence.objects.get(report=duplicate)
    files = unzip(made.zip)
    entry = next(e for e in json.loads(files["manifest.json"])["files"] if e.get("evidence") == item.public_code)
    assert entry["merged_duplicate"] == HIDDEN_DUPLICATE and entry["sha256"] == item.sha256
    assert hashlib.sha256(files[entry["path"]]).hexdigest() == item.sha256
    assert item.custody.filter(action=CustodyEntry.Action.TRANSFERRED, actor=personas.liaison).exists()
    assert duplicate.public_code.encode() not in files["manifest.json"]
