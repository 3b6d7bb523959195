"""Forms for protected persons. Lists are typed one per line; `ProtectedPersonIn` validates."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from pydantic import ValidationError as PydanticValidationError

from threatdesk.lib.text import tidy
from threatdesk.places.models import Office
from threatdesk.privacy.models import ProtectedPerson
from threatdesk.privacy.schemas import MIN_REASON, ProtectedPersonIn

LIST_FIELDS = ("aliases", "phones", "emails", "handles", "addresses")
ONE_PER_LINE = "One per line."


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ProtectedPersonForm(forms.Form):
    office = forms.ModelChoiceField(queryset=Office.objects.none(), required=False, help_text="Administrators only.")
    kind = forms.ChoiceField(choices=ProtectedPerson.Kind.choices)
    relationship = forms.ChoiceField(choices=ProtectedPerson.Relationship.choices, initial=ProtectedPerson.Relationship.SELF)
    worker = forms.CharField(required=False, max_length=24, help_text="For a family member: the worker's code, e.g. P-ABCD-EFGH.")
    full_name = forms.CharField(max_length=200)
    aliases = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="Nicknames, maiden names. " + ONE_PER_LINE
    )
    phones = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=ONE_PER_LINE)
    emails = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=ONE_PER_LINE)
    handles = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="Social media handles. " + ONE_PER_LINE
    )
    addresses = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Home addresses, e.g. 1418 W Palm Ln, Phoenix, AZ 85007. " + ONE_PER_LINE,
    )

    def __init__(self, *args: Any, offices: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person_in: ProtectedPersonIn | None = None
        if offices is None:
            del self.fields["office"]
        else:
            office_field = cast(forms.ModelChoiceField, self.fields["office"])
            office_field.queryset = offices
            office_field.required = True

    @classmethod
    def initial_for(cls, person: ProtectedPerson) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "kind": person.kind,
            "relationship": person.relationship,
            "worker": person.worker.public_code if person.worker else "",
            "full_name": person.full_name,
        }
        initial.update({name: "\n".join(getattr(person, name)) for name in LIST_FIELDS})
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        raw = {name: data.get(name, "") for name in ("kind", "relationship", "worker", "full_name")}
        raw.update({name: _lines(data.get(name, "")) for name in LIST_FIELDS})
        try:
            self.person_in = ProtectedPersonIn.model_validate(raw)
        except PydanticValidationError as exc:
            for error in exc.errors():
                where = str(error["loc"][0]) if error["loc"] else None
                message = str(error["msg"]).removeprefix("Value error, ")
                self.add_error(where if where in self.fields else None, message)
        return data


class ReasonField(forms.CharField):
    """A typed reason tidied before its length is checked, as the services store it: "ab        cd"
    is 5 characters, too short, and one of zero-width spaces none, and either is refused here
    rather than by the service after the form has let it through."""

    def to_python(self, value: Any) -> str:
        return tidy(str(super().to_python(value)))


class ReasonForm(forms.Form):
    reason = ReasonField(
        max_length=500,
        min_length=MIN_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why you need to open this record. It is kept in the audit trail.",
    )
