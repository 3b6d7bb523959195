"""Values every template may use."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

# What base.html's title asks of every page, for pages without a form: a name a template looks up
# and does not find is logged (at DEBUG) with the whole context, personal data and all.
NO_FORM = {"form": None, "forms_with_errors": False}


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "DEMO_MODE": settings.DEMO_MODE,
        "REVEAL_MINUTES": settings.REVEAL_MINUTES,
        **NO_FORM,
    }
