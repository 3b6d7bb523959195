"""Every output of the system a persona can ask for, for the leak suite to search.

Pages linked from anywhere are found by crawling; what is not linked (API answers, downloads,
exports, the notification mail sent so far) is listed in OUTPUTS. A new output joins the suite
with one line here:

    Output("what it is", lambda ask: [ask.api("/api/new-thing")]),
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urlsplit

from django.core import mail
from django.test import Client


@dataclass
class Asker:
    """One persona's way in: a signed-in browser and a bearer token (both empty for the public)."""

    web: Client
    token: str
    report_codes: list[str]
    person_codes: list[str]
    evidence: list[tuple[str, str]] = field(default_factory=list)

    def get(self, url: str) -> Any:
        return self.web.get(url)

    def post(self, url: str) -> Any:
        return self.web.post(url)

    def api(self, url: str, **params: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return Client().get(url, params, headers=headers)

    def api_pages(self, url: str) -> list[Any]:
        """Every page of a paginated API list."""
        answers, offset = [], 0
        while True:
            answer = self.api(url, limit=500, offset=offset)
            answers.append(answer)
            if answer.status_code != 200 or offset + 500 >= answer.json().get("count", 0):
                return answers
            offset += 500


@dataclass(frozen=True)
class SentMail:
    """A sent message as the search reads it: subject and body. Not the recipient's address: an
    anonymous filer's notice goes to the address they gave, which is theirs to receive."""

    content: bytes
    status_code: int = 200


def sent_mail() -> list[SentMail]:
    """Every message in the test outbox (the locmem backend), for every persona: no mail may
    carry personal data, whoever it went to."""
    return [SentMail(f"{m.subject}\n{m.body}".encode()) for m in getattr(mail, "outbox", [])]


@dataclass(frozen=True)
class Output:
    name: str
    fetch: Callable[[Asker], list[Any]]


OUTPUTS: list[Output] = [
    Output("report list API, every page", lambda ask: ask.api_pages("/api/reports")),
    Output("each report by API", lambda ask: [ask.api(f"/api/reports/{code}") for code in ask.report_codes]),
    Output("each receipt by API", lambda ask: [ask.api(f"/api/receipts/{code}") for code in ask.report_codes]),
    Output("each report page", lambda ask: [ask.get(f"/reports/{code}/") for code in ask.report_codes]),
    Output("each status page", lambda ask: [ask.get(f"/status/{code}/") for code in ask.report_codes]),
    Output("each evidence download", lambda ask: [ask.get(f"/reports/{r}/evidence/{e}/") for r, e in ask.evidence]),
    Output("each protected person page", lambda ask: [ask.get(f"/protected-people/{c}/") for c in ask.person_codes]),
    Output("each erasure page", lambda ask: [ask.get(f"/protected-people/{c}/erase/") for c in ask.person_codes]),
    Output("access log", lambda ask: [ask.get("/access-log/")]),
    # POSTs: making a packet writes to the custody log, an export to the audit trail. Those
    # without the right get 404 pages.
    Output("each case packet", lambda ask: [ask.post(f"/reports/{code}/packet/") for code in ask.report_codes]),
    Output("each STIX bundle", lambda ask: [ask.post(f"/reports/{code}/stix.json") for code in ask.report_codes]),
    Output("OpenAPI document", lambda ask: [ask.get("/api/openapi.json")]),
    Output("each notification mail, subject and body", lambda ask: sent_mail()),
]

_HREF = re.compile(rb'href="([^"]+)"')
CRAWL_START = ("/", "/reports/", "/protected-people/", "/account/two-factor/")
CRAWL_LIMIT = 400


def crawl(client: Client, start: tuple[str, ...] = CRAWL_START, limit: int = CRAWL_LIMIT) -> Iterator[tuple[str, Any]]:
    """Every same-site page reachable by links from `start`; static files, the admin and PDF
    copies of pages (the statute guides, made from data files) are left out."""
    seen: set[str] = set()
    queue = list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        yield url, response
        if "html" not in response.get("Content-Type", ""):
            continue
        for raw in _HREF.findall(response.content):
            link = urldefrag(raw.decode().replace("&amp;", "&")).url
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not link.startswith("/") or link.startswith(("/static/", "/admin/")):
                continue
            if parts.path.endswith(".pdf"):
                continue  # a PDF renders its HTML page, which the crawl reads already
            if link not in seen:
                queue.append(link)
