"""Citations: the article a rule rests on, rendered as Japanese legal text."""

from __future__ import annotations

from dataclasses import dataclass

# Short names of the source texts, as the obligations catalog abbreviates them.
ACT = "法"  # 自動車損害賠償保障法
ORDINANCE = "令"  # 平成13年内閣府・国土交通省令第2号
RULES = "規程"  # 紛争処理業務規程
CHARTER = "定款"


@dataclass(frozen=True, slots=True)
class Article:
    """A provision, e.g. 規程第5条第1項第5号, with the obligation ID it maps to."""

    source: str
    ref: str
    obligation: str = ""

    def __str__(self) -> str:
        return f"{self.source}{self.ref}"


def act(ref: str, obligation: str = "") -> Article:
    return Article(ACT, ref, obligation)


def ordinance(ref: str, obligation: str = "") -> Article:
    return Article(ORDINANCE, ref, obligation)


def rules(ref: str, obligation: str = "") -> Article:
    return Article(RULES, ref, obligation)


def charter(ref: str, obligation: str = "") -> Article:
    return Article(CHARTER, ref, obligation)
