"""The payment computation under the standards (DP-23) that payment notices state (PN-02, 令3条) and
the detailed explanation itemises (PN-06, 令7条): each item with its formula, the grade and why, and
any reduction and why.

A claim has one main kind (injury, after-effect or death); after-effect and death claims may carry
the injury part too, which has its own limit. Each kind of damage is a *part*: its items are summed,
capped at the part's limit, then reduced; the limit and the reductions appear as negative items so
that the items always add up to the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Any

from chotei.rules import grades
from chotei.rules.articles import Article
from chotei.rules.errors import RuleViolation
from chotei.rules.payment import standards as std
from chotei.rules.payment.claim import (
    KIND_LABELS,
    AfterEffectClaim,
    Claim,
    DeathClaim,
    InjuryClaim,
    Kind,
)
from chotei.rules.payment.income import Income
from chotei.rules.payment.section import Proven
from chotei.rules.payment.standards import Standard

__all__ = ["Calculation", "Claim", "Item", "Part", "Reduction", "calculate", "calculate_dict"]


def _yen(amount: int) -> str:
    return f"{amount:,}円"


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
            "codes": [item.code for item in self.items],
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
    flat = c.flat_amounts(s)
    if c.hospital_days:
        formula = f"1日{_yen(s.hospital_misc_daily)} × 入院{c.hospital_days}日 = {_yen(flat['hospital_misc_proven'])}"
        amount, formula = _proven_or_flat(c.hospital_misc_proven, flat["hospital_misc_proven"], formula)
        add("hospital_misc", "治療関係費（入院中の諸雑費）", amount, formula, std.INJURY_COSTS)
    if c.nursing_hospital_days or c.nursing_home_days:
        parts = [
            f"1日{_yen(daily)} × {where}{days}日"
            for where, days, daily in (
                ("入院看護", c.nursing_hospital_days, s.nursing_hospital_daily),
                ("自宅・通院看護", c.nursing_home_days, s.nursing_home_daily),
            )
            if days
        ]
        formula = f"{' + '.join(parts)} = {_yen(flat['nursing_proven'])}"
        amount, formula = _proven_or_flat(c.nursing_proven, flat["nursing_proven"], formula)
        add("nursing", "治療関係費（看護料）", amount, formula, std.INJURY_COSTS)
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


def _proven_or_flat(proven: Proven | None, flat: int, flat_formula: str) -> tuple[int, str]:
    """The flat product, or the proven actual cost that exceeds it (支払基準第2の1; the claim refuses
    one that does not), said to be such on the notice and the explanation (PN-02, PN-06)."""
    if proven is None:
        return flat, flat_formula
    return (
        proven.amount,
        f"立証額 {_yen(proven.amount)}（立証資料: {proven.basis}。定額 {flat_formula} を超える必要かつ妥当な実費）",
    )


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
    earnings = int((Decimal(c.income.amount) * (100 - living) / 100 * factor).to_integral_value(ROUND_DOWN))
    formula = (
        f"年間収入額 {_yen(c.income.amount)}（{c.income.note}） × (1 − 生活費控除{living}%) × "
        f"ライプニッツ係数{factor}（就労可能年数{c.working_years}年{_note(c.years_note)}・"
        f"年{s.leibniz_rate_percent}%） = {_yen(earnings)}"
    )
    items.append(Item("lost_earnings", "逸失利益", earnings, formula, std.DEATH_LOST_EARNINGS))
    items.append(
        Item(
            "consolation_deceased",
            "慰謝料（本人）",
            s.deceased_consolation,
            f"定額 {_yen(s.deceased_consolation)}",
            std.DEATH_CONSOLATION,
        )
    )
    bereaved = s.bereaved(c.bereaved_claimants)
    if bereaved:
        formula = (
            f"請求権者{c.bereaved_claimants}名"
            + ("（3名以上）" if c.bereaved_claimants > 3 else "")
            + f" {_yen(bereaved)}"
        )
        items.append(Item("consolation_bereaved", "慰謝料（遺族）", bereaved, formula, std.DEATH_CONSOLATION))
    if c.supported_dependants:
        items.append(
            Item(
                "consolation_dependants",
                "慰謝料（被扶養者がいる場合の加算）",
                s.dependants_addition,
                f"定額 {_yen(s.dependants_addition)}",
                std.DEATH_CONSOLATION,
            )
        )
    return items


def _note(note: str) -> str:
    return f"、{note}" if note else ""


def _itemised(s: Standard, basis: Income, years: int, years_note: str, result: grades.Grade) -> list[Item]:
    """逸失利益 (basic income × loss-of-capacity ratio × Leibniz for the years lost) and the grade's
    慰謝料 (支払基準第3); their sum is capped at the grade's amount by the part's limit."""
    consolation = s.consolation_reference(result.table, result.grade)
    if consolation is None:
        raise RuleViolation(
            f"{s.title}には等級別の慰謝料のデータがないため、逸失利益と慰謝料に分けて算定できません",
            std.AFTER_EFFECT,
            field="after_effect.income_basis",
        )
    ratio = std.loss_ratio(result.table, result.grade)
    factor = s.leibniz(years)
    lost = int((Decimal(basis.amount) * ratio / 100 * factor).to_integral_value(ROUND_DOWN))
    formula = (
        f"基礎収入額 {_yen(basis.amount)}（{basis.note}） × 労働能力喪失率{ratio}%（{result.label}） × "
        f"ライプニッツ係数{factor}（労働能力喪失期間{years}年{_note(years_note)}・"
        f"年{s.leibniz_rate_percent}%） = {_yen(lost)}"
    )
    return [
        Item("after_effect_lost_earnings", "後遺障害による逸失利益", lost, formula, std.AFTER_EFFECT),
        Item(
            "after_effect_consolation",
            "後遺障害による慰謝料",
            consolation,
            f"{result.label}の慰謝料 {_yen(consolation)}",
            std.AFTER_EFFECT,
        ),
    ]


def _after_effect(s: Standard, c: AfterEffectClaim) -> tuple[list[Item], int, dict[str, Any]]:
    """The after-effect items, their limit (the grade's amount after 併合 and 加重) and the grade record."""
    combination = grades.combine([f.grade for f in c.findings])
    limit = combination.amount
    aggravated = None if c.prior is None else grades.aggravation(c.prior.grade, combination)
    if aggravated is not None:
        limit = aggravated.amount
    result = combination.grade
    basis = aggravated.formula if aggravated else f"{combination.label}の限度額 {_yen(limit)}"
    if c.income is not None and c.loss_years is not None:
        items = _itemised(s, c.income, c.loss_years, c.years_note, result)
    elif c.assessed_loss is None:
        items = [
            Item(
                "after_effect",
                "後遺障害による損害（逸失利益・慰謝料）",
                limit,
                f"{basis}（逸失利益及び慰謝料を含む）",
                std.AFTER_EFFECT,
            )
        ]
    else:
        formula = f"損害額（逸失利益及び慰謝料） {_yen(c.assessed_loss)}（限度 {basis}）"
        items = [
            Item(
                "after_effect",
                "後遺障害による損害（逸失利益・慰謝料）",
                c.assessed_loss,
                formula,
                std.AFTER_EFFECT,
            )
        ]
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
    return items, limit, record


def _not_applicable(c: AfterEffectClaim) -> dict[str, Any]:
    """非該当: no grade, and why (令3条3号); no after-effect part is paid."""
    return {"not_applicable": True, "reason": c.not_applicable_reason, "article": str(std.AFTER_EFFECT)}


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
        # The floor protects injury alone, not injury that led to after-effects or death (支払基準第6の1).
        if claim.kind == "injury":
            injury_rule = _Rule(injury_rule.percent, injury_rule.article, s.injury_reduction_floor)
        items = _injury_items(s, claim.injury)
        parts.append(_part("injury", label, items, s.injury_limit, std.LIMITS, injury_rule))
    if claim.after_effect is not None and not claim.after_effect.findings:
        grade_record = _not_applicable(claim.after_effect)
    elif claim.after_effect is not None:
        items, limit, grade_record = _after_effect(s, claim.after_effect)
        limit_article = grades.table_article(grade_record["table"])
        parts.append(_part("after_effect", "後遺障害", items, limit, limit_article, main_rule))
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
