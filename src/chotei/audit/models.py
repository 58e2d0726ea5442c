"""Append-only audit log (監査ログ): every change and every opening of case documents (DP-22, IM-01)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    class Type(models.TextChoices):
        CASE_CREATED = "case.created", "事案受付"
        CASE_STEP = "case.step", "状態変更"
        CASE_CHANGED = "case.changed", "事案記録"
        CASE_VIEWED = "case.viewed", "事案閲覧"
        DOCUMENT_ISSUED = "document.issued", "文書発出"
        DOCUMENT_OPENED = "document.opened", "文書閲覧"
        PANEL_APPOINTED = "panel.appointed", "委員会指名"
        MEETING = "meeting", "期日"
        ROSTER = "roster", "委員名簿"
        TEMPLATE = "template", "文例"
        CONSENT = "consent", "電磁的方法の承諾"
        LEDGER_EXPORTED = "ledger.exported", "帳簿出力"
        RETENTION = "retention", "保存期間"
        LOGIN = "login", "ログイン"
        # IM-01, IM-06: what was refused is evidence of probing just as an opening is of reading.
        ACCESS_REFUSED = "access.refused", "拒否されたアクセス"
        ACCESS_FLAGGED = "access.flagged", "拒否の多発"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    event_type = models.CharField(max_length=40, choices=Type.choices)
    # A plain id, not a foreign key: the log must outlive any disposal of the case it speaks of.
    case_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    payload = models.JSONField(default=dict)

    class Meta:
        verbose_name = verbose_name_plural = "監査ログ"
        ordering = ["-at", "-id"]
        # Each refusal counts the user's refusals of the hour (audit.services.access_refused_record).
        indexes = [models.Index(fields=["actor", "event_type", "at"], name="audit_actor_type_at_idx")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("監査ログは追記のみです（規程第22条）")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("監査ログは削除できません（規程第22条）")
