"""Hooks the apps above accounts register with it, so that accounts need not import them."""

from __future__ import annotations

from django.http import HttpResponse

# Cookies that belong to whoever uses the browser now (name, path): deleted whenever someone
# signs in or out, as the session is then renewed or flushed.
_PERSONAL_COOKIES: list[tuple[str, str]] = []


def register_personal_cookie(name: str, path: str) -> None:
    if (name, path) not in _PERSONAL_COOKIES:
        _PERSONAL_COOKIES.append((name, path))


def forget_personal_cookies(response: HttpResponse) -> HttpResponse:
    for name, path in _PERSONAL_COOKIES:
        response.delete_cookie(name, path=path, samesite="Lax")
    return response
