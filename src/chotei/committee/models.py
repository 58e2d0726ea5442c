"""Committee members (紛争処理委員), their appointments and interest declarations."""

from __future__ import annotations

from django.db import models

from chotei.rules import offices, panel


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
    active = models.BooleanField("在任", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "紛争処理委員"
        ordering = ["office", "name_kana", "id"]

    def __str__(self) -> str:
        return self.name


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

    member = models.ForeignKey(CommitteeMember, on_delete=models.PROTECT, related_name="appointments")
    kind = models.CharField("種別", max_length=10, choices=Kind.choices)
    effective_on = models.DateField("年月日")
    reason = models.TextField("理由")
    career = models.TextField("経歴", blank=True)
    approval = models.CharField("認可", max_length=10, choices=Approval.choices, default=Approval.PENDING)
    approved_on = models.DateField("認可日", null=True, blank=True)
    emergency = models.BooleanField("緊急任命", default=False)
    ratified_on = models.DateField("理事会承認日", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "任命・解任"


class InterestDeclaration(models.Model):
    """利害関係の申告 (CM-05): the party or organization a member must not sit against (DP-11)."""

    class Kind(models.TextChoices):
        EMPLOYER = "employer", "勤務先"
        INSURER = "insurer", "保険会社・共済組合との関係"
        RELATIVE = "relative", "親族"
        PRIOR = "prior", "過去の関与"
        OTHER = "other", "その他"

    member = models.ForeignKey(CommitteeMember, on_delete=models.CASCADE, related_name="interests")
    kind = models.CharField("種別", max_length=20, choices=Kind.choices)
    organization = models.ForeignKey("parties.Organization", null=True, blank=True, on_delete=models.PROTECT)
    party = models.ForeignKey("parties.Party", null=True, blank=True, on_delete=models.PROTECT)
    description = models.CharField("内容", max_length=300)
    declared_on = models.DateField("申告日")

    class Meta:
        verbose_name = verbose_name_plural = "利害関係の申告"

    @property
    def key(self) -> str:
        return f"org:{self.organization_id}" if self.organization_id else f"party:{self.party_id}"
