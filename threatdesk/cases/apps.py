from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "threatdesk.cases"
    label = "cases"
    verbose_name = "Cases"
