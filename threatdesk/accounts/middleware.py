"""Staff sign in with two factors before they see anything, where the deployment requires it.

django-otp marks a session verified when its user gave an authenticator code (at sign-in, or on
the two-factor page). Staff read other people's reports, so with REQUIRE_TWO_FACTOR on, a staff
session that is not verified can reach only the two-factor page, to enrol an app or give a code,
and sign-out. Reporters are asked nothing more: they see only their own reports.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from threatdesk.accounts.models import User


def second_factor_missing(user: object) -> bool:
    """A signed-in staff member (by role, or by access to `/admin/`, as a `createsuperuser`
    account has whatever its role) whose session has not given an authenticator code."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    if not (user.is_staff_role or user.is_staff or user.is_superuser):
        return False
    is_verified = getattr(user, "is_verified", None)  # set by django-otp's middleware
    return not (is_verified is not None and is_verified())


class TwoFactorRequiredMiddleware:
    """Sends unverified staff sessions to the two-factor page; after django-otp's middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.REQUIRE_TWO_FACTOR and _needs_second_factor_here(request):
            return redirect("accounts:totp")
        return self.get_response(request)


def _needs_second_factor_here(request: HttpRequest) -> bool:
    """Not for the API, which takes bearer tokens and no session (tokens are issued by an
    administrator on the command line); nor for static files, the two-factor page and sign-out,
    whose addresses carry the site's prefix if it is served under one."""
    if request.path_info.startswith("/api/") or not second_factor_missing(request.user):
        return False
    open_pages = (reverse("accounts:totp"), reverse("accounts:logout"))
    return not (request.path in open_pages or request.path.startswith(settings.STATIC_URL or "/static/"))
