from django.urls import path

from threatdesk.assessment import views

app_name = "guidance"
urlpatterns = [
    path("", views.guidance_index, name="index"),
    path("<slug:slug>/", views.guidance_situation, name="situation"),
]
