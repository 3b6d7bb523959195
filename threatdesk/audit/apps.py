from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "threatdesk.audit"
    label = "audit"
    verbose_name = "Audit"
