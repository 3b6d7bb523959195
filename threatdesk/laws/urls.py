from django.urls import path

from threatdesk.laws import views

app_name = "laws"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/", views.guide, name="guide"),
    path("<str:code>/guide.pdf", views.guide_pdf, name="guide_pdf"),
]
