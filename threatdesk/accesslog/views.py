"""The access log: who read or opened personal data. Only for those who keep the workers' records."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from threatdesk.accesslog import selectors
from threatdesk.accesslog.forms import AccessFilterForm

PAGE_SIZE = 50


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    if not selectors.may_see_access_log(request.user):
        raise Http404("No such page")
    form = AccessFilterForm(request.GET or None)
    filters = selectors.AccessFilters(**form.cleaned_data) if form.is_valid() else selectors.AccessFilters()
    page = Paginator(selectors.access_log(request.user, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = [selectors.access_row(event) for event in page]
    return render(request, "accesslog/access_log.html", {"form": form, "page": page, "rows": rows, "query": query.urlencode()})
