from django.apps import AppConfig


class CommitteeConfig(AppConfig):
    name = "chotei.committee"
    verbose_name = "紛争処理委員"
