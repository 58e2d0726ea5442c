"""Corrections (訂正) of registered details and the staff's own notes on a case (issue #9)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from chotei import clock
from chotei.disputes.models.case import Case
from chotei.rules import corrections


class Correction(models.Model):
    """A recorded correction: the item, the value before and after, and why (DP-21, 令24条).

    Rows are only added; the corrected value lives on the case or party, its history here and in
    the ledger."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="corrections")
    party = models.ForeignKey("parties.Party", null=True, blank=True, on_delete=models.PROTECT)
    item = models.CharField("訂正した項目", max_length=40, choices=corrections.CHOICES)
    before = models.TextField("訂正前")
    after = models.TextField("訂正後")
    reason = models.TextField("訂正の理由")
    at = models.DateTimeField("訂正日時", default=clock.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        verbose_name = verbose_name_plural = "訂正"
        ordering = ["at", "id"]


class CaseNote(models.Model):
    """A staff-only note or a telephone call about a case; never shown to parties or members."""

    class Kind(models.TextChoices):
        NOTE = "note", "内部メモ"
        CALL = "call", "電話"

    class Direction(models.TextChoices):
        INCOMING = "in", "受信"
        OUTGOING = "out", "発信"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notes")
    kind = models.CharField("種別", max_length=10, choices=Kind.choices)
    direction = models.CharField("発着信", max_length=5, choices=Direction.choices, blank=True)
    counterpart = models.CharField("相手方", max_length=200, blank=True)
    text = models.TextField("内容")
    at = models.DateTimeField("日時", default=clock.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        verbose_name = verbose_name_plural = "内部メモ・電話記録"
        ordering = ["-at", "-id"]
