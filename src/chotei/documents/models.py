"""Issued documents (書面), their model texts and electronic-delivery consents."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from chotei import clock
from chotei.documents.files import DocumentStorage
from chotei.rules.notices.kinds import NoticeKind, kind_label

# The admin and any form show the notice's title, never its code (issue 9 item 5).
KIND_CHOICES = [(k.value, kind_label(k)) for k in NoticeKind]


class NoticeTemplate(models.Model):
    """文例 (CP-05): fixed sentences of a notice kind, versioned; effective only once a second
    person (not the author) approved it."""

    kind = models.CharField("文書の種類", max_length=30, choices=KIND_CHOICES)
    version = models.PositiveIntegerField("版")
    text = models.TextField("本文")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="作成者",
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="承認者",
    )
    approved_at = models.DateTimeField("承認日時", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "文例"
        constraints = [models.UniqueConstraint(fields=["kind", "version"], name="template_version_unique")]
        ordering = ["kind", "-version"]


class PaymentClaim(models.Model):
    """An insurer's or co-op's claim decision that payment notices are made from (PN-01..PN-08)."""

    insurer = models.ForeignKey(
        "parties.Organization",
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name="保険会社・共済組合",
    )
    claimant = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="claims", verbose_name="請求者"
    )
    reference = models.CharField("請求番号", max_length=50)
    data = models.JSONField("請求内容")
    coop = models.BooleanField("共済", default=False)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "保険金等の請求"


class IssuedDocument(models.Model):
    """A notice as issued: immutable PDF with its SHA-256; re-issue makes a new version (DP-20)."""

    class Channel(models.TextChoices):
        POST = "post", "郵送"
        ELECTRONIC = "electronic", "電子"

    case = models.ForeignKey(
        "disputes.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name="事案",
    )
    claim = models.ForeignKey(
        PaymentClaim,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name="保険金等の請求",
    )
    # The step (its ledger line) whose queued task issued this notice; empty for a re-issue or a
    # payment notice. One notice per step, kind and addressee, so a task run twice issues once.
    step = models.ForeignKey(
        "disputes.LedgerLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notices",
        verbose_name="発出の契機となった手続（帳簿の行）",
    )
    kind = models.CharField("文書の種類", max_length=30, choices=KIND_CHOICES)
    addressee_side = models.CharField("宛先の立場", max_length=20, blank=True)
    version = models.PositiveIntegerField("版", default=1)
    document_number = models.CharField("文書番号", max_length=60, unique=True)
    title = models.CharField("件名", max_length=200)
    addressee = models.CharField("宛先", max_length=420)
    addressee_party = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.PROTECT, verbose_name="宛先の当事者"
    )
    channel = models.CharField("送付方法", max_length=12, choices=Channel.choices)
    dispatch_date = models.DateField("発送日")
    # The PDF in the documents storage (chotei.documents.files); empty once disposed (DP-20).
    file = models.FileField("文書ファイル（PDF）", storage=DocumentStorage(), max_length=255, blank=True)
    sha256 = models.CharField("ハッシュ値（SHA-256）", max_length=64)
    template = models.ForeignKey(
        NoticeTemplate, null=True, blank=True, on_delete=models.PROTECT, verbose_name="文例"
    )
    template_version = models.PositiveIntegerField("文例の版", default=0)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, verbose_name="発出者"
    )
    issued_at = models.DateTimeField("発出日時", default=clock.now)
    first_opened_at = models.DateTimeField("初回閲覧日時", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "発出文書"
        ordering = ["issued_at", "id"]
        indexes = [models.Index(fields=["case", "kind", "addressee_side", "version"], name="doc_case_idx")]
        constraints = [
            models.UniqueConstraint(fields=["step", "kind", "addressee_side"], name="doc_once_per_step")
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The PDF and its digest are fixed at issue; only the first-opened time may be set later.
        if self.pk is not None and set(kwargs.get("update_fields") or ()) != {"first_opened_at"}:
            raise PermissionError("発出済みの文書は変更できません（再発行してください）")
        super().save(*args, **kwargs)


class DeliveryConsent(models.Model):
    """電磁的方法による提供の承諾 (PN-04, PN-05, 令5-6条): shown method and format, and the answer."""

    party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="consents", verbose_name="当事者"
    )
    method = models.CharField("方法", max_length=200)
    file_format = models.CharField("ファイル形式", max_length=50, default="PDF")
    consented = models.BooleanField("承諾")
    at = models.DateTimeField("日時", auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, verbose_name="記録者"
    )

    class Meta:
        verbose_name = verbose_name_plural = "電磁的方法の承諾"
        ordering = ["-at", "-id"]


class DocumentNumberSequence(models.Model):
    """Per prefix and calendar year, the last document number given; locked when numbering."""

    prefix = models.CharField("文書番号の冠字", max_length=10)
    year = models.PositiveSmallIntegerField("年")
    last = models.PositiveIntegerField("最後の番号", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "文書番号の採番"
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="docseq_unique")]


class Mailing(models.Model):
    """The posting of a paper notice (発送簿): its dispatch date is the day it is recorded as mailed,
    not the day it was generated; registered mail carries its number (issue #9 item 7)."""

    document = models.OneToOneField(
        IssuedDocument, on_delete=models.PROTECT, related_name="mailing", verbose_name="発出文書"
    )
    mailed_on = models.DateField("発送日")
    registered_number = models.CharField("書留番号", max_length=30, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="記録者",
    )
    recorded_at = models.DateTimeField("記録日時", default=clock.now)

    class Meta:
        verbose_name = verbose_name_plural = "発送簿"
        ordering = ["mailed_on", "id"]
        indexes = [models.Index(fields=["mailed_on", "id"], name="mailing_day_idx")]
