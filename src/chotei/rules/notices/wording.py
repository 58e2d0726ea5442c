"""How values read in a notice: amounts, dates, ratios, grades, provisions, honorifics."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction

from chotei.rules.articles import ORDINANCE, RULES, Article
from chotei.rules.wareki import to_wareki

_SOURCE_NAMES: dict[str, str] = {
    RULES: "紛争処理業務規程",
    ORDINANCE: "支払適正化命令（平成13年内閣府・国土交通省令第2号）",
}


def yen(amount: int) -> str:
    """``1,234,567円``; a negative amount (a deduction line) is written with △ as in Japanese accounts."""
    return f"△{-amount:,}円" if amount < 0 else f"{amount:,}円"


def basis_text(article: Article, coop: bool = False) -> str:
    """The provision a notice rests on, spelled out for the reader: 紛争処理業務規程第16条第1項."""
    name = _SOURCE_NAMES.get(article.source, article.source)
    if coop and article.source == ORDINANCE:
        return f"{name}第10条において準用する同令{article.ref}"
    return f"{name}{article.ref}"


def as_text(value: object) -> str:
    if isinstance(value, date):
        return to_wareki(value)
    if value is None:
        return ""
    return str(value)


def ratio_text(ratio: object) -> str:
    """0.2 → 2割, 0.25 → 25%; a string is taken as already written."""
    if isinstance(ratio, str):
        return ratio
    if not isinstance(ratio, int | float | Decimal | Fraction):
        return str(ratio)
    value = ratio if isinstance(ratio, Fraction) else Fraction(str(ratio))
    # A ratio above 1 is taken as already in percent (20 → 20%).
    percent = value * 100 if value <= 1 else value
    if percent > 100:
        raise ValueError(f"減額の割合が100%を超えています: {ratio}")
    if percent.denominator == 1 and percent.numerator % 10 == 0:
        return f"{percent.numerator // 10}割"
    return f"{float(percent):g}%"


def grade_text(grade: Mapping[str, object]) -> str:
    table = as_text(grade.get("table"))
    if table and not table.startswith("別表"):
        table = f"別表第{table}"
    number = grade.get("grade")
    level = f"第{number}級" if isinstance(number, int) else as_text(number)
    label = as_text(grade.get("label"))
    head = f"自動車損害賠償保障法施行令{table}　{level}" if table else level
    return f"{head}（{label}）" if label else head


# How a notice refers to an organisation in running text, by its registered kind (issue 7): a co-op is
# 貴組合 and a federation of co-ops 貴会, never 貴社.
_KIND_WORDS: dict[str, str] = {
    "insurer": "貴社",
    "coop": "貴組合",
    "law_firm": "貴事務所",
    "hospital": "貴院",
}
# Without a registered kind the legal form in the name decides; the first match wins, so a
# 協同組合連合会 reads 貴会.
_NAME_FORMS: tuple[tuple[str, str], ...] = (
    ("連合会", "貴会"),
    ("組合", "貴組合"),
    ("株式会社", "貴社"),
    ("相互会社", "貴社"),
    ("有限会社", "貴社"),
    ("合同会社", "貴社"),
    ("(株)", "貴社"),
    ("事務所", "貴事務所"),
    ("病院", "貴院"),
    ("協会", "貴会"),
)


def you_word(honorific: str, org_kind: str = "", name: str = "") -> str:
    """貴殿 for a person; for an organisation the word of its kind, or of its legal form; "" when
    neither tells, so that the notice is refused rather than guessing (a co-op is not 貴社)."""
    if honorific == "様":
        return "貴殿"
    if org_kind == "coop" and "連合会" in name:
        return "貴会"
    if org_kind in _KIND_WORDS:
        return _KIND_WORDS[org_kind]
    return next((word for form, word in _NAME_FORMS if form in name), "")


def applicant_honorific(party_honorific: object) -> str:
    """The applicant named in running text: 「石井 沙織 様から」 for a person (the party's 様), nothing
    for an organization, whose 御中 belongs on an address, not in a sentence."""
    return " 様" if party_honorific == "様" else ""
