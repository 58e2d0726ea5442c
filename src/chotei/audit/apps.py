from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "chotei.audit"
    verbose_name = "監査ログ"
