"""Site-wide middleware: requests refused before any page or API operation reads them, answers
that must stay out of every cache, and pages whose write met a busy database."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from threatdesk.api import API_PREFIX
from threatdesk.lib.busy import passing_refusal, with_retry_after

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


# Pages that carry a receipt code, or a sign-in in progress, to visitors who are not signed in
# (yet): a receipt code is the key to its report's status. The report form is here because a form
# sent back with its errors holds the words that were typed.
PAGES_NOT_STORED = frozenset(
    {
        "reports:new",
        "reports:receipt",
        "reports:status",
        "reports:status_lookup",
        "accounts:login",
        "accounts:totp",
        "admin_sign_in",
    }
)


def kept_out_of_caches(request: HttpRequest) -> bool:
    """Whether the answer is someone's own: every API answer (a token reads personal data),
    every page in `PAGES_NOT_STORED`, and every answer to a signed-in user."""
    if request.path_info.startswith(API_PREFIX):
        return True
    match = request.resolver_match
    if match is not None and match.view_name in PAGES_NOT_STORED:
        return True
    user = getattr(request, "user", None)  # none when a request was refused before sign-in was read
    return bool(user is not None and user.is_authenticated)


class PrivateAnswersNotStored:
    """Sends `Cache-Control: no-store, private` with the answers `kept_out_of_caches` names. A
    browser on a shared computer would otherwise show a report's words, a protected person's
    record, an evidence file or an authenticator secret to the next person who presses Back
    after sign-out, and a caching proxy could keep them. Public pages for visitors who are not
    signed in (the home page, the laws, the guidance) stay cacheable. Placed outside the other
    middleware, so that their own answers (a refusal, a redirect) are covered too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if kept_out_of_caches(request):
            add_never_cache_headers(response)
        return response


class DatabaseBusyPage:
    """Answer a page whose write met a busy database, or whose file store did not answer, with a
    503 page that says so (and that nothing was stored), instead of the server-error page (the
    API has its own JSON answer)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        message = passing_refusal(exception)
        if message is None:
            return None
        return with_retry_after(render(request, "503.html", {"message": message}, status=503))
