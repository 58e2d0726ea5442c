"""The roster of committee members (CM-01; 令第17条, 規程第8条第1項) and the board's ratification of
emergency appointments (CM-04; 定款第31条第2項).

At least 30 members in all, at least 20 placed at the main office and 10 at the branch. A change
that would break this is warned about before it is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from chotei.rules.articles import Article, charter, ordinance, rules
from chotei.rules.errors import RuleViolation
from chotei.rules.offices import BRANCH, MAIN
from chotei.rules.wareki import to_wareki

MIN_TOTAL = 30
MIN_MAIN = 20
MIN_BRANCH = 10
TOTAL_ARTICLE: Article = ordinance("第17条", "CM-01")
PLACEMENT_ARTICLE: Article = rules("第8条第1項", "CM-01")
RATIFY_ARTICLE: Article = charter("第31条第2項", "CM-04")


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


def counts_after(counts: RosterCounts, office: str, delta: int) -> RosterCounts:
    """The counts once ``delta`` members join (or, negative, leave) ``office``."""
    return RosterCounts(
        total=counts.total + delta,
        main=counts.main + (delta if office == MAIN else 0),
        branch=counts.branch + (delta if office == BRANCH else 0),
    )


def first_meeting_after(commissioned_on: dt.date, meetings: Iterable[dt.date]) -> dt.date | None:
    """CM-04: the date of 「委嘱後の最初の理事会」; a meeting on the commission day itself may have
    sat before the chair acted, so only later days count."""
    return min((d for d in meetings if d > commissioned_on), default=None)


def check_ratification(commissioned_on: dt.date, meeting_on: dt.date, meetings: Iterable[dt.date]) -> None:
    """CM-04 (定款第31条第2項但書): only the first board meeting after the commission ratifies."""
    first = first_meeting_after(commissioned_on, meetings)
    if meeting_on <= commissioned_on:
        raise RuleViolation(
            f"追認は委嘱（{to_wareki(commissioned_on)}）の後の理事会で行います", RATIFY_ARTICLE, "meeting"
        )
    if first is not None and meeting_on != first:
        raise RuleViolation(
            f"委嘱後の最初の理事会は{to_wareki(first)}の理事会です。追認はその理事会で受けなければなりません",
            RATIFY_ARTICLE,
            "meeting",
        )


def ratification_overdue(
    commissioned_on: dt.date, meetings: Iterable[dt.date], today: dt.date
) -> dt.date | None:
    """CM-04: the date of the first meeting after the commission when it has passed without ratifying."""
    first = first_meeting_after(commissioned_on, meetings)
    return first if first is not None and first <= today else None
