from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "chotei.documents"
    verbose_name = "文書"
