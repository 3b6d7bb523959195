"""Login, logout and authenticator enrolment pages."""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from threatdesk.accounts import services
from threatdesk.accounts.forms import LoginForm, TotpConfirmForm
from threatdesk.accounts.models import TOTPDevice, User


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def _qr_data_uri(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


@login_required
def totp_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show a QR code, then confirm with one code from the app."""
    user = request.user
    if not isinstance(user, User):  # login_required has already sent anyone else away
        raise PermissionDenied
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return render(request, "accounts/totp_done.html")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        if services.totp_confirm(user=user, device=device, token=form.cleaned_data["token"]):
            messages.success(request, "Your authenticator app is set up. You will be asked for a code when you log in.")
            return redirect("accounts:totp")
        form.add_error("token", "That code did not match. Check the time on your phone and try the newest code.")
    if device is None:
        device = services.totp_start(user=user)
    context = {"form": form, "qr": _qr_data_uri(device.config_url), "secret": base64.b32encode(device.bin_key).decode()}
    return render(request, "accounts/totp_setup.html", context)
