"""What a payment notice says, read from the claim and the payment computed from it by the standards
(``calc.calculate_dict``), so no amount is ever typed (PN-02, PN-03, PN-06, 令3条・令4条・令7条).

The table states a subtotal per kind of damage with its own reduction (令3条2号・4号), after-effects
itemised where the claim states the basic income, and amounts already paid (内払・仮渡金) deducted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from chotei.rules.articles import ordinance
from chotei.rules.errors import RuleViolation
from chotei.rules.notices.kinds import NoticeKind
from chotei.rules.notices.wording import ratio_text, yen
from chotei.rules.wareki import to_wareki

# Keys of a claim's data that the notices read but the standards do not compute with.
NOTICE_KEYS = frozenset(
    {
        "accident_summary",
        "accident_details",
        "no_liability_reason",
        "no_damage_reason",
        "exemption_reason",
        "victim_name",
        "vehicle",
        "interim_paid",
        "provisional_paid",
    }
)
NONPAYMENT_REASONS = ("no_liability_reason", "no_damage_reason", "exemption_reason")
# Amounts already paid, deducted from the payment and shown as such (令3条2号).
PAID_LABELS: dict[str, str] = {"interim_paid": "既払額（内払金）", "provisional_paid": "既払額（仮渡金）"}
PAID_ARTICLE = ordinance("第3条第2号", "PN-02")


def split_claim(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The claim's data as (input to the standards, facts only the notices state)."""
    calc_input = {k: v for k, v in data.items() if k not in NOTICE_KEYS}
    notes = {k: v for k, v in data.items() if k in NOTICE_KEYS}
    return calc_input, notes


def is_nonpayment(data: Mapping[str, Any]) -> bool:
    return any(str(data.get(k) or "").strip() for k in NONPAYMENT_REASONS)


def check_paid(data: Mapping[str, Any], total: int) -> None:
    """内払金・仮渡金 are whole yen, not negative, and together not above the payment computed."""
    paid = 0
    for key, label in PAID_LABELS.items():
        value = data.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise RuleViolation(
                f"{label}（{key}）は0以上の整数（円）で指定してください", PAID_ARTICLE, field=key
            )
        paid += value
    if paid > total:
        raise RuleViolation(
            f"既払額の合計 {yen(paid)} が支払額 {yen(total)} を超えています",
            PAID_ARTICLE,
            field="interim_paid",
        )


def _grade(grade: Mapping[str, Any] | None) -> dict[str, object] | None:
    """PN-02 令3条3号: the grade and why, from the findings; one finding without a reason leaves the
    reason empty so the notice is refused rather than printed without it. A 併合 states the combined
    grade, its amount and, where capped, the sum it is limited to."""
    if not grade:
        return None
    if grade.get("not_applicable"):
        return {"grade": "非該当", "reason": grade.get("reason"), "not_applicable": True}
    findings = list(grade.get("findings") or [])
    reasons = [str(f.get("reason") or "").strip() for f in findings]
    if len(findings) == 1:
        reason = reasons[0]
    else:
        reason = (
            "、".join(f"{f['label']}：{r}" for f, r in zip(findings, reasons, strict=True))
            if all(reasons)
            else ""
        )
    combination = grade.get("combination")
    if combination:
        reason = f"{reason}。{combination_text(combination)}" if reason else ""
    return {
        "table": grade.get("table"),
        "grade": grade.get("grade"),
        "label": "、".join(f"{f['label']}　{f['description']}" for f in findings),
        "reason": reason,
    }


def combination_text(combination: Mapping[str, Any]) -> str:
    """「併合第8級 8,190,000円、各等級の合算額 7,550,000円を限度」 (施行令2条1項3号ニ)."""
    result = combination["grade"]
    text = f"{combination['rule']}。併合{result['label']} {yen(int(result['amount']))}"
    if combination.get("capped"):
        text += f"、各等級の合算額 {yen(int(combination['amount']))}を限度"
    return text


def _rows(calculation: Mapping[str, Any]) -> list[dict[str, object]]:
    """Items part by part, each part closed by its subtotal with its own limit and reduction where
    the claim has more than one kind of damage (one part's subtotal would only repeat the total)."""
    items = list(calculation["items"])
    rows: list[dict[str, object]] = []
    several = len(calculation["parts"]) > 1
    for part in calculation["parts"]:
        codes = set(part["codes"])
        rows.extend(
            {"label": i["label"], "amount": i["amount"], "formula": i["formula"]}
            for i in items
            if i["code"] in codes
        )
        if not several:
            continue
        detail = [f"損害額 {yen(part['damage'])}", f"限度額 {yen(part['limit'])}"]
        if part["reduction_ratio"]:
            detail.append(f"減額 {ratio_text(part['reduction_ratio'])}")
        rows.append(
            {
                "label": f"小計（{part['label']}）",
                "amount": part["amount"],
                "formula": "、".join(detail),
                "row": "subtotal",
            }
        )
    return rows


def _reduction(calculation: Mapping[str, Any]) -> dict[str, object] | None:
    """The ratio of each part reduced (a death notice whose injury part was cut by 2割 and death
    part by 3割 says both), and why."""
    reduction = calculation.get("reduction")
    if not reduction:
        return None
    reduced = [p for p in calculation["parts"] if p["reduction_ratio"]]
    ratios = {p["reduction_ratio"] for p in reduced}
    ratio: object = reduction["ratio"]
    if len(reduced) > 1 or len(calculation["parts"]) > 1:
        ratio = "、".join(f"{p['label']} {ratio_text(p['reduction_ratio'])}" for p in reduced)
        if len(ratios) == 1 and len(reduced) == len(calculation["parts"]):
            ratio = ratio_text(reduced[0]["reduction_ratio"])
    return {"ratio": ratio, "reason": reduction["reason"]}


def standard_text(calculation: Mapping[str, Any], accident: dt.date) -> str:
    """Which version of the standards was applied and why: the accident date chose it (DP-23)."""
    return f"{calculation['standard_title']}（事故の年月日 {to_wareki(accident)} により適用）"


def payment_fields(
    kind: NoticeKind,
    data: Mapping[str, Any],
    calculation: Mapping[str, Any] | None,
    claimant_name: str = "",
) -> dict[str, object]:
    """The items of a payment notice: amounts, grade and reduction as ``calc`` computed them (PN-02,
    PN-06); accident facts and non-payment reasons as the insurer recorded them (PN-03)."""
    fields: dict[str, object] = {}
    accident = data.get("accident_date")
    if isinstance(accident, str):
        fields["accident_date"] = dt.date.fromisoformat(accident)
    for key in NOTICE_KEYS - set(PAID_LABELS):
        if key in data:
            fields[key] = data[key]
    if kind is not NoticeKind.CLAIM_GUIDE:
        fields["victim_name"] = str(data.get("victim_name") or claimant_name)
    if calculation is not None and kind in (NoticeKind.PAYMENT, NoticeKind.PAYMENT_EXPLANATION):
        rows = _rows(calculation)
        for key, label in PAID_LABELS.items():
            paid = int(data.get(key) or 0)
            if paid:
                rows.append(
                    {
                        "label": label,
                        "amount": -paid,
                        "formula": f"支払済みの額 {yen(paid)} を控除",
                        "row": "deduction",
                    }
                )
        fields["items"] = rows
        fields["standard"] = standard_text(calculation, dt.date.fromisoformat(calculation["accident_date"]))
        grade = _grade(calculation.get("grade"))
        if grade:
            fields["grade"] = grade
        reduction = _reduction(calculation)
        if reduction:
            fields["reduction"] = reduction
    return fields
