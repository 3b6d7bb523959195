"""The access log: who read or opened personal data. Only for those who keep the workers' records."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from threatdesk.accesslog import selectors
from threatdesk.accesslog.forms import AccessFilterForm
from threatdesk.lib.paging import page_of


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    if not selectors.may_see_access_log(request.user):
        raise Http404("No such page")
    form = AccessFilterForm(request.GET or None)
    filters = selectors.AccessFilters(**form.cleaned_data) if form.is_valid() else selectors.AccessFilters()
    paged = page_of(request, selectors.access_log(request.user, filters))
    rows = [selectors.access_row(event) for event in paged["page"]]
    return render(request, "accesslog/access_log.html", {"form": form, "rows": rows, **paged})
