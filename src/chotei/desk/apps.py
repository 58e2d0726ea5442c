from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "chotei.desk"
    verbose_name = "事務局デスク"
