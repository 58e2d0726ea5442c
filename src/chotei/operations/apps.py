from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """運用 — backup, restore and the other work an operator does on the whole installation."""

    name = "chotei.operations"
    verbose_name = "運用"

    def ready(self) -> None:
        from chotei.operations import checks  # noqa: F401 — registers the system checks
