"""CM-01: at least 30 members, 20 at the main office and 10 at the branch; warn before breaking it.
CM-04: an emergency appointment is ratified by the first board meeting after the commission."""

from __future__ import annotations

import datetime as dt

import pytest

from chotei.rules import roster
from chotei.rules.errors import RuleViolation
from chotei.rules.roster import (
    MIN_BRANCH,
    MIN_MAIN,
    MIN_TOTAL,
    RosterCounts,
    check_roster,
    check_roster_change,
)


def test_cm01_minimums() -> None:
    assert (MIN_TOTAL, MIN_MAIN, MIN_BRANCH) == (30, 20, 10)


def test_cm01_lawful_roster_has_no_problems() -> None:
    assert check_roster(RosterCounts(total=30, main=20, branch=10)) == []
    assert check_roster(RosterCounts(total=45, main=30, branch=15)) == []


def test_cm01_each_shortfall_reported_citing_article() -> None:
    problems = check_roster(RosterCounts(total=29, main=19, branch=10))
    assert len(problems) == 2
    assert "紛争処理委員が29名です" in problems[0]
    assert "令第17条" in problems[0]
    assert "本部" in problems[1]
    assert "規程第8条第1項" in problems[1]


def test_cm01_branch_shortfall_even_when_total_is_enough() -> None:
    problems = check_roster(RosterCounts(total=35, main=26, branch=9))
    assert problems == ["大阪支部に配置する紛争処理委員が9名です（規程第8条第1項により10名以上が必要）"]


def test_cm01_change_that_breaks_the_rule_warns() -> None:
    before = RosterCounts(total=30, main=20, branch=10)
    warnings = check_roster_change(before, RosterCounts(total=29, main=19, branch=10))
    assert len(warnings) == 2
    assert (
        warnings[1]
        == "この変更で本部に配置する紛争処理委員が20名から19名になります（規程第8条第1項により20名以上が必要）"
    )


def test_cm01_harmless_change_no_warning() -> None:
    before = RosterCounts(total=31, main=21, branch=10)
    assert check_roster_change(before, RosterCounts(total=30, main=20, branch=10)) == []
    # Moving a member to the branch keeps the total; the main office stays at its floor.
    assert check_roster_change(before, RosterCounts(total=31, main=20, branch=11)) == []


def test_cm01_improving_an_already_short_roster_no_warning() -> None:
    before = RosterCounts(total=25, main=17, branch=8)
    assert check_roster_change(before, RosterCounts(total=26, main=18, branch=8)) == []
    assert len(check_roster_change(before, RosterCounts(total=24, main=16, branch=8))) == 2


def test_cm01_counts_after_a_departure_from_each_office() -> None:
    counts = RosterCounts(total=30, main=20, branch=10)
    assert roster.counts_after(counts, "tokyo", -1) == RosterCounts(total=29, main=19, branch=10)
    assert roster.counts_after(counts, "osaka", -1) == RosterCounts(total=29, main=20, branch=9)


def test_cm04_first_meeting_after_the_commission_day() -> None:
    d = dt.date(2026, 7, 1)
    meetings = [dt.date(2026, 9, 1), d, dt.date(2026, 7, 20), dt.date(2026, 6, 1)]
    # A meeting on the commission day itself may have sat before the chair acted.
    assert roster.first_meeting_after(d, meetings) == dt.date(2026, 7, 20)
    assert roster.first_meeting_after(dt.date(2026, 9, 1), meetings) is None


def test_cm04_only_the_first_meeting_after_ratifies() -> None:
    d = dt.date(2026, 7, 1)
    meetings = [dt.date(2026, 7, 20), dt.date(2026, 9, 1)]
    roster.check_ratification(d, dt.date(2026, 7, 20), meetings)
    with pytest.raises(
        RuleViolation, match="定款第31条第2項により委嘱後の最初の理事会は令和8年7月20日"
    ) as exc:
        roster.check_ratification(d, dt.date(2026, 9, 1), meetings)
    assert (exc.value.field, exc.value.obligation) == ("meeting", "CM-04")
    with pytest.raises(RuleViolation, match="委嘱（令和8年7月1日）の後の理事会"):
        roster.check_ratification(d, d, [d, *meetings])


def test_cm04_overdue_once_the_first_meeting_after_has_passed() -> None:
    d = dt.date(2026, 7, 1)
    meetings = [dt.date(2026, 7, 20)]
    assert roster.ratification_overdue(d, meetings, dt.date(2026, 7, 19)) is None
    assert roster.ratification_overdue(d, meetings, dt.date(2026, 7, 20)) == dt.date(2026, 7, 20)
    assert roster.ratification_overdue(d, [], dt.date(2027, 1, 1)) is None
