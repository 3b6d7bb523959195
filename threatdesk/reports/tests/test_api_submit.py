"""The JSON API: submit once per Idempotency-Key, refuse bad input field by field with nothing
written, read only what the caller may see, and serve its own schema and docs page."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from threatdesk.accounts.models import ApiToken
from threatdesk.accounts.services import token_create
from threatdesk.audit.models import AuditEvent
from threatdesk.reports.models import Report, ReportThreatType, SenderIdentifier
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import ImportRow, reports_import
from threatdesk.testing.planting import protect_canaries

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def api(personas: Any) -> Any:
    """A client with a bearer token per persona: api.post(persona, path, body)."""

    class Api:
        def __init__(self) -> None:
            self.client = Client()
            self.tokens: dict[str, str] = {}

        def auth(self, who: str | None) -> dict[str, str]:
            if who is None:
                return {}
            if who not in self.tokens:
                self.tokens[who] = token_create(actor=None, user=getattr(personas, who), name="test")
            return {"Authorization": f"Bearer {self.tokens[who]}"}

        def post(self, who: str | None, path: str, body: Any, **headers: str) -> Any:
            data = body if isinstance(body, str | bytes) else json.dumps(body)
            return self.client.post(path, data, content_type="application/json", headers={**self.auth(who), **headers})

        def get(self, who: str | None, path: str, **params: Any) -> Any:
            return self.client.get(path, params, headers=self.auth(who))

    return Api()


def written() -> tuple[int, int, int, int]:
    """Everything a submission writes: reports, their child rows and report audit events."""
    return (
        Report.objects.count(),
        ReportThreatType.objects.count(),
        SenderIdentifier.objects.count(),
        AuditEvent.objects.filter(action__startswith="reports.").count(),
    )


def error_fields(response: Any) -> dict[str, str]:
    body = response.json()
    assert set(body) == {"errors"}, body
    assert body["errors"], body
    for item in body["errors"]:
        assert set(item) == {"field", "message"}, item
        assert item["message"], item
    return {item["field"]: item["message"] for item in body["errors"]}


# Submit


def test_submit_with_token_answers_201_with_a_receipt_code(api, report_payload):
    response = api.post("reporter", "/api/reports", report_payload)
    assert response.status_code == 201, response.content
    body = response.json()
    assert re.fullmatch(r"R(-[0-9A-Z]{4}){4}", body["code"])
    assert body["status"] == "new"
    assert body["threat_types"] == ["threat_violence", "threat_family"]
    assert body["sender"]["phones"] == ["+16025550199"]
    assert Report.objects.get().public_code == body["code"]


def test_retry_with_same_idempotency_key_answers_200_with_same_code(api, report_payload):
    first = api.post("reporter", "/api/reports", report_payload, **{"Idempotency-Key": "retry-1"})
    second = api.post("reporter", "/api/reports", report_payload, **{"Idempotency-Key": "retry-1"})
    assert first.status_code == 201
    assert second.status_code == 200
    assert second.json()["code"] == first.json()["code"]
    assert Report.objects.count() == 1
    assert AuditEvent.objects.filter(action="reports.report.submitted").count() == 1


def test_the_first_answer_says_what_a_retry_reads_back(api, report_payload):
    # The first answer is built from what was just written, not read back; it must not differ.
    payload = {**report_payload, "sender": {**report_payload["sender"], "emails": ["x@example.org"], "handles": ["@x_y"]}}
    first = api.post("reporter", "/api/reports", payload, **{"Idempotency-Key": "same-answer"})
    second = api.post("reporter", "/api/reports", payload, **{"Idempotency-Key": "same-answer"})
    assert (first.status_code, second.status_code) == (201, 200)
    assert len(first.json()["sender_pseudonyms"]) >= 3
    assert first.json() == second.json()


def test_same_idempotency_key_with_different_body_is_409(api, report_payload):
    api.post("reporter", "/api/reports", report_payload, **{"Idempotency-Key": "k-2"})
    response = api.post(
        "reporter", "/api/reports", {**report_payload, "narrative": "another event"}, **{"Idempotency-Key": "k-2"}
    )
    assert response.status_code == 409
    assert "Idempotency-Key" in error_fields(response)
    assert Report.objects.count() == 1


def test_idempotency_keys_are_per_user(api, report_payload):
    """Two callers who happen to pick the same key do not see each other's report."""
    mine = api.post("reporter", "/api/reports", report_payload, **{"Idempotency-Key": "shared"})
    theirs = api.post("other_reporter", "/api/reports", report_payload, **{"Idempotency-Key": "shared"})
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["code"] != theirs.json()["code"]


@pytest.mark.parametrize("authorization", [None, "Bearer not-a-real-token", "Basic dXNlcjpwYXNz", "Bearer "])
def test_missing_or_bad_token_is_401_json(api, report_payload, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    before = written()
    response = api.client.post("/api/reports", json.dumps(report_payload), content_type="application/json", headers=headers)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "Authorization" in error_fields(response)
    assert written() == before


def test_revoked_user_token_is_401(api, personas, report_payload):
    headers = api.auth("reporter")
    personas.reporter.is_active = False
    personas.reporter.save(update_fields=["is_active"])
    response = api.client.get("/api/reports", headers=headers)
    assert response.status_code == 401


def test_expired_token_is_refused_exactly_like_an_unknown_one(api, report_payload):
    headers = api.auth("reporter")
    ApiToken.objects.update(expires_at=timezone.now() + dt.timedelta(minutes=1))
    assert api.client.get("/api/reports", headers=headers).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    before = written()
    expired = api.post("reporter", "/api/reports", report_payload)
    unknown = api.post(None, "/api/reports", report_payload, Authorization="Bearer td_unknown")
    assert expired.status_code == unknown.status_code == 401
    assert expired.content == unknown.content
    assert expired["Content-Type"] == unknown["Content-Type"]
    assert written() == before


@pytest.mark.parametrize(
    "body",
    ['{"occurred_on": "2024-11-06",', "not json at all", "{'single': 'quotes'}", b"\xff\xfe\x00garbage"],
    ids=["truncated", "prose", "python-dict", "binary"],
)
def test_unparsable_json_is_400_with_a_clear_json_error(api, body):
    before = written()
    response = api.post("reporter", "/api/reports", body)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    fields = error_fields(response)
    assert "body" in fields
    assert "JSON" in fields["body"]
    assert written() == before


def test_a_body_over_the_size_limit_is_413_naming_the_body_and_writes_nothing(api, report_payload, settings):
    before = written()
    response = api.post(
        "reporter", "/api/reports", {**report_payload, "narrative": "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    )
    assert response.status_code == 413
    assert "larger than" in error_fields(response)["body"]
    assert written() == before


def test_a_method_the_address_does_not_take_is_405_json_listing_those_it_does(api):
    response = api.client.delete("/api/reports", headers=api.auth("reporter"))
    assert response.status_code == 405
    assert "DELETE" in error_fields(response)["method"]
    assert set(response["Allow"].replace(",", " ").split()) == {"GET", "POST"}


def test_a_method_a_page_does_not_take_is_answered_as_before(personas):
    """Only the API's refusals are JSON; the site's pages keep Django's."""
    response = Client().get("/account/logout/")
    assert response.status_code == 405
    assert not response["Content-Type"].startswith("application/json")


def test_json_that_is_not_an_object_is_422(api):
    response = api.post("reporter", "/api/reports", ["a", "list"])
    assert response.status_code == 422
    error_fields(response)


def _future() -> str:
    return (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=10)).isoformat()


INVALID = {
    "narrative-not-a-string": ({"narrative": 12345}, "narrative", "string"),
    "threat-types-not-a-list": ({"threat_types": "threat_violence"}, "threat_types", "list"),
    "unknown-threat-type": ({"threat_types": ["alien_abduction"]}, "threat_types.0", "threat_violence"),
    "unknown-channel": ({"channel": "carrier pigeon"}, "channel", "unknown channel"),
    "impossible-date": ({"occurred_on": "2024-02-30"}, "occurred_on", "day value is outside expected range"),
    "not-a-date": ({"occurred_on": "yesterday"}, "occurred_on", "date"),
    "date-as-a-number": ({"occurred_on": 1699920000}, "occurred_on", "YYYY-MM-DD, not a number"),
    "date-as-digits": ({"occurred_on": "1699920000"}, "occurred_on", "YYYY-MM-DD, not a number"),
    "date-as-a-decimal": ({"occurred_on": "1730851200.0"}, "occurred_on", "YYYY-MM-DD, not a number"),
    "date-as-a-signed-number": ({"occurred_on": "+1730851200"}, "occurred_on", "YYYY-MM-DD, not a number"),
    "future-date": ({"occurred_on": None}, "occurred_on", "future"),
    "bad-time": ({"occurred_time": "25:61"}, "occurred_time", "time"),
    "time-with-zone": ({"occurred_time": "21:15:00Z"}, "occurred_time", "without a time zone"),
    "time-as-a-number": ({"occurred_time": 3600}, "occurred_time", "HH:MM, not a number"),
    "bad-state": ({"state": "Arizona"}, "state", "pattern"),
    "unknown-state": ({"state": "ZZ"}, "state", "unknown state"),
    "unknown-county-for-state": ({"county": "Cook"}, "county", "no county 'Cook' in Arizona"),
    "county-of-another-state": ({"county": "17031"}, "county", "Arizona"),
    "bad-phone": ({"sender": {"phones": ["not a phone"]}}, "sender.phones", "not a phone number"),
    "bad-email": ({"sender": {"emails": ["nobody-at-example"]}}, "sender.emails", "not an email address"),
    "nul-in-handle": ({"sender": {"handles": ["ab\u0000cd"]}}, "sender.handles", "cannot be shown: U+0000"),
    "control-in-handle": ({"sender": {"handles": ["ab\u0007cd"]}}, "sender.handles", "cannot be shown: U+0007"),
    "direction-override-in-handle": ({"sender": {"handles": ["ab\u202ecd"]}}, "sender.handles", "cannot be shown: U+202E"),
    "unknown-field": ({"victim_ssn": "123-45-6789"}, "victim_ssn", "not permitted"),
    "empty-narrative": ({"narrative": "   "}, "narrative", "at least 1 character"),
    "invisible-narrative": ({"narrative": "\u200b\u2060\u3164 \u200d"}, "narrative", "at least 1 character"),
    "missing-target-role": ({"target_role": None}, "target_role", ""),
}


@pytest.mark.parametrize("change,field,words", INVALID.values(), ids=INVALID.keys())
def test_invalid_input_is_422_naming_the_field_and_writes_nothing(api, report_payload, change, field, words):
    payload = {**report_payload, **change}
    if change.get("occurred_on", "") is None:
        payload["occurred_on"] = _future()
    if "target_role" in change:
        del payload["target_role"]
    before = written()
    response = api.post("reporter", "/api/reports", payload, **{"Idempotency-Key": f"bad-{field}"})
    assert response.status_code == 422, response.content
    fields = error_fields(response)
    assert any(name == field or name.startswith(field + ".") for name in fields), fields
    message = next(m for name, m in fields.items() if name == field or name.startswith(field + "."))
    assert words.lower() in message.lower(), message
    assert written() == before


def test_idempotency_key_over_100_characters_is_422(api, report_payload):
    response = api.post("reporter", "/api/reports", report_payload, **{"Idempotency-Key": "k" * 101})
    assert response.status_code == 422
    assert "Idempotency-Key" in error_fields(response)
    assert Report.objects.count() == 0


def test_an_empty_idempotency_key_is_422_not_taken_as_none(api, report_payload):
    """An unset variable in `-H "Idempotency-Key: $KEY"` sends an empty key: taken as none, the
    retry after a timeout would be stored a second time."""
    first = api.post("reporter", "/api/reports", report_payload, **{"Idempotency-Key": ""})
    retry = api.post("reporter", "/api/reports", report_payload, **{"Idempotency-Key": ""})
    assert (first.status_code, retry.status_code) == (422, 422)
    assert "Idempotency-Key" in error_fields(first)
    assert Report.objects.count() == 0


@pytest.mark.parametrize("key", ["retry\x001", "retry\x1b[1m"], ids=["nul", "escape"])
def test_an_idempotency_key_with_a_control_character_is_422_naming_the_header(api, report_payload, key):
    """Proxies that pass a NUL on exist; PostgreSQL cannot store one."""
    response = api.post("reporter", "/api/reports", report_payload, **{"Idempotency-Key": key})
    assert response.status_code == 422
    assert "printable characters only" in error_fields(response)["Idempotency-Key"]
    assert Report.objects.count() == 0


def test_a_failed_submission_leaves_its_idempotency_key_free(api, report_payload):
    bad = api.post("reporter", "/api/reports", {**report_payload, "county": "Cook"}, **{"Idempotency-Key": "fix-and-retry"})
    good = api.post("reporter", "/api/reports", report_payload, **{"Idempotency-Key": "fix-and-retry"})
    assert bad.status_code == 422
    assert good.status_code == 201


def test_markup_in_text_fields_is_stored_as_given_and_returned_as_json(api, report_payload):
    payload = {
        **report_payload,
        "narrative": SCRIPT,
        "message_text": SCRIPT,
        "platform": SCRIPT,
        "sender": {"name": SCRIPT, "description": SCRIPT, "handles": ["<b>bold</b>"]},
    }
    response = api.post("reporter", "/api/reports", payload)
    assert response.status_code == 201
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    body = response.json()
    assert body["narrative"] == body["message_text"] == body["platform"] == SCRIPT
    assert body["sender"]["name"] == body["sender"]["description"] == SCRIPT
    report = Report.objects.get(public_code=body["code"])
    assert report.narrative == report.message_text == report.platform == report.sender_name == SCRIPT


def test_markup_submitted_by_api_is_escaped_on_the_detail_page(api, personas, report_payload):
    code = api.post("reporter", "/api/reports", {**report_payload, "narrative": SCRIPT, "platform": SCRIPT}).json()["code"]
    page = Client()
    page.force_login(personas.manager)
    html = page.get(f"/reports/{code}/").content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_nul_character_in_text_is_422_not_a_database_error(api, report_payload):
    before = written()
    response = api.post("reporter", "/api/reports", {**report_payload, "platform": "Face\u0000book"})
    assert response.status_code == 422
    assert "NUL" in error_fields(response)["platform"]
    assert written() == before


def test_optional_text_that_shows_nothing_is_stored_empty(api, report_payload):
    invisible = "\u200b\u2060 \u200d"
    sender = {"name": invisible, "description": invisible}
    payload = {**report_payload, "message_text": invisible, "platform": invisible, "sender": sender}
    response = api.post("reporter", "/api/reports", payload)
    assert response.status_code == 201, response.content
    body = response.json()
    assert [body["message_text"], body["platform"], body["sender"]["name"], body["sender"]["description"]] == [""] * 4


# Read


def _submit(api: Any, who: str, payload: dict[str, Any]) -> str:
    response = api.post(who, "/api/reports", payload)
    assert response.status_code == 201, response.content
    return str(response.json()["code"])


def test_list_shows_only_reports_the_caller_may_see(api, report_payload):
    maricopa = {_submit(api, "reporter", report_payload), _submit(api, "manager", report_payload)}
    pima = _submit(api, "outsider", {**report_payload, "county": "Pima"})

    manager = api.get("manager", "/api/reports").json()
    assert {r["code"] for r in manager["items"]} == maricopa
    assert manager["count"] == 2

    outsider = api.get("outsider", "/api/reports").json()
    assert {r["code"] for r in outsider["items"]} == {pima}

    liaison = api.get("liaison", "/api/reports").json()
    assert liaison == {"items": [], "count": 0}


def test_outsider_with_no_reports_of_its_own_sees_none(api, report_payload):
    _submit(api, "reporter", report_payload)
    assert api.get("outsider", "/api/reports").json() == {"items": [], "count": 0}


def test_list_filters_and_pages(api, report_payload):
    _submit(api, "reporter", {**report_payload, "channel": "email"})
    _submit(api, "reporter", {**report_payload, "channel": "letter"})
    _submit(api, "reporter", {**report_payload, "occurred_on": "2023-01-05"})
    assert api.get("manager", "/api/reports", channel="postal_mail").json()["count"] == 1
    assert api.get("manager", "/api/reports", date_to="2023-12-31").json()["count"] == 1
    page = api.get("manager", "/api/reports", limit=2, offset=0).json()
    assert page["count"] == 3 and len(page["items"]) == 2


def test_list_filter_with_an_unknown_code_is_422(api):
    for params in ({"channel": "carrier_pigeon"}, {"threat_type": "x"}, {"status": "closedd"}, {"state": "A1"}):
        response = api.get("manager", "/api/reports", **params)
        assert response.status_code == 422, params
        assert set(error_fields(response)) == set(params)


def test_list_filter_holding_a_nul_is_400_naming_it(api):
    for params in ({"status": "\x00"}, {"state": "A\x00"}):
        response = api.get("manager", "/api/reports", **params)
        assert response.status_code == 400, params
        assert set(error_fields(response)) == set(params)


@pytest.mark.parametrize("number", ["0", "1730851200", "-1"])
def test_a_list_filter_date_given_as_a_number_is_422_not_a_timestamp(api, number):
    """'0' would otherwise be read as 1 January 1970, and the list quietly filtered by it."""
    response = api.get("manager", "/api/reports", date_to=number)
    assert response.status_code == 422
    assert "YYYY-MM-DD" in error_fields(response)["date_to"]


def test_list_counts_and_pages_past_the_first_thousand(api, personas, report_payload):
    data = ReportIn.model_validate({**report_payload, "occurred_time": None})
    reports_import(actor=None, rows=[ImportRow(line=i, data=data) for i in range(1, 1004)])
    page = api.get("manager", "/api/reports", limit=5, offset=1000).json()
    assert page["count"] == 1003
    assert len(page["items"]) == 3


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"offset": 2**63}])
def test_page_bounds_outside_the_documented_range_are_422(api, params):
    response = api.get("manager", "/api/reports", **params)
    assert response.status_code == 422
    assert set(error_fields(response)) == set(params)


def test_one_report_for_the_manager_with_its_words(api, report_payload):
    code = _submit(api, "reporter", report_payload)
    body = api.get("manager", f"/api/reports/{code}").json()
    assert body["code"] == code
    assert body["personal_data_withheld"] is False
    assert body["narrative"] == report_payload["narrative"]


def test_outsider_gets_404_for_a_report_of_another_office(api, report_payload):
    code = _submit(api, "reporter", report_payload)
    response = api.get("outsider", f"/api/reports/{code}")
    assert response.status_code == 404
    assert response.json() == api.get("outsider", "/api/reports/R-0000-0000-0000-0000").json()
    error_fields(response)


def test_state_coordinator_sees_the_facts_and_only_the_redacted_words(api, personas, report_payload):
    protect_canaries(personas)
    code = _submit(api, "reporter", report_payload)
    body = api.get("coordinator", f"/api/reports/{code}").json()
    assert body["personal_data_withheld"] is True
    assert body["text_version"] == "redacted"
    assert body["narrative"] == "A caller left a voicemail for [WORKER-1] naming her home address and her son."
    assert body["message_text"] == "We know [WORKER-1] lives at [WORKER-1 ADDRESS]. Tell [FAMILY-1] to watch out."
    assert body["sender"] is None
    assert body["threat_types"] == ["threat_violence", "threat_family"]
    assert "Quillonia" not in json.dumps(body)


def test_receipt_without_login_gives_the_status_only(api, report_payload):
    code = _submit(api, "reporter", report_payload)
    response = api.get(None, f"/api/receipts/{code}")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"code", "status", "received_at", "updated_at"}
    assert body["code"] == code and body["status"] == "new"


def test_receipt_code_typed_loosely_still_matches(api, report_payload):
    code = _submit(api, "reporter", report_payload)
    assert api.get(None, f"/api/receipts/{code.lower().replace('-', '')}").json()["code"] == code


@pytest.mark.parametrize("path", ["/api/reports/R-%00", "/api/receipts/R%00X", "/api/reports/R%00/evidence"])
def test_code_with_a_nul_character_is_404_not_a_database_error(api, path):
    response = api.post("manager", path, {}) if path.endswith("evidence") else api.get("manager", path)
    assert response.status_code in (404, 422)
    error_fields(response)


def test_a_forged_forwarded_header_does_not_lift_the_receipt_rate_limit():
    """Guessing receipt codes is held to 30 a minute per address; a client naming a new address
    in X-Forwarded-For each time is still the one address (no trusted proxy by default)."""
    answers = [
        Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").get("/api/receipts/R-0000-0000-0000-0000")
        for n in range(31)
    ]
    assert [a.status_code for a in answers[:30]] == [404] * 30
    assert answers[30].status_code == 429


def test_unknown_receipt_is_404_json(api):
    response = api.get(None, "/api/receipts/R-0000-0000-0000-0000")
    assert response.status_code == 404
    error_fields(response)


# Schema and docs


def test_openapi_schema_is_served_as_openapi_3_1(api):
    response = api.get(None, "/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    assert {"/api/reports", "/api/reports/{code}", "/api/reports/{code}/evidence", "/api/receipts/{code}"} <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def _example_of(schema: dict[str, Any], body: dict[str, Any]) -> Any:
    """The example Swagger UI offers for a request body: the media type's, else its schema's."""
    media = body["content"]["application/json"]
    if "example" in media:
        return media["example"]
    target = media["schema"]
    if "$ref" in target:
        target = schema["components"]["schemas"][target["$ref"].rsplit("/", 1)[1]]
    return target["example"]


def test_the_documented_example_report_is_taken_as_it_stands(api):
    schema = api.get(None, "/api/openapi.json").json()
    example = _example_of(schema, schema["paths"]["/api/reports"]["post"]["requestBody"])
    response = api.post("reporter", "/api/reports", example)
    assert response.status_code == 201, response.content
    assert response.json()["channel"] == "voicemail"


def test_the_api_names_its_codes_instead_of_a_file_a_caller_cannot_open(api, report_payload):
    schema = api.client.get("/api/openapi.json").content.decode()
    assert "codebook.md" not in schema
    refused = error_fields(api.post("reporter", "/api/reports", {**report_payload, "channel": "pigeon"}))
    assert "codebook" not in refused["channel"]
    assert "use one of phone_call, voicemail," in refused["channel"]


def test_docs_page_renders_without_external_urls(api):
    response = api.get(None, "/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", html)
    assert urls, html
    assert all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    assert "cdn" not in html.lower()
    assert not re.search(r"https?://", html), re.findall(r"https?://\S+", html)


def test_the_stored_fingerprint_of_a_submission_confirms_no_guess_without_the_key(api, report_payload, settings):
    import hashlib

    response = api.post("reporter", "/api/reports", report_payload, **{"Idempotency-Key": "fingerprint"})
    stored = Report.objects.get(public_code=response.json()["code"]).submission_digest
    canonical = json.dumps(ReportIn.model_validate(report_payload).model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    assert stored and stored != hashlib.sha256(canonical.encode()).hexdigest()
    settings.PSEUDONYM_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
    from threatdesk.reports.services import submission_digest

    assert submission_digest(ReportIn.model_validate(report_payload)) != stored


def test_the_upgrade_forgets_the_plain_fingerprints_stored_before(api, report_payload):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("threatdesk.reports.migrations.0010_forget_plain_submission_digests")
    code = api.post("reporter", "/api/reports", report_payload, **{"Idempotency-Key": "old"}).json()["code"]
    Report.objects.filter(public_code=code).update(submission_digest="a" * 64)
    migration.forget(apps, None)
    assert Report.objects.get(public_code=code).submission_digest == ""
