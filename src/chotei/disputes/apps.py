from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "chotei.disputes"
    verbose_name = "紛争処理"
