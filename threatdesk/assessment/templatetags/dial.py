"""Phone numbers and web addresses in guidance as links: a worker reading it on a phone, perhaps
in danger, taps the number instead of retyping it."""

from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# A bare web address (tips.fbi.gov, 988lifeline.org), a US number written 1-800-225-5324 or
# 877-876-2455, and the three-digit lines 911 and 988. Addresses come first, so that
# 988lifeline.org is one address and not the line 988. Each match is letters, digits, dots,
# hyphens and slashes only, so matching the escaped text never splits an entity.
LINKABLE = re.compile(
    r"(?P<site>\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:gov|org|com|net)\b(?:/[a-z0-9/._-]*)?)"
    r"|(?P<phone>\b(?:1-)?\d{3}-\d{3}-\d{4}\b)"
    r"|(?P<line>\b(?:911|988)\b)",
    re.IGNORECASE,
)


def _link(match: re.Match[str]) -> str:
    if site := match["site"]:
        return format_html('<a href="https://{}">{}</a>', site, site)
    if phone := match["phone"]:
        digits = re.sub(r"\D", "", phone)
        return format_html('<a href="tel:+1{}">{}</a>', digits[-10:], phone)
    return format_html('<a href="tel:{}">{}</a>', match["line"], match["line"])


@register.filter(is_safe=True)
def dial(text: str) -> SafeString:
    """`text` escaped, with its phone numbers as `tel:` links and its web addresses as links."""
    return mark_safe(LINKABLE.sub(_link, str(conditional_escape(text))))  # escaped first; links by format_html
