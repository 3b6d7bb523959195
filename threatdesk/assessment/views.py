"""Public guidance pages: what to do now, for anyone, without an account."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from threatdesk.assessment.playbook import playbook


def guidance_index(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/index.html", {"book": playbook()})


def guidance_situation(request: HttpRequest, slug: str) -> HttpResponse:
    book = playbook()
    situation = next((s for s in book.situations if s.slug == slug), None)
    if situation is None:
        raise Http404("No such page")
    contacts = [book.contact(key) for key in situation.contacts]
    return render(request, "guidance/situation.html", {"book": book, "situation": situation, "contacts": contacts})
