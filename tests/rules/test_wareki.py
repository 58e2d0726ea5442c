"""和暦 dates on notices (DP-05 … DP-19, PN-01 … PN-06 print their dates in 和暦)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chotei.rules.wareki import ERAS, era_year, parse_date, to_wareki, to_wareki_short


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (date(2025, 11, 22), "令和7年11月22日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 12, 31), "令和元年12月31日"),
        (date(2020, 1, 1), "令和2年1月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1926, 12, 24), "大正15年12月24日"),
        (date(1912, 7, 30), "大正元年7月30日"),
        (date(1912, 7, 29), "明治45年7月29日"),
        (date(1873, 1, 1), "明治6年1月1日"),
    ],
)
def test_to_wareki_era_boundaries(d: date, text: str) -> None:
    assert to_wareki(d) == text


def test_era_year_and_short_form() -> None:
    assert era_year(date(2025, 11, 22)) == ("令和", 7)
    assert to_wareki_short(date(2025, 11, 22)) == "R7.11.22"
    assert to_wareki_short(date(1989, 1, 7)) == "S64.1.7"


def test_before_gregorian_adoption_is_refused() -> None:
    with pytest.raises(ValueError, match="和暦に変換できません"):
        to_wareki(date(1872, 12, 31))


_PATTERN = re.compile(r"^(令和|平成|昭和|大正|明治)(元|\d+)年(\d+)月(\d+)日$")
_FIRST_YEAR = {name: (start.year if name != "明治" else 1868) for start, name, _ in ERAS}


@given(st.dates(min_value=date(1873, 1, 1), max_value=date(2200, 12, 31)))
def test_wareki_round_trips_to_the_same_day(d: date) -> None:
    match = _PATTERN.match(to_wareki(d))
    assert match is not None
    era, year, month, day = match.groups()
    number = 1 if year == "元" else int(year)
    assert date(_FIRST_YEAR[era] + number - 1, int(month), int(day)) == d


@given(st.dates(min_value=date(1873, 1, 1), max_value=date(2200, 12, 30)))
def test_era_never_goes_back_and_year_steps_by_at_most_one(d: date) -> None:
    era_names = [name for _, name, _ in reversed(ERAS)]
    (era_a, year_a), (era_b, year_b) = era_year(d), era_year(d + timedelta(days=1))
    assert era_names.index(era_b) >= era_names.index(era_a)
    if era_a == era_b:
        assert year_b - year_a in (0, 1)
    else:
        assert year_b == 1


@pytest.mark.parametrize(
    "text",
    [
        "2026-05-07",
        "2026/5/7",
        "2026年5月7日",
        "R8.5.7",
        "r8/5/7",
        "令和8年5月7日",
        "ｒ８．５．７",
        "令和８年５月７日",
    ],
)
def test_parse_date_reads_every_usual_form(text: str) -> None:
    assert parse_date(text) == date(2026, 5, 7)


def test_parse_date_first_year_and_era_boundaries() -> None:
    assert parse_date("令和元年5月1日") == date(2019, 5, 1)
    assert parse_date("H31.4.30") == date(2019, 4, 30)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("平成32年1月1日", "平成の期間にない"),
        ("令和元年4月30日", "令和の期間にない"),
        ("R8.13.1", "という日付はありません"),
        ("2026-02-30", "という日付はありません"),
        ("昨日", "日付として読めません"),
    ],
)
def test_parse_date_refuses_in_japanese(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


@given(st.dates(min_value=date(1873, 1, 1), max_value=date(2100, 12, 31)))
def test_parse_date_reads_back_what_the_notices_print(d: date) -> None:
    assert parse_date(to_wareki(d)) == d
    assert parse_date(to_wareki_short(d)) == d
