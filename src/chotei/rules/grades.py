"""After-effect grades (PN-08): 施行令 別表第1 (care needed) and 別表第2, with 併合 and 加重.

The tables live in ``data/grade_tables.json``, transcribed from seed 004; the test suite re-reads the
seed and checks every amount and description against it. 併合 and 加重 follow
/work/shared/spec/payment-standards.md (施行令2条1項3号ロ〜ホ).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from chotei.rules.articles import Article
from chotei.rules.errors import RuleViolation

TableId = Literal["1", "2"]
TABLES: tuple[TableId, ...] = ("1", "2")

# 施行令 is neither 法 nor 令 (令 is the ordinance in the obligations catalog), so it gets its own source.
CABINET_ORDER = "自賠法施行令"
COMBINATION_ARTICLE = Article(CABINET_ORDER, "第2条第1項第3号ロ〜ホ", "PN-08")
AGGRAVATION_ARTICLE = Article(CABINET_ORDER, "第2条第2項", "PN-08")
TABLES_ARTICLE = Article(CABINET_ORDER, "別表第1・別表第2", "PN-08")


def table_article(table: str) -> Article:
    return Article(CABINET_ORDER, f"別表第{table}", "PN-08")


@dataclass(frozen=True, slots=True)
class Grade:
    """One grade of one table: its amount (保険金額) in yen and its descriptions (号), in order."""

    table: TableId
    grade: int
    amount: int
    descriptions: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"別表第{self.table}第{self.grade}級"

    @property
    def article(self) -> Article:
        return table_article(self.table)

    def description(self, item: int) -> str:
        """The text of 号 ``item`` (1-based); refuses a 号 the grade does not have (PN-08)."""
        if not 1 <= item <= len(self.descriptions):
            raise RuleViolation(
                f"{self.label}に第{item}号はありません（第1号〜第{len(self.descriptions)}号）",
                self.article,
                field="item",
            )
        return self.descriptions[item - 1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "grade": self.grade,
            "label": self.label,
            "amount": self.amount,
            "descriptions": list(self.descriptions),
            "article": str(self.article),
        }


@cache
def _tables() -> dict[str, dict[int, Grade]]:
    raw = json.loads(resources.files("chotei.rules").joinpath("data/grade_tables.json").read_text("utf-8"))
    tables: dict[str, dict[int, Grade]] = {}
    for table in TABLES:
        rows = raw["tables"][table]["grades"]
        tables[table] = {
            row["grade"]: Grade(table, row["grade"], row["amount"], tuple(row["descriptions"]))
            for row in rows
        }
    return tables


def all_grades(table: str) -> tuple[Grade, ...]:
    return tuple(_tables()[_table_id(table)].values())


def _table_id(table: str) -> TableId:
    if table == "1":
        return "1"
    if table == "2":
        return "2"
    raise RuleViolation(
        f"後遺障害の等級表は別表第1又は別表第2です（指定: {table!r}）",
        TABLES_ARTICLE,
        field="table",
    )


def grade(table: str, number: int) -> Grade:
    """The grade ``number`` of 別表第``table``; refuses a grade the table does not have (PN-08)."""
    grades = _tables()[_table_id(table)]
    if number not in grades:
        raise RuleViolation(
            f"別表第{table}に第{number}級はありません（第1級〜第{max(grades)}級）",
            table_article(table),
            field="grade",
        )
    return grades[number]


def check_amount(table: str, number: int, amount: int) -> Grade:
    """Refuses an after-effect payment above the grade's amount, or below zero (PN-08)."""
    found = grade(table, number)
    if amount < 0:
        raise RuleViolation(f"{found.label}の支払額が負の値です（{amount:,}円）", found.article, "amount")
    if amount > found.amount:
        raise RuleViolation(
            f"{found.label}の支払額{amount:,}円は保険金額{found.amount:,}円を超えるため認められません",
            found.article,
            field="amount",
        )
    return found


@dataclass(frozen=True, slots=True)
class Combination:
    """The result of 併合: the resulting grade and the amount, which may be below that grade's amount."""

    grade: Grade
    amount: int
    parts: tuple[Grade, ...]
    raised_by: int
    capped: bool
    rule: str

    @property
    def label(self) -> str:
        return f"併合{self.grade.label}" if len(self.parts) > 1 else self.grade.label

    def to_dict(self) -> dict[str, Any]:
        return {
            "grade": self.grade.to_dict(),
            "label": self.label,
            "amount": self.amount,
            "parts": [part.label for part in self.parts],
            "raised_by": self.raised_by,
            "capped": self.capped,
            "rule": self.rule,
            "article": str(COMBINATION_ARTICLE),
        }


# (grade at or above which a finding counts, how many grades the most serious one is raised), in the
# order the standards test them: the first rule with two or more qualifying findings applies.
_RAISES: tuple[tuple[int, int], ...] = ((5, 3), (8, 2), (13, 1))
_CAPPED_RAISE_FROM = 13


def combine(grades: list[Grade] | tuple[Grade, ...]) -> Combination:
    """併合 of several after-effects (PN-08, 施行令2条1項3号ロ〜ホ as payment-standards.md states it).

    Two or more of 5級以上 → most serious raised by 3; of 8級以上 → by 2; of 13級以上 → by 1, the
    amount capped at the sum of those grades' amounts; otherwise the most serious grade. 別表第1 and
    別表第2 grades are never combined.
    """
    if not grades:
        raise RuleViolation("併合する後遺障害がありません", COMBINATION_ARTICLE, field="grades")
    tables = {g.table for g in grades}
    if len(tables) > 1:
        raise RuleViolation("別表第1の等級と別表第2の等級は併合しません", COMBINATION_ARTICLE, field="grades")
    ordered = tuple(sorted(grades, key=lambda g: g.grade))
    worst = ordered[0]
    if len(ordered) == 1:
        return Combination(worst, worst.amount, ordered, 0, False, "後遺障害が一つのため併合なし")
    if worst.table == "1":
        return Combination(
            worst, worst.amount, ordered, 0, False, "別表第1の後遺障害は繰上げをせず、最も重い等級による"
        )
    for threshold, raise_by in _RAISES:
        counted = [g for g in ordered if g.grade <= threshold]
        if len(counted) < 2:
            continue
        result = grade(worst.table, max(1, worst.grade - raise_by))
        rule = f"第{threshold}級以上の後遺障害が{len(counted)}つあるため、最も重い第{worst.grade}級を{raise_by}級繰上げ"
        if result.grade != worst.grade - raise_by:
            rule += "（第1級が上限）"
        if threshold != _CAPPED_RAISE_FROM:
            return Combination(result, result.amount, ordered, raise_by, False, rule)
        total = sum(g.amount for g in counted)
        if result.amount <= total:
            return Combination(result, result.amount, ordered, raise_by, False, rule)
        parts = " + ".join(f"{g.amount:,}円" for g in counted)
        rule += f"。ただし各等級の保険金額の合算額（{parts} = {total:,}円）を超えないため{total:,}円"
        return Combination(result, total, ordered, raise_by, True, rule)
    return Combination(
        worst, worst.amount, ordered, 0, False, "繰上げの要件に当たらないため、最も重い等級による"
    )


@dataclass(frozen=True, slots=True)
class Aggravation:
    """加重: a pre-existing after-effect made worse; the payment is the difference of the amounts."""

    prior: Grade
    current: Grade
    current_amount: int
    amount: int

    @property
    def formula(self) -> str:
        return (
            f"{self.current.label} {self.current_amount:,}円 − 既存障害 {self.prior.label} "
            f"{self.prior.amount:,}円 = {self.amount:,}円"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "prior": self.prior.to_dict(),
            "current": self.current.label,
            "amount": self.amount,
            "formula": self.formula,
            "article": str(AGGRAVATION_ARTICLE),
        }


def aggravation(prior: Grade, current: Grade | Combination) -> Aggravation:
    """加重 (PN-08): the resulting grade's amount minus the pre-existing grade's amount.

    Refused when the result is not more serious than what existed before, since then nothing was added.
    """
    result, amount = (
        (current.grade, current.amount) if isinstance(current, Combination) else (current, current.amount)
    )
    if amount <= prior.amount:
        raise RuleViolation(
            f"{result.label}（{amount:,}円）は既存障害{prior.label}（{prior.amount:,}円）より重くないため加重に当たりません",
            AGGRAVATION_ARTICLE,
            field="prior",
        )
    return Aggravation(prior, result, amount, amount - prior.amount)


# A grade finding as a dispute result records it (DP-17, issue #7 item 4): "<table>-<grade>" or 非該当.
NOT_APPLICABLE = "none"
NOT_APPLICABLE_LABEL = "非該当"
FINDING_CHOICES: list[tuple[str, str]] = [
    (NOT_APPLICABLE, NOT_APPLICABLE_LABEL),
    *((f"{g.table}-{g.grade}", g.label) for table in TABLES for g in all_grades(table)),
]
_FINDINGS: dict[str, str] = dict(FINDING_CHOICES)


def finding_label(code: str, field: str = "grade") -> str:
    """The finding for ``code`` (e.g. 別表第2第9級, 非該当); refuses a grade the tables lack (PN-08)."""
    label = _FINDINGS.get(code)
    if label is None:
        raise RuleViolation(
            f"等級「{code}」は別表第1・別表第2の等級又は非該当ではありません", TABLES_ARTICLE, field
        )
    return label


def change_text(before: str, after: str) -> str:
    """The changed finding as the result notice states it on its own line (DP-17, issue #7 item 4)."""
    return f"{finding_label(after)}（変更前　{finding_label(before)}）"
