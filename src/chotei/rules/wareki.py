"""Japanese era dates (和暦) as official notices write them: 令和7年11月22日, 令和元年5月1日.

Notices carry dates in 和暦 (DP-05 … DP-19, PN-01 … PN-06 are all rendered with it). Year 1 of an era
is written 元年. Dates before the Gregorian calendar was adopted (1873-01-01) are refused: the
lunisolar calendar would need a different conversion.
"""

from __future__ import annotations

from datetime import date

# (first day, name, one-letter abbreviation), newest first so the lookup stops at the first match.
ERAS: tuple[tuple[date, str, str], ...] = (
    (date(2019, 5, 1), "令和", "R"),
    (date(1989, 1, 8), "平成", "H"),
    (date(1926, 12, 25), "昭和", "S"),
    (date(1912, 7, 30), "大正", "T"),
    (date(1873, 1, 1), "明治", "M"),
)
# 明治 began in 1868; its year numbering counts from there although the table starts at 1873.
_ERA_FIRST_YEAR: dict[str, int] = {"令和": 2019, "平成": 1989, "昭和": 1926, "大正": 1912, "明治": 1868}


def era_year(d: date) -> tuple[str, int]:
    """The era name and the year within it, e.g. (令和, 7) for 2025-11-22."""
    for start, name, _ in ERAS:
        if d >= start:
            return name, d.year - _ERA_FIRST_YEAR[name] + 1
    raise ValueError(f"{d.isoformat()} は和暦に変換できません（明治6年1月1日より前）")


def _abbreviation(name: str) -> str:
    return next(abbr for _, era, abbr in ERAS if era == name)


def to_wareki(d: date) -> str:
    """``令和7年11月22日``; the first year of an era is ``元年``."""
    name, year = era_year(d)
    year_text = "元" if year == 1 else str(year)
    return f"{name}{year_text}年{d.month}月{d.day}日"


def to_wareki_short(d: date) -> str:
    """``R7.11.22`` for tables and file names where the long form does not fit."""
    name, year = era_year(d)
    return f"{_abbreviation(name)}{year}.{d.month}.{d.day}"
