"""Append-only audit log (監査ログ): every change and every opening of case documents (DP-22, IM-01)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from chotei import clock
from chotei.audit.chain import ChainedRow


class AuditEvent(ChainedRow):
    append_only_message = "監査ログは追記のみです（規程第22条）"
    chain_fields = ("at", "actor_id", "event_type", "case_id", "payload")

    class Type(models.TextChoices):
        CASE_CREATED = "case.created", "事案受付"
        CASE_STEP = "case.step", "状態変更"
        CASE_CHANGED = "case.changed", "事案記録"
        CASE_VIEWED = "case.viewed", "事案閲覧"
        DOCUMENT_ISSUED = "document.issued", "文書発出"
        DOCUMENT_OPENED = "document.opened", "文書閲覧"
        DOCUMENT_MAILED = "document.mailed", "文書発送"
        SUBMISSION_OPENED = "submission.opened", "提出書類閲覧"
        MESSAGE_READ = "message.read", "メッセージ閲覧"
        CLAIM_REGISTERED = "claim.registered", "保険金等の請求の登録"
        PANEL_APPOINTED = "panel.appointed", "委員会指名"
        MEETING = "meeting", "期日"
        ROSTER = "roster", "委員名簿"
        TEMPLATE = "template", "文例"
        CONSENT = "consent", "電磁的方法の承諾"
        LEDGER_EXPORTED = "ledger.exported", "帳簿出力"
        AUDIT_EXPORTED = "audit.exported", "監査ログ出力"
        RETENTION = "retention", "保存期間"
        LOGIN = "login", "ログイン"
        LOGIN_FAILED = "login.failed", "ログイン失敗"
        PRIVILEGE = "privilege", "権限の変更"
        VERIFIED = "records.verified", "記録の検証"
        # IM-01, IM-06: what was refused is evidence of probing just as an opening is of reading.
        ACCESS_REFUSED = "access.refused", "拒否されたアクセス"
        ACCESS_FLAGGED = "access.flagged", "拒否の多発"

        API_TOKEN = "api_token", "APIトークン"

    # Set before saving (not auto_now_add) so the hash chain covers the time.
    at = models.DateTimeField(default=clock.now, db_index=True, verbose_name="日時")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, verbose_name="操作者"
    )
    event_type = models.CharField(max_length=40, choices=Type.choices, verbose_name="種別")
    # A plain id, not a foreign key: the log must outlive any disposal of the case it speaks of.
    case_id = models.BigIntegerField(null=True, blank=True, db_index=True, verbose_name="事案（内部番号）")
    payload = models.JSONField(default=dict, verbose_name="内容")

    class Meta:
        verbose_name = verbose_name_plural = "監査ログ"
        ordering = ["-at", "-id"]
        # Each refusal counts the user's refusals of the hour (audit.services.access_refused_record).
        indexes = [models.Index(fields=["actor", "event_type", "at"], name="audit_actor_type_at_idx")]
