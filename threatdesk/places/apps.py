from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class PlacesConfig(AppConfig):
    name = "threatdesk.places"
    label = "places"
    verbose_name = "Places"

    def ready(self) -> None:
        from threatdesk.places import reference
        from threatdesk.places.models import County, State

        for model in (State, County):
            post_save.connect(reference.forget, sender=model, dispatch_uid=f"places-forget-save-{model.__name__}")
            post_delete.connect(reference.forget, sender=model, dispatch_uid=f"places-forget-delete-{model.__name__}")
        post_migrate.connect(reference.forget, dispatch_uid="places-forget-migrate")
