from django.urls import path

from threatdesk.accesslog import views

app_name = "accesslog"
urlpatterns = [
    path("", views.access_log, name="index"),
]
