"""Pages for case work: refer a report to an agency, and make its case packet (from the report's page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from threatdesk.cases import services
from threatdesk.cases.packet import packet_make
from threatdesk.places.models import Agency
from threatdesk.reports.access import may_make_packet, may_refer
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


@never_cache
@login_required
@require_POST
def packet(request: HttpRequest, code: str) -> HttpResponse:
    """The case packet as a ZIP download. A POST: making one writes to every file's custody log."""
    report = report_for(request.user, code)
    if not may_make_packet(request.user, report):
        raise Http404("No such report")
    made = packet_make(actor=request.user, report=report)
    response = HttpResponse(made.zip, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{made.name}.zip"'
    return response
