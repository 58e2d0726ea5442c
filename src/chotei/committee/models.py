"""Committee members (紛争処理委員), their appointments and interest declarations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q

from chotei.rules import offices, panel


def serving_q(on: dt.date) -> Q:
    """CM-02: in office on ``on`` — approved (or appointed in an emergency) and commissioned by then.

    A member loaded without a commission date counts as commissioned before the records began."""
    return Q(active=True) & (Q(commissioned_on__isnull=True) | Q(commissioned_on__lte=on))


class MemberQuerySet(models.QuerySet["CommitteeMember"]):
    def serving(self, on: dt.date) -> MemberQuerySet:
        return self.filter(serving_q(on))

    def with_serving(self, on: dt.date) -> MemberQuerySet:
        """Each member annotated ``serving`` (bool), from the same condition as ``serving``."""
        return self.annotate(serving=ExpressionWrapper(serving_q(on), output_field=BooleanField()))


class CommitteeMember(models.Model):
    """紛争処理委員 — placed at one office (CM-01), with a qualification used by DP-11."""

    name = models.CharField("氏名", max_length=100)
    name_kana = models.CharField("ふりがな", max_length=100, blank=True)
    office = models.CharField("所属", max_length=10, choices=offices.OFFICE_CHOICES)
    qualification = models.CharField(
        "資格", max_length=20, choices=sorted(panel.QUALIFICATION_LABELS.items())
    )
    career = models.TextField("経歴", blank=True)
    commissioned_on = models.DateField("委嘱日", null=True, blank=True)
    # On the roster: approved or appointed in an emergency, not dismissed. Serving also needs the
    # commission date to have come (serving_q).
    active = models.BooleanField("在任", default=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "紛争処理委員"
        ordering = ["office", "name_kana", "id"]

    def __str__(self) -> str:
        return self.name


class BoardMeeting(models.Model):
    """理事会 (定款第30-36条): it chooses and dismisses members (CM-02, 定款第31条第1項第4号) and
    ratifies the chair's emergency appointments at its first meeting after (CM-04, 同条第2項)."""

    class Kind(models.TextChoices):
        REGULAR = "regular", "定例理事会"
        EXTRAORDINARY = "extraordinary", "臨時理事会"

    held_on = models.DateField("開催日")
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("種別", max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="登録日時")

    class Meta:
        verbose_name = verbose_name_plural = "理事会"
        ordering = ["-held_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["held_on", "name"], name="board_meeting_unique")]

    def __str__(self) -> str:
        return self.name


def _meeting_link(verbose_name: str, related_name: str) -> Any:
    return models.ForeignKey(
        BoardMeeting,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


class Appointment(models.Model):
    """任命・解任 — needs the regulators' approval (CM-03, 法23-8・令18条) or, in an emergency,
    the chair's act ratified at the next board meeting (CM-04, 定款31条2-3項)."""

    class Kind(models.TextChoices):
        APPOINT = "appoint", "任命"
        DISMISS = "dismiss", "解任"

    class Approval(models.TextChoices):
        PENDING = "pending", "認可申請中"
        APPROVED = "approved", "認可済"
        REJECTED = "rejected", "不認可"

    member = models.ForeignKey(
        CommitteeMember, on_delete=models.PROTECT, related_name="appointments", verbose_name="委員"
    )
    kind = models.CharField("種別", max_length=10, choices=Kind.choices)
    effective_on = models.DateField("年月日")
    reason = models.TextField("理由")
    career = models.TextField("経歴", blank=True)
    approval = models.CharField("認可", max_length=10, choices=Approval.choices, default=Approval.PENDING)
    approved_on = models.DateField("認可日", null=True, blank=True)
    resolved_by = _meeting_link("選任・解任を決議した理事会", "resolutions")
    # CM-02: an approved appointment takes effect on this date, never before the approval.
    commissioned_on = models.DateField("委嘱日", null=True, blank=True)
    emergency = models.BooleanField("緊急任命", default=False)
    ratified_by = _meeting_link("追認した理事会", "ratifications")
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="登録日時")

    class Meta:
        verbose_name = verbose_name_plural = "任命・解任"
        ordering = ["-id"]


class InterestQuerySet(models.QuerySet["InterestDeclaration"]):
    def in_effect(self, on: dt.date) -> InterestQuerySet:
        """CM-05: declarations not withdrawn by ``on`` — what the DP-11 conflict check reads."""
        return self.filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))


class InterestDeclaration(models.Model):
    """利害関係の申告 (CM-05): the party or organization a member must not sit against (DP-11)."""

    class Kind(models.TextChoices):
        EMPLOYER = "employer", "勤務先"
        INSURER = "insurer", "保険会社・共済組合との関係"
        RELATIVE = "relative", "親族"
        PRIOR = "prior", "過去の関与"
        OTHER = "other", "その他"

    member = models.ForeignKey(
        CommitteeMember, on_delete=models.PROTECT, related_name="interests", verbose_name="委員"
    )
    kind = models.CharField("種別", max_length=20, choices=Kind.choices)
    organization = models.ForeignKey(
        "parties.Organization", null=True, blank=True, on_delete=models.PROTECT, verbose_name="組織"
    )
    party = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.PROTECT, verbose_name="当事者"
    )
    description = models.CharField("内容", max_length=300)
    declared_on = models.DateField("申告日")
    # A withdrawal is recorded, never a deletion: the panel check's history must stay readable.
    withdrawn_on = models.DateField("取下げ日", null=True, blank=True)
    withdrawal_reason = models.TextField("取下げの理由", blank=True)

    objects = InterestQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "利害関係の申告"
        ordering = ["-declared_on", "-id"]

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("利害関係の申告は削除できません。取下げを記録してください（法第23条の7第2項）")

    @property
    def key(self) -> str:
        return f"org:{self.organization_id}" if self.organization_id else f"party:{self.party_id}"
