from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from threatdesk.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "role", "office", "agency", "state", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Role and scope", {"fields": ("role", "office", "agency", "state")}))
    autocomplete_fields = ("office", "agency", "state")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "name", "user", "created_at", "last_used_at", "revoked")
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at")
