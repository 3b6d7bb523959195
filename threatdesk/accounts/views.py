"""Login, logout and authenticator enrolment pages."""

from __future__ import annotations

import base64
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_otp import login as otp_login

from threatdesk.accounts import services
from threatdesk.accounts.forms import LoginForm, TotpConfirmForm
from threatdesk.accounts.middleware import second_factor_missing
from threatdesk.accounts.models import TOTPDevice, User
from threatdesk.accounts.registry import forget_personal_cookies


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        return forget_personal_cookies(super().form_valid(form))


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return forget_personal_cookies(super().post(request, *args, **kwargs))


def admin_sign_in(request: HttpRequest) -> HttpResponse:
    """Where the admin sends whoever it will not serve. Its own form asks for no authenticator
    code, so a signed-out visitor goes to the site's one sign-in, which does. A signed-in user the
    admin refused may not use it at all: sending them to sign in again would only bounce them
    back (sign-in passes a signed-in user on to `next`), so they get the site's not-found page."""
    user = request.user
    if user.is_authenticated and user.is_active and user.is_staff:
        return redirect("admin:index")
    if user.is_authenticated:
        raise Http404("The admin is for administrators.")
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("accounts:login") + (f"?{query}" if query else ""))


def _qr_data_uri(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


@login_required
def totp_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app (a QR code, then one code from the app to confirm it), or, for a
    user who has one, give a code to verify this session (a deployment may require it of staff)."""
    user = request.user
    if not isinstance(user, User):  # login_required has already sent anyone else away
        raise PermissionDenied
    enrolled = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if enrolled is not None:
        if second_factor_missing(user):
            return _verify_session(request, enrolled)
        return render(request, "accounts/totp_done.html")
    device = _enrolment_of_this_session(request, user)
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        if services.totp_confirm(user=user, device=device, token=form.cleaned_data["token"]):
            request.session.pop(ENROLMENT_KEY, None)
            otp_login(request, device)  # the code just given verifies this session too
            messages.success(request, "Your authenticator app is set up. You will be asked for a code when you log in.")
            return redirect("accounts:totp")
        form.add_error("token", WRONG_CODE)
    if device is None:
        device = services.totp_start(user=user)
        request.session[ENROLMENT_KEY] = device.pk
    context = {
        "form": form,
        "qr": _qr_data_uri(device.config_url),
        "secret": base64.b32encode(device.bin_key).decode(),
        "required": settings.REQUIRE_TWO_FACTOR and second_factor_missing(user),
    }
    return render(request, "accounts/totp_setup.html", context)


WRONG_CODE = "That code did not match. Check the time on your phone and try the newest code."

# The unconfirmed app whose secret this session was shown. Only that session may confirm it:
# someone else who opened the page with the same password (and kept the secret) must not have
# the owner confirm a secret they hold too.
ENROLMENT_KEY = "totp_enrolment_device"


def _enrolment_of_this_session(request: HttpRequest, user: User) -> TOTPDevice | None:
    """The unconfirmed app this session was shown, if it is still the user's newest; None when
    the session was shown none (or another session has since started one), so a new one is made."""
    device_id = request.session.get(ENROLMENT_KEY)
    if device_id is None:
        return None
    return TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()


def _verify_session(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    """A code from the enrolled app, for a session that has not given one (signed in before the
    app was set up, say)."""
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verified = services.totp_verify(device=device, token=form.cleaned_data["token"])
        if verified is not None:
            otp_login(request, verified)
            return redirect("reports:home")
        form.add_error("token", WRONG_CODE)
    return render(request, "accounts/totp_verify.html", {"form": form})
