"""The body's business calendar (DP-25, 令第19条第1号: business hours and holidays are set in the rules).

Closed on Saturdays, Sundays, national holidays (国民の祝日・振替休日・国民の休日, via ``jpholiday``)
and over the year-end closure 12/29–1/3. Every deadline of the procedure counts in business days.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from functools import lru_cache

import jpholiday

from chotei.rules.articles import Article, ordinance

ARTICLE: Article = ordinance("第19条第1号", "DP-25")

# (month, day) pairs of the 年末年始 closure; they fall on fixed dates every year.
YEAR_END_CLOSURE: frozenset[tuple[int, int]] = frozenset(
    {(12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3)}
)

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    # One lookup per year keeps long spans (retention, statistics) cheap.
    return frozenset(d for d, _ in jpholiday.year_holidays(year))


def is_business_day(d: date) -> bool:
    """DP-25: weekdays that are neither a national holiday nor in the year-end closure."""
    return d.weekday() < 5 and (d.month, d.day) not in YEAR_END_CLOSURE and d not in _holidays(d.year)


def add_business_days(start: date, n: int) -> date:
    """DP-25: the n-th business day after ``start``; ``start`` itself never counts (初日不算入)."""
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    d = start
    remaining = n
    while remaining:
        d += _ONE_DAY
        if is_business_day(d):
            remaining -= 1
    return d


@lru_cache(maxsize=64)
def _closed_weekdays(year: int) -> tuple[int, ...]:
    """Ordinals, sorted, of the year's weekdays the body is closed (holidays, the year-end closure)."""
    closure = {date(year, month, day) for month, day in YEAR_END_CLOSURE}
    return tuple(sorted(d.toordinal() for d in _holidays(year) | closure if d.weekday() < 5))


def _weekdays_through(ordinal: int) -> int:
    """Weekdays among ordinals 1..ordinal (ordinal 1, 0001-01-01, is a Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def business_days_between(a: date, b: date) -> int:
    """DP-25/DP-10: business days in (a, b]; 0 when ``b`` is not after ``a``.

    Counted, not walked: the weekdays less the closed weekdays of each year in the span (the desk
    shows this for 50 cases a page, some of them waiting for months)."""
    if b <= a:
        return 0
    lo, hi = a.toordinal(), b.toordinal()
    count = _weekdays_through(hi) - _weekdays_through(lo)
    for year in range(a.year, b.year + 1):
        closed = _closed_weekdays(year)
        count -= bisect_right(closed, hi) - bisect_right(closed, lo)
    return count
