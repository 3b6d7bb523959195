"""Who may do which case work. Decided here and only here; every rule assumes the report is
already visible to the user (reports.access.visible_reports), so anything else answers 404.

| role              | case work                                                        |
|-------------------|------------------------------------------------------------------|
| office manager    | triage, assign, move status, link and merge, refer               |
| state coordinator | triage, assign, move status, link and merge                      |
| liaison           | record the agency's steps and case number on reports referred to it |
| reporter          | reads the steps shared with the filer                            |
| analyst, admin    | read                                                             |
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from threatdesk.accounts.models import Role
from threatdesk.reports.access import referred_to_agency_of
from threatdesk.reports.models import Report

if TYPE_CHECKING:
    from threatdesk.cases.models import CaseStep, CaseStepQuerySet, ReferralQuerySet

TRIAGE_ROLES = (Role.OFFICE_MANAGER, Role.STATE_COORDINATOR)


def _role(user: Any) -> str | None:
    return getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None


QUEUE_ROLES = (*TRIAGE_ROLES, Role.LIAISON)


def may_use_queue(user: Any) -> bool:
    """The triage queue: those who triage, and liaisons for their agency's open referrals."""
    return _role(user) in QUEUE_ROLES


def may_see_figures(user: Any) -> bool:
    """Time figures: every signed-in role but the filer, each over what it may open."""
    return _role(user) not in (None, Role.REPORTER)


def may_triage(user: Any, report: Report) -> bool:
    """Set status, assign, link and merge. Only the role is checked here: the report is already
    one the user may open (their office's for a manager, their state's for a coordinator)."""
    return _role(user) in TRIAGE_ROLES


def may_record_steps(user: Any, report: Report) -> bool:
    """Law-enforcement steps come from the liaisons of an agency the report was referred to."""
    return _role(user) == Role.LIAISON and referred_to_agency_of(user, report)


def may_read_step_detail(user: Any, report: Report, step: CaseStep) -> bool:
    """A step's free text may name a suspect: the agency that wrote it and the office that holds
    the report."""
    role = _role(user)
    if role == Role.LIAISON:
        return step.referral.agency_id == user.agency_id
    return role == Role.OFFICE_MANAGER and report.office_id is not None and report.office_id == user.office_id


def is_filer_view(user: Any) -> bool:
    """Reporters (and anyone with only a receipt code) see the case as the filer does."""
    return _role(user) in (None, Role.REPORTER)


def visible_referrals(qs: ReferralQuerySet, user: Any) -> ReferralQuerySet:
    qs = qs.filter(report__in=Report.objects.visible_to(user))
    if _role(user) == Role.LIAISON:
        return qs.filter(agency_id=user.agency_id)
    return qs


def visible_steps(qs: CaseStepQuerySet, user: Any) -> CaseStepQuerySet:
    """Steps on reports the user may open; a liaison sees only their agency's, the filer only
    those shared with them."""
    qs = qs.filter(report__in=Report.objects.visible_to(user))
    if _role(user) == Role.LIAISON:
        return qs.filter(referral__agency_id=user.agency_id)
    if is_filer_view(user):
        return qs.filter(shared_with_filer=True)
    return qs
