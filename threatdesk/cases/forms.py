"""Forms for case work. They check shape only; the services decide what is allowed."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from threatdesk.accounts.models import User
from threatdesk.cases.models import DeclineReason, LinkKind, StepKind
from threatdesk.cases.transitions import Transition
from threatdesk.laws.statutes import provisions_for
from threatdesk.lib.codes import normalise_code
from threatdesk.places import zones
from threatdesk.places.models import Agency
from threatdesk.reports.models import Report

DATE = forms.DateInput(attrs={"type": "date"})
REASON = forms.Textarea(attrs={"rows": 2})


class CaseForm(forms.Form):
    """A form on the report page, which shows several at once: each gets ids of its own
    (`<id_prefix>_<field>`), so that a label, its help text and its errors point at this form's
    field and not at a namesake in another form ("reason" is in four)."""

    id_prefix = "case"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class StatusForm(CaseForm):
    id_prefix = "status"
    target = forms.ChoiceField(label="Move to")
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        required=False,
        widget=REASON,
        help_text="Needed to close or reopen. Kept in the audit trail.",
    )

    def __init__(self, *args: Any, moves: list[Transition], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["target"]).choices = [(t.target, t.verb) for t in moves]


class AssignForm(CaseForm):
    id_prefix = "assign"
    assignee = forms.ModelChoiceField(
        label="Assign to", queryset=User.objects.none(), required=False, to_field_name="username", empty_label="No one"
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = candidates  # type: ignore[attr-defined]


class ReportCodeField(forms.CharField):
    def to_python(self, value: Any) -> str:
        return normalise_code(super().to_python(value) or "")


class LinkForm(CaseForm):
    id_prefix = "link"
    other = ReportCodeField(label="Other report's code", max_length=40)
    kind = forms.ChoiceField(
        label="How they belong together",
        choices=[(LinkKind.SAME_SENDER, "Same sender"), (LinkKind.SAME_CAMPAIGN, "Same campaign")],
    )


class MergeForm(CaseForm):
    id_prefix = "merge"
    other = ReportCodeField(label="Merge this report into", max_length=40, help_text="The report that carries the case on.")
    reason = forms.CharField(label="Why they are the same incident", max_length=500, widget=REASON)


class ReferForm(CaseForm):
    id_prefix = "refer"
    agency = forms.ModelChoiceField(
        label="Refer to", queryset=Agency.objects.all(), to_field_name="public_code", empty_label="Choose an agency"
    )
    referred_on = forms.DateField(label="Date the agency was told", required=False, widget=DATE)
    agency_case_number = forms.CharField(label="Agency's case number, if given", max_length=60, required=False)
    reason = forms.CharField(label="Reason, if the agency is outside the state", max_length=500, required=False)

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referred_on"].initial = zones.today_in(zones.zone_for(report))  # today where the report is


class CaseNumberForm(CaseForm):
    id_prefix = "case_number"
    agency_case_number = forms.CharField(label="Your agency's case number", max_length=60)


class StepForm(CaseForm):
    id_prefix = "step"
    kind = forms.ChoiceField(label="What happened", choices=StepKind.choices)
    occurred_on = forms.DateField(label="On", widget=DATE)
    statutes = forms.MultipleChoiceField(
        label="Statutes (for a charge, plea, conviction, acquittal or dismissal)",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    decline_reason = forms.ChoiceField(
        label="Reason for declining", required=False, choices=[("", "Not a decline"), *DeclineReason.choices]
    )
    detail = forms.CharField(
        label="Detail",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sealed; read only by law enforcement and the office. Needed for a sentence or an 'other' decline.",
    )
    withhold_from_filer = forms.BooleanField(label="Do not show this step to the person who filed", required=False)

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"].initial = zones.today_in(zones.zone_for(report))  # today where the report is
        cast(forms.MultipleChoiceField, self.fields["statutes"]).choices = [
            (p.citation, f"{p.citation}: {p.title}") for p in provisions_for(report.state.code)
        ]
