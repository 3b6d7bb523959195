from django.urls import path

from threatdesk.reports import views

app_name = "reports"
urlpatterns = [
    path("report/", views.report_new, name="new"),
    path("report/receipt/<str:code>/", views.receipt, name="receipt"),
    path("status/", views.status_lookup, name="status_lookup"),
    path("status/<str:code>/", views.status, name="status"),
    path("reports/", views.report_list, name="home"),
    path("reports/<str:code>/", views.report_detail, name="detail"),
    path("reports/<str:code>/evidence/<str:evidence_code>/", views.evidence_download, name="evidence"),
    path("reports/<str:code>/reveal/", views.report_reveal, name="reveal"),
    path("reports/<str:code>/level/", views.report_level, name="level"),
]
