"""Pages for protected persons: a list without names, a record opened only with a reason."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from threatdesk.accounts.models import Role
from threatdesk.places.models import Office
from threatdesk.privacy import selectors, services
from threatdesk.privacy.access import may_keep_records
from threatdesk.privacy.forms import ProtectedPersonForm, ReasonForm
from threatdesk.privacy.models import ProtectedPerson


def _require_keeper(user: Any) -> None:
    """Only those who keep protected-person records know these pages exist."""
    if not may_keep_records(user):
        raise Http404("No such page")


def _offices_for(user: Any) -> Any:
    return Office.objects.order_by("name") if user.role == Role.ADMIN else None


def _save_error(form: forms.Form, exc: services.ProtectedPersonError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    _require_keeper(request.user)
    people = selectors.people_for(request.user).order_by("office__name", "kind", "created_at")
    return render(request, "privacy/person_list.html", {"people": people})


@login_required
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest) -> HttpResponse:
    _require_keeper(request.user)
    user: Any = request.user
    form = ProtectedPersonForm(request.POST or None, offices=_offices_for(user))
    if request.method == "POST" and form.is_valid() and form.person_in is not None:
        office = form.cleaned_data.get("office") or user.office
        try:
            person = services.protected_person_create(actor=user, office=office, data=form.person_in)
        except services.ProtectedPersonError as exc:
            _save_error(form, exc)
        else:
            messages.success(request, f"Added {person.public_code}. Reports of the state were redacted again.")
            return redirect("privacy:list")
    status = 422 if request.method == "POST" else 200
    return render(request, "privacy/person_form.html", {"form": form, "person": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def person_open(request: HttpRequest, code: str) -> HttpResponse:
    """GET asks why; POST with a reason records it and shows the record with its edit form."""
    _require_keeper(request.user)
    person = selectors.person_for(request.user, code)
    reason_form = ReasonForm(request.POST or None)
    if request.method == "POST" and reason_form.is_valid():
        try:
            services.protected_person_view(actor=request.user, person=person, reason=reason_form.cleaned_data["reason"])
        except services.ProtectedPersonError as exc:
            _save_error(reason_form, exc)
        else:
            form = ProtectedPersonForm(initial=ProtectedPersonForm.initial_for(person))
            return render(request, "privacy/person_form.html", {"form": form, "person": person})
    status = 422 if request.method == "POST" else 200
    return render(request, "privacy/person_reason.html", {"form": reason_form, "person": person}, status=status)


@login_required
@require_POST
def person_edit(request: HttpRequest, code: str) -> HttpResponse:
    _require_keeper(request.user)
    person = selectors.person_for(request.user, code)
    form = ProtectedPersonForm(request.POST)
    if form.is_valid() and form.person_in is not None:
        try:
            services.protected_person_update(actor=request.user, person=person, data=form.person_in)
        except services.ProtectedPersonError as exc:
            _save_error(form, exc)
        else:
            messages.success(request, f"Saved {person.public_code}.")
            return redirect("privacy:list")
    return render(request, "privacy/person_form.html", {"form": form, "person": person}, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def person_erase(request: HttpRequest, code: str) -> HttpResponse:
    """An erasure request: the person leaves every report's words, then the record goes."""
    _require_keeper(request.user)
    person: ProtectedPerson = selectors.person_for(request.user, code)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.protected_person_erase(actor=request.user, person=person, reason=form.cleaned_data["reason"])
        except services.ProtectedPersonError as exc:
            _save_error(form, exc)
        else:
            messages.success(request, f"Erased {code}: taken out of {changed} report{'s' if changed != 1 else ''}.")
            return redirect("privacy:list")
    status = 422 if request.method == "POST" else 200
    return render(request, "privacy/person_reason.html", {"form": form, "person": person, "erase": True}, status=status)
