from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "chotei.audit"
    verbose_name = "監査ログ"

    def ready(self) -> None:
        from chotei.audit import chain

        connection_created.connect(chain.register_sqlite_function, dispatch_uid="chotei_chain_sqlite")
        # After every migrate, not in one migration: a later migration that rebuilds a guarded table
        # (SQLite's ALTER) would otherwise drop its triggers without a word.
        post_migrate.connect(chain.install_guards_after_migrate, dispatch_uid="chotei_chain_guards")
