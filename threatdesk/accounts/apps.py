from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "threatdesk.accounts"
    label = "accounts"
    verbose_name = "Accounts"
