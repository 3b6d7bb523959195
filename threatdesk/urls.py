"""URL tree: public pages and the report form, signed-in pages, the API, the admin."""

from django.contrib import admin
from django.urls import include, path

from threatdesk.accounts import views as account_views
from threatdesk.api import api
from threatdesk.reports import views as report_views

admin.site.site_header = "threatdesk administration"

urlpatterns = [
    path("", report_views.home, name="home"),
    path("", include("threatdesk.reports.urls")),
    path("", include("threatdesk.cases.urls")),
    path("account/", include("threatdesk.accounts.urls")),
    path("protected-people/", include("threatdesk.privacy.urls")),
    path("access-log/", include("threatdesk.accesslog.urls")),
    path("laws/", include("threatdesk.laws.urls")),
    path("guidance/", include("threatdesk.assessment.urls")),
    path("api/", api.urls),
    # The admin's own sign-in form asks for no authenticator code: everyone signs in at one place,
    # which does (an administrator with an app set up must give a code there, as everyone else).
    path("admin/login/", account_views.admin_sign_in, name="admin_sign_in"),
    path("admin/", admin.site.urls),
]
