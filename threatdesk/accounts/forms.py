"""Login (password plus a TOTP code once the user has enrolled one) and TOTP enrolment."""

from __future__ import annotations

from django import forms
from django_otp.forms import OTPAuthenticationForm


class LoginForm(OTPAuthenticationForm):
    """Django's login with django-otp's token field; the token is only asked of enrolled users."""

    otp_token = forms.CharField(
        required=False,
        label="Authenticator code",
        help_text="Only if you have set up an authenticator app.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class TotpConfirmForm(forms.Form):
    token = forms.CharField(
        label="Code from your authenticator app",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
