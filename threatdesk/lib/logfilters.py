"""Logging filters that keep personal data out of log lines.

Django logs every 4xx and 5xx answer with the request path ("Not Found: /status/<what was
typed>/"). A path is user input: someone may type a name or a phone number into a URL. The
filter replaces the path with the route it matched (``/status/<code>/``), or with a fixed word
when nothing matched, so the log still says which page failed and never what was typed.
"""

from __future__ import annotations

import logging

from django.urls import Resolver404, resolve


def route_of(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return "<unrouted path>"
    return "/" + match.route if match.route else "<route>"


class RedactRequestPath(logging.Filter):
    """Rewrite django.request and django.server records so the path is the matched route."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if isinstance(path, str):
            route = route_of(path)
            # Django's log_response escapes its arguments ("Quillonía" as "Quillon\\xeda") first.
            spellings = {path, path.encode("unicode_escape").decode("ascii")}
            record.msg = str(record.msg)
            if isinstance(record.args, tuple):
                record.args = tuple(route if arg in spellings else arg for arg in record.args)
            record.request_path = route
        elif record.name == "django.server" and isinstance(record.args, tuple) and record.args:
            # runserver's access line: '"GET /path HTTP/1.1" 404 123'
            first = str(record.args[0])
            method, _, rest = first.partition(" ")
            target, _, protocol = rest.rpartition(" ")
            record.args = (f"{method} {route_of(target.split('?')[0])} {protocol}", *record.args[1:])
        return True
