"""The roster of committee members (CM-01; 令第17条, 規程第8条第1項).

At least 30 members in all, at least 20 placed at the main office and 10 at the branch. A change
that would break this is warned about before it is made.
"""

from __future__ import annotations

from dataclasses import dataclass

from chotei.rules.articles import Article, ordinance, rules

MIN_TOTAL = 30
MIN_MAIN = 20
MIN_BRANCH = 10
TOTAL_ARTICLE: Article = ordinance("第17条", "CM-01")
PLACEMENT_ARTICLE: Article = rules("第8条第1項", "CM-01")


@dataclass(frozen=True, slots=True)
class RosterCounts:
    total: int
    main: int
    branch: int


# (attribute, what is counted, minimum, citation)
_RULES: tuple[tuple[str, str, int, str], ...] = (
    ("total", "紛争処理委員", MIN_TOTAL, f"{TOTAL_ARTICLE}・{PLACEMENT_ARTICLE}"),
    ("main", "本部に配置する紛争処理委員", MIN_MAIN, str(PLACEMENT_ARTICLE)),
    ("branch", "大阪支部に配置する紛争処理委員", MIN_BRANCH, str(PLACEMENT_ARTICLE)),
)


def check_roster(counts: RosterCounts) -> list[str]:
    """CM-01: one problem per minimum not met; empty when the roster is lawful."""
    problems = []
    for attr, what, minimum, cite in _RULES:
        n: int = getattr(counts, attr)
        if n < minimum:
            problems.append(f"{what}が{n}名です（{cite}により{minimum}名以上が必要）")
    return problems


def check_roster_change(before: RosterCounts, after: RosterCounts) -> list[str]:
    """CM-01: warnings for each count the change brings (or keeps pushing) below its minimum."""
    warnings = []
    for attr, what, minimum, cite in _RULES:
        old: int = getattr(before, attr)
        new: int = getattr(after, attr)
        if new < minimum and new < old:
            warnings.append(
                f"この変更で{what}が{old}名から{new}名になります（{cite}により{minimum}名以上が必要）"
            )
    return warnings
