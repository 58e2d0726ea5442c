"""Party accounts (利用者) of the portal and their application drafts; staff accounts stay apart."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from chotei.documents.files import DocumentStorage


class PartyAccount(models.Model):
    """A portal user: a victim, insured person or agent. Never a staff member (IM-01, IM-02)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="party_account"
    )
    # The party records this account speaks for: its own, or those it represents as 代理人. A case
    # is this account's when one of them is a party or an agent on it; nothing else is.
    parties = models.ManyToManyField("parties.Party", blank=True, related_name="portal_accounts")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "ポータル利用者"

    def __str__(self) -> str:
        return str(self.user)


class ApplicationDraft(models.Model):
    """A guided application in progress (OD-01): saved at every step so it can be resumed."""

    account = models.ForeignKey(PartyAccount, on_delete=models.CASCADE, related_name="drafts")
    data = models.JSONField(default=dict)
    step = models.CharField(max_length=30, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Submitting twice (a double click, a retry) finds the case already made and files nothing more.
    case = models.OneToOneField(
        "disputes.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="portal_draft"
    )

    class Meta:
        verbose_name = verbose_name_plural = "電子申請の下書き"


class AgentMandate(models.Model):
    """委任状: the document by which a party mandated its agent (代理人) on a case, as uploaded by the
    agent's account; kept with its SHA-256 like any submission (DP-02, DP-03)."""

    case_party = models.ForeignKey("disputes.CaseParty", on_delete=models.PROTECT, related_name="mandates")
    agent_kind = models.CharField("代理人の種類", max_length=20)
    file_name = models.CharField("ファイル名", max_length=200)
    content_type = models.CharField("ファイルの種類", max_length=100)
    file = models.FileField("内容", storage=DocumentStorage(), max_length=255)
    sha256 = models.CharField(max_length=64)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "代理人の委任状"
