from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "threatdesk.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from threatdesk.accounts.registry import register_personal_cookie
        from threatdesk.privacy import registry
        from threatdesk.reports import evidence, redaction, retention, views

        registry.register_file_rotator(evidence.rotate_evidence_files)
        registry.register_people_listener(redaction.redo_state)
        registry.register_person_eraser(redaction.erase_person)
        for shredder in retention.SHREDDERS:
            registry.register_shredder(shredder)
        register_personal_cookie(views.FILED_COOKIE, views.FILED_COOKIE_PATH)
