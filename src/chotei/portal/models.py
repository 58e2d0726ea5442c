"""Party accounts (利用者) of the portal and their application drafts; staff accounts stay apart."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from chotei import clock
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


class Message(models.Model):
    """A message between a party and the secretariat (OD-01). It hangs on a case today; the thread
    of a complaint will hang on the complaint the same way, so the sender is recorded by what it is
    (a party record, an organisation, or the secretariat) and the thread by the side it belongs to:
    the applicant and the respondent never read each other's messages."""

    case = models.ForeignKey("disputes.Case", on_delete=models.PROTECT, related_name="messages")
    side = models.CharField("当事者の立場", max_length=20)
    from_secretariat = models.BooleanField("事務局から", default=False)
    sender_party = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sender_organization = models.ForeignKey(
        "parties.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField("本文")
    sent_at = models.DateTimeField("送信日時", default=clock.now)
    # Read by the other end: the secretariat for a party's message, the party for the secretariat's.
    read_at = models.DateTimeField("既読日時", null=True, blank=True)
    # A double click or a retry carries the same token as the first submit and finds its message.
    token = models.UUIDField(unique=True, null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "事務局とのメッセージ"
        indexes = [models.Index(fields=["case", "side", "sent_at"], name="message_thread_idx")]


class MessageAttachment(models.Model):
    """A file sent with a message, checked as evidence is (type by content, size, virus; DP-03)."""

    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="attachments")
    file_name = models.CharField("ファイル名", max_length=200)
    content_type = models.CharField("ファイルの種類", max_length=100)
    # In the documents storage like every other received file (issue #10 item 6); the row keeps
    # its SHA-256, which chotei verify checks against the file.
    file = models.FileField("内容", storage=DocumentStorage(), max_length=255)
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = verbose_name_plural = "メッセージの添付ファイル"


class AlertSent(models.Model):
    """An e-mail alert sent to an account, once per subject (a notice, a deadline): the task that
    sends it may run again after a worker died and must not mail twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    sent_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = verbose_name_plural = "送信したメール通知"
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="alert_once")]
