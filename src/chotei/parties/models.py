"""Parties (当事者) and organizations (保険会社・共済組合 …) as first-class records.

Names and addresses are kept exactly as registered: notices print them verbatim.
"""

from __future__ import annotations

from django.db import models


class Organization(models.Model):
    """An insurer (保険会社), co-op (共済組合), law firm or other body a case or member relates to."""

    class Kind(models.TextChoices):
        INSURER = "insurer", "保険会社"
        COOP = "coop", "共済組合"
        LAW_FIRM = "law_firm", "法律事務所"
        HOSPITAL = "hospital", "医療機関"
        OTHER = "other", "その他"

    name = models.CharField("名称", max_length=200, unique=True)
    kind = models.CharField("種別", max_length=20, choices=Kind.choices)
    postcode = models.CharField("郵便番号", max_length=10, blank=True)
    address = models.CharField("所在地", max_length=300, blank=True)
    phone = models.CharField("電話番号", max_length=30, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "組織"

    def __str__(self) -> str:
        return self.name

    @property
    def interest_key(self) -> str:
        return f"org:{self.pk}"


class Party(models.Model):
    """A person or organization that is a party or agent (当事者・代理人) in a case."""

    class Kind(models.TextChoices):
        PERSON = "person", "個人"
        ORGANIZATION = "organization", "法人・団体"

    kind = models.CharField("種別", max_length=20, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField("氏名又は名称", max_length=200)
    postcode = models.CharField("郵便番号", max_length=10, blank=True)
    address = models.CharField("住所又は所在地", max_length=300)
    phone = models.CharField("電話番号", max_length=30, blank=True)
    email = models.EmailField("メールアドレス", blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name="組織",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parties",
    )
    # OD-03: elderly, dementia-suspected or foreign-resident users get plainer explanations.
    needs_care = models.BooleanField("配慮を要する", default=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="登録日時")

    class Meta:
        verbose_name = verbose_name_plural = "当事者"

    def __str__(self) -> str:
        return self.name

    @property
    def honorific(self) -> str:
        return "御中" if self.kind == self.Kind.ORGANIZATION else "様"

    @property
    def interest_keys(self) -> set[str]:
        keys = {f"party:{self.pk}"}
        if self.organization_id:
            keys.add(f"org:{self.organization_id}")
        return keys
