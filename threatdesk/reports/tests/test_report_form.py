"""The web report form: usable on a phone, files once with its evidence, gives a receipt that
opens the status page, and on any bad input shows the form again with the message next to the
field and nothing written."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from threatdesk.audit.models import AuditEvent
from threatdesk.reports import evidence as evidence_checks
from threatdesk.reports.forms import SUBMISSION_TOKEN_MAX
from threatdesk.reports.models import CustodyEntry, Evidence, Report
from threatdesk.testing.files import eml_bytes, exe_bytes, files_under, png_bytes, text_bytes, use_media_root
from threatdesk.testing.payloads import CANARY_WORKER

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;"


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    return use_media_root(settings, tmp_path / "media")


def form_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "submission_token": "3f0c9a8e2b7d4e6f8a1b2c3d4e5f6a7b",
        "occurred_on": "2024-11-06",
        "occurred_time": "21:15",
        "state": "AZ",
        "county": "Maricopa",
        "channel": "voicemail",
        "platform": "",
        "threat_types": ["threat_violence", "threat_family"],
        "target_role": "county_election_official",
        "election_phase": "canvass",
        "message_text": f"We know where {CANARY_WORKER} lives.",
        "narrative": f"A caller left a voicemail for {CANARY_WORKER} naming her street.",
        "sender_name": "",
        "sender_phones": "(602) 555-0199\n602 555 0142",
        "sender_emails": "",
        "sender_handles": "",
        "sender_description": "Calm male voice.",
        "contact_name": "Dana Reporter",
        "contact_email": "dana@example.org",
        "contact_phone": "",
        "reporter_consent": ["office"],  # ticked when the form opens
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def evidence_files() -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile("screenshot.png", png_bytes("screenshot of the post"), "image/png"),
        SimpleUploadedFile("threat.eml", eml_bytes("the threatening email"), "message/rfc822"),
    ]


def nothing_written(media: Path) -> None:
    assert Report.objects.count() == 0
    assert Evidence.objects.count() == 0
    assert CustodyEntry.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="reports.").exists()
    assert files_under(media) == [] if media.exists() else True


class FieldMap(HTMLParser):
    """Collects form controls, labels and the errors rendered in each field's block."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str]] = []
        self.label_for: set[str] = set()
        self.legends = 0
        self.viewport = ""
        self.errors: dict[str, list[str]] = {}
        self._field: str | None = None
        self._in_error = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and a.get("name") == "viewport":
            self.viewport = a.get("content", "")
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.controls.append(a)
            if self._field is None and a.get("name"):
                self._field = a["name"]
        if tag == "label" and a.get("for"):
            self.label_for.add(a["for"])
        if tag == "legend":
            self.legends += 1
        if tag == "div" and "field" in a.get("class", "").split():
            self._field = None
        if tag == "p" and a.get("class") == "error":
            self._in_error = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._in_error = False

    def handle_data(self, data: str) -> None:
        if self._in_error and self._field:
            self.errors.setdefault(self._field, []).append(data.strip())


def parse(response: Any) -> FieldMap:
    parser = FieldMap()
    parser.feed(response.content.decode())
    return parser


def test_form_renders_for_a_phone_with_a_label_for_every_field(client):
    response = client.get("/report/")
    assert response.status_code == 200
    page = parse(response)
    assert "width=device-width" in page.viewport
    assert "initial-scale=1" in page.viewport
    assert page.controls
    for control in page.controls:
        assert control["id"] in page.label_for, control
    # The threat-type and consent boxes are groups: each box has its label, each group a legend.
    assert {c["name"] for c in page.controls if c.get("type") == "checkbox"} == {"threat_types", "reporter_consent"}
    assert page.legends >= 2
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'name="submission_token"' in html


def test_signed_in_reporter_is_not_asked_for_contact_details(client, personas):
    client.force_login(personas.reporter)
    names = {c.get("name") for c in parse(client.get("/report/")).controls}
    assert "contact_email" not in names
    assert "narrative" in names


def test_full_report_with_evidence_redirects_to_a_receipt_with_its_code(client, personas, media):
    response = client.post("/report/", {**form_data(), "evidence": evidence_files()})

    assert response.status_code == 302, parse(response).errors
    report = Report.objects.get()
    assert response["Location"] == f"/report/receipt/{report.public_code}/"
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert report.public_code in receipt.content.decode()
    assert report.office == personas.office
    assert report.source == "web"
    assert report.sender_phones == ["+16025550199", "+16025550142"]
    assert report.reporter_contact == {"name": "Dana Reporter", "email": "dana@example.org"}
    kinds = sorted(report.evidence.values_list("kind", flat=True))
    assert kinds == ["email", "image"]
    assert len(files_under(media)) == 2
    assert '<p id="evidence-count">2 evidence files were stored with this report.</p>' in receipt.content.decode()


def test_the_receipt_says_when_no_evidence_was_stored(client, media):
    receipt = client.get(client.post("/report/", form_data())["Location"])
    assert '<p id="evidence-count">No evidence files were stored with this report.</p>' in receipt.content.decode()


def test_receipt_code_opens_the_status_page_without_login_and_shows_no_words(client, personas):
    location = client.post("/report/", form_data())["Location"]
    code = location.rstrip("/").rsplit("/", 1)[1]
    anonymous = Client()
    page = anonymous.get(f"/status/{code}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert code in html
    assert 'id="report-status">New<' in html
    assert CANARY_WORKER not in html
    assert "voicemail" not in html.lower()
    assert CANARY_WORKER not in anonymous.get(location).content.decode()


def test_status_lookup_form_leads_to_the_status_page(client):
    code = Client().post("/report/", form_data())["Location"].rstrip("/").rsplit("/", 1)[1]
    response = client.post("/status/", {"code": code.lower()})
    assert response.status_code == 302
    assert response["Location"] == f"/status/{code}/"


def test_a_code_that_opens_nothing_gives_the_form_again_with_the_code_and_what_to_check(client):
    real = Client().post("/report/", form_data())["Location"].rstrip("/").rsplit("/", 1)[1]
    lookup = client.post("/status/", {"code": "r aaaa bbbb cccc dddd"})
    page = client.get(lookup["Location"])
    assert page.status_code == 404
    html = page.content.decode()
    assert "No report has this code. Check it against your receipt" in html
    assert 'name="code" value="R-AAAA-BBBB-CCCC-DDDD"' in html
    assert "Check status" in html
    assert real not in html and 'id="report-status"' not in html


def test_a_code_that_opens_nothing_is_counted_as_every_look_up_is():
    guesser = Client(REMOTE_ADDR="198.51.100.10")
    assert all(guesser.get("/status/R-AAAA-BBBB-CCCC-DDDD/").status_code == 404 for _ in range(30))
    refused = guesser.get("/status/R-AAAA-BBBB-CCCC-DDDD/")
    assert refused.status_code == 429
    assert "No report has this code" not in refused.content.decode()


def test_a_status_address_that_is_no_code_says_what_codes_look_like(client):
    page = client.get("/status/nonsense/")
    assert page.status_code == 404
    assert "Receipt codes look like R-7K3M-9QXP-2D4F-HJ8A." in page.content.decode()


def test_receipt_pages_answer_429_past_the_rate_and_show_nothing_of_the_report(client):
    code = client.post("/report/", form_data())["Location"].rstrip("/").rsplit("/", 1)[1]
    guesser = Client(REMOTE_ADDR="198.51.100.7")
    pages = [f"/status/{code}/", f"/report/receipt/{code}/", "/status/R-0000-0000-0000-0000/"]
    answers = [guesser.get(pages[i % 3]).status_code for i in range(30)]
    assert set(answers) == {200, 404}
    refused = guesser.get(f"/status/{code}/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert code not in refused.content.decode()
    assert Client(REMOTE_ADDR="198.51.100.8").get(f"/status/{code}/").status_code == 200  # another address


def test_receipt_pages_and_the_receipt_api_share_one_count():
    guesser = Client(REMOTE_ADDR="198.51.100.9")
    for _ in range(20):
        assert guesser.get("/status/R-0000-0000-0000-0000/").status_code == 404
    for _ in range(10):
        assert guesser.get("/api/receipts/R-0000-0000-0000-0000").status_code == 404
    assert guesser.get("/api/receipts/R-0000-0000-0000-0000").status_code == 429
    assert guesser.get("/status/R-0000-0000-0000-0000/").status_code == 429


def test_signed_in_users_are_not_counted_on_receipt_pages(client, personas):
    code = client.post("/report/", form_data())["Location"].rstrip("/").rsplit("/", 1)[1]
    client.force_login(personas.reporter)
    assert all(client.get(f"/status/{code}/").status_code == 200 for _ in range(40))


def test_double_post_with_the_same_token_stores_one_report(client, media):
    first = client.post("/report/", {**form_data(), "evidence": evidence_files()})
    second = client.post("/report/", {**form_data(), "evidence": evidence_files()})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Report.objects.count() == 1
    assert Evidence.objects.count() == 2
    assert len(files_under(media)) == 2
    assert AuditEvent.objects.filter(action="reports.report.submitted").count() == 1


def test_a_file_chosen_twice_is_stored_once(client, media):
    twice = [SimpleUploadedFile(name, png_bytes("one screenshot"), "image/png") for name in ("shot.png", "shot copy.png")]
    assert client.post("/report/", {**form_data(), "evidence": twice}).status_code == 302
    assert Evidence.objects.count() == 1
    assert len(files_under(media)) == 1


def test_two_reports_with_different_tokens_are_two_reports(client):
    client.post("/report/", form_data())
    client.post("/report/", form_data(submission_token="another-token"))
    assert Report.objects.count() == 2


def test_resending_the_same_token_with_changed_details_asks_again_with_a_fresh_token(client):
    client.post("/report/", form_data())
    response = client.post("/report/", form_data(narrative="Changed my mind about the words."))
    assert response.status_code == 409
    html = response.content.decode()
    assert "already sent" in html
    token = re.search(r'name="submission_token" value="([0-9a-f]+)"', html)
    assert token and token.group(1) != form_data()["submission_token"]
    assert Report.objects.count() == 1
    again = client.post("/report/", form_data(narrative="Changed my mind about the words.", submission_token=token.group(1)))
    assert again.status_code == 302
    assert Report.objects.count() == 2


@pytest.mark.parametrize("token", [None, "", "x" * (SUBMISSION_TOKEN_MAX + 1), "x" * 300], ids=["missing", "empty", "101", "300"])
def test_a_bad_submission_token_is_refused_above_the_form_with_a_fresh_one(client, media, token):
    response = client.post("/report/", {**form_data(submission_token=token), "evidence": evidence_files()})
    assert response.status_code == 422
    html = response.content.decode()
    assert "This form could not be checked" in html  # shown, though the field itself is hidden
    nothing_written(media)
    fresh = re.search(r'name="submission_token" value="([0-9a-f]{32})"', html)
    assert fresh, "the form comes back with a new token"
    again = client.post("/report/", form_data(submission_token=fresh.group(1)))
    assert again.status_code == 302
    assert Report.objects.count() == 1


def test_a_submission_token_up_to_the_limit_is_taken(client):
    token = "x" * SUBMISSION_TOKEN_MAX
    assert client.post("/report/", form_data(submission_token=token)).status_code == 302
    assert Report.objects.get().submission_key == f"web:{token}"


INVALID = {
    "missing-narrative": ({"narrative": None}, "narrative", "This field is required."),
    "invisible-narrative": ({"narrative": "\u200b\u2060\u3164 \u200d"}, "narrative", "This field is required."),
    "missing-state": ({"state": None}, "state", "This field is required."),
    "missing-threat-types": ({"threat_types": None}, "threat_types", "This field is required."),
    "missing-channel": ({"channel": ""}, "channel", "This field is required."),
    "missing-date": ({"occurred_on": ""}, "occurred_on", "This field is required."),
    "impossible-date": ({"occurred_on": "2024-02-30"}, "occurred_on", "Enter a valid date."),
    "future-date": ({"occurred_on": "2099-01-01"}, "occurred_on", "date is in the future"),
    "unknown-county": ({"county": "Cook"}, "county", "no county 'Cook' in Arizona"),
    "bad-phone": ({"sender_phones": "call me maybe"}, "sender_phones", "not a phone number"),
    "bad-email": ({"sender_emails": "nobody-at-example"}, "sender_emails", "not an email address"),
    "bad-contact-email": ({"contact_email": "dana at home"}, "contact_email", "not an email address"),
}


@pytest.mark.parametrize("change,field,message", INVALID.values(), ids=INVALID.keys())
def test_bad_input_shows_the_form_again_with_the_message_at_the_field(client, media, change, field, message):
    response = client.post("/report/", {**form_data(**change), "evidence": evidence_files()})
    assert response.status_code == 422
    page = parse(response)
    assert any(message in error for error in page.errors.get(field, [])), page.errors
    assert "The report was not sent" in response.content.decode()
    nothing_written(media)


def test_missing_everything_shows_every_required_field(client, media):
    response = client.post("/report/", {})
    assert response.status_code == 422
    errors = parse(response).errors
    for field in ("occurred_on", "state", "channel", "threat_types", "target_role", "narrative"):
        assert errors.get(field) == ["This field is required."], (field, errors)
    nothing_written(media)


def test_files_sent_with_a_form_that_comes_back_are_named_and_asked_for_again(client, media):
    response = client.post("/report/", {**form_data(narrative=""), "evidence": evidence_files()})
    assert response.status_code == 422
    (not_kept,) = parse(response).errors["evidence"]
    assert "The 2 files you chose (screenshot.png, threat.eml) were not kept" in not_kept
    assert "Attach them again before you send." in not_kept
    summary = summary_of(response)
    assert 'href="#id_evidence"' in summary and "Attach them again" in summary
    nothing_written(media)


def test_an_accepted_file_beside_a_refused_one_is_named_as_not_kept_too(client, media):
    refused = SimpleUploadedFile("notes.txt", text_bytes(), "text/plain")
    good = SimpleUploadedFile("ok.png", png_bytes(), "image/png")
    response = client.post("/report/", {**form_data(), "evidence": [good, refused]})
    errors = parse(response).errors["evidence"]
    assert errors[0].startswith("notes.txt: ")
    assert "(ok.png, notes.txt) were not kept" in errors[1]


def test_a_form_that_comes_back_without_files_says_nothing_of_files(client):
    response = client.post("/report/", form_data(narrative=""))
    assert "not kept" not in response.content.decode()
    assert "evidence" not in parse(response).errors


def summary_of(response: Any) -> str:
    html = response.content.decode()
    return html[html.index('id="error-summary"') : html.index("<form")]


def test_the_error_summary_names_each_field_to_correct_and_links_to_it(client):
    response = client.post("/report/", form_data(narrative="", state="", threat_types=[]))
    summary = summary_of(response)
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
    assert [target for target, _ in links] == ["id_state", "id_threat_types", "id_narrative"]
    assert ("id_narrative", "What happened") in links
    html = response.content.decode()
    for target, _ in links:
        assert f'id="{target}"' in html


def test_the_main_threat_type_is_the_one_highest_on_the_list_whatever_order_they_came_in(client, personas):
    client.force_login(personas.reporter)
    page = client.get("/report/").content.decode()
    assert "of those you tick, the one highest on this list is treated as the main one" in page
    assert client.post("/report/", form_data(threat_types=["harassment", "threat_violence"])).status_code == 302
    report = Report.objects.get()
    assert report.primary_threat_type == "threat_violence"
    assert list(report.threat_types.values_list("code", flat=True)) == [
        "threat_violence",
        "harassment",
    ]


def test_the_form_keeps_what_was_typed_after_an_error(client):
    response = client.post("/report/", form_data(county="Cook"))
    html = response.content.decode()
    assert "naming her street" in html
    assert 'value="3f0c9a8e2b7d4e6f8a1b2c3d4e5f6a7b"' in html


@pytest.mark.parametrize(
    "upload,words",
    [
        (SimpleUploadedFile("big.png", png_bytes("x" * 4000), "image/png"), "the limit is"),
        (SimpleUploadedFile("photo.png", text_bytes(), "image/png"), "not accepted"),
        (SimpleUploadedFile("setup.exe", exe_bytes(), "application/octet-stream"), "not accepted"),
        (SimpleUploadedFile("innocent.png", exe_bytes(), "image/png"), "not accepted"),
        (SimpleUploadedFile("empty.png", b"", "image/png"), ""),
    ],
    ids=["oversize", "text-named-png", "exe", "exe-named-png", "empty"],
)
def test_refused_evidence_shows_the_form_again_and_stores_nothing(client, settings, media, upload, words):
    settings.EVIDENCE_MAX_BYTES = 2048
    good = SimpleUploadedFile("ok.png", png_bytes(), "image/png")
    response = client.post("/report/", {**form_data(), "evidence": [good, upload]})
    assert response.status_code == 422
    errors = parse(response).errors.get("evidence", [])
    assert errors, parse(response).errors
    assert any(words in e for e in errors), errors
    nothing_written(media)


def screenshots(count: int, size: int = 3000) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(f"shot{i}.png", png_bytes("x" * size + str(i)), "image/png") for i in range(count)]


@pytest.fixture
def nothing_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the form read to check them."""
    read: list[str] = []
    check = evidence_checks.check_upload

    def counted(data: bytes, name: str) -> evidence_checks.CheckedFile:
        read.append(name)
        return check(data, name)

    monkeypatch.setattr(evidence_checks, "check_upload", counted)
    return read


def test_the_form_says_how_many_files_and_bytes_one_report_may_carry(client):
    assert "up to 25 MB each, at most 10 files and 100 MB in all." in client.get("/report/").content.decode()


def test_more_files_than_one_report_may_carry_are_refused_before_any_is_read(client, settings, media, nothing_read):
    settings.EVIDENCE_MAX_FILES = 3
    response = client.post("/report/", {**form_data(), "evidence": screenshots(4)})
    assert response.status_code == 422
    assert parse(response).errors.get("evidence", [])[0] == "Attach at most 3 files to one report; you chose 4."
    assert nothing_read == []
    nothing_written(media)


def test_files_larger_together_than_one_report_may_carry_are_refused_before_any_is_read(client, settings, media, nothing_read):
    settings.EVIDENCE_MAX_BYTES, settings.EVIDENCE_MAX_TOTAL_BYTES = 4096, 10_000
    files = screenshots(4)
    assert all(f.size <= 4096 for f in files) and sum(f.size for f in files) > 10_000
    response = client.post("/report/", {**form_data(), "evidence": files})
    assert response.status_code == 422
    error, not_kept = parse(response).errors.get("evidence", [])
    assert "together; one report may carry 10 kB" in error
    assert "The 4 files you chose" in not_kept
    assert nothing_read == []
    nothing_written(media)


def test_files_up_to_the_count_and_the_total_are_taken(client, settings, media):
    settings.EVIDENCE_MAX_BYTES, settings.EVIDENCE_MAX_FILES = 4096, 3
    files = screenshots(3)
    settings.EVIDENCE_MAX_TOTAL_BYTES = sum(f.size for f in files)
    assert client.post("/report/", {**form_data(), "evidence": files}).status_code == 302
    assert Evidence.objects.count() == 3


def test_markup_in_every_text_field_is_shown_escaped_to_the_manager(client, personas):
    fields = ("platform", "message_text", "narrative", "sender_name", "sender_description", "contact_name")
    data = form_data(**dict.fromkeys(fields, SCRIPT), sender_handles="<b>bold</b>")
    response = client.post("/report/", data)
    assert response.status_code == 302, parse(response).errors
    report = Report.objects.get()
    assert report.narrative == report.platform == report.sender_name == SCRIPT

    manager = Client()
    manager.force_login(personas.manager)
    detail = manager.get(f"/reports/{report.public_code}/")
    html = detail.content.decode()
    assert detail.status_code == 200
    assert SCRIPT not in html
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    # platform, words, narrative, sender name and description: five escaped copies at least
    assert html.count(ESCAPED) >= 5
    assert "script-src 'self'" in detail["Content-Security-Policy"]


def test_markup_in_a_rejected_form_is_shown_escaped(client):
    response = client.post("/report/", form_data(narrative=SCRIPT, county="Cook"))
    html = response.content.decode()
    assert SCRIPT not in html
    assert ESCAPED in html
