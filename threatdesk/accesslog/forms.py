from __future__ import annotations

from django import forms

from threatdesk.accesslog.kinds import KINDS


class AccessFilterForm(forms.Form):
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    account = forms.CharField(label="Account", required=False, max_length=80, help_text="A username, as typed at sign-in.")
    kind = forms.ChoiceField(label="Access", required=False, choices=[("", "Any"), *((k.key, k.label) for k in KINDS)])
