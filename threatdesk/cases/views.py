"""Pages for case work: refer a report to an agency, make its case packet, export its sender
indicators (all from the report's page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from threatdesk.cases import services
from threatdesk.cases.packet import packet_make
from threatdesk.cases.stix import MEDIA_TYPE, stix_export
from threatdesk.places.models import Agency
from threatdesk.reports.access import may_export_indicators, may_make_packet, may_refer
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


@never_cache
@login_required
def stix(request: HttpRequest, code: str) -> HttpResponse:
    """The sender's indicators as a STIX 2.1 bundle: identifiers or pseudonyms, as the reader may see."""
    report = report_for(request.user, code)
    if not may_export_indicators(request.user, report):
        raise Http404("No such report")
    response = HttpResponse(stix_export(actor=request.user, report=report), content_type=MEDIA_TYPE)
    response["Content-Disposition"] = f'inline; filename="{report.public_code}.stix.json"'
    return response
