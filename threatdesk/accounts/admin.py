from django.contrib import admin
from django.contrib.admin import widgets
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from threatdesk.accounts.models import ApiToken, TOTPDevice, User
from threatdesk.accounts.services import token_revoke
from threatdesk.privacy.fields import EncryptedEmailField, EncryptedLineField


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "role", "office", "agency", "state", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("username",)  # names and addresses are sealed, so nothing can match them
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Role and scope", {"fields": ("role", "office", "agency", "state")}))
    autocomplete_fields = ("office", "agency", "state")
    # The admin gives every text column a text area; names and addresses are one line.
    formfield_overrides = {
        EncryptedLineField: {"widget": widgets.AdminTextInputWidget},
        EncryptedEmailField: {"widget": widgets.AdminEmailInputWidget},
    }


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "name", "user", "created_at", "last_used_at", "expires_at", "revoked")
    list_filter = ("revoked",)
    # The expiry is fixed when the token is issued: shorten a token's life by revoking it, with
    # the action, which goes through the audited service and cannot be undone.
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at", "expires_at", "revoked")
    actions = ("revoke",)

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        done = sum(token_revoke(actor=request.user, token=token) for token in queryset.select_related("user"))
        self.message_user(request, f"{done} token(s) revoked.")

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Tokens are issued by `manage.py create_token`, the one place that shows the token."""
        return False


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):
    """Who has an authenticator app, and a way to remove a lost one. The secret is never shown,
    and apps are added only by their owner, on the two-factor page."""

    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__username",)
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = ("user", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
