"""The case-work part of a report's page: what the user may read and the forms they may use.
Built here so the report page stays one page and case work stays in its app."""

from __future__ import annotations

from typing import Any

from threatdesk.cases import access, selectors
from threatdesk.cases.forms import AssignForm, CaseNumberForm, LinkForm, MergeForm, ReferForm, StatusForm, StepForm
from threatdesk.cases.services import assignable_users
from threatdesk.reports.access import may_export_indicators, may_make_packet, may_refer, may_see_personal_data
from threatdesk.reports.models import Report
from threatdesk.reports.taxonomy import Status


def case_context(user: Any, report: Report, forms: dict[str, Any]) -> dict[str, Any]:
    """Template context for the report page's case sections; `forms` holds bound forms to show
    again with their errors."""
    triage = access.may_triage(user, report)
    own = selectors.own_referral(user, report)
    closed = report.status == Status.CLOSED
    refers = may_refer(user, report) and not closed  # a closed report is reopened first
    context: dict[str, Any] = {
        "referrals": selectors.referrals_for(user, report),
        "steps": selectors.steps_for(user, report),
        "links": selectors.linked_reports(user, report),
        "filer_view": access.is_filer_view(user),
        "merged_files": selectors.merged_files(user, report, filer_view=access.is_filer_view(user)),
        "own_referral": own,
        "routes": selectors.routing_suggestions(report) if refers else [],
        "reopen_to_refer": closed and may_refer(user, report) and selectors.merged_into(report) is None,
        "refer_form": ReferForm(report=report) if refers else None,
        "status_form": StatusForm(moves=selectors.transitions_offered(report)) if triage else None,
        "assign_form": AssignForm(candidates=assignable_users(report), initial={"assignee": report.assigned_to})
        if triage
        else None,
        "link_form": LinkForm() if triage else None,
        "merge_form": MergeForm() if triage else None,
        "candidates": selectors.same_sender_candidates(user, report) if triage else [],
        "packet": may_make_packet(user, report),
        "stix": may_export_indicators(user, report),
        "identifiers": may_see_personal_data(user, report),
        "step_form": StepForm(report=report) if own else None,
        "case_number_form": CaseNumberForm(initial={"agency_case_number": own.agency_case_number}) if own else None,
    }
    context.update({name: form for name, form in forms.items() if name in context})
    return context
