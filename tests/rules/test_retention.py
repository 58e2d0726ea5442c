"""DP-20, DP-21: records kept 10 years from the end of the procedure; the ledger forever."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chotei.rules.errors import RuleViolation
from chotei.rules.retention import (
    LEDGER_ARTICLE,
    LEDGER_DISPOSABLE,
    RETENTION_YEARS,
    check_disposal,
    may_dispose,
    retention_until,
)


def test_dp20_retention_until_is_same_day_ten_years_later() -> None:
    assert RETENTION_YEARS == 10
    assert retention_until(date(2025, 4, 1)) == date(2035, 4, 1)


def test_dp20_feb_29_maps_to_feb_28() -> None:
    assert retention_until(date(2024, 2, 29)) == date(2034, 2, 28)


def test_dp20_open_case_never_disposable() -> None:
    assert not may_dispose(None, date(2100, 1, 1))
    with pytest.raises(RuleViolation, match="^令第16条により手続が終了していない") as excinfo:
        check_disposal(None, date(2100, 1, 1))
    assert excinfo.value.obligation == "DP-20"


def test_dp20_disposal_refused_until_retention_ends() -> None:
    ended = date(2025, 4, 1)
    assert not may_dispose(ended, date(2035, 4, 1))
    with pytest.raises(RuleViolation, match=r"^令第16条により保存期間（2035年4月1日まで）"):
        check_disposal(ended, date(2035, 4, 1))
    assert may_dispose(ended, date(2035, 4, 2))
    check_disposal(ended, date(2035, 4, 2))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2080, 12, 31)), st.integers(-5000, 5000))
def test_dp20_may_dispose_agrees_with_check_disposal(ended: date, offset: int) -> None:
    today = ended + timedelta(days=offset)
    until = retention_until(ended)
    assert until.year - ended.year == RETENTION_YEARS
    assert may_dispose(ended, today) == (today > until)
    if may_dispose(ended, today):
        check_disposal(ended, today)
    else:
        with pytest.raises(RuleViolation):
            check_disposal(ended, today)


def test_dp21_ledger_is_never_disposable() -> None:
    assert LEDGER_DISPOSABLE is False
    assert str(LEDGER_ARTICLE) == "令第24条第3項"
    assert LEDGER_ARTICLE.obligation == "DP-21"
