from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "chotei.accounts"
    verbose_name = "職員・権限"

    def ready(self) -> None:
        from chotei.accounts import signals  # noqa: F401 — connects the audit hooks
