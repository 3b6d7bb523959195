"""The leak suite: canaries planted through every way in, then every output searched.

The worker, her son, her home address, phone and email, and the sender's name go in through the
manager's protected-person form, the public report form (with evidence), the API (with
evidence) and bulk import. Then, for every persona without the right to read them, every page
reachable by links, every output listed in `threatdesk.testing.outputs.OUTPUTS` (API answers,
downloads, exports, notification mail) and the logs at DEBUG are searched. Zero hits is the
only pass. The raw
database file and a PostgreSQL dump are searched in test_raw_storage_has_no_plaintext.
"""

from __future__ import annotations

import io
import logging
import traceback
import zipfile
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from threatdesk.accounts.services import token_create
from threatdesk.cases.services import report_refer
from threatdesk.laws.pdf import html_to_pdf
from threatdesk.privacy.models import ProtectedPerson
from threatdesk.reports.models import Evidence, Report
from threatdesk.testing.files import use_media_root
from threatdesk.testing.outputs import OUTPUTS, Asker, crawl
from threatdesk.testing.payloads import CANARY_ADDRESS, CANARY_CHILD, CANARY_EMAIL, CANARY_PHONE, CANARY_WORKER
from threatdesk.testing.personas import Personas
from threatdesk.testing.planting import Planted, canaries_in, plant_everywhere

pytestmark = pytest.mark.django_db

# Everyone but the reporter who filed and the manager of the office.
WITHOUT_THE_RIGHT = ("public", "other_reporter", "outsider", "liaison", "coordinator", "analyst", "admin")


def _protect_through_the_form(personas: Personas) -> None:
    manager = Client()
    manager.force_login(personas.manager)
    worker = {
        "kind": "worker",
        "relationship": "self",
        "full_name": CANARY_WORKER,
        "phones": CANARY_PHONE,
        "emails": CANARY_EMAIL,
        "addresses": f"{CANARY_ADDRESS}, Phoenix, AZ 85004",
    }
    assert manager.post("/protected-people/new/", worker).status_code == 302
    code = ProtectedPerson.objects.get().public_code
    child = {"kind": "family", "relationship": "child", "worker": code, "full_name": CANARY_CHILD}
    assert manager.post("/protected-people/new/", child).status_code == 302
    # A reason typed into the audit trail that names her, as people do: the access log must not show it.
    reason = f"Call {CANARY_WORKER} back at {CANARY_PHONE}"
    assert manager.post(f"/protected-people/{code}/", {"reason": reason}).status_code == 200


@pytest.fixture
def planted(
    personas: Personas, settings: Any, tmp_path: Any, caplog: pytest.LogCaptureFixture, django_capture_on_commit_callbacks: Any
) -> Planted:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")
    caplog.set_level(logging.DEBUG, logger="threatdesk")
    use_media_root(settings, tmp_path)
    _protect_through_the_form(personas)
    with django_capture_on_commit_callbacks(execute=True):  # what runs after commit: notifications
        planted = plant_everywhere(personas, protect=False)
    assert Report.objects.filter(redaction_state="done").count() == len(planted.all_codes) == 5
    assert len(mail.outbox) == 6, "the three urgent form and API reports each mail their manager and coordinator"
    return planted


def asker_for(personas: Personas, persona: str, planted: Planted) -> Asker:
    user = personas.all()[persona]
    web = Client()
    token = ""
    if persona != "public":
        web.force_login(user)
        token = token_create(actor=None, user=user, name="leak suite")  # type: ignore[arg-type]
    return Asker(
        web=web,
        token=token,
        report_codes=planted.all_codes,
        person_codes=list(ProtectedPerson.objects.values_list("public_code", flat=True)),
        evidence=[(e.report.public_code, e.public_code) for e in Evidence.objects.select_related("report")],
    )


def _hits(label: str, response: Any) -> list[str]:
    found = canaries_in(response.content)
    return [f"{label} ({response.status_code}): {found}"] if found else []


def log_hits(caplog: pytest.LogCaptureFixture) -> list[str]:
    found = []
    for record in caplog.records:
        text = record.getMessage() + repr(record.args)
        if record.exc_info:
            text += "".join(traceback.format_exception(*record.exc_info))
        if canaries_in(text):
            found.append(f"{record.name} {record.levelname}: {text[:200]}")
    return found


@pytest.mark.parametrize("persona", WITHOUT_THE_RIGHT)
def test_no_output_shows_a_canary_to_a_persona_without_the_right(personas, planted, persona, caplog):
    ask = asker_for(personas, persona, planted)
    hits: list[str] = []
    opened = 0
    for url, response in crawl(ask.web):
        hits += _hits(f"page {url}", response)
        opened += response.status_code == 200
    for output in OUTPUTS:
        for response in output.fetch(ask):
            hits += _hits(output.name, response)
    assert not hits, f"{persona} received personal data:\n" + "\n".join(hits)
    assert opened >= 3, f"the crawl opened only {opened} pages for {persona}: the search proved nothing"
    assert not log_hits(caplog)


@pytest.mark.parametrize("persona", ["coordinator", "analyst", "admin"])
def test_roles_that_read_redacted_copies_do_read_them(personas, planted, persona):
    """The search above is not passing because these roles get nothing at all."""
    ask = asker_for(personas, persona, planted)
    pages = [ask.get(f"/reports/{code}/").content.decode() for code in planted.all_codes]
    assert all('id="redacted"' in page for page in pages)
    assert any("[WORKER-1]" in page for page in pages)
    crawled = [url for url, _ in crawl(ask.web)]
    assert any(url.startswith(f"/reports/{planted.all_codes[0]}") for url in crawled)


def test_the_office_manager_does_read_the_canaries(personas, planted):
    """The planting worked: those with the right find the values the others must not."""
    ask = asker_for(personas, "manager", planted)
    found = set()
    for _url, response in crawl(ask.web):
        found.update(canaries_in(response.content))
    assert {CANARY_WORKER, CANARY_CHILD} <= found


def test_a_liaison_with_referrals_but_no_reveal_reads_only_redacted_copies(
    personas, planted, caplog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for report in Report.objects.all():
            report_refer(actor=personas.manager, report=report, agency=personas.agency)
    assert any(CANARY_EMAIL in m.to for m in mail.outbox), "the anonymous filer heard of the referral"
    ask = asker_for(personas, "liaison", planted)
    hits: list[str] = []
    redacted = 0
    for url, response in crawl(ask.web):
        hits += _hits(f"page {url}", response)
        redacted += b'id="redacted"' in response.content
    for output in OUTPUTS:
        for response in output.fetch(ask):
            hits += _hits(output.name, response)
    assert not hits, "the liaison received personal data before revealing:\n" + "\n".join(hits)
    assert redacted == len(planted.all_codes)
    assert not log_hits(caplog)


# A suspect's name as a liaison might write it in a step's detail: law enforcement and the office
# may read it, no one else, not even the person who filed.
SUSPECT = "Ozymandias Fenwick-Hollowell"


@pytest.mark.parametrize("persona", ["reporter", *(p for p in WITHOUT_THE_RIGHT if p != "liaison")])
def test_case_work_shows_a_step_detail_to_no_one_else(personas, planted, persona, caplog):
    from threatdesk.cases.services import step_record

    for report in Report.objects.all():
        referral = report_refer(actor=personas.manager, report=report, agency=personas.agency)
        step_record(
            actor=personas.liaison,
            report=report,
            referral=referral,
            kind="subject_identified",
            occurred_on=report.occurred_on,
            detail=f"{SUSPECT}, who called {CANARY_WORKER} at {CANARY_PHONE}",
        )
        step_record(
            actor=personas.liaison,
            report=report,
            referral=referral,
            kind="arrest",
            occurred_on=report.occurred_on,
            detail=SUSPECT,
        )
    ask = asker_for(personas, persona, planted)
    responses = [*(r for _, r in crawl(ask.web)), *(r for output in OUTPUTS for r in output.fetch(ask))]
    hits = [f"{persona} read the suspect's name" for r in responses if SUSPECT.encode() in r.content]
    if persona != "reporter":
        hits += [hit for r in responses for hit in _hits("case work", r)]
    assert not hits, "\n".join(hits)
    assert SUSPECT not in " ".join(rec.getMessage() + repr(rec.args) for rec in caplog.records)
    assert not log_hits(caplog)


def test_the_office_and_the_agency_do_read_the_step_detail(personas, planted):
    from threatdesk.cases.services import step_record

    report = Report.objects.filter(office=personas.office).first()
    referral = report_refer(actor=personas.manager, report=report, agency=personas.agency)
    step_record(
        actor=personas.liaison, report=report, referral=referral, kind="arrest", occurred_on=report.occurred_on, detail=SUSPECT
    )
    for persona in ("manager", "liaison"):
        assert SUSPECT in asker_for(personas, persona, planted).get(f"/reports/{report.public_code}/").content.decode()


def test_the_mail_search_finds_a_canary_when_one_is_mailed():
    mail.send_mail(f"About {CANARY_WORKER}", "See the report.", None, ["someone@example.org"])
    [mail_output] = [output for output in OUTPUTS if "mail" in output.name]
    assert canaries_in(mail_output.fetch(None)[0].content)  # type: ignore[arg-type]


def test_the_search_reads_a_pdf_inside_a_zip_as_the_case_packet_holds_it():
    """A packet is a compressed ZIP holding a PDF: neither shows its words to a plain search."""
    pdf = html_to_pdf(f"<p>Home of {CANARY_WORKER}, {CANARY_ADDRESS}</p>", [])
    packet = io.BytesIO()
    with zipfile.ZipFile(packet, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("case-packet.pdf", pdf)
    assert CANARY_WORKER.encode() not in pdf and CANARY_WORKER.encode() not in packet.getvalue()
    assert canaries_in(packet.getvalue()) == canaries_in(pdf) == [CANARY_WORKER, CANARY_ADDRESS]
