"""Every URL of the project, asked by every persona, answers as this table says.

The URL list is read from the URLconf, not typed in: a new URL without a row in EXPECTED fails
`test_every_url_has_a_row_in_the_matrix` until someone decides who may open it. The Django admin
is checked as a whole (non-admins are sent to its login, the admin gets in) and the generated API
documentation is left out.

Besides the status, every answer is searched for the planted canaries: only the reporter who filed
the report and the manager of its office may ever receive one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from threatdesk.accounts.services import token_create
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.testing.files import use_media_root
from threatdesk.testing.personas import Personas
from threatdesk.testing.planting import canaries_in, evidence_uploads, protect_canaries

pytestmark = pytest.mark.django_db

PERSONAS = ("public", "reporter", "other_reporter", "manager", "outsider", "liaison", "coordinator", "analyst", "admin")
# Who may read the report's personal data: the reporter who filed it and the manager of its office.
PERSONAL = frozenset({"reporter", "manager"})

LOGIN = "login"  # 302 to the login page, with ?next= back to the page asked for
HOME = "to-reports"  # 302 to the signed-in home (the report list)


def _all(expect: Any) -> dict[str, Any]:
    return dict.fromkeys(PERSONAS, expect)


def _signed_in(public: Any, others: Any) -> dict[str, Any]:
    return {"public": public, **dict.fromkeys(PERSONAS[1:], others)}


def _report(**overrides: Any) -> dict[str, Any]:
    """Access to one Maricopa report filed by `reporter`, before any referral."""
    base = {
        "public": LOGIN,
        "reporter": 200,
        "other_reporter": 404,
        "manager": 200,
        "outsider": 404,
        "liaison": 404,
        "coordinator": 200,
        "analyst": 200,
        "admin": 200,
    }
    return {**base, **overrides}


def _keepers(**overrides: Any) -> dict[str, Any]:
    """Pages about protected persons: their office's manager and administrators only."""
    base = {**_signed_in(LOGIN, 404), "manager": 200, "outsider": 200, "admin": 200}
    return {**base, **overrides}


def _case(**allowed: Any) -> dict[str, Any]:
    """A case-work action on the report: 404 for every signed-in persona but those `allowed`."""
    return {**_signed_in(LOGIN, 404), **allowed}


@dataclass(frozen=True)
class Row:
    expect: dict[str, Any]
    method: str = "get"
    body: str = ""  # "json-invalid" | "bad-file" | "empty-form": what a POST row sends
    api: bool = False  # credentials are a bearer token; "public" sends none


# One row per URL name. Personas absent from a row are a mistake; the table test checks that.
EXPECTED: dict[str, Row] = {
    "home": Row(_all(200)),
    "reports:new": Row(_all(200)),
    "reports:receipt": Row(_all(200)),
    "reports:status_lookup": Row(_all(200)),
    "reports:status": Row(_all(200)),
    "reports:home": Row(_signed_in(LOGIN, 200)),
    "reports:detail": Row(_report()),
    "reports:evidence": Row(_report(coordinator=404, analyst=404, admin=404)),
    "accounts:login": Row(_signed_in(200, HOME)),
    # Signed out: to accounts:login, which asks for the authenticator code; an administrator: to
    # the admin; anyone else signed in: nothing there, rather than a loop back through sign-in.
    "admin_sign_in": Row({**_signed_in(302, 404), "admin": 302}),
    "accounts:logout": Row(_all(405)),  # logging out takes a POST
    "accounts:totp": Row(_signed_in(LOGIN, 200)),
    "api:list_reports": Row(_signed_in(401, 200), api=True),
    "api:submit_report": Row(_signed_in(401, 422), method="post", body="json-invalid", api=True),
    "api:get_report": Row(_report(public=401), api=True),
    "api:add_evidence": Row(
        _report(public=401, reporter=422, manager=422, coordinator=404, analyst=404, admin=404),  # coded facts only: no evidence
        method="post",
        body="bad-file",
        api=True,
    ),
    "api:receipt_status": Row(_all(200), api=True),
    # Changes that take a POST; what a POST may do is tested in threatdesk/cases/tests.
    "cases:figures": Row({**_signed_in(LOGIN, 200), "reporter": 404, "other_reporter": 404}),
    "cases:queue": Row({**_signed_in(LOGIN, 404), "manager": 200, "outsider": 200, "coordinator": 200, "liaison": 200}),
    # Case work on the report, posted empty: who may act gets the form back with its errors (422;
    # an empty assignment is a valid "no one", 302), everyone else finds no such report.
    "cases:refer": Row(_case(manager=422), method="post", body="empty-form"),
    "cases:status": Row(_case(manager=422, coordinator=422), method="post", body="empty-form"),
    "cases:assign": Row(_case(manager=302, coordinator=302), method="post", body="empty-form"),
    "cases:link": Row(_case(manager=422, coordinator=422), method="post", body="empty-form"),
    "cases:merge": Row(_case(manager=422, coordinator=422), method="post", body="empty-form"),
    # Law-enforcement steps: only an agency the report was referred to (none here; see cases tests).
    "cases:case_number": Row(_case(), method="post", body="empty-form"),
    "cases:step": Row(_case(), method="post", body="empty-form"),
    # The case packet carries the original words and evidence: the office's manager only here
    # (a liaison with an active reveal too, tested in threatdesk/cases/tests); the filer does not hand it on.
    "cases:packet": Row(_report(reporter=404, coordinator=404, analyst=404, admin=404), method="post", body="empty-form"),
    # Sender indicators for fusion centers: staff who can open the report; pseudonyms unless they may read identifiers.
    "cases:stix": Row(_report(reporter=404), method="post", body="empty-form"),
    "reports:reveal": Row(_signed_in(LOGIN, 405)),
    "reports:level": Row(_signed_in(LOGIN, 405)),
    "laws:index": Row(_all(200)),  # public: what the law says, no data
    "laws:guide": Row(_all(200)),  # public: what the law says, no data
    "laws:guide_pdf": Row(_all(200)),  # the same guide as a PDF
    "guidance:index": Row(_all(200)),  # public: what to do, no data
    "guidance:situation": Row(_all(200)),
    # Protected people: the office's manager and administrators; everyone else finds nothing.
    "privacy:list": Row(_keepers()),
    "privacy:new": Row(_keepers()),
    "privacy:open": Row(_keepers(outsider=404)),  # GET asks for a reason and shows no name
    "privacy:erase": Row(_keepers(outsider=404)),  # GET asks for a reason
    "privacy:edit": Row(_signed_in(LOGIN, 405)),  # changes take a POST
    # Who read or opened personal data: those who keep the records, each over what they may open.
    "accesslog:index": Row(_keepers()),
}

# Generated API documentation: the schema of the API, no data.
SKIPPED = {"api:openapi-json", "api:openapi-view", "api:api-root"}


@dataclass(frozen=True)
class Pattern:
    name: str
    route: str
    params: tuple[str, ...]


def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Pattern]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = ":".join(filter(None, [namespace, entry.namespace or ""])) if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            label = entry.name or route
            name = f"{namespace}:{label}" if namespace else label
            yield Pattern(name, route, tuple(entry.pattern.regex.groupindex))


def project_patterns() -> dict[str, Pattern]:
    """Every URL pattern outside the admin, by namespaced name (one entry for a name used twice)."""
    found: dict[str, Pattern] = {}
    for pattern in walk(get_resolver().url_patterns):
        if pattern.name.startswith("admin:"):
            continue
        found.setdefault(pattern.name, pattern)
    return found


def admin_patterns() -> list[Pattern]:
    return [p for p in walk(get_resolver().url_patterns) if p.name.startswith("admin:")]


@dataclass
class World:
    personas: Personas
    report_code: str
    evidence_code: str
    tokens: dict[str, str]
    person_code: str

    def kwargs_for(self, pattern: Pattern) -> dict[str, str]:
        code = {"privacy": self.person_code, "laws": "AZ"}.get(pattern.name.split(":")[0], self.report_code)
        values = {"code": code, "evidence_code": self.evidence_code, "slug": "doxxing"}
        missing = [p for p in pattern.params if p not in values]
        assert not missing, f"{pattern.route}: no test value for {missing}; add one to World.kwargs_for"
        return {p: values[p] for p in pattern.params}

    def client_for(self, persona: str, *, api: bool) -> tuple[Client, dict[str, str]]:
        client = Client()
        if persona == "public":
            return client, {}
        if api:
            return client, {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[persona]}"}
        client.force_login(self.personas.all()[persona])
        return client, {}


@pytest.fixture
def world(personas: Personas, report_payload: dict[str, Any], settings: Any, tmp_path: Any) -> World:
    use_media_root(settings, tmp_path)
    worker, _child = protect_canaries(personas)
    checked = [evidence_files.check_upload(f.read(), f.name or "") for f in evidence_uploads()[:1]]
    report = report_submit(
        actor=personas.reporter, data=ReportIn.model_validate(report_payload), source="web", files=checked
    ).report
    tokens = {
        name: token_create(actor=None, user=user, name="matrix") for name, user in personas.all().items() if name != "public"
    }
    return World(personas, report.public_code, report.evidence.get().public_code, tokens, worker.public_code)


def ask(world: World, persona: str, name: str) -> Any:
    pattern = project_patterns()[name]
    row = EXPECTED[name]
    url = reverse(name, kwargs=world.kwargs_for(pattern))
    client, extra = world.client_for(persona, api=row.api)
    if row.method == "get":
        return client.get(url, **extra)  # type: ignore[arg-type]
    if row.body == "json-invalid":
        return client.post(url, data=json.dumps({}), content_type="application/json", **extra)  # type: ignore[arg-type]
    if row.body == "empty-form":
        return client.post(url, {}, **extra)  # type: ignore[arg-type]
    if row.body == "bad-file":
        upload = SimpleUploadedFile("notes.txt", b"not evidence", content_type="text/plain")
        return client.post(url, {"file": upload}, **extra)  # type: ignore[arg-type]
    raise AssertionError(f"unknown row body {row.body!r}")


def check_status(response: Any, expect: Any, url: str) -> None:
    if expect == LOGIN:
        assert response.status_code == 302, f"{url}: {response.status_code}, expected a redirect to log in"
        assert response["Location"].startswith(reverse("accounts:login") + "?next="), response["Location"]
    elif expect == HOME:
        assert response.status_code == 302, f"{url}: {response.status_code}, expected a redirect"
        assert response["Location"] == reverse("reports:home")
    else:
        assert response.status_code == expect, f"{url}: {response.status_code}, expected {expect}"


def test_every_url_has_a_row_in_the_matrix() -> None:
    names = set(project_patterns())
    missing = sorted(names - set(EXPECTED) - SKIPPED)
    assert not missing, (
        f"URL(s) {missing} have no row in the permission matrix: add the expected answer for every "
        "persona to EXPECTED in threatdesk/tests/test_permission_matrix.py"
    )
    stale = sorted(set(EXPECTED) - names)
    assert not stale, f"EXPECTED names URL(s) that no longer exist: {stale}; remove their rows"


def test_every_row_names_every_persona() -> None:
    for name, row in EXPECTED.items():
        assert set(row.expect) == set(PERSONAS), f"{name}: row lists {sorted(row.expect)}"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_url_answers_persona_as_the_matrix_says(world: World, name: str, persona: str) -> None:
    response = ask(world, persona, name)
    check_status(response, EXPECTED[name].expect[persona], f"{name} as {persona}")
    if persona not in PERSONAL:
        found = canaries_in(response.content)
        assert not found, f"{name} showed {persona} personal data: {found}"


@pytest.mark.parametrize("persona", sorted(PERSONAL))
def test_reporter_and_office_manager_read_the_words_and_the_evidence(world: World, persona: str) -> None:
    client, _ = world.client_for(persona, api=False)
    page = client.get(reverse("reports:detail", args=[world.report_code]))
    assert canaries_in(page.content), "the people the report belongs to should read it in full"
    download = client.get(reverse("reports:evidence", args=[world.report_code, world.evidence_code]))
    assert download.status_code == 200
    assert canaries_in(download.content)
    assert download["X-Content-SHA256-Verified"] == "yes"


def test_outsider_manager_gets_404_on_a_maricopa_report_and_its_evidence(world: World) -> None:
    client, _ = world.client_for("outsider", api=False)
    assert client.get(reverse("reports:detail", args=[world.report_code])).status_code == 404
    assert client.get(reverse("reports:evidence", args=[world.report_code, world.evidence_code])).status_code == 404
    api, auth = world.client_for("outsider", api=True)
    assert api.get(f"/api/reports/{world.report_code}", **auth).status_code == 404  # type: ignore[arg-type]
    listed = api.get("/api/reports", **auth).json()  # type: ignore[arg-type]
    assert listed["count"] == 0


def test_liaison_gets_404_while_nothing_is_referred(world: World) -> None:
    client, _ = world.client_for("liaison", api=False)
    assert client.get(reverse("reports:detail", args=[world.report_code])).status_code == 404
    assert client.get(reverse("reports:evidence", args=[world.report_code, world.evidence_code])).status_code == 404
    page = client.get(reverse("reports:home"))
    assert world.report_code not in page.content.decode()


def test_other_reporter_gets_404_on_someone_elses_report(world: World) -> None:
    client, _ = world.client_for("other_reporter", api=False)
    assert client.get(reverse("reports:detail", args=[world.report_code])).status_code == 404
    assert world.report_code not in client.get(reverse("reports:home")).content.decode()
    api, auth = world.client_for("other_reporter", api=True)
    assert api.get(f"/api/reports/{world.report_code}", **auth).status_code == 404  # type: ignore[arg-type]


def test_public_is_sent_to_login_for_staff_pages(world: World) -> None:
    client = Client()
    for url in (
        reverse("reports:home"),
        reverse("reports:detail", args=[world.report_code]),
        reverse("reports:evidence", args=[world.report_code, world.evidence_code]),
        reverse("accounts:totp"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize("persona", ["coordinator", "analyst", "admin"])
def test_state_and_national_roles_read_only_the_redacted_copy(world: World, persona: str) -> None:
    client, _ = world.client_for(persona, api=False)
    page = client.get(reverse("reports:detail", args=[world.report_code]))
    html = page.content.decode()
    assert page.status_code == 200
    assert world.report_code in html
    assert 'id="redacted"' in html
    assert "[WORKER-1] lives at [WORKER-1 ADDRESS]. Tell [FAMILY-1] to watch out." in html
    assert not canaries_in(html)
    assert "@canary_handle_x" not in html and "canary_handle_x" not in html
    assert reverse("reports:evidence", args=[world.report_code, world.evidence_code]) not in html
    api, auth = world.client_for(persona, api=True)
    body = api.get(f"/api/reports/{world.report_code}", **auth).json()  # type: ignore[arg-type]
    assert body["personal_data_withheld"] is True
    assert body["text_version"] == "redacted"
    assert body["narrative"] == "A caller left a voicemail for [WORKER-1] naming her home address and her son."
    assert body["sender"] is None
    assert sorted(p["kind"] for p in body["sender_pseudonyms"]) == ["email", "handle", "name", "phone"]
    assert not canaries_in(json.dumps(body))


@pytest.mark.parametrize("persona", ["other_reporter", "outsider", "liaison", "coordinator", "analyst", "admin"])
def test_evidence_download_is_404_for_roles_that_may_not_see_personal_data(world: World, persona: str) -> None:
    client, _ = world.client_for(persona, api=False)
    response = client.get(reverse("reports:evidence", args=[world.report_code, world.evidence_code]))
    assert response.status_code == 404
    assert not canaries_in(response.content)


def _without_csrf(html: bytes) -> bytes:
    """A page with its per-response CSRF token blanked (the token is masked afresh each time)."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", html)


@pytest.mark.parametrize("persona", ["other_reporter", "outsider", "liaison"])
def test_a_hidden_report_answers_exactly_like_a_missing_one(world: World, persona: str) -> None:
    client, _ = world.client_for(persona, api=False)
    hidden = client.get(reverse("reports:detail", args=[world.report_code]))
    missing = client.get(reverse("reports:detail", args=["R-0000-0000-0000-0000"]))
    assert (hidden.status_code, _without_csrf(hidden.content)) == (missing.status_code, _without_csrf(missing.content))
    api, auth = world.client_for(persona, api=True)
    hidden_api = api.get(f"/api/reports/{world.report_code}", **auth)  # type: ignore[arg-type]
    missing_api = api.get("/api/reports/R-0000-0000-0000-0000", **auth)  # type: ignore[arg-type]
    assert (hidden_api.status_code, hidden_api.content) == (missing_api.status_code, missing_api.content)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "public"])
def test_a_session_cookie_is_not_an_api_credential(world: World, persona: str) -> None:
    client, _ = world.client_for(persona, api=False)
    assert client.get("/api/reports").status_code == 401
    assert client.get(f"/api/reports/{world.report_code}").status_code == 401


def test_an_unknown_or_revoked_token_gets_401(world: World) -> None:
    client = Client()
    assert client.get("/api/reports", HTTP_AUTHORIZATION="Bearer td_not-a-real-token").status_code == 401
    world.personas.reporter.api_tokens.update(revoked=True)
    revoked = client.get("/api/reports", HTTP_AUTHORIZATION=f"Bearer {world.tokens['reporter']}")
    assert revoked.status_code == 401


def test_posting_to_a_url_that_only_reads_is_refused(world: World) -> None:
    client, auth = world.client_for("reporter", api=True)
    assert client.get(f"/api/reports/{world.report_code}/evidence", **auth).status_code == 405  # type: ignore[arg-type]
    assert client.delete(f"/api/reports/{world.report_code}", **auth).status_code == 405  # type: ignore[arg-type]
    web, _ = world.client_for("reporter", api=False)
    assert web.put(reverse("reports:new")).status_code == 405


# The Django admin: one door, for administrators only.


def _admin_pages_without_parameters() -> list[Pattern]:
    return [p for p in admin_patterns() if not p.params and p.name not in {"admin:login", "admin:logout"}]


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "admin"])
def test_admin_sends_everyone_but_the_administrator_to_its_login(world: World, persona: str) -> None:
    client, _ = world.client_for(persona, api=False)
    pages = _admin_pages_without_parameters()
    assert any(p.name == "admin:index" for p in pages)
    for pattern in pages:
        url = reverse(pattern.name)
        response = client.get(url)
        assert response.status_code == 302, f"{url} as {persona}: {response.status_code}"
        assert response["Location"].startswith(reverse("admin:login") + "?next="), f"{url} as {persona}"


def test_administrator_opens_the_admin_and_every_list_in_it(world: World) -> None:
    client, _ = world.client_for("admin", api=False)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    lists = [p for p in admin_patterns() if p.name.endswith("_changelist")]
    assert lists
    for pattern in lists:
        response = client.get(reverse(pattern.name))
        assert response.status_code == 200, f"{pattern.route}: {response.status_code}"
        assert not canaries_in(response.content), f"{pattern.route} shows personal data"
