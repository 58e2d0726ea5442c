"""DP-06, DP-07, DP-09, DP-16: screening grounds, guidance, amendment and statement deadlines."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chotei.rules.calendar import business_days_between, is_business_day
from chotei.rules.errors import RuleViolation
from chotei.rules.screening import (
    AMENDMENT_BUSINESS_DAYS,
    GROUND_CHOICES,
    GROUND_CODES,
    GROUNDS,
    RESPONDENT_STATEMENT_BUSINESS_DAYS,
    amendment_deadline,
    check_amendment,
    check_amendment_fields,
    ground,
    guidance_for,
    refusal_message,
    respondent_statement_deadline,
)


def test_dp06_all_nine_rule_grounds_and_two_ordinance_grounds() -> None:
    assert {f"R5-1-{n}" for n in range(1, 10)} | {"O15-1", "O15-2"} == GROUND_CODES
    assert [g.code for g in GROUNDS][:9] == [f"R5-1-{n}" for n in range(1, 10)]
    for g in GROUNDS:
        assert g.article.obligation == "DP-06"
        assert g.label


def test_dp06_refusal_cites_ground_5_exactly() -> None:
    assert (
        refusal_message(ground("R5-1-5"))
        == "規程第5条第1項第5号（弁護士法第72条違反の疑い）により受理できません"
    )


@pytest.mark.parametrize("number", range(1, 10))
def test_dp06_refusal_message_names_the_item(number: int) -> None:
    g = ground(f"R5-1-{number}")
    assert g.number == number
    assert refusal_message(g).startswith(f"規程第5条第1項第{number}号（{g.label}）")


def test_dp06_ordinance_grounds_cite_article_15() -> None:
    assert (
        refusal_message(ground("O15-1"))
        == "令第15条（紛争がその性質上調停をするのに適当でない）により受理できません"
    )
    assert str(ground("O15-2").article) == "令第15条"
    assert "不当な目的" in ground("O15-2").label


def test_dp06_unknown_ground_refused_naming_rule() -> None:
    with pytest.raises(RuleViolation) as excinfo:
        ground("R5-1-10")
    assert str(excinfo.value).startswith("規程第5条第1項により")
    assert excinfo.value.field == "ground"


def test_dp06_choices_cover_all_grounds_with_numbered_labels() -> None:
    labels = dict(GROUND_CHOICES)
    assert set(labels) == GROUND_CODES
    assert labels["R5-1-5"] == "第5号 弁護士法第72条違反の疑い"
    assert labels["O15-1"].startswith("令第15条 ")


def test_dp07_guidance_only_for_ground_9_and_names_routes() -> None:
    text = guidance_for(ground("R5-1-9"))
    assert text is not None
    assert text.startswith("規程第5条第2項")
    for route in ("異議申立て", "損害保険料率算出機構", "裁判所", "ADR"):
        assert route in text
    assert [g.code for g in GROUNDS if guidance_for(g) is not None] == ["R5-1-9"]


def test_dp09_amendment_deadline_is_ten_business_days_after_dispatch() -> None:
    assert AMENDMENT_BUSINESS_DAYS == 10
    assert amendment_deadline(date(2025, 12, 22)) == date(2026, 1, 13)


def test_dp09_amendment_allowed_on_the_deadline_and_refused_after() -> None:
    dispatch = date(2025, 6, 2)
    check_amendment(dispatch, date(2025, 6, 3))
    check_amendment(dispatch, date(2025, 6, 16))
    with pytest.raises(
        RuleViolation, match=r"^規程第5条の2第2項により変更の期限（2025年6月16日）を過ぎている"
    ) as excinfo:
        check_amendment(dispatch, date(2025, 6, 17))
    assert excinfo.value.obligation == "DP-09"
    assert excinfo.value.field == "matters_sought"


def test_dp09_amendment_refused_before_acceptance_notice() -> None:
    with pytest.raises(RuleViolation, match="^規程第5条の2第2項により受理通知の発信前"):
        check_amendment(None, date(2025, 6, 3))


def test_dp09_only_matters_sought_may_be_amended() -> None:
    check_amendment_fields(["matters_sought"])
    with pytest.raises(RuleViolation, match="^規程第5条の2第1項により.*claim") as excinfo:
        check_amendment_fields(["matters_sought", "claim"])
    assert excinfo.value.field == "claim"


def test_dp16_respondent_statement_deadline_is_twenty_business_days() -> None:
    assert RESPONDENT_STATEMENT_BUSINESS_DAYS == 20
    # June 2025 has no holidays: 20 business days after Mon 2 June is Mon 30 June.
    assert respondent_statement_deadline(date(2025, 6, 2)) == date(2025, 6, 30)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
def test_dp09_dp16_deadlines_are_business_days_counted_from_dispatch(dispatch: date) -> None:
    for deadline, n in (
        (amendment_deadline(dispatch), AMENDMENT_BUSINESS_DAYS),
        (respondent_statement_deadline(dispatch), RESPONDENT_STATEMENT_BUSINESS_DAYS),
    ):
        assert is_business_day(deadline)
        assert business_days_between(dispatch, deadline) == n
