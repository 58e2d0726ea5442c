"""The payment computation under the standards (DP-23) that payment notices state (PN-02, 令3条) and
the detailed explanation itemises (PN-06, 令7条): each item with its formula, the grade and why, and
any reduction and why.

A claim has one main kind (injury, after-effect or death); after-effect and death claims may carry
the injury part too, which has its own limit. Each kind of damage is a *part*: its items are summed,
capped at the part's limit, then reduced; the limit and the reductions appear as negative items so
that the items always add up to the total.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Any, Literal

from chotei.rules import grades
from chotei.rules.articles import Article
from chotei.rules.errors import MissingItems, RuleViolation
from chotei.rules.payment import standards as std
from chotei.rules.payment.standards import Standard

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
}
INJURY_REQUIRED = ("treatment_start", "treatment_end", "hospital_days", "outpatient_days")
AFTER_EFFECT_FIELDS: dict[str, str] = {
    "findings": "後遺障害の認定（等級・号・理由）",
    "prior": "既存障害（加重の場合）",
    "assessed_loss": "損害額（逸失利益及び慰謝料）",
}
FINDING_FIELDS: dict[str, str] = {"table": "別表", "grade": "等級", "item": "号", "reason": "等級の判断理由"}
DEATH_FIELDS: dict[str, str] = {
    "annual_income": "年間収入額",
    "working_years": "就労可能年数",
    "supported_dependants": "被扶養者の有無",
    "bereaved_claimants": "慰謝料請求権者の人数",
    "funeral_costs": "葬儀費の実費",
}
DEATH_REQUIRED = ("annual_income", "working_years", "supported_dependants", "bereaved_claimants")


def _yen(amount: int) -> str:
    return f"{amount:,}円"


# --- the claim -------------------------------------------------------------------------------------


class _Section:
    """One JSON object of the claim; every refusal names the dotted field path."""

    def __init__(self, data: object, path: str, fields: Mapping[str, str], article: Article) -> None:
        self.path = path
        self.fields = fields
        self.article = article
        if not isinstance(data, dict):
            raise RuleViolation(f"{path or '請求'}はJSONオブジェクトで指定してください", article, field=path)
        self.data: dict[str, Any] = data
        for key in data:
            if key not in fields:
                raise RuleViolation(f"不明な項目「{key}」があります", article, field=self.field(key))

    def field(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def require(self, keys: tuple[str, ...]) -> None:
        missing = [(self.field(k), self.fields[k], self.article) for k in keys if self.data.get(k) is None]
        if missing:
            raise MissingItems(missing)

    def _refuse(self, key: str, expected: str) -> RuleViolation:
        return RuleViolation(
            f"{self.fields[key]}（{self.field(key)}）は{expected}", self.article, self.field(key)
        )

    def integer(self, key: str, default: int = 0, minimum: int = 0) -> int:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._refuse(key, "整数で指定してください")
        if value < minimum:
            raise self._refuse(key, f"{minimum}以上で指定してください")
        return value

    def optional_integer(self, key: str) -> int | None:
        return None if self.data.get(key) is None else self.integer(key)

    def date(self, key: str) -> date:
        value = self.data.get(key)
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self._refuse(key, "YYYY-MM-DD形式の日付で指定してください")

    def boolean(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self._refuse(key, "true又はfalseで指定してください")
        return value

    def text(self, key: str) -> str:
        value = self.data.get(key, "")
        if not isinstance(value, str):
            raise self._refuse(key, "文字列で指定してください")
        return value.strip()

    def section(self, key: str, fields: Mapping[str, str], article: Article) -> _Section | None:
        value = self.data.get(key)
        return None if value is None else _Section(value, self.field(key), fields, article)


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

    @property
    def treatment_period(self) -> int:
        """Days from the first to the last day of treatment, both counted."""
        return (self.treatment_end - self.treatment_start).days + 1

    @property
    def actual_days(self) -> int:
        return self.hospital_days + self.outpatient_days

    @classmethod
    def read(cls, s: _Section, accident_date: date) -> InjuryClaim:
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
        )
        for key, ok, expected in checks:
            if not ok:
                raise s._refuse(key, expected)
        return claim


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
        s = _Section(data, path, FINDING_FIELDS, grades.TABLES_ARTICLE)
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
    findings: tuple[Finding, ...]
    prior: Finding | None = None
    assessed_loss: int | None = None

    @classmethod
    def read(cls, s: _Section) -> AfterEffectClaim:
        s.require(("findings",))
        raw = s.data["findings"]
        if not isinstance(raw, list) or not raw:
            raise s._refuse("findings", "1件以上の配列で指定してください")
        findings = tuple(Finding.read(f, s.field(f"findings[{i}]"), True) for i, f in enumerate(raw))
        prior = (
            None if s.data.get("prior") is None else Finding.read(s.data["prior"], s.field("prior"), False)
        )
        return cls(findings, prior, s.optional_integer("assessed_loss"))


@dataclass(frozen=True, slots=True)
class DeathClaim:
    annual_income: int
    working_years: int
    supported_dependants: bool
    bereaved_claimants: int
    funeral_costs: int | None = None

    @classmethod
    def read(cls, s: _Section) -> DeathClaim:
        s.require(DEATH_REQUIRED)
        return cls(
            annual_income=s.integer("annual_income"),
            working_years=s.integer("working_years"),
            supported_dependants=s.boolean("supported_dependants"),
            bereaved_claimants=s.integer("bereaved_claimants"),
            funeral_costs=s.optional_integer("funeral_costs"),
        )


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
        s = _Section(d, "", CLAIM_FIELDS, std.GENERAL)
        s.require(("accident_date", "kind"))
        accident_date = s.date("accident_date")
        kind = s.data["kind"]
        if kind not in _SECTIONS_ALLOWED:
            raise s._refuse("kind", "injury、after_effect又はdeathで指定してください")
        # Each kind's own section carries its name, so the kind requires the section of the same name.
        present = {k for k in KIND_LABELS if s.data.get(k) is not None}
        if kind not in present:
            raise MissingItems([(kind, CLAIM_FIELDS[kind], std.GENERAL)])
        extras = sorted(present - _SECTIONS_ALLOWED[kind])
        if extras:
            raise s._refuse(extras[0], f"損害の種類が{KIND_LABELS[kind]}の請求には指定できません")
        fault = s.data.get("victim_fault_percent", 0)
        if isinstance(fault, bool) or not isinstance(fault, int | float) or not 0 <= fault <= 100:
            raise s._refuse("victim_fault_percent", "0以上100以下の数値で指定してください")
        if fault == 100:
            raise RuleViolation(
                "被害者の過失割合が100%の場合は被保険者に損害賠償の責任がなく、支払額は計算しません"
                "（支払をしない理由は令第4条の書面で示します）",
                std.SERIOUS_FAULT,
                field="victim_fault_percent",
            )
        causation_doubtful = s.boolean("causation_doubtful")
        if causation_doubtful and kind == "injury":
            raise s._refuse("causation_doubtful", "後遺障害又は死亡の請求でのみ指定できます")
        injury = s.section("injury", INJURY_FIELDS, std.INJURY_COSTS)
        after_effect = s.section("after_effect", AFTER_EFFECT_FIELDS, std.AFTER_EFFECT)
        death = s.section("death", DEATH_FIELDS, std.DEATH_LOST_EARNINGS)
        return cls(
            accident_date=accident_date,
            kind=kind,
            injury=None if injury is None else InjuryClaim.read(injury, accident_date),
            after_effect=None if after_effect is None else AfterEffectClaim.read(after_effect),
            death=None if death is None else DeathClaim.read(death),
            victim_fault_percent=fault,
            reduction_reason=s.text("reduction_reason"),
            causation_doubtful=causation_doubtful,
        )


# --- the computation -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    label: str
    amount: int
    formula: str
    article: Article
    limit_applied: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "amount": self.amount,
            "formula": self.formula,
            "limit_applied": self.limit_applied,
            "article": str(self.article),
        }


@dataclass(frozen=True, slots=True)
class Part:
    """One kind of damage (令3条2号: the amount is stated per kind): its items, limit and reduction."""

    kind: str
    label: str
    items: tuple[Item, ...]
    damage: int
    limit: int
    limit_article: Article
    reduction_percent: int
    reduction_note: str
    amount: int

    @property
    def reduced(self) -> bool:
        return self.amount < self.before_reduction

    @property
    def before_reduction(self) -> int:
        return min(self.damage, self.limit)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "damage": self.damage,
            "limit": self.limit,
            "limit_applied": self.damage > self.limit,
            "limit_article": str(self.limit_article),
            "before_reduction": self.before_reduction,
            "reduction_ratio": self.reduction_percent / 100 if self.reduced else 0.0,
            "reduction_note": self.reduction_note,
            "amount": self.amount,
        }


@dataclass(frozen=True, slots=True)
class Reduction:
    ratio: float
    reason: str
    article: Article

    def to_dict(self) -> dict[str, Any]:
        return {"ratio": self.ratio, "reason": self.reason, "article": str(self.article)}


@dataclass(frozen=True, slots=True)
class Calculation:
    standard: Standard
    accident_date: date
    kind: Kind
    parts: tuple[Part, ...]
    grade: dict[str, Any] | None
    reduction: Reduction | None

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for part in self.parts for item in part.items)

    @property
    def subtotal(self) -> int:
        """After the limits, before any reduction."""
        return sum(part.before_reduction for part in self.parts)

    @property
    def total(self) -> int:
        return sum(part.amount for part in self.parts)

    @property
    def articles(self) -> list[str]:
        cited = [str(i.article) for i in self.items] + [str(p.limit_article) for p in self.parts]
        if self.grade is not None:
            cited.append(self.grade["article"])
        if self.reduction is not None:
            cited.append(str(self.reduction.article))
        return list(dict.fromkeys(cited))

    def to_dict(self) -> dict[str, Any]:
        return {
            "standard_version": self.standard.version,
            "standard_title": self.standard.title,
            "accident_date": self.accident_date.isoformat(),
            "kind": self.kind,
            "kind_label": KIND_LABELS[self.kind],
            "items": [item.to_dict() for item in self.items],
            "parts": [part.to_dict() for part in self.parts],
            "grade": self.grade,
            "reduction": None if self.reduction is None else self.reduction.to_dict(),
            "subtotal": self.subtotal,
            "total": self.total,
            "articles": self.articles,
        }


def _injury_items(s: Standard, c: InjuryClaim) -> list[Item]:
    items: list[Item] = []

    def add(code: str, label: str, amount: int, formula: str, article: Article, capped: bool = False) -> None:
        items.append(Item(code, label, amount, formula, article, capped))

    if c.medical_fees:
        add(
            "medical_fees",
            "治療関係費（治療費）",
            c.medical_fees,
            f"実費 {_yen(c.medical_fees)}",
            std.INJURY_COSTS,
        )
    if c.hospital_days:
        amount = c.hospital_days * s.hospital_misc_daily
        formula = f"入院{c.hospital_days}日 × {_yen(s.hospital_misc_daily)} = {_yen(amount)}"
        add("hospital_misc", "治療関係費（入院中の諸雑費）", amount, formula, std.INJURY_COSTS)
    if c.nursing_hospital_days or c.nursing_home_days:
        hospital = c.nursing_hospital_days * s.nursing_hospital_daily
        home = c.nursing_home_days * s.nursing_home_daily
        formula = (
            f"入院看護{c.nursing_hospital_days}日 × {_yen(s.nursing_hospital_daily)} + "
            f"自宅・通院看護{c.nursing_home_days}日 × {_yen(s.nursing_home_daily)} = {_yen(hospital + home)}"
        )
        add("nursing", "治療関係費（看護料）", hospital + home, formula, std.INJURY_COSTS)
    if c.glasses_cost:
        amount = min(c.glasses_cost, s.glasses_max)
        capped = c.glasses_cost > s.glasses_max
        formula = f"実費 {_yen(c.glasses_cost)}" + (f"（上限{_yen(s.glasses_max)}）" if capped else "")
        add("glasses", "治療関係費（眼鏡）", amount, formula, std.INJURY_COSTS, capped)
    for code, label, amount in (
        ("transport", "治療関係費（通院交通費）", c.transport_costs),
        ("document_fees", "文書料", c.document_fees),
        ("other_costs", "その他の費用", c.other_costs),
    ):
        if amount:
            add(code, label, amount, f"実費 {_yen(amount)}", std.INJURY_COSTS)
    if c.absence_days:
        daily, note, capped = s.lost_income_daily, f"原則{_yen(s.lost_income_daily)}", False
        if c.daily_income_proven is not None and c.daily_income_proven > s.lost_income_daily:
            capped = c.daily_income_proven > s.lost_income_daily_max
            daily = min(c.daily_income_proven, s.lost_income_daily_max)
            note = f"立証額{_yen(c.daily_income_proven)}" + (
                f"、上限{_yen(s.lost_income_daily_max)}" if capped else ""
            )
        formula = f"休業{c.absence_days}日 × {_yen(daily)}（{note}） = {_yen(c.absence_days * daily)}"
        add("lost_income", "休業損害", c.absence_days * daily, formula, std.INJURY_LOST_INCOME, capped)
    days = min(c.treatment_period, 2 * c.actual_days)
    formula = (
        f"対象日数 {days}日（治療期間{c.treatment_period}日と実治療日数{c.actual_days}日×2="
        f"{2 * c.actual_days}日の少ない方） × {_yen(s.consolation_daily)} = {_yen(days * s.consolation_daily)}"
    )
    add("consolation", "慰謝料", days * s.consolation_daily, formula, std.INJURY_CONSOLATION)
    return items


def _death_items(s: Standard, c: DeathClaim) -> list[Item]:
    items: list[Item] = []
    funeral, capped, formula = s.funeral, False, f"定額 {_yen(s.funeral)}"
    if c.funeral_costs is not None and c.funeral_costs > s.funeral:
        capped = c.funeral_costs > s.funeral_max
        funeral = min(c.funeral_costs, s.funeral_max)
        formula = f"実費 {_yen(c.funeral_costs)}" + (f"（上限{_yen(s.funeral_max)}）" if capped else "")
    items.append(Item("funeral", "葬儀費", funeral, formula, std.DEATH_FUNERAL, capped))
    living = (
        s.living_cost_percent_with_dependants
        if c.supported_dependants
        else s.living_cost_percent_without_dependants
    )
    factor = s.leibniz(c.working_years)
    earnings = int((Decimal(c.annual_income) * (100 - living) / 100 * factor).to_integral_value(ROUND_DOWN))
    formula = (
        f"年間収入額 {_yen(c.annual_income)} × (1 − 生活費控除{living}%) × ライプニッツ係数{factor}"
        f"（{c.working_years}年・年{s.leibniz_rate_percent}%） = {_yen(earnings)}"
    )
    items.append(Item("lost_earnings", "逸失利益", earnings, formula, std.DEATH_LOST_EARNINGS))
    items.append(
        Item("consolation_deceased", "慰謝料（本人）", s.deceased_consolation, "定額", std.DEATH_CONSOLATION)
    )
    bereaved = s.bereaved(c.bereaved_claimants)
    if bereaved:
        formula = f"請求権者{c.bereaved_claimants}名" + ("（3名以上）" if c.bereaved_claimants > 3 else "")
        items.append(Item("consolation_bereaved", "慰謝料（遺族）", bereaved, formula, std.DEATH_CONSOLATION))
    if c.supported_dependants:
        items.append(
            Item(
                "consolation_dependants",
                "慰謝料（被扶養者がいる場合の加算）",
                s.dependants_addition,
                "定額",
                std.DEATH_CONSOLATION,
            )
        )
    return items


def _after_effect(s: Standard, c: AfterEffectClaim) -> tuple[Item, int, dict[str, Any]]:
    """The after-effect item, its limit (the grade's amount after 併合 and 加重) and the grade record."""
    combination = grades.combine([f.grade for f in c.findings])
    limit = combination.amount
    aggravated = None if c.prior is None else grades.aggravation(c.prior.grade, combination)
    if aggravated is not None:
        limit = aggravated.amount
    basis = aggravated.formula if aggravated else f"{combination.label}の保険金額 {_yen(limit)}"
    if c.assessed_loss is None:
        amount, formula = limit, f"{basis}（逸失利益及び慰謝料を含む）"
    else:
        amount, formula = (
            c.assessed_loss,
            f"損害額（逸失利益及び慰謝料） {_yen(c.assessed_loss)}（限度 {basis}）",
        )
    item = Item("after_effect", "後遺障害による損害（逸失利益・慰謝料）", amount, formula, std.AFTER_EFFECT)
    result = combination.grade
    record: dict[str, Any] = {
        "table": result.table,
        "grade": result.grade,
        "label": combination.label,
        "amount": limit,
        "findings": [f.to_dict() for f in c.findings],
        "combination": combination.to_dict() if len(c.findings) > 1 else None,
        "aggravation": None,
        "consolation_reference": s.consolation_reference(result.table, result.grade),
        "article": str(result.article),
    }
    if aggravated is not None and c.prior is not None:
        record["aggravation"] = aggravated.to_dict() | {"prior_finding": c.prior.to_dict()}
    return item, limit, record


@dataclass(frozen=True, slots=True)
class _Rule:
    """The reduction a part is subject to: percent, the article it rests on, and the injury floor."""

    percent: int
    article: Article
    floor: int | None = None


def _part(kind: str, label: str, items: list[Item], limit: int, limit_article: Article, rule: _Rule) -> Part:
    """Caps ``items`` at ``limit`` and applies the reduction, adding both as negative items.

    The base of the reduction is the smaller of the damage and the limit (支払基準第6). The injury
    floor: a loss under it is not reduced, and a reduction stops at it.
    """
    damage = sum(i.amount for i in items)
    base = min(damage, limit)
    out = list(items)
    if damage > limit:
        formula = f"損害額 {_yen(damage)} が限度額 {_yen(limit)} を超えるため限度額まで"
        out.append(
            Item(
                f"{kind}_limit",
                f"支払限度額（{label}）による調整",
                limit - damage,
                formula,
                limit_article,
                True,
            )
        )
    amount, note = base, ""
    if rule.percent:
        amount = base * (100 - rule.percent) // 100
        note = f"{_yen(base)} × (1 − {rule.percent}%) = {_yen(amount)}"
        if rule.floor is not None and base < rule.floor:
            amount, note = base, f"損害額が{_yen(rule.floor)}未満のため減額なし"
        elif rule.floor is not None and amount < rule.floor:
            amount, note = rule.floor, f"{note} → 減額後の下限{_yen(rule.floor)}"
        if amount < base:
            out.append(Item(f"{kind}_reduction", f"減額（{label}）", amount - base, note, rule.article))
    return Part(kind, label, tuple(out), damage, limit, limit_article, rule.percent, note, amount)


def calculate(claim: Claim) -> Calculation:
    """The payment under the standard in force on the accident date (DP-23), itemised (PN-02, PN-06)."""
    s = std.standard_for(claim.accident_date)
    fault = claim.victim_fault_percent
    injury_rule = _Rule(std.fault_reduction_percent(s.fault_bands_injury, fault), std.SERIOUS_FAULT)
    main_rule = _Rule(std.fault_reduction_percent(s.fault_bands_after_effect_death, fault), std.SERIOUS_FAULT)
    # The spec does not stack the two reductions, so the larger one applies.
    if claim.causation_doubtful and s.causation_reduction_percent > main_rule.percent:
        main_rule = _Rule(s.causation_reduction_percent, std.DOUBTFUL_CAUSATION)
    parts: list[Part] = []
    grade_record: dict[str, Any] | None = None
    if claim.injury is not None:
        before_death = claim.kind == "death"
        label = "死亡に至るまでの傷害" if before_death else "傷害"
        limit_article = std.INJURY_BEFORE_DEATH if before_death else std.LIMITS
        # The floor protects injury alone, not injury that led to after-effects or death (支払基準第6の1).
        if claim.kind == "injury":
            injury_rule = _Rule(injury_rule.percent, injury_rule.article, s.injury_reduction_floor)
        items = _injury_items(s, claim.injury)
        parts.append(_part("injury", label, items, s.injury_limit, limit_article, injury_rule))
    if claim.after_effect is not None:
        item, limit, grade_record = _after_effect(s, claim.after_effect)
        limit_article = grades.table_article(grade_record["table"])
        parts.append(_part("after_effect", "後遺障害", [item], limit, limit_article, main_rule))
    if claim.death is not None:
        parts.append(
            _part("death", "死亡", _death_items(s, claim.death), s.death_limit, std.LIMITS, main_rule)
        )
    return Calculation(
        s, claim.accident_date, claim.kind, tuple(parts), grade_record, _reduction(claim, parts)
    )


def _reduction(claim: Claim, parts: list[Part]) -> Reduction | None:
    """The reduction ratio and why (令3条4号); None when nothing was reduced."""
    reduced = [p for p in parts if p.reduced]
    if not reduced:
        return None
    worst = max(reduced, key=lambda p: p.reduction_percent)
    articles = [i.article for p in reduced for i in p.items if i.code.endswith("_reduction")]
    grounds = []
    if std.SERIOUS_FAULT in articles:
        grounds.append(f"被害者の過失割合が{claim.victim_fault_percent:g}%で重大な過失がある")
    if std.DOUBTFUL_CAUSATION in articles:
        grounds.append(f"受傷と{KIND_LABELS[claim.kind]}との因果関係の有無の判断が困難である")
    facts = f"{claim.reduction_reason}。" if claim.reduction_reason else ""
    outcomes = "、".join(f"{p.label}: {p.reduction_note}" for p in reduced)
    reason = f"{facts}{'こと及び'.join(grounds)}ため減額（{outcomes}）"
    main_article = next(i.article for i in worst.items if i.code.endswith("_reduction"))
    return Reduction(worst.reduction_percent / 100, reason, main_article)


def calculate_dict(d: object) -> dict[str, Any]:
    """``calculate`` from and to JSON-ready data."""
    return calculate(Claim.from_dict(d)).to_dict()
