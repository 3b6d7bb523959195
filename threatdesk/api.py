"""The JSON API: one NinjaAPI, errors always as {"errors": [{"field", "message"}]}."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

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
