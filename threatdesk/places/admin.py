from django.contrib import admin

from threatdesk.places.models import Agency, County, Office, State


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "fips", "is_territory")
    search_fields = ("code", "name")


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ("name", "state", "fips", "time_zone")
    list_filter = ("state", "time_zone")
    search_fields = ("name", "fips")


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "state", "county", "public_code")
    list_filter = ("level", "state")
    search_fields = ("name",)
    autocomplete_fields = ("state", "county")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "state", "public_code")
    list_filter = ("kind", "state")
    search_fields = ("name",)
    autocomplete_fields = ("state", "county", "covers_states")
