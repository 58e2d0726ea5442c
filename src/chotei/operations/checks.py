"""System checks that stop a misconfigured installation before it serves anyone (issue #10 item 5)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

# The key earlier versions fell back to; it is public, so nothing may run on it.
PUBLISHED_DEV_KEY = "chotei-dev-only-not-for-production"


@register(Tags.security)
def secret_key_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    key = settings.SECRET_KEY
    if key == PUBLISHED_DEV_KEY and not settings.DEBUG:
        return [
            Error(
                "公開されている開発用の SECRET_KEY では起動できません",
                hint="CHOTEI_SECRET_KEY に50文字以上の乱数を設定してください",
                id="chotei.E001",
            )
        ]
    if getattr(settings, "PRODUCTION", False) and len(key) < 50:
        return [
            Error(
                "本番設定（CHOTEI_DEPLOYMENT=production）には50文字以上の CHOTEI_SECRET_KEY が必要です",
                hint="全てのアプリケーションサーバに同じ値を設定してください",
                id="chotei.E002",
            )
        ]
    return []


@register(Tags.security)
def production_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if not getattr(settings, "PRODUCTION", False):
        return []
    errors = []
    if settings.DEBUG:
        errors.append(Error("本番設定では CHOTEI_DEBUG を有効にできません", id="chotei.E003"))
    if not set(settings.ALLOWED_HOSTS) - {"127.0.0.1", "localhost", "testserver"}:
        errors.append(
            Error(
                "本番設定では CHOTEI_ALLOWED_HOSTS に公開するホスト名を設定してください",
                id="chotei.E004",
            )
        )
    return errors


@register()
def documents_storage_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """CHOTEI_STORAGE=s3 without a bucket would fail at the first notice, not at start."""
    documents: Any = settings.STORAGES.get("documents", {})
    options: dict[str, Any] = documents.get("OPTIONS", {})
    if documents.get("BACKEND") == "storages.backends.s3.S3Storage" and not options.get("bucket_name"):
        return [
            Error(
                "CHOTEI_STORAGE=s3 には保管先のバケット名（CHOTEI_S3_BUCKET）が必要です",
                hint="docs/deploy.md の「Document files」を参照してください",
                id="chotei.E005",
            )
        ]
    return []
