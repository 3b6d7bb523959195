"""Who may open which report, and who may read its personal data. Decided here and only here.

| role              | reports visible               | words and identifiers                          |
|-------------------|-------------------------------|------------------------------------------------|
| reporter          | the ones they filed           | the original: their own words                  |
| office manager    | their office's                | the original                                   |
| liaison           | referred to their agency      | the redacted copy; the original for a while    |
|                   |                               | after revealing it with a reason               |
| state coordinator | their state's                 | the redacted copy and sender pseudonyms        |
| analyst           | all                           | the redacted copy and sender pseudonyms        |
| admin             | all                           | the redacted copy: operators run the system    |
| public            | none                          | nothing                                        |

When a report's redaction failed, roles that get the redacted copy get nothing instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from threatdesk.accounts.models import Role
from threatdesk.reports.redaction import RedactionState

if TYPE_CHECKING:
    from threatdesk.reports.models import Report, ReportQuerySet


def visible_reports(qs: ReportQuerySet, user: Any) -> ReportQuerySet:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    role = user.role
    if role in (Role.ADMIN, Role.ANALYST):
        return qs
    if role == Role.OFFICE_MANAGER:
        return qs.filter(office_id=user.office_id) if user.office_id else qs.none()
    if role == Role.STATE_COORDINATOR:
        return qs.filter(state_id=user.state_id) if user.state_id else qs.none()
    if role == Role.REPORTER:
        return qs.filter(reporter_id=user.pk)
    if role == Role.LIAISON:
        # Through the referrals' reverse relation: reports need not import case work.
        return qs.filter(referrals__agency_id=user.agency_id).distinct() if user.agency_id else qs.none()
    return qs.none()


def referred_to_agency_of(user: Any, report: Report) -> bool:
    return bool(user.agency_id) and report.referrals.filter(agency_id=user.agency_id).exists()  # type: ignore[attr-defined]


def may_override_level(user: Any, report: Report) -> bool:
    """Staff who triage (the office's manager, the state's coordinator, analysts) may set a
    report's level by hand; the report must already be visible to them."""
    return getattr(user, "role", None) in (Role.OFFICE_MANAGER, Role.STATE_COORDINATOR, Role.ANALYST)


def may_refer(user: Any, report: Report) -> bool:
    """The office that holds the report refers it to law enforcement."""
    return getattr(user, "role", None) == Role.OFFICE_MANAGER and may_see_personal_data(user, report)


def may_reveal(user: Any, report: Report) -> bool:
    """A liaison of an agency the report was referred to may reveal its original words."""
    return (
        getattr(user, "is_authenticated", False)
        and user.role == Role.LIAISON
        and report.redaction_state != RedactionState.ERASED
        and referred_to_agency_of(user, report)
    )


def active_reveal(user: Any, report: Report) -> Any:
    """The user's unexpired reveal of the report, if any."""
    return report.reveals.filter(user_id=user.pk, expires_at__gt=timezone.now()).order_by("-expires_at").first()


def may_see_personal_data(user: Any, report: Report) -> bool:
    """Whether `user` may read the unredacted narrative, words and identifiers of `report`."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.OFFICE_MANAGER:
        return user.office_id is not None and report.office_id == user.office_id
    if user.role == Role.REPORTER:
        return report.reporter_id == user.pk
    if user.role == Role.LIAISON:
        return may_reveal(user, report) and active_reveal(user, report) is not None
    return False


def may_make_packet(user: Any, report: Report) -> bool:
    """A case packet carries the original words and every evidence file to a prosecutor, so only
    staff who may read the report's personal data make one: the office's manager, or a liaison
    while a reveal is active. The filer reads their own report but does not hand it on."""
    return bool(getattr(user, "is_staff_role", False)) and may_see_personal_data(user, report)


def may_export_indicators(user: Any, report: Report) -> bool:
    """Staff who can open the report may share its sender indicators with a fusion center; what
    the export holds (identifiers or pseudonyms) follows `may_see_personal_data`."""
    return bool(getattr(user, "is_staff_role", False))


# Which consent lets which role know who filed. Analysts and administrators never need to.
CONSENT_FOR_ROLE = {
    Role.OFFICE_MANAGER: "office",
    Role.LIAISON: "law_enforcement",
    Role.STATE_COORDINATOR: "state",
}


def may_identify_reporter(user: Any, report: Report) -> bool:
    """Whether `user` may know who filed `report`: the filer, or a role the filer consented to."""
    if not getattr(user, "is_authenticated", False):
        return False
    if report.reporter_id is not None and report.reporter_id == user.pk:
        return True
    consent = CONSENT_FOR_ROLE.get(user.role)
    return consent is not None and consent in (report.reporter_consent or [])


def may_identify_reporter_to_law_enforcement(user: Any, report: Report) -> bool:
    """Whether what `user` hands to law enforcement (the case packet) may say who filed: only if
    `user` may know and the filer agreed that law enforcement may, whoever makes it."""
    return may_identify_reporter(user, report) and CONSENT_FOR_ROLE[Role.LIAISON] in (report.reporter_consent or [])


class Words:
    """Which version of a report's words a user reads."""

    ORIGINAL = "original"
    REDACTED = "redacted"
    WITHHELD = "withheld"
    ERASED = "erased"


def words_version(user: Any, report: Report) -> str:
    if report.redaction_state == RedactionState.ERASED:
        return Words.ERASED  # for everyone: the original went with the copy
    if may_see_personal_data(user, report):
        return Words.ORIGINAL
    if report.redaction_state == RedactionState.DONE:
        return Words.REDACTED
    return Words.WITHHELD
