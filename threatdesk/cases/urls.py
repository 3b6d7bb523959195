from django.urls import path

from threatdesk.cases import views

app_name = "cases"
urlpatterns = [
    path("reports/<str:code>/refer/", views.refer, name="refer"),
    path("reports/<str:code>/packet/", views.packet, name="packet"),
    path("reports/<str:code>/stix.json", views.stix, name="stix"),
]
