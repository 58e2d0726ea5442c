"""DP-25: deadlines count in the body's business days (weekends, holidays, 12/29–1/3 closed)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chotei.rules.calendar import add_business_days, business_days_between, is_business_day

DATES = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


@pytest.mark.parametrize(
    "d",
    [
        date(2025, 1, 13),  # 成人の日
        date(2025, 2, 11),
        date(2025, 2, 24),  # 天皇誕生日 振替休日
        date(2025, 5, 5),
        date(2025, 5, 6),  # 振替休日
        date(2025, 9, 15),
        date(2025, 11, 24),  # 振替休日
        date(2026, 1, 12),
        date(2026, 5, 6),
        date(2026, 9, 22),  # 国民の休日
        date(2026, 11, 23),
    ],
)
def test_dp25_public_holidays_are_not_business_days(d: date) -> None:
    assert d.weekday() < 5
    assert not is_business_day(d)


@pytest.mark.parametrize("year", [2025, 2026])
@pytest.mark.parametrize("month_day", [(12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3)])
def test_dp25_year_end_closure_is_not_business_days(year: int, month_day: tuple[int, int]) -> None:
    assert not is_business_day(date(year, *month_day))


@pytest.mark.parametrize(
    "d", [date(2025, 12, 26), date(2026, 1, 5), date(2025, 11, 25), date(2026, 12, 28), date(2027, 1, 4)]
)
def test_dp25_ordinary_weekdays_are_business_days(d: date) -> None:
    assert is_business_day(d)


def test_dp25_weekends_are_not_business_days() -> None:
    assert not is_business_day(date(2025, 6, 7))
    assert not is_business_day(date(2025, 6, 8))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2025, 12, 26), 1, date(2026, 1, 5)),  # over the closure and a weekend
        (date(2025, 12, 29), 1, date(2026, 1, 5)),  # dispatched inside the closure
        (date(2025, 4, 25), 1, date(2025, 4, 28)),
        (date(2025, 4, 28), 1, date(2025, 4, 30)),  # 昭和の日 4/29
        (date(2025, 5, 2), 1, date(2025, 5, 7)),  # GW: 5/3-5/6
        (date(2026, 9, 18), 1, date(2026, 9, 24)),  # silver week 9/19-9/23
        (date(2025, 6, 2), 10, date(2025, 6, 16)),
        (date(2025, 12, 22), 10, date(2026, 1, 13)),  # closure, 成人の日 1/12
    ],
)
def test_dp25_add_business_days_table(start: date, n: int, expected: date) -> None:
    assert add_business_days(start, n) == expected


def test_dp25_dispatch_day_never_counts() -> None:
    monday = date(2025, 6, 2)
    assert is_business_day(monday)
    assert add_business_days(monday, 1) == date(2025, 6, 3)


def test_add_business_days_rejects_non_positive_n() -> None:
    with pytest.raises(ValueError):
        add_business_days(date(2025, 6, 2), 0)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (date(2025, 6, 2), date(2025, 6, 2), 0),
        (date(2025, 6, 3), date(2025, 6, 2), 0),
        (date(2025, 6, 2), date(2025, 6, 9), 5),
        (date(2025, 12, 26), date(2026, 1, 5), 1),
        (date(2025, 12, 26), date(2026, 1, 4), 0),
    ],
)
def test_dp25_business_days_between_table(a: date, b: date, expected: int) -> None:
    assert business_days_between(a, b) == expected


@given(DATES, st.integers(min_value=1, max_value=60))
def test_dp25_add_business_days_properties(start: date, n: int) -> None:
    result = add_business_days(start, n)
    assert is_business_day(result)
    assert result > start
    assert business_days_between(start, result) == n
    assert add_business_days(start, n + 1) > result
    # Nothing between the (n-1)-th and n-th business day is a business day.
    previous = start if n == 1 else add_business_days(start, n - 1)
    d = previous + timedelta(days=1)
    while d < result:
        assert not is_business_day(d)
        d += timedelta(days=1)


@given(DATES, DATES)
def test_dp25_business_days_between_is_additive(a: date, b: date) -> None:
    lo, hi = sorted((a, b))
    mid = lo + (hi - lo) / 2
    assert business_days_between(lo, hi) == business_days_between(lo, mid) + business_days_between(mid, hi)
    assert business_days_between(hi, lo) == 0


@given(DATES, st.integers(min_value=0, max_value=800))
def test_dp25_business_days_between_counts_each_business_day(a: date, span: int) -> None:
    """The counted business days (weekdays less closed weekdays) are the days a walk finds open."""
    b = a + timedelta(days=span)
    walked = sum(is_business_day(a + timedelta(days=i)) for i in range(1, span + 1))
    assert business_days_between(a, b) == walked
