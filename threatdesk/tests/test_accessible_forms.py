"""Form errors and help reach screen-reader users: each is tied to its field, a group of boxes
included, and a page that came back with errors says so in its title. HTML checks, no browser."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def _title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match, "page has no <title>"
    return match.group(1)


def _group_describedby(html: str, name: str) -> tuple[str, list[str]]:
    """(aria-describedby of the <fieldset> holding the checkbox group `name`, of each of its boxes)."""
    fieldset = re.search(rf'<fieldset([^>]*)>(?:(?!</fieldset>).)*?id="id_{name}"', html, re.S)
    assert fieldset, f"no fieldset around {name}"
    on_fieldset = re.search(r'aria-describedby="([^"]*)"', fieldset.group(1))
    boxes = re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert boxes, f"no checkboxes named {name}"
    on_boxes = [(m.group(1) if (m := re.search(r'aria-describedby="([^"]*)"', box)) else "") for box in boxes]
    return (on_fieldset.group(1) if on_fieldset else ""), on_boxes


def _tied(describedby: tuple[str, list[str]], target: str) -> bool:
    on_fieldset, on_boxes = describedby
    return target in on_fieldset.split() or all(target in ids.split() for ids in on_boxes)


def test_report_form_threat_types_error_is_tied_to_its_checkbox_group(client):
    """The 'What kind of threat?' boxes are marked invalid; their fieldset points at the reason."""
    html = client.post("/report/", {}).content.decode()
    assert 'id="id_threat_types_error"' in html, "the empty form should carry an error for threat_types"
    describedby = _group_describedby(html, "threat_types")
    assert _tied(describedby, "id_threat_types_error"), (
        f"threat_types error is not referenced by aria-describedby (fieldset, boxes) = {describedby}"
    )


def test_report_form_consent_help_is_tied_to_its_checkbox_group(client):
    """'Whoever you leave unticked sees the report without your name' is what the choice means:
    someone ticking the boxes with a screen reader must hear it."""
    html = client.get("/report/").content.decode()
    assert 'id="id_reporter_consent_helptext"' in html
    describedby = _group_describedby(html, "reporter_consent")
    assert _tied(describedby, "id_reporter_consent_helptext"), (
        f"reporter_consent help is not referenced by aria-describedby (fieldset, boxes) = {describedby}"
    )


ERROR_WORD = re.compile(r"\berror", re.I)


def test_report_form_title_says_the_form_has_errors(client):
    response = client.post("/report/", {})
    assert response.status_code == 422
    title = _title(response.content.decode())
    assert ERROR_WORD.search(title), f"the returned report form's title does not say it has errors: {title!r}"


def test_status_lookup_title_says_the_form_has_errors(client):
    response = client.post("/status/", {"code": "R-1234"})
    html = response.content.decode()
    assert "That is not a receipt code" in html
    title = _title(html)
    assert ERROR_WORD.search(title), f"the returned look-up form's title does not say it has errors: {title!r}"


def test_login_title_says_the_form_has_errors(client):
    response = client.post("/account/login/", {"username": "nobody", "password": "wrong"})
    html = response.content.decode()
    assert 'role="alert"' in html
    title = _title(html)
    assert ERROR_WORD.search(title), f"the returned login form's title does not say it has errors: {title!r}"


def test_level_form_errors_are_shown_not_folded_away(personas, report_payload):
    """A refused level change comes back (422) with its errors in the disclosure the form lives in,
    opened, and says so in the title: folded away, the page looks as if the level was set."""
    from threatdesk.reports.schemas import ReportIn
    from threatdesk.reports.services import report_submit
    from threatdesk.testing.clients import signed_in

    code = report_submit(actor=None, data=ReportIn.model_validate(report_payload), source="web").report.public_code
    response = signed_in(personas.manager).post(f"/reports/{code}/level/", {})
    assert response.status_code == 422
    html = response.content.decode()
    details = re.search(r"<details([^>]*)>\s*<summary>Set the level by hand</summary>", html)
    assert details and 'id="id_reason_error"' in html
    assert "open" in details.group(1)
    assert ERROR_WORD.search(_title(html))
