from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "threatdesk.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from threatdesk.privacy import registry
        from threatdesk.reports import evidence

        registry.register_file_rotator(evidence.rotate_evidence_files)
