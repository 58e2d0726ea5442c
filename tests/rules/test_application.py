"""DP-01, DP-02, DP-04: application items, applicant roles and the scope of the procedure."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chotei.rules.application import (
    APPLICATION_ITEMS,
    PartyRole,
    check_application,
    normalize,
    parse_other_bodies,
)
from chotei.rules.errors import MissingItems, RuleViolation


def _complete(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "applicant_role": "victim",
        "applicant_name": "山田 太郎",
        "applicant_address": "東京都千代田区一丁目1番1号",
        "respondent_name": "あおば損害保険株式会社",
        "respondent_address": "東京都中央区二丁目2番2号",
        "matters_sought": "後遺障害等級14級9号を12級13号に変更すること",
        "issues": "頚部痛の他覚的所見の有無",
        "negotiation_history": "異議申立て1回（非該当維持）",
        "claim": "MRI所見により神経症状は証明されている",
        "accident_summary": "2024年5月1日、信号待ち中に追突された",
        "applied_on": date(2025, 6, 2),
        "other_bodies": "なし",
        "decision_notified_on": date(2025, 3, 10),
    }
    data.update(overrides)
    return data


def test_dp02_complete_application_passes() -> None:
    check_application(_complete())


def test_dp04_party_roles_and_labels() -> None:
    assert {r.value: r.label for r in PartyRole} == {
        "insurer": "保険会社",
        "coop": "共済組合",
        "insured": "被保険者",
        "coop_insured": "被共済者",
        "victim": "被害者",
    }


@pytest.mark.parametrize("role", list(PartyRole))
def test_dp04_every_party_may_apply(role: PartyRole) -> None:
    check_application(_complete(applicant_role=role))
    check_application(_complete(applicant_role=role.value))


def test_dp04_other_applicant_refused_citing_article_14() -> None:
    with pytest.raises(RuleViolation, match="^令第14条により申請人は") as excinfo:
        check_application(_complete(applicant_role="garage"))
    assert excinfo.value.field == "applicant_role"
    assert excinfo.value.obligation == "DP-04"


def test_dp02_every_missing_item_named() -> None:
    data = {"applicant_role": "victim", "applicant_name": "山田 太郎"}
    with pytest.raises(MissingItems) as excinfo:
        check_application(data)
    fields = [f for f, _, _ in excinfo.value.problems]
    assert fields == [f for f, _, _ in APPLICATION_ITEMS if f != "applicant_name"]
    message = str(excinfo.value)
    assert message.startswith("次の必須事項がありません: 申請人の住所（令第13条第1号）")
    assert "紛争処理を求める事項（令第13条第2号）" in message
    assert "（規程第4条第1項第6号）" in message
    assert excinfo.value.field == "applicant_address"


@pytest.mark.parametrize("blank", ["", "   ", "\u3000\u3000", None, "\t\n"])
def test_dp02_whitespace_only_counts_as_missing(blank: object) -> None:
    with pytest.raises(MissingItems) as excinfo:
        check_application(_complete(claim=blank))
    assert [f for f, _, _ in excinfo.value.problems] == ["claim"]


def test_dp02_missing_role_is_a_missing_item() -> None:
    with pytest.raises(MissingItems) as excinfo:
        check_application(_complete(applicant_role=" "))
    assert excinfo.value.problems[0][:2] == ("applicant_role", "申請人の立場")


@pytest.mark.parametrize("value", [[], [""], ["  "], 3, {"なし"}])
def test_dp02_other_bodies_needs_an_explicit_answer(value: object) -> None:
    with pytest.raises(MissingItems) as excinfo:
        check_application(_complete(other_bodies=value))
    assert [f for f, _, _ in excinfo.value.problems] == ["other_bodies"]


def test_dp02_other_bodies_answers() -> None:
    assert parse_other_bodies("なし") == []
    assert parse_other_bodies("　なし ") == []
    assert parse_other_bodies(["交通事故紛争処理センター", " "]) == ["交通事故紛争処理センター"]
    assert parse_other_bodies("ＡＤＲセンター") == ["ADRセンター"]
    assert parse_other_bodies(None) is None
    check_application(_complete(other_bodies=["交通事故紛争処理センター"]))


@pytest.mark.parametrize("side", ["applicant", "respondent"])
def test_dp02_agent_needs_name_and_address(side: str) -> None:
    with pytest.raises(MissingItems) as excinfo:
        check_application(_complete(**{f"{side}_agent_name": "弁護士 鈴木"}))
    assert [f for f, _, _ in excinfo.value.problems] == [f"{side}_agent_address"]
    with pytest.raises(MissingItems) as excinfo:
        check_application(_complete(**{f"{side}_has_agent": True}))
    assert [f for f, _, _ in excinfo.value.problems] == [f"{side}_agent_name", f"{side}_agent_address"]
    check_application(_complete(**{f"{side}_agent_name": "弁護士 鈴木", f"{side}_agent_address": "大阪市"}))


def test_dp01_no_payment_decision_out_of_scope() -> None:
    with pytest.raises(RuleViolation, match="^規程第2条第2項第1号により") as excinfo:
        check_application(_complete(decision_notified_on=None))
    assert excinfo.value.field == "decision_notified_on"
    assert excinfo.value.obligation == "DP-01"


def test_dp01_negotiator_case_needs_insurer_consent() -> None:
    with pytest.raises(RuleViolation, match="^規程第2条第2項第2号により") as excinfo:
        check_application(_complete(decision_notified_on=None, negotiator_case=True))
    assert excinfo.value.field == "negotiator_consent"
    check_application(_complete(decision_notified_on=None, negotiator_case=True, negotiator_consent=True))
    check_application(_complete(decision_notified_on=None, negotiator_case="on", negotiator_consent="true"))


def test_normalize_folds_full_width_and_strips() -> None:
    assert normalize("\u3000ＡＢＣ１２３ ") == "ABC123"
    assert normalize("ｶﾀｶﾅ") == "カタカナ"


@given(st.sets(st.sampled_from([f for f, _, _ in APPLICATION_ITEMS]), min_size=1))
def test_dp02_any_set_of_missing_items_is_reported_in_full(removed: set[str]) -> None:
    data = _complete()
    for field in removed:
        del data[field]
    with pytest.raises(MissingItems) as excinfo:
        check_application(data)
    assert {f for f, _, _ in excinfo.value.problems} == removed
