"""Pages for case work: the queue, the time figures, and the actions on a report's page
(status, assignment, referral, links and merges, law-enforcement steps, the case packet, the
STIX export). Each action is allowed by cases.access or reports.access on a report the user
may open; anything else answers 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from threatdesk.accounts.models import Role
from threatdesk.cases import access, selectors, services
from threatdesk.cases import figures as case_figures
from threatdesk.cases.forms import AssignForm, CaseNumberForm, LinkForm, MergeForm, ReferForm, StatusForm, StepForm
from threatdesk.cases.models import Referral
from threatdesk.cases.packet import packet_make
from threatdesk.cases.stix import MEDIA_TYPE, stix_export
from threatdesk.reports.access import may_export_indicators, may_make_packet, may_refer
from threatdesk.reports.models import Report
from threatdesk.reports.selectors import report_for
from threatdesk.reports.views import act_on_form

Rule = Callable[[Any, Report], bool]


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Reports waiting for triage (for a liaison: open referrals), gravest and oldest first."""
    if not access.may_use_queue(request.user):
        raise Http404("No queue for your role")
    mine, unassigned = request.GET.get("mine") == "1", request.GET.get("unassigned") == "1"
    reports = selectors.triage_queue(request.user, mine=mine, unassigned=unassigned)[:200]
    context = {"reports": reports, "mine": mine, "unassigned": unassigned, "liaison": request.user.role == Role.LIAISON}  # type: ignore[union-attr]
    return render(request, "cases/queue.html", context)


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    """How long reports wait, per office and per agency, over the reports the user may see."""
    if not access.may_see_figures(request.user):
        raise Http404("No figures for your role")
    offices, agencies = case_figures.figures_for(request.user)
    return render(request, "cases/figures.html", {"offices": offices, "agencies": agencies})


def _report_allowed(request: HttpRequest, code: str, rule: Rule) -> Report:
    report = report_for(request.user, code)
    if not rule(request.user, report):
        raise Http404("No such report")
    return report


def _code_report(request: HttpRequest, code: str) -> Report | None:
    return Report.objects.visible_to(request.user).filter(public_code=code).first()  # type: ignore[arg-type]


def _own_referral(request: HttpRequest, report: Report) -> Referral:
    """The referral to the liaison's agency, which may_record_steps has made sure exists."""
    referral = selectors.own_referral(request.user, report)
    if referral is None:
        raise Http404("No such report")
    return referral


@login_required
@require_POST
def status(request: HttpRequest, code: str) -> HttpResponse:
    report = _report_allowed(request, code, access.may_triage)
    form = StatusForm(request.POST, moves=selectors.transitions_offered(report))

    def act(data: dict[str, Any]) -> None:
        services.status_change(actor=request.user, report=report, target=data["target"], reason=data["reason"])

    return act_on_form(request, report, form, act, form_name="status_form")


@login_required
@require_POST
def assign(request: HttpRequest, code: str) -> HttpResponse:
    report = _report_allowed(request, code, access.may_triage)
    form = AssignForm(request.POST, candidates=services.assignable_users(report))

    def act(data: dict[str, Any]) -> None:
        services.report_assign(actor=request.user, report=report, assignee=data["assignee"])

    return act_on_form(request, report, form, act, form_name="assign_form")


@login_required
@require_POST
def refer(request: HttpRequest, code: str) -> HttpResponse:
    report = _report_allowed(request, code, may_refer)

    def act(data: dict[str, Any]) -> None:
        services.report_refer(
            actor=request.user,
            report=report,
            agency=data["agency"],
            reason=data["reason"],
            referred_on=data["referred_on"],
            agency_case_number=data["agency_case_number"],
        )

    return act_on_form(request, report, ReferForm(request.POST, report=report), act, form_name="refer_form")


@login_required
@require_POST
def link(request: HttpRequest, code: str) -> HttpResponse:
    report = _report_allowed(request, code, access.may_triage)

    def act(data: dict[str, Any]) -> None:
        other = _code_report(request, data["other"])
        services.reports_link(actor=request.user, report=report, other=other, kind=data["kind"])

    return act_on_form(request, report, LinkForm(request.POST), act, form_name="link_form")


@login_required
@require_POST
def merge(request: HttpRequest, code: str) -> HttpResponse:
    report = _report_allowed(request, code, access.may_triage)

    def act(data: dict[str, Any]) -> None:
        into = _code_report(request, data["other"])
        services.report_merge(actor=request.user, duplicate=report, into=into, reason=data["reason"])

    return act_on_form(request, report, MergeForm(request.POST), act, form_name="merge_form")


@login_required
@require_POST
def case_number(request: HttpRequest, code: str) -> HttpResponse:
    report = _report_allowed(request, code, access.may_record_steps)
    referral = _own_referral(request, report)

    def act(data: dict[str, Any]) -> None:
        services.referral_case_number(actor=request.user, referral=referral, number=data["agency_case_number"])

    return act_on_form(request, report, CaseNumberForm(request.POST), act, form_name="case_number_form")


@login_required
@require_POST
def step(request: HttpRequest, code: str) -> HttpResponse:
    report = _report_allowed(request, code, access.may_record_steps)
    referral = _own_referral(request, report)
    form = StepForm(request.POST, report=report)

    def act(data: dict[str, Any]) -> None:
        services.step_record(actor=request.user, report=report, referral=referral, **data)

    return act_on_form(request, report, form, act, form_name="step_form")


@never_cache
@login_required
@require_POST
def packet(request: HttpRequest, code: str) -> HttpResponse:
    """The case packet as a ZIP download. A POST: making one writes to every file's custody log."""
    report = _report_allowed(request, code, may_make_packet)
    made = packet_make(actor=request.user, report=report)
    response = HttpResponse(made.zip, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{made.name}.zip"'
    return response


@never_cache
@login_required
@require_POST
def stix(request: HttpRequest, code: str) -> HttpResponse:
    """The sender's indicators as a STIX 2.1 bundle: identifiers or pseudonyms, as the reader may
    see. A POST: each export is written to the audit trail under the reader's name."""
    report = _report_allowed(request, code, may_export_indicators)
    response = HttpResponse(stix_export(actor=request.user, report=report), content_type=MEDIA_TYPE)
    response["Content-Disposition"] = f'inline; filename="{report.public_code}.stix.json"'
    return response
