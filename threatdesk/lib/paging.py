"""One page of a list, and its filters as the query string the pager's links keep
(`templates/pager.html`)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 50


def page_of(request: HttpRequest, items: Any) -> dict[str, Any]:
    """`page` and `query` for the template: the page the request asks for (the last one if it asks
    past the end), and every other parameter of the request."""
    page: Page[Any] = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"page": page, "query": query.urlencode()}
