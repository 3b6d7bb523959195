"""The JSON API: one NinjaAPI, errors always as {"errors": [{"field", "message"}]}, even those
Django or ninja answer before an operation runs (a body too large, a method not taken)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.log import log_response
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import ValidationError as PydanticValidationError

from threatdesk.lib.busy import StorageUnavailableError, passing_refusal, with_retry_after
from threatdesk.reports.api import receipts as receipts_router
from threatdesk.reports.api import router as reports_router
from threatdesk.reports.services import ReportInputError

api = NinjaAPI(
    title="threatdesk API",
    version="1",
    description=(
        "Report threats against election workers, follow them, attach evidence. "
        "Authenticate with `Authorization: Bearer <token>` (ask your administrator; "
        "`manage.py create_token`). The codes each coded field takes are listed in its schema below."
    ),
    urls_namespace="api",
)
api.add_router("/", reports_router)
api.add_router("/", receipts_router)


def _field(loc: list[str | int]) -> str:
    """The field path a client sent: without ninja's leading source and parameter-model name, so a
    field that happens to share a name with either (a multipart `file`) keeps its name."""
    parts = [str(p) for p in loc]
    if parts[:1] and parts[0] in ("body", "query", "path", "header", "cookie", "file", "form"):
        parts.pop(0)
        if parts[:1] and parts[0] in ("payload", "filters"):
            parts.pop(0)
    return ".".join(parts) or "body"


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"field": _field(list(e.get("loc", []))), "message": str(e.get("msg", "invalid")).removeprefix("Value error, ")}
        for e in exc.errors
    ]
    return api.create_response(request, {"errors": errors}, status=422)


def _failures(exc: PydanticValidationError) -> str:
    """Where and why validation failed, as field paths and pydantic's error codes: never its
    messages, which quote the values they refuse (the words of a report)."""
    return ", ".join(f"{'.'.join(map(str, e['loc']))} ({e['type']})" for e in exc.errors(include_url=False))


@api.exception_handler(PydanticValidationError)
def on_answer_invalid(request: HttpRequest, exc: PydanticValidationError) -> HttpResponse:
    """An answer that fails its own response schema is our fault, not the caller's: a 500 without
    its values, logged as what failed where. Left to Django, the logged traceback would carry
    pydantic's message, and with it the personal data the answer held."""
    error = {"field": "response", "message": "the answer could not be made; the fault is logged"}
    response = api.create_response(request, {"errors": [error]}, status=500)
    # django.request, with the request, so RedactRequestPath logs the route, not the path typed.
    log_response(
        "%s in the answer to %s: %s", type(exc).__name__, request.path, _failures(exc), response=response, request=request
    )
    return response


@api.exception_handler(ReportInputError)
def on_report_input_error(request: HttpRequest, exc: ReportInputError) -> HttpResponse:
    errors = [{"field": e.field, "message": e.message} for e in exc.errors]
    return api.create_response(request, {"errors": errors}, status=422)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"errors": [{"field": "Authorization", "message": "a valid bearer token is required"}]}, status=401
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ninja's own refusals (unparsable body, throttling) in the same shape as every other error."""
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        error = {"field": "body", "message": "the request body is not valid JSON; send a JSON object"}
    else:
        error = {"field": "request", "message": str(exc)}
    return api.create_response(request, {"errors": [error]}, status=exc.status_code)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """Not found and not yours read the same, so a code's existence is not disclosed."""
    return api.create_response(request, {"errors": [{"field": "code", "message": "not found"}]}, status=404)


@api.exception_handler(OperationalError)
@api.exception_handler(StorageUnavailableError)
def on_passing_refusal(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A write the database would not take in time, or a file store that did not answer
    (`lib.busy`): nothing stored, send it again."""
    message = passing_refusal(exc)
    if message is None:
        raise exc
    refusal = api.create_response(request, {"errors": [{"field": "request", "message": message}]}, status=503)
    return with_retry_after(refusal)


@api.exception_handler(RequestDataTooBig)
def on_body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """Django refuses to read a body over DATA_UPLOAD_MAX_MEMORY_SIZE (files not counted)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    message = f"the request body is larger than {limit} bytes; send evidence files separately, as multipart"
    return api.create_response(request, {"errors": [{"field": "body", "message": message}]}, status=413)


@api.exception_handler(TooManyFieldsSent)
@api.exception_handler(TooManyFilesSent)
def on_too_many_parts(request: HttpRequest, exc: TooManyFieldsSent | TooManyFilesSent) -> HttpResponse:
    return api.create_response(request, {"errors": [{"field": "body", "message": str(exc)}]}, status=400)


@api.exception_handler(MultiPartParserError)
def on_unparsable_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    """A multipart body Django cannot read (no boundary in Content-Type, a truncated part), which
    ninja would otherwise answer with a 500."""
    message = "the body is not valid multipart/form-data; send the file as the form part 'file', with its boundary"
    return api.create_response(request, {"errors": [{"field": "body", "message": message}]}, status=400)


API_PREFIX = "/api/"


class MethodNotAllowedAsJson:
    """ninja answers a method no operation at an address takes with plain text and no hook to
    change it; under /api/ the answer becomes the JSON error shape (the Allow header kept)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or not request.path_info.startswith(API_PREFIX):
            return response
        allowed = response.get("Allow", "")
        message = f"{request.method} is not allowed here; use {allowed}" if allowed else f"{request.method} is not allowed here"
        refusal = JsonResponse({"errors": [{"field": "method", "message": message}]}, status=405)
        if allowed:
            refusal["Allow"] = allowed
        return refusal
