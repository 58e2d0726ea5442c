"""Staff roles and API tokens (職員・権限). Access is by role; no one holds every privilege (IM-02)."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", "事務局"
    CHAIR = "chair", "理事長"
    MEMBER = "member", "紛争処理委員"
    AUDITOR = "auditor", "監査担当"
    ADMIN = "admin", "システム管理者"
    INSURER = "insurer", "保険会社・共済組合"


class StaffProfile(models.Model):
    """A user's role; a committee member's link to the roster; an insurer user's organization."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name="利用者"
    )
    role = models.CharField("役割", max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        "parties.Organization", null=True, blank=True, on_delete=models.PROTECT, verbose_name="所属組織"
    )
    member = models.OneToOneField(
        "committee.CommitteeMember", null=True, blank=True, on_delete=models.PROTECT, verbose_name="委員"
    )

    class Meta:
        verbose_name = verbose_name_plural = "職員プロファイル"

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its SHA-256 is stored so a database leak reveals none."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="利用者"
    )
    name = models.CharField("名称", max_length=100)
    digest = models.CharField(max_length=64, unique=True, verbose_name="ダイジェスト（SHA-256）")
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="発行日時")
    revoked = models.BooleanField("失効", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "APIトークン"

    @classmethod
    def issue(cls, user: object, name: str) -> tuple[ApiToken, str]:
        raw = "ch_" + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, digest=token_digest(raw)), raw
