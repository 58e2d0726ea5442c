from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "chotei.accounts"
    verbose_name = "職員・権限"
