from django.apps import AppConfig


class LawsConfig(AppConfig):
    name = "threatdesk.laws"
    label = "laws"
    verbose_name = "Laws"

    def ready(self) -> None:
        # Read and check every statute file at start-up, so a bad file stops the site loudly
        # instead of breaking one page later.
        from threatdesk.laws import statutes

        statutes.all_files()
