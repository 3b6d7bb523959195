from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "threatdesk.places"
    label = "places"
    verbose_name = "Places"
