"""Japanese era dates (和暦) as official notices write them: 令和7年11月22日, 令和元年5月1日.

Notices carry dates in 和暦 (DP-05 … DP-19, PN-01 … PN-06 are all rendered with it). Year 1 of an era
is written 元年. Dates before the Gregorian calendar was adopted (1873-01-01) are refused: the
lunisolar calendar would need a different conversion.
"""

from __future__ import annotations

import re
import unicodedata
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


_ERA_OF: dict[str, str] = {name: name for _, name, _ in ERAS} | {abbr: name for _, name, abbr in ERAS}
_ERA_DATE = re.compile(
    r"(?P<era>令和|平成|昭和|大正|明治|[RHSTM])\s*(?P<year>元|\d{1,2})\s*[年./-]\s*(?P<month>\d{1,2})\s*[月./-]"
    r"\s*(?P<day>\d{1,2})\s*日?"
)
_WESTERN_DATE = re.compile(
    r"(?P<year>\d{4})\s*[年./-]\s*(?P<month>\d{1,2})\s*[月./-]\s*(?P<day>\d{1,2})\s*日?"
)


def parse_date(text: str) -> date:
    """A date as clerks type it: 2026-05-07, 2026/5/7, 2026年5月7日, R8.5.7, 令和8年5月7日, 令和元年5月1日.

    Full-width digits and letters are folded first (NFKC). A 和暦 date outside its era (平成32年) is
    refused rather than carried over: the paper it was copied from is wrong, not the era."""
    folded = unicodedata.normalize("NFKC", text).strip().upper()
    era_match = _ERA_DATE.fullmatch(folded)
    if era_match:
        era = _ERA_OF[era_match["era"]]
        year = 1 if era_match["year"] == "元" else int(era_match["year"])
        d = _day(_ERA_FIRST_YEAR[era] + year - 1, era_match["month"], era_match["day"], text)
        if era_year(d) != (era, year):
            raise ValueError(f"{text} は{era}の期間にない日付です")
        return d
    western = _WESTERN_DATE.fullmatch(folded)
    if western:
        return _day(int(western["year"]), western["month"], western["day"], text)
    raise ValueError(f"{text} は日付として読めません（例: 令和8年5月7日、R8.5.7、2026-05-07）")


def _day(year: int, month: str, day: str, text: str) -> date:
    try:
        return date(year, int(month), int(day))
    except ValueError:
        raise ValueError(f"{text} という日付はありません") from None
