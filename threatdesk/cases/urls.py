from django.urls import path

from threatdesk.cases import views

app_name = "cases"
urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("figures/", views.figures, name="figures"),
    path("reports/<str:code>/status/", views.status, name="status"),
    path("reports/<str:code>/assign/", views.assign, name="assign"),
    path("reports/<str:code>/refer/", views.refer, name="refer"),
    path("reports/<str:code>/link/", views.link, name="link"),
    path("reports/<str:code>/merge/", views.merge, name="merge"),
    path("reports/<str:code>/case-number/", views.case_number, name="case_number"),
    path("reports/<str:code>/steps/", views.step, name="step"),
    path("reports/<str:code>/packet/", views.packet, name="packet"),
    path("reports/<str:code>/stix.json", views.stix, name="stix"),
]
