from django.apps import AppConfig


class AccessLogConfig(AppConfig):
    name = "threatdesk.accesslog"
    label = "accesslog"
    verbose_name = "Access log"
