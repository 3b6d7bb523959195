from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "threatdesk.cases"
    label = "cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        from threatdesk.cases import erasure, notifications, outbox
        from threatdesk.privacy import registry
        from threatdesk.reports import listeners

        listeners.register_submitted_listener(notifications.notify_urgent_report)
        listeners.register_level_listener(notifications.notify_urgent_report)
        listeners.register_filer_erased_listener(outbox.forget_erased_filers)
        listeners.register_filer_erased_listener(erasure.take_filer_out_of_steps)
        outbox.register_recipient_check(notifications.still_chosen)
        registry.register_person_eraser(erasure.erase_person_from_steps)
        registry.register_shredder(erasure.STEP_DETAILS_SHREDDER)
