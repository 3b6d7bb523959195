"""Requests refused before any page or API operation reads them."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse

from threatdesk.api import API_PREFIX

NUL = "\x00"


def parameter_with_nul(query_string: str) -> str | None:
    """The name of the first parameter whose name or value holds a NUL, or None. Read from the
    query string as sent, so that the common case costs one search and no parsing."""
    if "%00" not in query_string and NUL not in query_string:
        return None
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return next((name for name, value in pairs if NUL in name or NUL in value), None)


class NulInQueryRefused:
    """Answers 400 to a request whose query string holds a NUL. No one types one, and PostgreSQL
    refuses one in a query, so a page filtering on a parameter as given (an admin list, on any
    field) would answer 500. Under /api/ the answer is the API's JSON error naming the parameter;
    elsewhere, Django's 400 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = parameter_with_nul(request.META.get("QUERY_STRING", ""))
        if name is None:
            return self.get_response(request)
        if request.path_info.startswith(API_PREFIX):
            error = {"field": name, "message": "must not contain NUL characters"}
            return JsonResponse({"errors": [error]}, status=400)
        raise BadRequest(f"the query parameter {name!r} holds a NUL character")
