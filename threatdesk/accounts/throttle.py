"""The address the login throttle and the API's rate limits key on, and the username the login
throttle keys on: keyed pseudonyms, never the real ones.

django-axes stores the client address of every failed sign-in. A worker's home address in a
database dump can locate her, so axes is given a keyed hash of the address instead
(``AXES_CLIENT_IP_CALLABLE``). Equal addresses give equal pseudonyms, so the lock-out per address
still works; without ``PSEUDONYM_KEY`` a pseudonym cannot be tested against a guessed address.
The API's rate limits count in the shared cache, a database table in production, under the same
pseudonym (``AddressRateThrottle``). What was typed as a username is kept the same way
(``AXES_USERNAME_CALLABLE``): people type their email address or their name into that box.
"""

from __future__ import annotations

import functools
import ipaddress
import math
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.throttling import AnonRateThrottle, BaseThrottle

from threatdesk.privacy.crypto import blind_index


def _canonical(address: str) -> str:
    """One spelling per address, so ``::FFFF:0:1`` and ``::ffff:0:1`` share a pseudonym."""
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return address


def address_pseudonym(address: str) -> str:
    """The 128-bit blind index of an address, written as an IPv6 address because axes stores it in
    an IP address column."""
    return str(ipaddress.IPv6Address(int(blind_index("ip_address", _canonical(address)), 16)))


def client_address(request: HttpRequest) -> str | None:
    """The client's address as the API's rate limits find it: ``REMOTE_ADDR``, or behind
    ``TRUSTED_PROXIES`` proxies the entry of X-Forwarded-For that the outermost one appended."""
    return BaseThrottle().get_ident(request)


def client_ip_pseudonym(request: HttpRequest) -> str | None:
    """The pseudonym of the client's address; none when the server gives no address."""
    address = client_address(request)
    return address_pseudonym(address) if address else None


def typed_username_pseudonym(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    """The pseudonym of what was typed as the username, in any case: a failed sign-in as "Dana"
    and one as "dana" count against one lock-out."""
    typed = credentials.get("username") if credentials else request.POST.get("username")
    return blind_index("sign_in_username", typed.casefold()) if isinstance(typed, str) and typed else None


class AddressRateThrottle(AnonRateThrottle):
    """django-ninja's limit on calls without a login, per client address, counted under the
    address's pseudonym: the count is kept in the cache that every worker shares, and the cache
    must hold no address. Limits under one `scope` share one count; another scope counts apart."""

    def __init__(self, rate: str, scope: str = AnonRateThrottle.scope) -> None:
        super().__init__(rate)
        self.scope = scope

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if getattr(request, "auth", None) is not None:
            return None  # only calls without a login are counted, as in AnonRateThrottle
        return self.cache_format % {"scope": self.scope, "ident": client_ip_pseudonym(request)}


def pages_rate_limited(
    rate: str, scope: str = AnonRateThrottle.scope
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """The API's per-address limit on calls without a login, for pages: a visitor who is not
    signed in gets 429 past `rate`. Pages and API calls under one scope share one count, so a
    guesser cannot double the budget by switching from the one to the other; a page that is not
    a look-up takes a scope of its own, so that opening it spends none of that budget."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            return page_refused_by_rate(request, rate, scope) or view(request, *args, **kwargs)

        return limited

    return decorate


def page_refused_by_rate(request: HttpRequest, rate: str, scope: str = AnonRateThrottle.scope) -> HttpResponse | None:
    """The 429 page for a visitor without a login past `rate` under `scope` (counting this call),
    or None: for a view that limits only some of its answers."""
    if request.user.is_authenticated:
        return None
    throttle = AddressRateThrottle(rate, scope)
    if throttle.allow_request(request):
        return None
    seconds = math.ceil(throttle.wait() or 1)
    response = render(request, "429.html", {"seconds": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response
