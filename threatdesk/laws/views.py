"""Public statute pages: the list of jurisdictions and a printable quick reference guide for each."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from threatdesk.accounts.throttle import pages_rate_limited
from threatdesk.laws import statutes
from threatdesk.laws.contacts import CONTACTS, CONTACTS_CHECKED
from threatdesk.laws.pdf import guide_to_pdf


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "laws/index.html",
        {"federal": statutes.federal(), "states": statutes.states()},
    )


def _guide_context(code: str) -> dict[str, Any]:
    """Federal and state provisions, contacts and the date of the data, for the page and the PDF."""
    code = code.lower()
    fed = statutes.federal()
    if code == statutes.FEDERAL:
        state = None
    else:
        state = statutes.state_file(code)
        if state is None:
            raise Http404("No statute data for this state.")
    state_provisions = state.provisions if state else ()
    return {
        "code": code,
        "federal": fed,
        "state": state,
        "title": state.name if state else fed.name,
        "offenses": [p for p in state_provisions if p.kind == "offense"],
        "protections": [p for p in state_provisions if p.kind == "protection"],
        "bills": [p for p in state_provisions if p.kind == "bill"],
        "federal_offenses": [p for p in fed.provisions if p.kind == "offense"],
        "reviewed": statutes.reviewed_on(code),
        "contacts": CONTACTS,
        "contacts_checked": CONTACTS_CHECKED,
        # In full on paper, where a path alone leads nowhere.
        "guide_url": settings.SITE_URL + reverse("laws:guide", args=[code.upper() if state else code]),
    }


def guide(request: HttpRequest, code: str) -> HttpResponse:
    """One page per state (or `federal`): federal and state provisions, contacts, date of the data."""
    return render(request, "laws/guide.html", _guide_context(code))


# A document someone opens a few times, or an office behind one address opens for its workers;
# counted apart from the receipt look-ups, which it must not use up.
GUIDE_PDF_RATE = "20/m"


@pages_rate_limited(GUIDE_PDF_RATE, scope="guide_pdf")
def guide_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """The guide on one printed page (headings, penalties, contacts), to hand to a police department."""
    context = _guide_context(code)
    html = render_to_string("laws/guide_pdf.html", context, request=request)
    response = HttpResponse(guide_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="threatdesk-guide-{context["code"]}.pdf"'
    return response
