"""HTML to PDF with weasyprint and the site's own stylesheets: the printable guides here, the
case packet in `cases`.

Nothing is fetched over the network: the stylesheets are read from the static folder, and any
other URL in the page (a link, an image) is refused rather than downloaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.contrib.staticfiles import finders

STYLESHEETS = ("css/one-page-guide.css",)


class OfflineOnlyError(ValueError):
    """The page asked for something from the network; PDFs are built from local files only."""


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise OfflineOnlyError(f"refusing to fetch {url!r} while building a PDF")


def render_html(html: str, stylesheets: Iterable[str]) -> Any:
    """The laid-out document (its `.pages` say how long it came out)."""
    # Imported here: weasyprint loads pango and fonts, which only the PDF pages need.
    from weasyprint import CSS, HTML

    sheets = [CSS(filename=finders.find(name)) for name in stylesheets]
    return HTML(string=html, url_fetcher=_refuse).render(stylesheets=sheets)


def html_to_pdf(html: str, stylesheets: Iterable[str]) -> bytes:
    return bytes(render_html(html, stylesheets).write_pdf())


def render_guide(html: str) -> Any:
    return render_html(html, STYLESHEETS)


# More than the jurisdictions with a statute file, so that every guide stays rendered.
GUIDES_KEPT = 64


@lru_cache(maxsize=GUIDES_KEPT)
def guide_to_pdf(html: str) -> bytes:
    """The guide's PDF, rendered once per process for each page text. The text holds the state and
    its statute data, which are read once per process too, so every visitor gets the same bytes,
    and weasyprint (half a second of CPU a page) runs once per guide, not once per request."""
    return html_to_pdf(html, STYLESHEETS)
