from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "chotei.portal"
    verbose_name = "ODRポータル"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from chotei.portal import accounts  # noqa: F401  (connects the login audit)
