from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "threatdesk.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # The API's rate limits (threatdesk.accounts.throttle) count in the cache, a database table
        # outside tests: migrate creates it.
        from threatdesk.lib.cachetable import create_cache_tables

        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="threatdesk-cache-tables")
