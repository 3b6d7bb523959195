"""The web report form. It renders fields and maps errors; validation itself is `ReportIn`'s."""

from __future__ import annotations

import re
import uuid
from typing import Any, cast

from django import forms
from django.conf import settings
from django.http import QueryDict
from pydantic import ValidationError as PydanticValidationError

from threatdesk.assessment.engine import LEVEL_NAMES
from threatdesk.lib.codes import ALPHABET, normalise_code
from threatdesk.lib.text import shown_or_empty
from threatdesk.places.models import State
from threatdesk.privacy.forms import ReasonForm
from threatdesk.reports import evidence as evidence_files
from threatdesk.reports.schemas import ReportIn, pydantic_errors
from threatdesk.reports.services import FieldError
from threatdesk.reports.taxonomy import Channel, ElectionPhase, ReporterConsent, Status, TargetRole, ThreatType

# Where a ReportIn error path lands on the form.
FIELD_FOR_PATH = {
    "sender.name": "sender_name",
    "sender.phones": "sender_phones",
    "sender.emails": "sender_emails",
    "sender.handles": "sender_handles",
    "sender.description": "sender_description",
    "reporter_contact.name": "contact_name",
    "reporter_contact.email": "contact_email",
    "reporter_contact.phone": "contact_phone",
}


def _lines(text: str) -> list[str]:
    """Identifiers typed one per line or separated by commas."""
    return [part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()]


def _in_list_order(threat_types: list[str]) -> list[str]:
    """The types as the form lists them, whatever order they came in: the first is the main one,
    and the label says it is the one highest on the list."""
    order = {value: position for position, value in enumerate(ThreatType.values)}
    return sorted(threat_types, key=lambda value: order.get(value, len(order)))


class ShownTextField(forms.CharField):
    """Text that is empty when nothing of it shows, as `ReportIn` has it: one of zero-width
    spaces is asked for again as "required", like one of spaces, not sent on to be refused."""

    def to_python(self, value: Any) -> str:
        return shown_or_empty(str(super().to_python(value)))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


# The one-time token the form carries, so that a double submit stores one report. The form makes
# 32 hex digits; the cap keeps "web:" and the token inside the report's 200-character key column.
SUBMISSION_TOKEN_MAX = 100
STALE_FORM = "This form could not be checked, so the report was not sent. Check the details and send it again."


def _size(n: int) -> str:
    """A size as a person reads it, rounded up so that a size just past a limit reads past it."""
    return f"{-(-n // 2**20)} MB" if n >= 2**20 else f"{-(-n // 2**10)} kB"


def _state_choices() -> list[tuple[str, str]]:
    return [("", "Choose a state")] + [(s.code, s.name) for s in State.objects.order_by("name")]


class ReportForm(forms.Form):
    submission_token = forms.CharField(widget=forms.HiddenInput, max_length=SUBMISSION_TOKEN_MAX)
    occurred_on = forms.DateField(label="Date it happened", widget=forms.DateInput(attrs={"type": "date"}))
    occurred_time = forms.TimeField(label="Time (if known)", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    state = forms.ChoiceField(label="State")
    county = forms.CharField(
        label="County",
        required=False,
        max_length=200,
        help_text="The county where it happened or where your office is, e.g. Maricopa.",
    )
    channel = forms.ChoiceField(label="How did it reach you?", choices=[("", "Choose one"), *Channel.choices])
    platform = forms.CharField(
        label="Platform or service", required=False, max_length=200, help_text="For online channels, e.g. the social network."
    )
    threat_types = forms.MultipleChoiceField(
        label=(
            "What kind of threat? (choose all that apply; of those you tick, "
            "the one highest on this list is treated as the main one)"
        ),
        choices=ThreatType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    target_role = forms.ChoiceField(label="Who was targeted?", choices=[("", "Choose one"), *TargetRole.choices])
    election_phase = forms.ChoiceField(
        label="Point in the election calendar", choices=ElectionPhase.choices, initial=ElectionPhase.UNKNOWN
    )
    message_text = forms.CharField(
        label="The exact words, if any",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Copy the message or transcribe the voicemail word for word.",
    )
    narrative = ShownTextField(label="What happened", widget=forms.Textarea(attrs={"rows": 6}))
    sender_name = forms.CharField(label="Sender's name, if known", required=False, max_length=200)
    sender_phones = forms.CharField(
        label="Sender's phone numbers", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="One per line."
    )
    sender_emails = forms.CharField(
        label="Sender's email addresses", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="One per line."
    )
    sender_handles = forms.CharField(
        label="Sender's account names or handles",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line.",
    )
    sender_description = forms.CharField(
        label="Description of the sender",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Appearance, vehicle, voice, anything you noticed.",
    )
    contact_name = forms.CharField(label="Your name", required=False, max_length=200)
    contact_email = forms.CharField(label="Your email", required=False, max_length=254)
    contact_phone = forms.CharField(label="Your phone", required=False, max_length=40)
    reporter_consent = forms.MultipleChoiceField(
        label="Who may know that you filed this report?",
        required=False,
        choices=ReporterConsent.choices,
        initial=[ReporterConsent.OFFICE],
        widget=forms.CheckboxSelectMultiple,
        help_text="Whoever you leave unticked sees the report without your name or contact details.",
    )
    evidence = MultipleFileField(
        label="Evidence files",
        required=False,
        help_text=(
            f"{evidence_files.ALLOWED_LABEL}; up to {_size(settings.EVIDENCE_MAX_BYTES)} each, "
            f"at most {settings.EVIDENCE_MAX_FILES} files and {_size(settings.EVIDENCE_MAX_TOTAL_BYTES)} in all."
        ),
    )

    def __init__(self, *args: Any, show_contact: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = _state_choices()  # type: ignore[attr-defined]
        self.fields["submission_token"].initial = uuid.uuid4().hex
        if not show_contact:
            for name in ("contact_name", "contact_email", "contact_phone"):
                del self.fields[name]
        self.report_in: ReportIn | None = None
        self.checked_files: list[evidence_files.CheckedFile] = []

    def clean_evidence(self) -> list[Any]:
        """Count the files and add up their sizes, as the upload recorded them, before any is read:
        one request from anyone then makes a worker read EVIDENCE_MAX_TOTAL_BYTES at most."""
        files: list[Any] = self.cleaned_data.get("evidence") or []
        most, limit = settings.EVIDENCE_MAX_FILES, settings.EVIDENCE_MAX_TOTAL_BYTES
        if len(files) > most:
            raise forms.ValidationError(f"Attach at most {most} files to one report; you chose {len(files)}.")
        if (total := sum(upload.size or 0 for upload in files)) > limit:
            raise forms.ValidationError(f"The files come to {_size(total)} together; one report may carry {_size(limit)}.")
        return files

    def _payload(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "occurred_on": data.get("occurred_on"),
            "occurred_time": data.get("occurred_time"),
            "state": data.get("state", ""),
            "county": data.get("county", ""),
            "channel": data.get("channel", ""),
            "platform": data.get("platform", ""),
            "threat_types": _in_list_order(data.get("threat_types", [])),
            "target_role": data.get("target_role", ""),
            "election_phase": data.get("election_phase") or ElectionPhase.UNKNOWN,
            "message_text": data.get("message_text", ""),
            "narrative": data.get("narrative", ""),
            "sender": {
                "name": data.get("sender_name", ""),
                "phones": _lines(data.get("sender_phones", "")),
                "emails": _lines(data.get("sender_emails", "")),
                "handles": _lines(data.get("sender_handles", "")),
                "description": data.get("sender_description", ""),
            },
            "reporter_contact": {
                "name": data.get("contact_name", ""),
                "email": data.get("contact_email", ""),
                "phone": data.get("contact_phone", ""),
            },
            "reporter_consent": data.get("reporter_consent", []),
        }

    def _field_for(self, path: str) -> str | None:
        for prefix, name in FIELD_FOR_PATH.items():
            if path == prefix or path.startswith(prefix + "."):
                return name if name in self.fields else None
        head = path.split(".")[0]
        return head if head in self.fields else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors.pop("submission_token", None):
            # A token missing or too long. Its field is hidden and would show the error nowhere:
            # the error goes above the form, which comes back with a new token.
            self.add_error(None, STALE_FORM)
            self.renew_submission_token()
        if self.errors:
            return data
        try:
            self.report_in = ReportIn.model_validate(self._payload(data))
        except PydanticValidationError as exc:
            for path, message in pydantic_errors(exc):
                self.add_error(self._field_for(path), message)
        for upload in data.get("evidence") or []:
            try:
                self.checked_files.append(
                    evidence_files.check_upload(upload.read(settings.EVIDENCE_MAX_BYTES + 1), upload.name or "")
                )
            except evidence_files.EvidenceError as exc:
                self.add_error("evidence", f"{upload.name}: {exc}")
        return data

    def fields_with_errors(self) -> list[forms.BoundField]:
        """For the summary above the form, which names and links to each field to correct."""
        return [field for field in self.visible_fields() if field.errors]

    def note_files_not_kept(self) -> None:
        """A browser never fills a file input in again, so the files sent with a form that comes
        back are gone: say so by the field, naming them, before the report goes without them."""
        names = [upload.name or "" for upload in self.files.getlist("evidence")]
        if names:
            self.add_error("evidence", files_not_kept(names))

    def add_input_errors(self, errors: list[FieldError]) -> None:
        """Place the errors the service found (places it could not resolve) next to their fields."""
        for error in errors:
            self.add_error(self._field_for(error.field), error.message)

    def renew_submission_token(self) -> None:
        """A fresh one-time token for a form shown again after its token was spent."""
        data = cast(QueryDict, self.data).copy()
        data["submission_token"] = uuid.uuid4().hex
        self.data = data


def files_not_kept(names: list[str]) -> str:
    listed = ", ".join(names)
    which = f"The file you chose ({listed}) was" if len(names) == 1 else f"The {len(names)} files you chose ({listed}) were"
    return f"{which} not kept: browsers drop attached files when a form comes back. Attach them again before you send."


RECEIPT_CODE = re.compile(rf"^R(-[{ALPHABET}]{{4}}){{4}}$")


class ReceiptLookupForm(forms.Form):
    code = forms.CharField(label="Receipt code", max_length=40, help_text="As shown after you filed, e.g. R-7K3M-9QXP-2D4F-HJ8A.")

    def clean_code(self) -> str:
        # Only a code goes on to the status URL: a name or phone typed here by mistake would
        # otherwise end up in the address and in the 404 line of the request log.
        code = normalise_code(self.cleaned_data["code"])
        if not RECEIPT_CODE.match(code):
            raise forms.ValidationError("That is not a receipt code. Receipt codes look like R-7K3M-9QXP-2D4F-HJ8A.")
        return code


class ReportFilterForm(forms.Form):
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    threat_type = forms.ChoiceField(label="Type", required=False, choices=[("", "Any"), *ThreatType.choices])
    channel = forms.ChoiceField(label="Channel", required=False, choices=[("", "Any"), *Channel.choices])
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any"), *Status.choices])


class LevelForm(forms.Form):
    level = forms.TypedChoiceField(label="Level", choices=[(n, f"{n}: {name}") for n, name in LEVEL_NAMES.items()], coerce=int)
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why the level should differ. Kept in the audit trail.",
    )


class RevealForm(ReasonForm):
    """The reason a liaison gives to read a referred report's original words for a while."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = "Why you need to read the original words of this report. It is kept in the audit trail."
