"""Login (password plus a TOTP code once the user has enrolled one) and TOTP enrolment."""

from __future__ import annotations

from typing import Any

from django import forms
from django_otp import user_has_device
from django_otp.forms import OTPAuthenticationForm

from threatdesk.accounts.models import TOTPDevice


class LoginForm(OTPAuthenticationForm):
    """Django's login with django-otp's token field; the token is only asked of enrolled users."""

    otp_token = forms.CharField(
        required=False,
        label="Authenticator code",
        help_text="Only if you have set up an authenticator app.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    # django-otp's name for an alternate submit button, not something to type into.
    otp_challenge = forms.CharField(required=False, widget=forms.HiddenInput)
    # Users enrol one authenticator app; clean_otp picks it, so there is nothing to choose.
    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # No autofocus: keyboard and screen reader users start at the top, with the skip link.
        self.fields["username"].widget.attrs.pop("autofocus", None)

    def clean_otp(self, user: Any) -> None:
        # django-otp demands a token from everyone; only users with a confirmed device have one.
        if user is not None and user_has_device(user, confirmed=True):
            if not self.cleaned_data.get("otp_device"):
                # django-otp wants the device chosen; a code typed without a choice is for the app.
                app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
                self.cleaned_data["otp_device"] = app.persistent_id if app else ""
            super().clean_otp(user)


class TotpConfirmForm(forms.Form):
    token = forms.CharField(
        label="Code from your authenticator app",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
