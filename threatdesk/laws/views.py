"""Public statute pages: the list of jurisdictions and a printable quick reference guide for each."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from threatdesk.laws import statutes
from threatdesk.laws.contacts import CONTACTS, CONTACTS_CHECKED


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "laws/index.html",
        {"federal": statutes.federal(), "states": statutes.states()},
    )


def guide(request: HttpRequest, code: str) -> HttpResponse:
    """One page per state (or `federal`): federal and state provisions, contacts, date of the data."""
    code = code.lower()
    fed = statutes.federal()
    if code == statutes.FEDERAL:
        state = None
    else:
        state = statutes.state_file(code)
        if state is None:
            raise Http404("No statute data for this state.")
    state_provisions = state.provisions if state else ()
    return render(
        request,
        "laws/guide.html",
        {
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
        },
    )
