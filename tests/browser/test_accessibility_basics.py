"""Every public page: one h1, a language, labelled fields, images with alt text, a skip link first."""

from __future__ import annotations

import pytest

from threatdesk.testing.personas import make_personas

pytestmark = pytest.mark.browser

PUBLIC_PAGES = ["/", "/report/", "/status/", "/account/login/"]

# Visible form controls without a label of their own. Buttons are named by their text.
UNLABELLED_CONTROLS = """
() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter((el) => !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type))
  .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
  .filter((el) => !Array.from(el.labels || []).some((label) => label.textContent.trim()))
  .map((el) => el.outerHTML)
"""

IMAGES_WITHOUT_ALT = """
() => Array.from(document.querySelectorAll('img, input[type=image]'))
  .filter((el) => !el.hasAttribute('alt'))
  .map((el) => el.outerHTML)
"""


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_one_h1_a_language_labels_and_alt_text(new_page, browser_watch, live_url, path):
    page = new_page()
    response = page.goto(path)
    assert response is not None and response.status == 200

    assert page.locator("h1").count() == 1, f"{path} should have exactly one h1"
    assert page.locator("h1").inner_text().strip()
    assert (page.get_attribute("html", "lang") or "").strip(), f"{path}: <html> has no lang"
    assert page.title().strip()
    assert page.evaluate(UNLABELLED_CONTROLS) == [], f"{path}: form controls without a label"
    assert page.evaluate(IMAGES_WITHOUT_ALT) == [], f"{path}: images without alt text"

    browser_watch.assert_clean()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_skip_link_is_the_first_tab_stop_and_leads_to_the_content(new_page, browser_watch, live_url, path):
    page = new_page()
    page.goto(path)

    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href')})"
    )
    assert focused == {"text": "Skip to content", "href": "#main"}, f"{path}: first Tab stop is {focused}"

    box = page.locator("a.skip").bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert 0 <= box["x"] < viewport["width"] and 0 <= box["y"] < viewport["height"], f"{path}: focused skip link is off screen"

    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"
    assert page.locator("main#main").count() == 1

    browser_watch.assert_clean()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_reflows_to_320px_without_sideways_scroll(new_page, browser_watch, live_url, path, page_width, screenshot):
    """WCAG 1.4.10 Reflow: content fits a 320px-wide window (a small phone, or 1280px at 400% zoom)."""
    page = new_page(phone=True, viewport={"width": 320, "height": 640})
    page.goto(path)
    width, inner = page_width(page)
    screenshot(page, "320px")
    assert width <= inner, f"{path} scrolls sideways at 320px: {width}px content in a {inner}px window"

    browser_watch.assert_clean()


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "desktop"])
def test_failed_report_moves_focus_to_the_error_summary(new_page, browser_watch, live_url, phone):
    """After 'Send report' fails, the focus is on the summary of what to correct: a screen reader
    reads it out, and a keyboard user is not put back at the top of a long page."""
    page = new_page(phone=phone, viewport={"width": 390, "height": 844} if phone else {"width": 1280, "height": 800})
    page.goto("/report/")
    browser_watch.allow_http_error("/report/", 422)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Send report").click()
    assert navigation.value.status == 422
    assert page.locator("#error-summary").count() == 1

    focused = page.evaluate("() => document.activeElement.id || document.activeElement.tagName")
    assert focused == "error-summary", f"focus after the failed submit is on {focused}, not the error summary"

    browser_watch.assert_clean()


def test_protected_people_table_fits_a_phone(new_page, browser_watch, live_url, log_in):
    """On a phone the list stacks each person's cells, as the report list and queue do, instead of
    putting columns off to the side in a box a keyboard cannot scroll."""
    make_personas()
    page = new_page(phone=True)
    log_in(page, "manager")
    page.goto("/protected-people/")
    overflow = page.evaluate("() => { const w = document.querySelector('.table-wrap'); return [w.scrollWidth, w.clientWidth]; }")
    assert overflow[0] <= overflow[1], f"the protected-people table is {overflow[0]}px wide in a {overflow[1]}px box on a phone"

    browser_watch.assert_clean()
