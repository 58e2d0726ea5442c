"""Cases (紛争処理事案), their parties, numbering and the ledger (帳簿)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from chotei import clock
from chotei.audit.chain import ChainedRow
from chotei.rules import application, grades, offices, screening, termination
from chotei.rules.states import STATE_LABELS, CaseState


class Case(models.Model):
    """紛争処理事案 — one application and its procedure, with every DP-02 item (令13条, 規程4条1項)."""

    class Category(models.TextChoices):
        AFTER_EFFECT = "after_effect", "後遺障害"
        LIABILITY = "liability", "有無責"
        CAUSATION = "causation", "因果関係"
        DEATH = "death", "死亡"
        INJURY = "injury", "傷害"
        REDUCTION = "reduction", "重過失減額"

    class Channel(models.TextChoices):
        POST = "post", "郵送"
        ONLINE = "online", "電子"

    class Result(models.TextChoices):
        CHANGED = "changed", "変更"
        UNCHANGED = "unchanged", "非変更"

    number = models.CharField("事案番号", max_length=30, unique=True)
    office = models.CharField("担当事務所", max_length=10, choices=offices.OFFICE_CHOICES)
    state = models.CharField(
        "状態",
        max_length=20,
        choices=[(s.value, STATE_LABELS[s]) for s in CaseState],
        default=CaseState.RECEIVED,
    )
    # Optimistic lock: a save carrying a stale version is refused, never silently overwrites.
    version = models.PositiveIntegerField(default=1, verbose_name="版")
    category = models.CharField("類型", max_length=20, choices=Category.choices)
    channel = models.CharField("申請方法", max_length=10, choices=Channel.choices)
    applicant_role = models.CharField(
        "申請人の区分", max_length=20, choices=[(r.value, r.label) for r in application.PartyRole]
    )

    # DP-02 items.
    applied_on = models.DateField("申請年月日")
    matters_sought = models.TextField("求める事項")
    issues = models.TextField("争点")
    negotiation_history = models.TextField("交渉経過")
    claim = models.TextField("申請人の主張")
    accident_summary = models.TextField("事故の概要")
    accident_date = models.DateField("事故発生日", null=True, blank=True)
    other_facts = models.TextField("その他参考事項", blank=True)
    other_bodies = models.TextField("他機関での相談・調停")
    # DP-01: the dispute exists from the insurer's decision notice, or the negotiator's with consent.
    decision_notified_on = models.DateField("保険会社等の支払判断通知日", null=True, blank=True)
    negotiator_case = models.BooleanField("示談代行者による通知", default=False)
    # DP-06: the applicant's own yes/no answers to the screening questions (rules.screening
    # SCREENING_QUESTIONS), recorded with an online application; empty for paper ones.
    screening_answers = models.JSONField("受理審査の質問への回答", default=dict, blank=True)

    received_on = models.DateField("受付日")
    fiscal_year = models.PositiveSmallIntegerField("年度")
    state_changed_at = models.DateTimeField("状態変更日時")
    due_on = models.DateField("処理目標日", null=True, blank=True)
    ended_on = models.DateField("終了日", null=True, blank=True)
    acceptance_dispatched_on = models.DateField("受理通知発送日", null=True, blank=True)
    statement_due_on = models.DateField("答弁書提出期限", null=True, blank=True)
    refusal_ground = models.CharField(
        "不受理事由", max_length=10, choices=screening.GROUND_CHOICES, blank=True
    )
    termination_ground = models.CharField(
        "打切り事由", max_length=10, choices=termination.TERMINATION_GROUND_CHOICES, blank=True
    )
    result = models.CharField("審理結果", max_length=10, choices=Result.choices, blank=True)
    result_reasons = models.TextField("理由", blank=True)
    # A 変更 of the after-effect grade: the finding before and after (e.g. "2-12" → "2-9", "none").
    grade_before = models.CharField("変更前の等級", max_length=10, choices=grades.FINDING_CHOICES, blank=True)
    grade_after = models.CharField("変更後の等級", max_length=10, choices=grades.FINDING_CHOICES, blank=True)
    end_reason = models.TextField("終了事由", blank=True)

    # Snapshots of the parties' registered names, so the desk list needs no join at 10^6 cases.
    applicant_name = models.CharField("申請人", max_length=200)
    respondent_name = models.CharField("被申請人", max_length=200)
    # Recorded at intake so a clerk who heard the name on the phone finds the case by its reading.
    applicant_kana = models.CharField("申請人のふりがな", max_length=200, blank=True)
    # 担当職員: the clerk who carries the case; the worklist's 「自分の担当」 reads it.
    assigned_clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="担当職員",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )
    # OD-01: a party wrote and no one at the secretariat has read it yet. Kept with the messages
    # (portal.messaging) so the worklist reads a column, not a subquery a row (bench/desk.py).
    unread_from_parties = models.BooleanField("当事者からの未読メッセージあり", default=False)
    created_at = models.DateTimeField(default=clock.now, verbose_name="登録日時")

    # Not stored: the notices the step that returned this instance queued with it
    # (services.notify), so the desk waits for exactly those, and the ledger line it wrote, by
    # which its notices are found (documents.facts).
    queued_notices: tuple[str, ...] = ()
    step_line: LedgerLine | None = None

    class Meta:
        verbose_name = verbose_name_plural = "事案"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["received_on", "id"], name="case_recv_idx"),
            models.Index(fields=["state", "received_on", "id"], name="case_state_idx"),
            models.Index(fields=["office", "state", "received_on", "id"], name="case_office_idx"),
            # The trailing columns let the worklist's capped count of a year's or the overdue cases
            # of one state or office read the index alone (bench desk on PostgreSQL, 10^6 cases).
            models.Index(fields=["fiscal_year", "received_on", "id", "state"], name="case_fy_state_idx"),
            models.Index(fields=["due_on", "state", "office"], name="case_due_office_idx"),
            # One member's cases in one state are counted by merging this with seat_member_idx.
            models.Index(fields=["state", "id"], name="case_state_id_idx"),
            # varchar_pattern_ops lets PostgreSQL serve prefix LIKE from the index under any collation.
            models.Index(
                fields=["applicant_name"], name="case_applicant_idx", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["applicant_kana"], name="case_kana_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(
                fields=["respondent_name"], name="case_respondent_idx", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["assigned_clerk", "received_on", "id"], name="case_clerk_idx"),
            # The few cases with a party's unread message, newest first (the worklist's filter).
            models.Index(
                fields=["received_on", "id"],
                condition=models.Q(unread_from_parties=True),
                name="case_unread_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state_enum(self) -> CaseState:
        return CaseState(self.state)

    @property
    def amendment_due_on(self) -> dt.date | None:
        """DP-09 (規程5条の2): the last day to amend the matters sought, counted from the dispatch of
        the acceptance notice; none before acceptance."""
        dispatched = self.acceptance_dispatched_on
        return screening.amendment_deadline(dispatched) if dispatched else None

    @property
    def state_label(self) -> str:
        return STATE_LABELS[CaseState(self.state)]

    def party(self, side: str) -> CaseParty | None:
        return next((cp for cp in self.parties.all() if cp.side == side), None)


class CaseParty(models.Model):
    """A party to a case on one side, with its agent (代理人) if any."""

    class Side(models.TextChoices):
        APPLICANT = "applicant", "申請人"
        RESPONDENT = "respondent", "被申請人"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties", verbose_name="事案")
    side = models.CharField("立場", max_length=20, choices=Side.choices)
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="case_roles")
    role = models.CharField(
        "区分", max_length=20, choices=[(r.value, r.label) for r in application.PartyRole]
    )
    agent = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="agent_roles"
    )

    class Meta:
        verbose_name = verbose_name_plural = "事案の当事者"
        constraints = [models.UniqueConstraint(fields=["case", "side", "party"], name="caseparty_unique")]
        indexes = [models.Index(fields=["party", "case"], name="caseparty_party_idx")]


class CaseNumberSequence(models.Model):
    """Per office and fiscal year, the last case number given; locked when numbering."""

    office = models.CharField(max_length=10)
    fiscal_year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "fiscal_year"], name="caseseq_unique")]


class LedgerLine(ChainedRow):
    """帳簿 (DP-21, 令24条): append-only and hash-chained; kept until the whole business is abolished."""

    append_only_message = "帳簿は追記のみです（令第24条）"
    chain_fields = (
        "case_id",
        "on",
        "at",
        "action",
        "description",
        "state",
        "members",
        "party_cost_yen",
        "actor_id",
    )

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="ledger", verbose_name="事案")
    on = models.DateField("処理年月日")
    at = models.DateTimeField(default=clock.now, verbose_name="日時")
    action = models.CharField("処理", max_length=40)
    description = models.TextField("内容")
    state = models.CharField("処理後の状態", max_length=20)
    members = models.TextField("処理に当たった委員", blank=True)
    party_cost_yen = models.PositiveIntegerField("当事者から徴収した費用", default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, verbose_name="担当"
    )

    class Meta:
        verbose_name = verbose_name_plural = "帳簿"
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["case", "id"], name="ledger_case_idx")]
