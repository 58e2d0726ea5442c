"""How long case records are kept (DP-20, DP-21).

DP-20 (令第16条, 規程第20条): hearing records and all case documents are kept for 10 years from
the day the procedure ended and may not be disposed of before.
DP-21 (令第24条第3項): the ledger (帳簿) is kept until the whole dispute business is abolished.
"""

from __future__ import annotations

from datetime import date

from chotei.rules.articles import Article, ordinance
from chotei.rules.errors import RuleViolation

RETENTION_YEARS = 10
RETENTION_ARTICLE: Article = ordinance("第16条", "DP-20")

# DP-21: 令第24条第3項 keeps the ledger 「紛争処理業務の全部を廃止するまで」, so no ledger entry ever
# becomes disposable while the system runs.
LEDGER_DISPOSABLE = False
LEDGER_ARTICLE: Article = ordinance("第24条第3項", "DP-21")


def retention_until(ended_on: date) -> date:
    """DP-20: the last day the records must be kept.

    The period runs from the day after the end (民法第140条) and ends on the anniversary date
    (民法第143条第2項); from 29 February it ends on 28 February, the month having no 29th.
    """
    year = ended_on.year + RETENTION_YEARS
    try:
        return ended_on.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def may_dispose(ended_on: date | None, today: date) -> bool:
    """DP-20: only records of an ended case, and only after the retention period has run out."""
    return ended_on is not None and today > retention_until(ended_on)


def check_disposal(ended_on: date | None, today: date) -> date:
    """DP-20: refuse disposal of an open case's records or of records still under retention; returns
    the end date the retention ran from."""
    if ended_on is None:
        raise RuleViolation("手続が終了していない事案の記録は廃棄できません", RETENTION_ARTICLE, "ended_on")
    until = retention_until(ended_on)
    if today <= until:
        raise RuleViolation(
            f"保存期間（{until.year}年{until.month}月{until.day}日まで）中の記録は廃棄できません",
            RETENTION_ARTICLE,
            "ended_on",
        )
    return ended_on
