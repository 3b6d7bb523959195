"""Pages for case work: refer a report to an agency (from the report's page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from threatdesk.cases import services
from threatdesk.places.models import Agency
from threatdesk.reports.access import may_refer
from threatdesk.reports.selectors import report_for


@login_required
@require_POST
def refer(request: HttpRequest, code: str) -> HttpResponse:
    report = report_for(request.user, code)
    if not may_refer(request.user, report):
        raise Http404("No such report")
    agency = Agency.objects.filter(public_code=request.POST.get("agency", "")).first()
    reason = request.POST.get("reason", "")
    if agency is None:
        messages.error(request, "Choose an agency to refer the report to.")
    else:
        try:
            services.report_refer(actor=request.user, report=report, agency=agency, reason=reason)
        except services.ReferralError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Referred to {agency.name}. Its liaisons can now open the report.")
    return redirect("reports:detail", code=report.public_code)
