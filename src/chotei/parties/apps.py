from django.apps import AppConfig


class PartiesConfig(AppConfig):
    name = "chotei.parties"
    verbose_name = "当事者"
