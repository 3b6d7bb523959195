"""The public statute pages: no login, every reviewed state listed, unverified entries flagged, 404s."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from threatdesk.laws import pdf, statutes
from threatdesk.laws.views import GUIDE_PDF_RATE

pytestmark = [pytest.mark.urls("threatdesk.laws.tests.urls"), pytest.mark.django_db]

FLAG = "not verified — check the source"
HOME = "203.0.113.9"
GUIDES_A_MINUTE = int(GUIDE_PDF_RATE.split("/")[0])


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The page texts weasyprint is given, each turned into a small stand-in PDF; no PDF made
    here outlives the test."""
    made: list[str] = []

    def render(html: str, stylesheets: object) -> bytes:
        made.append(html)
        return b"%PDF-1.7 stand-in " + str(len(made)).encode()

    monkeypatch.setattr(pdf, "html_to_pdf", render)
    pdf.guide_to_pdf.cache_clear()
    yield made
    pdf.guide_to_pdf.cache_clear()


def test_index_lists_federal_and_every_state(client: Client) -> None:
    response = client.get("/laws/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/laws/federal/"' in page
    for state in statutes.states():
        assert f'href="/laws/{state.code}/"' in page
        assert state.name in page


def test_arizona_guide_lists_provisions_contacts_and_date(client: Client) -> None:
    response = client.get("/laws/az/")
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "18 U.S.C. 875(c)",
        "A.R.S. 16-1004",
        "Class 5 felony",
        "1-800-CALL-FBI",
        "tips.fbi.gov",
        "877-876-2455",
        "option 4",
        "988",
        "911",
    ):
        assert text in page, text
    assert "For law-enforcement review" in page
    assert 'datetime="2026-11-22"' in page
    assert "css/print-guide.css" in page
    assert "<script" not in page and "style=" not in page


def test_unverified_provisions_are_flagged(client: Client) -> None:
    page = client.get("/laws/az/").content.decode()
    unverified = [p for p in statutes.provisions_for("az") if not p.verified]
    assert unverified
    assert page.count(FLAG) >= len(unverified)
    for provision in unverified:
        start = page.index(f"{provision.citation}: {provision.title}".replace("&", "&amp;"))
        assert FLAG in page[start : start + 400], provision.citation


def test_every_guide_renders_with_a_source_link_per_provision(client: Client) -> None:
    for code in ["federal", *(s.code for s in statutes.states())]:
        response = client.get(f"/laws/{code}/")
        assert response.status_code == 200, code
        page = response.content.decode()
        assert page.count('class="source"') == len([p for p in statutes.federal().provisions if p.is_offense]) + len(
            getattr(statutes.state_file(code), "provisions", ())
        ), code


def test_unknown_state_is_404(client: Client) -> None:
    assert client.get("/laws/zz/").status_code == 404
    assert client.get("/laws/texas/").status_code == 404
    assert client.get("/laws/AZ/").status_code == 200


def test_the_guide_is_also_a_pdf(client):
    response = client.get("/laws/AZ/guide.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 5_000
    assert client.get("/laws/ZZ/guide.pdf").status_code == 404
    assert b"guide.pdf" in client.get("/laws/AZ/").content


def test_a_printed_guide_gives_the_sites_full_address_for_the_details(client, settings):
    import io

    from pypdf import PdfReader

    settings.SITE_URL = "https://threatdesk.example.gov"
    page = client.get("/laws/AZ/").content.decode()
    assert "sources are at https://threatdesk.example.gov/laws/AZ/." in page
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(client.get("/laws/AZ/guide.pdf").content)).pages)
    assert "https://threatdesk.example.gov/laws/AZ/" in "".join(text.split())  # lines may break inside it
    assert "https://threatdesk.example.gov/laws/federal/" in client.get("/laws/federal/").content.decode()


def test_every_pdf_guide_fits_on_one_page():
    from django.template.loader import render_to_string

    from threatdesk.laws import statutes
    from threatdesk.laws.pdf import render_guide
    from threatdesk.laws.views import _guide_context

    for code in ["federal", *(s.code for s in statutes.states())]:
        html = render_to_string("laws/guide_pdf.html", _guide_context(code))
        assert len(render_guide(html).pages) == 1, code


def test_each_guide_pdf_is_rendered_once_and_every_visitor_gets_the_same_bytes(renders: list[str]) -> None:
    first = Client(REMOTE_ADDR=HOME).get("/laws/AZ/guide.pdf").content
    assert [Client(REMOTE_ADDR=HOME).get("/laws/AZ/guide.pdf").content for _ in range(3)] == [first] * 3
    assert Client(REMOTE_ADDR="198.51.100.7").get("/laws/az/guide.pdf").content == first
    assert len(renders) == 1
    assert Client(REMOTE_ADDR=HOME).get("/laws/federal/guide.pdf").content != first
    assert len(renders) == 2


def test_anonymous_guide_pdf_requests_are_not_rendered_without_limit(renders: list[str]) -> None:
    client = Client(REMOTE_ADDR=HOME)
    statuses = [client.get("/laws/AZ/guide.pdf").status_code for _ in range(40)]
    assert 429 in statuses or len(renders) <= 30, f"{len(renders)} renders, statuses {sorted(set(statuses))}"


def test_one_address_gets_429_past_the_guide_rate_and_keeps_its_receipt_look_ups(renders: list[str]) -> None:
    client = Client(REMOTE_ADDR=HOME)
    statuses = [client.get("/laws/AZ/guide.pdf").status_code for _ in range(GUIDES_A_MINUTE + 1)]
    assert statuses == [200] * GUIDES_A_MINUTE + [429]
    refused = client.get("/laws/federal/guide.pdf")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert Client(REMOTE_ADDR="198.51.100.7").get("/laws/AZ/guide.pdf").status_code == 200
    assert client.get("/status/R-0000-0000-0000-0000/").status_code == 404  # not 429
