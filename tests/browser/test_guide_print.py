"""A state's quick reference guide, printed from the browser, fits on one Letter page.

Officials print the page itself as often as they download the PDF, to hand to a police
department; a second page gets lost.
"""

from __future__ import annotations

import re

import pytest

from threatdesk.laws import statutes

pytestmark = pytest.mark.browser

# A page object, not the /Pages tree that lists them.
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
MOST = "most"  # stands for the state with the most provisions, the longest guide


def _pages(pdf: bytes) -> int:
    try:
        from pypdf import PdfReader
    except ImportError:
        return len(PAGE_OBJECT.findall(pdf))
    import io

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _longest_guide() -> str:
    return max(statutes.states(), key=lambda state: len(state.provisions)).code


@pytest.mark.parametrize("code", [MOST, "mi", "de", "federal"])
def test_printed_guide_is_one_letter_page(new_page, browser_watch, live_url, code):
    code = _longest_guide() if code == MOST else code
    page = new_page()
    response = page.goto(f"/laws/{code.upper()}/")
    assert response is not None and response.status == 200

    assert _pages(page.pdf(format="Letter")) == 1, f"the {code} guide prints on more than one page"
    browser_watch.assert_clean()


def test_printed_guide_leaves_out_the_site_chrome(new_page, browser_watch, live_url):
    page = new_page()
    page.goto(f"/laws/{_longest_guide().upper()}/")
    page.emulate_media(media="print")

    for chrome in ["header.site", "footer.site", "a.skip", ".no-print"]:
        assert all(not element.is_visible() for element in page.locator(chrome).all()), chrome
    assert page.locator("h1").is_visible()
    assert page.locator("section.contacts").is_visible()
    browser_watch.assert_clean()
