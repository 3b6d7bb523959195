from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "threatdesk.assessment"
    label = "assessment"
    verbose_name = "Assessment"
