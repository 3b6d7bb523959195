from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "threatdesk.privacy"
    label = "privacy"
    verbose_name = "Privacy"
