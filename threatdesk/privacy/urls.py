from django.urls import path

from threatdesk.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_new, name="new"),
    path("<str:code>/", views.person_open, name="open"),
    path("<str:code>/edit/", views.person_edit, name="edit"),
    path("<str:code>/erase/", views.person_erase, name="erase"),
]
