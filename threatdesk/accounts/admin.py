from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy

from threatdesk.accounts.models import ApiToken, TOTPDevice, User
from threatdesk.accounts.services import (
    check_app_change,
    check_keeps_an_administrator,
    check_scope,
    token_revoke,
    totp_admin_saved,
    totp_remove,
    user_admin_saved,
    user_password_set,
    users_delete,
)
from threatdesk.privacy.fields import EncryptedEmailField, EncryptedLineField


class UserForm(UserChangeForm):  # type: ignore[type-arg]
    """The admin's user form holds each role to its scope, as `user_create` does, and keeps one
    active administrator at least."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "role" in data:
            check_scope(role=data["role"], office=data.get("office"), agency=data.get("agency"), state=data.get("state"))
            check_keeps_an_administrator(user=self.instance, role=data["role"], is_active=bool(data.get("is_active")))
        return data


def _without_staff_flags(fieldsets: Any) -> tuple[Any, ...]:
    """Django's fieldsets less staff and superuser status: they follow the role (`user_admin_saved`)."""
    dropped = {"is_staff", "is_superuser"}
    return tuple((name, {**opts, "fields": [f for f in opts["fields"] if f not in dropped]}) for name, opts in fieldsets)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserForm
    list_display = ("username", "role", "office", "agency", "state", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("username",)  # names and addresses are sealed, so nothing can match them
    fieldsets = (
        *_without_staff_flags(BaseUserAdmin.fieldsets or ()),
        ("Role and scope", {"fields": ("role", "office", "agency", "state")}),
    )
    autocomplete_fields = ("office", "agency", "state")
    # The admin gives every text column a text area; names and addresses are one line.
    formfield_overrides = {
        EncryptedLineField: {"widget": widgets.AdminTextInputWidget},
        EncryptedEmailField: {"widget": widgets.AdminEmailInputWidget},
    }

    actions = ("delete_selected",)

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        user_admin_saved(actor=request.user, user=obj, changed=list(form.changed_data), created=not change)

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        users_delete(actor=request.user, users=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        users_delete(actor=request.user, users=list(queryset))

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        """Django's page, with a refusal from `users_delete` shown as a message (nothing deleted)."""
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return redirect("admin:accounts_user_change", object_id)

    @admin.action(description=gettext_lazy("Delete selected %(verbose_name_plural)s"), permissions=["delete"])
    def delete_selected(self, request: HttpRequest, queryset: QuerySet[User]) -> HttpResponseBase | None:
        """Django's bulk delete, with a refusal from `users_delete` shown as a message (nothing deleted)."""
        try:
            with transaction.atomic():
                return django_delete_selected(self, request, queryset)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return None

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        response = super().user_change_password(request, id, form_url)
        user = self.get_object(request, id)
        if request.method == "POST" and response.status_code == 302 and user is not None:  # the new password was saved
            user_password_set(actor=request.user, user=user)
        return response


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens to look at and revoke, nothing else: a token is issued by `manage.py create_token`
    (the one place that shows it), its owner and expiry are fixed then, and revoking goes through
    the audited service and cannot be undone. Deleting would drop the record without a trace."""

    list_display = ("prefix", "name", "user", "created_at", "last_used_at", "expires_at", "revoked")
    list_filter = ("revoked",)
    readonly_fields = ("user", "name", "prefix", "digest", "created_at", "last_used_at", "expires_at", "revoked")
    actions = ("revoke",)

    @admin.action(description="Revoke the selected tokens", permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        done = sum(token_revoke(actor=request.user, token=token) for token in queryset.select_related("user"))
        self.message_user(request, f"{done} token(s) revoked.")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False


class TOTPDeviceForm(ModelForm):  # type: ignore[type-arg]
    """An app may be switched off here, never on: only its owner confirms it, with a code."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_app_change(was_confirmed=self.instance.confirmed, confirmed=bool(data.get("confirmed")))
        return data


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):
    """Who has an authenticator app, and a way to switch off or remove a lost one, audited through
    the services. The secret is never shown, and apps are added only by their owner, on the
    two-factor page."""

    form = TOTPDeviceForm
    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__username",)
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = ("user", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: TOTPDevice, form: Any, change: bool) -> None:
        totp_admin_saved(actor=request.user, device=obj)

    def delete_model(self, request: HttpRequest, obj: TOTPDevice) -> None:
        totp_remove(actor=request.user, devices=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[TOTPDevice]) -> None:
        totp_remove(actor=request.user, devices=list(queryset.select_related("user")))
