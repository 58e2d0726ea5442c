"""The procedure of an accepted case: panel, meetings, submissions, requests, special procedures."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from chotei.disputes.models.case import Case, CaseParty, LedgerLine
from chotei.documents.files import DocumentStorage


class Panel(models.Model):
    """紛争処理委員会 for one case (DP-11, 法23-7・規程12条), named by the chair."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="panel", verbose_name="事案")
    appointed_on = models.DateField("指名日")
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, verbose_name="指名者"
    )

    class Meta:
        verbose_name = verbose_name_plural = "紛争処理委員会"

    def __str__(self) -> str:
        return f"{self.case.number} 紛争処理委員会"


class PanelSeat(models.Model):
    """A member's seat on a panel; ``case`` is repeated so "cases of member X" is one index scan."""

    panel = models.ForeignKey(
        Panel, on_delete=models.CASCADE, related_name="seats", verbose_name="紛争処理委員会"
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="seats", verbose_name="事案")
    member = models.ForeignKey(
        "committee.CommitteeMember", on_delete=models.PROTECT, related_name="seats", verbose_name="委員"
    )
    is_chief = models.BooleanField("主任委員", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "委員会の構成"
        constraints = [
            models.UniqueConstraint(fields=["panel", "member"], name="seat_unique"),
            models.UniqueConstraint(
                fields=["panel"], condition=models.Q(is_chief=True), name="seat_one_chief"
            ),
        ]
        indexes = [models.Index(fields=["member", "case"], name="seat_member_idx")]


class Meeting(models.Model):
    """期日 — a panel meeting; its record (期日調書) needs a quorum present (DP-11, DP-20)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="meetings", verbose_name="事案")
    scheduled_for = models.DateTimeField("日時")
    place = models.CharField("場所", max_length=200)
    recorded_at = models.DateTimeField("調書作成日時", null=True, blank=True)
    minutes = models.TextField("期日調書", blank=True)
    # A cancelled meeting stays on the record with its reason; a move is a ledger line (old → new).
    cancelled_at = models.DateTimeField("取消日時", null=True, blank=True)
    cancel_reason = models.TextField("取消の理由", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "期日"
        ordering = ["scheduled_for", "id"]


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey("committee.CommitteeMember", on_delete=models.PROTECT, verbose_name="委員")
    present = models.BooleanField("出席")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique")]


class Observer(models.Model):
    """傍聴 permitted by the chief member; proceedings are otherwise closed (DP-15, 法23-13)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="observers", verbose_name="事案")
    name = models.CharField("傍聴人", max_length=100)
    reason = models.CharField("理由", max_length=300)
    permitted_on = models.DateField("許可日")
    permitted_by = models.ForeignKey("committee.CommitteeMember", on_delete=models.PROTECT)


class Submission(models.Model):
    """主張書面・証拠 (DP-03, DP-14): written, by post (receipt logged) or upload; never returned."""

    class Kind(models.TextChoices):
        APPLICATION = "application", "申請書"
        STATEMENT = "statement", "主張書面・答弁書"
        EVIDENCE = "evidence", "証拠書類"

    class Channel(models.TextChoices):
        POST = "post", "郵送"
        UPLOAD = "upload", "アップロード"

    class Form(models.TextChoices):
        WRITTEN = "written", "書面"
        OTHER = "other", "書面以外（主任委員の許可）"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="submissions", verbose_name="事案")
    side = models.CharField("提出者", max_length=20, choices=CaseParty.Side.choices)
    kind = models.CharField("種別", max_length=20, choices=Kind.choices)
    channel = models.CharField("提出方法", max_length=10, choices=Channel.choices)
    form = models.CharField("形式", max_length=10, choices=Form.choices, default=Form.WRITTEN)
    title = models.CharField("表題", max_length=200)
    received_on = models.DateField("受領日")
    postal_receipt = models.CharField("郵便物受領記録", max_length=100, blank=True)
    file_name = models.CharField("ファイル名", max_length=200, blank=True)
    content_type = models.CharField("ファイルの種類", max_length=100, blank=True)
    # The file in the documents storage (chotei.documents.files); empty for a posted paper and once
    # disposed (DP-20), which the digest tells apart.
    file = models.FileField("内容", storage=DocumentStorage(), max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, verbose_name="SHA-256")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, verbose_name="記録者"
    )

    class Meta:
        verbose_name = verbose_name_plural = "提出書類"
        ordering = ["received_on", "id"]


class FurtherRequest(models.Model):
    """追加の意見陳述及び証拠資料の提出の求め (DP-16, 規程15条9項): asked of one party in writing, with
    its own deadline; answered by that party's next submission."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="further_requests", verbose_name="事案"
    )
    side = models.CharField("求める相手", max_length=20, choices=CaseParty.Side.choices)
    matters = models.TextField("求める意見陳述又は証拠資料")
    requested_on = models.DateField("求めた日")
    due_on = models.DateField("提出期限")
    answered_on = models.DateField("提出があった日", null=True, blank=True)
    # The step that asked: its notice task finds this request by it, not by "the latest one".
    step = models.OneToOneField(
        LedgerLine, null=True, on_delete=models.PROTECT, related_name="further_request", editable=False
    )

    class Meta:
        verbose_name = verbose_name_plural = "追加の意見陳述等の求め"
        ordering = ["requested_on", "id"]


class InsurerRequest(models.Model):
    """説明・資料の提出要求 to the insurer or co-op (DP-12, 法23-12): refusal needs a justified reason."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="insurer_requests", verbose_name="事案"
    )
    request = models.TextField("要求事項")
    requested_on = models.DateField("要求日")
    due_on = models.DateField("回答期限")
    answered_on = models.DateField("回答日", null=True, blank=True)
    answer = models.TextField("回答", blank=True)
    refusal_reason = models.TextField("提出拒否の正当な理由", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "保険会社等への要求"
        ordering = ["requested_on", "id"]


class SpecialProcedure(models.Model):
    """鑑定等の特別の手続 (DP-13, 規程15条4項・19条・令26条): the chief decides; cost is charged to a party."""

    class Decision(models.TextChoices):
        PENDING = "pending", "判断待ち"
        APPROVED = "approved", "実施"
        REJECTED = "rejected", "不実施"

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="special_procedures", verbose_name="事案"
    )
    kind = models.CharField("手続", max_length=100)
    requested_by = models.CharField("申出た当事者", max_length=20, choices=CaseParty.Side.choices)
    requested_on = models.DateField("申出日")
    reason = models.TextField("申出の理由")
    decision = models.CharField("判断", max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_on = models.DateField("判断日", null=True, blank=True)
    decided_by = models.ForeignKey(
        "committee.CommitteeMember", null=True, blank=True, on_delete=models.PROTECT
    )
    cost_yen = models.PositiveIntegerField("費用", default=0)
    charged_to = models.CharField("費用負担者", max_length=20, choices=CaseParty.Side.choices, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "特別の手続"


class Amendment(models.Model):
    """求める事項の変更 (DP-09, 規程5条の2): only that item, within the deadline."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="amendments", verbose_name="事案")
    before = models.TextField("変更前")
    after = models.TextField("変更後")
    requested_on = models.DateField("申出日")
    accepted = models.BooleanField("認める")
    refusal_reason = models.TextField("認めない理由", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "求める事項の変更"
