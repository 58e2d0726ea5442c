"""The claim a payment is computed for (PN-02): what the insurer's assessment, or the panel's review
of it, found. ``Claim.from_dict`` validates JSON input; every refusal names the dotted field path and
the article, in Japanese.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from chotei.rules import grades
from chotei.rules.errors import MissingItems, RuleViolation
from chotei.rules.payment import income
from chotei.rules.payment import standards as std
from chotei.rules.payment.section import Proven, Section

Kind = Literal["injury", "after_effect", "death"]
KIND_LABELS: dict[str, str] = {"injury": "傷害", "after_effect": "後遺障害", "death": "死亡"}

CLAIM_FIELDS: dict[str, str] = {
    "accident_date": "事故の年月日",
    "kind": "損害の種類",
    "victim_fault_percent": "被害者の過失割合（%）",
    "reduction_reason": "減額の理由（事故の状況）",
    "causation_doubtful": "受傷と死亡・後遺障害との因果関係の判断が困難",
    "injury": "傷害による損害",
    "after_effect": "後遺障害による損害",
    "death": "死亡による損害",
}
INJURY_FIELDS: dict[str, str] = {
    "treatment_start": "治療開始日",
    "treatment_end": "治療終了日",
    "hospital_days": "入院日数",
    "outpatient_days": "実通院日数",
    "medical_fees": "治療費（実費）",
    "nursing_hospital_days": "入院看護の日数",
    "nursing_home_days": "自宅・通院看護の日数",
    "glasses_cost": "眼鏡の費用",
    "transport_costs": "通院交通費",
    "document_fees": "文書料",
    "other_costs": "その他の費用",
    "absence_days": "休業日数",
    "daily_income_proven": "立証された1日当たりの収入減少額",
    "hospital_misc_proven": "入院中の諸雑費の立証額",
    "nursing_proven": "看護料の立証額",
}
INJURY_REQUIRED = ("treatment_start", "treatment_end", "hospital_days", "outpatient_days")
AFTER_EFFECT_FIELDS: dict[str, str] = {
    "findings": "後遺障害の認定（等級・号・理由）",
    "prior": "既存障害（加重の場合）",
    "assessed_loss": "損害額（逸失利益及び慰謝料）",
    "basic_income": "基礎収入額（年額）",
    "loss_years": "労働能力喪失期間（年）",
    "not_applicable_reason": "後遺障害に該当しない（非該当）と判断した理由",
    **income.INCOME_FIELDS,
}
FINDING_FIELDS: dict[str, str] = {"table": "別表", "grade": "等級", "item": "号", "reason": "等級の判断理由"}
DEATH_FIELDS: dict[str, str] = {
    "annual_income": "年間収入額",
    "working_years": "就労可能年数",
    "supported_dependants": "被扶養者の有無",
    "bereaved_claimants": "慰謝料請求権者の人数",
    "funeral_costs": "葬儀費の実費",
    **income.INCOME_FIELDS,
}
DEATH_REQUIRED = ("supported_dependants", "bereaved_claimants")


@dataclass(frozen=True, slots=True)
class InjuryClaim:
    treatment_start: date
    treatment_end: date
    hospital_days: int
    outpatient_days: int
    medical_fees: int = 0
    nursing_hospital_days: int = 0
    nursing_home_days: int = 0
    glasses_cost: int = 0
    transport_costs: int = 0
    document_fees: int = 0
    other_costs: int = 0
    absence_days: int = 0
    daily_income_proven: int | None = None
    hospital_misc_proven: Proven | None = None
    nursing_proven: Proven | None = None

    @property
    def treatment_period(self) -> int:
        """Days from the first to the last day of treatment, both counted."""
        return (self.treatment_end - self.treatment_start).days + 1

    @property
    def actual_days(self) -> int:
        return self.hospital_days + self.outpatient_days

    @classmethod
    def read(cls, s: Section, accident_date: date, standard: std.Standard) -> InjuryClaim:
        s.require(INJURY_REQUIRED)
        claim = cls(
            treatment_start=s.date("treatment_start"),
            treatment_end=s.date("treatment_end"),
            hospital_days=s.integer("hospital_days"),
            outpatient_days=s.integer("outpatient_days"),
            medical_fees=s.integer("medical_fees"),
            nursing_hospital_days=s.integer("nursing_hospital_days"),
            nursing_home_days=s.integer("nursing_home_days"),
            glasses_cost=s.integer("glasses_cost"),
            transport_costs=s.integer("transport_costs"),
            document_fees=s.integer("document_fees"),
            other_costs=s.integer("other_costs"),
            absence_days=s.integer("absence_days"),
            daily_income_proven=s.optional_integer("daily_income_proven"),
            hospital_misc_proven=Proven.read(s, "hospital_misc_proven"),
            nursing_proven=Proven.read(s, "nursing_proven"),
        )
        # Day counts drive 慰謝料 and 休業損害, so ones outside the treatment period are refused, not capped.
        checks = (
            ("treatment_start", claim.treatment_start >= accident_date, "事故の日以後の日付にしてください"),
            (
                "treatment_end",
                claim.treatment_end >= claim.treatment_start,
                "治療開始日以後の日付にしてください",
            ),
            (
                "outpatient_days",
                claim.actual_days <= claim.treatment_period,
                "入院日数と合わせて治療期間の日数以下にしてください",
            ),
            (
                "nursing_hospital_days",
                claim.nursing_hospital_days <= claim.hospital_days,
                "入院日数以下にしてください",
            ),
            (
                "absence_days",
                claim.absence_days <= claim.treatment_period,
                "治療期間の日数以下にしてください",
            ),
            (
                "nursing_home_days",
                claim.nursing_home_days <= claim.treatment_period - claim.hospital_days,
                "治療期間のうち入院していない日数以下にしてください",
            ),
        )
        for key, ok, expected in checks:
            if not ok:
                raise s.refuse(key, expected)
        claim.check_proven(s, standard)
        return claim

    def flat_amounts(self, s: std.Standard) -> dict[str, int]:
        """The flat-rate products (日額 × 日数) of the items a proven amount may replace."""
        return {
            "hospital_misc_proven": self.hospital_days * s.hospital_misc_daily,
            "nursing_proven": self.nursing_hospital_days * s.nursing_hospital_daily
            + self.nursing_home_days * s.nursing_home_daily,
        }

    def check_proven(self, s: Section, standard: std.Standard) -> None:
        """A proven amount replaces the flat product only where it exceeds it (支払基準第2の1: 立証資料等
        により…を超えることが明らかな場合は必要かつ妥当な実費); one not above it is no such case."""
        flat = self.flat_amounts(standard)
        for key, proven in (
            ("hospital_misc_proven", self.hospital_misc_proven),
            ("nursing_proven", self.nursing_proven),
        ):
            if proven is None:
                continue
            if not flat[key]:
                days = "入院日数" if key == "hospital_misc_proven" else "看護の日数"
                raise s.refuse(key, f"{days}がない場合は指定できません")
            if proven.amount <= flat[key]:
                raise s.refuse(
                    key,
                    f"定額（{flat[key]:,}円）を超える場合に限り指定できます。定額以下の場合は空欄にしてください",
                )


@dataclass(frozen=True, slots=True)
class Finding:
    """A recognised after-effect: its grade, the 号 that fits and why (令3条3号)."""

    grade: grades.Grade
    item: int
    reason: str

    @property
    def label(self) -> str:
        return f"{self.grade.label}{self.item}号"

    @classmethod
    def read(cls, data: object, path: str, reason_required: bool) -> Finding:
        s = Section(data, path, FINDING_FIELDS, grades.TABLES_ARTICLE)
        s.require(("table", "grade", "item", "reason") if reason_required else ("table", "grade", "item"))
        found = grades.grade(str(s.data["table"]), s.integer("grade", minimum=1))
        item = s.integer("item", minimum=1)
        found.description(item)
        return cls(found, item, s.text("reason"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "table": self.grade.table,
            "grade": self.grade.grade,
            "item": self.item,
            "description": self.grade.descriptions[self.item - 1],
            "amount": self.grade.amount,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class AfterEffectClaim:
    """The grades found, or none (非該当) with why; with a basic income and the years of lost
    capacity the loss is itemised as 逸失利益 and the grade's 慰謝料 (支払基準第3)."""

    findings: tuple[Finding, ...]
    prior: Finding | None = None
    assessed_loss: int | None = None
    income: income.Income | None = None
    loss_years: int | None = None
    years_note: str = ""
    not_applicable_reason: str = ""

    @classmethod
    def read(cls, s: Section, standard: std.Standard) -> AfterEffectClaim:
        not_applicable = s.text("not_applicable_reason")
        if not_applicable:
            # 非該当: no grade is recognised, so nothing else of the section may be stated (令3条3号).
            extras = sorted(k for k in s.data if k != "not_applicable_reason" and s.data[k] not in (None, []))
            if extras:
                raise s.refuse(extras[0], "非該当の場合は指定できません")
            return cls((), not_applicable_reason=not_applicable)
        s.require(("findings",))
        raw = s.data["findings"]
        if not isinstance(raw, list) or not raw:
            raise s.refuse("findings", "1件以上の配列で指定してください")
        findings = tuple(Finding.read(f, s.field(f"findings[{i}]"), True) for i, f in enumerate(raw))
        prior = (
            None if s.data.get("prior") is None else Finding.read(s.data["prior"], s.field("prior"), False)
        )
        assessed = s.optional_integer("assessed_loss")
        # Any income fact asks for 逸失利益 itemised, which then needs its basis and its years.
        if not any(s.data.get(k) is not None for k in (*income.INCOME_FIELDS, "basic_income", "loss_years")):
            return cls(findings, prior, assessed)
        basis = income.read_income(s, "basic_income", standard)
        if basis is None:
            raise MissingItems([(s.field("income_basis"), income.BASIS_LABEL, s.article)])
        if assessed is not None or prior is not None:
            raise s.refuse("income_basis", "損害額の指定又は加重の場合は指定できません")
        years, note = income.read_years(s, "loss_years", standard)
        if years < 1:
            raise s.refuse("loss_years", "1以上で指定してください")
        return cls(findings, prior, None, basis, years, note)


@dataclass(frozen=True, slots=True)
class DeathClaim:
    income: income.Income
    working_years: int
    supported_dependants: bool
    bereaved_claimants: int
    funeral_costs: int | None = None
    years_note: str = ""

    @classmethod
    def read(cls, s: Section, standard: std.Standard) -> DeathClaim:
        s.require(DEATH_REQUIRED)
        basis = income.read_income(s, "annual_income", standard)
        if basis is None:
            raise MissingItems([(s.field("income_basis"), income.BASIS_LABEL, s.article)])
        years, note = income.read_years(s, "working_years", standard)
        claim = cls(
            income=basis,
            working_years=years,
            supported_dependants=s.boolean("supported_dependants"),
            bereaved_claimants=s.integer("bereaved_claimants"),
            funeral_costs=s.optional_integer("funeral_costs"),
            years_note=note,
        )
        if claim.supported_dependants and claim.bereaved_claimants == 0:
            # The 200万円 addition is part of the bereaved's 慰謝料 (支払基準第4の3): no claimant, no addition.
            raise RuleViolation(
                f"{s.fields['supported_dependants']}（{s.field('supported_dependants')}）による加算は、"
                f"{s.fields['bereaved_claimants']}が1名以上の場合に限られます",
                std.DEATH_CONSOLATION,
                s.field("supported_dependants"),
            )
        return claim


_SECTIONS_ALLOWED: dict[str, frozenset[str]] = {
    "injury": frozenset({"injury"}),
    "after_effect": frozenset({"injury", "after_effect"}),
    "death": frozenset({"injury", "death"}),
}


@dataclass(frozen=True, slots=True)
class Claim:
    """What the insurer's assessment (or the panel's review of it) found, as input to the standards."""

    accident_date: date
    kind: Kind
    injury: InjuryClaim | None = None
    after_effect: AfterEffectClaim | None = None
    death: DeathClaim | None = None
    victim_fault_percent: float = 0
    reduction_reason: str = ""
    causation_doubtful: bool = False

    @classmethod
    def from_dict(cls, d: object) -> Claim:
        """Validates a claim (JSON object); refusals name the field and the article."""
        s = Section(d, "", CLAIM_FIELDS, std.GENERAL)
        s.require(("accident_date", "kind"))
        accident_date = s.date("accident_date")
        standard = std.standard_for(accident_date)
        kind = s.data["kind"]
        if kind not in _SECTIONS_ALLOWED:
            raise s.refuse("kind", "injury、after_effect又はdeathで指定してください")
        # Each kind's own section carries its name, so the kind requires the section of the same name.
        present = {k for k in KIND_LABELS if s.data.get(k) is not None}
        if kind not in present:
            raise MissingItems([(kind, CLAIM_FIELDS[kind], std.GENERAL)])
        extras = sorted(present - _SECTIONS_ALLOWED[kind])
        if extras:
            raise s.refuse(extras[0], f"損害の種類が{KIND_LABELS[kind]}の請求には指定できません")
        fault = s.data.get("victim_fault_percent", 0)
        if isinstance(fault, bool) or not isinstance(fault, int | float) or not 0 <= fault <= 100:
            raise s.refuse("victim_fault_percent", "0以上100以下の数値で指定してください")
        if fault == 100:
            raise RuleViolation(
                "被害者の過失割合が100%の場合は被保険者に損害賠償の責任がなく、支払額は計算しません"
                "（支払をしない理由は令第4条の書面で示します）",
                std.SERIOUS_FAULT,
                field="victim_fault_percent",
            )
        causation_doubtful = s.boolean("causation_doubtful")
        if causation_doubtful and kind == "injury":
            raise s.refuse("causation_doubtful", "後遺障害又は死亡の請求でのみ指定できます")
        injury = s.section("injury", INJURY_FIELDS, std.INJURY_COSTS)
        after_effect = s.section("after_effect", AFTER_EFFECT_FIELDS, std.AFTER_EFFECT)
        death = s.section("death", DEATH_FIELDS, std.DEATH_LOST_EARNINGS)
        return cls(
            accident_date=accident_date,
            kind=kind,
            injury=None if injury is None else InjuryClaim.read(injury, accident_date, standard),
            after_effect=None if after_effect is None else AfterEffectClaim.read(after_effect, standard),
            death=None if death is None else DeathClaim.read(death, standard),
            victim_fault_percent=fault,
            reduction_reason=s.text("reduction_reason"),
            causation_doubtful=causation_doubtful,
        )
