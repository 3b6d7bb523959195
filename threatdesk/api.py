"""The JSON API: one NinjaAPI, errors always as {"errors": [{"field", "message"}]}."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from threatdesk.reports.api import receipts as receipts_router
from threatdesk.reports.api import router as reports_router
from threatdesk.reports.services import ReportInputError

api = NinjaAPI(
    title="threatdesk API",
    version="1",
    description=(
        "Report threats against election workers, follow them, attach evidence. "
        "Authenticate with `Authorization: Bearer <token>` (ask your administrator; "
        "`manage.py create_token`). Codes are listed in docs/codebook.md."
    ),
    urls_namespace="api",
)
api.add_router("/", reports_router)
api.add_router("/", receipts_router)


def _field(loc: list[str | int]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path", "header", "filters", "file")]
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
