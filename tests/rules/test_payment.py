"""The payment standards (DP-23) and the itemised computation of notices (PN-02, PN-06)."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chotei.rules.errors import MissingItems, RuleViolation
from chotei.rules.payment import standards
from chotei.rules.payment.calc import Claim, calculate_dict
from chotei.rules.payment.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"


def injury(**overrides: Any) -> dict[str, Any]:
    """The spec's example: 20 days in hospital then 90 days of outpatient care with 30 visits."""
    return {
        "treatment_start": "2024-04-01",
        "treatment_end": "2024-07-19",
        "hospital_days": 20,
        "outpatient_days": 30,
    } | overrides


def claim(kind: str = "injury", **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"accident_date": "2024-04-01", "kind": kind}
    if kind == "injury":
        base["injury"] = injury()
    if kind == "after_effect":
        base["after_effect"] = {
            "findings": [{"table": "2", "grade": 12, "item": 13, "reason": "画像所見あり"}]
        }
    if kind == "death":
        base["death"] = {
            "annual_income": 3_000_000,
            "working_years": 10,
            "supported_dependants": False,
            "bereaved_claimants": 1,
        }
    return base | overrides


def items(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["code"]: item for item in result["items"]}


# --- versions -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accident", "version", "daily", "consolation"),
    [("2020-03-31", "2002-04-01", 5_700, 4_200), ("2020-04-01", "2020-04-01", 6_100, 4_300)],
)
def test_dp23_accident_date_picks_the_standard(
    accident: str, version: str, daily: int, consolation: int
) -> None:
    start = date.fromisoformat(accident)
    data = claim(
        accident_date=accident,
        injury=injury(treatment_start=accident, treatment_end=accident, hospital_days=1, outpatient_days=0)
        | {"absence_days": 1},
    )
    result = calculate_dict(data)
    assert result["standard_version"] == version
    assert standards.standard_for(start).version == version
    assert items(result)["lost_income"]["amount"] == daily
    assert items(result)["consolation"]["amount"] == consolation


def test_dp23_no_standard_before_2002() -> None:
    with pytest.raises(RuleViolation, match="支払基準のデータがありません") as info:
        standards.standard_for(date(2002, 3, 31))
    assert info.value.field == "accident_date"


@pytest.mark.parametrize(
    ("rate_version", "years", "factor"), [(0, 30, "15.372"), (1, 30, "19.600"), (1, 1, "0.971")]
)
def test_dp23_leibniz_factors_as_tabulated(rate_version: int, years: int, factor: str) -> None:
    assert standards.STANDARDS[rate_version].leibniz(years) == Decimal(factor)


# --- injury ---------------------------------------------------------------------------------------


def test_pn06_spec_example_consolation_days() -> None:
    """110 days of treatment, 50 actual days → 100 days × 4,300円 = 430,000円."""
    item = items(calculate_dict(claim()))["consolation"]
    assert item["amount"] == 430_000
    assert "100日" in item["formula"] and "110日" in item["formula"] and "4,300円" in item["formula"]


@pytest.mark.parametrize(
    ("end", "hospital", "outpatient", "days"),
    [
        ("2024-04-01", 1, 0, 1),  # one day: first and last day are both counted
        ("2024-04-30", 0, 15, 30),  # period 30 = 2 × 15
        ("2024-04-30", 0, 14, 28),  # twice the actual days is smaller
        ("2024-04-30", 0, 16, 30),  # the period is smaller
        ("2024-04-30", 10, 20, 30),  # every day of the period a treatment day
        ("2024-04-30", 0, 0, 0),
    ],
)
def test_pn06_injury_day_counting_edges(end: str, hospital: int, outpatient: int, days: int) -> None:
    data = claim(injury=injury(treatment_end=end, hospital_days=hospital, outpatient_days=outpatient))
    assert items(calculate_dict(data))["consolation"]["amount"] == days * 4_300


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        (
            {"treatment_end": "2024-04-30", "hospital_days": 10, "outpatient_days": 21},
            "injury.outpatient_days",
        ),
        ({"treatment_start": "2024-03-31"}, "injury.treatment_start"),
        ({"treatment_end": "2024-03-31"}, "injury.treatment_end"),
        ({"nursing_hospital_days": 21}, "injury.nursing_hospital_days"),
        ({"absence_days": 111}, "injury.absence_days"),
        ({"medical_fees": -1}, "injury.medical_fees"),
        ({"medical_fees": 1.5}, "injury.medical_fees"),
        ({"hospital_days": True}, "injury.hospital_days"),
        ({"treatment_end": "2024/07/19"}, "injury.treatment_end"),
    ],
)
def test_pn06_injury_inputs_refused_with_field(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(RuleViolation) as info:
        Claim.from_dict(claim(injury=injury(**overrides)))
    assert info.value.field == field


@pytest.mark.parametrize(
    ("cost", "amount", "capped"), [(49_999, 49_999, False), (50_000, 50_000, False), (50_001, 50_000, True)]
)
def test_pn06_glasses_cap(cost: int, amount: int, capped: bool) -> None:
    item = items(calculate_dict(claim(injury=injury(glasses_cost=cost))))["glasses"]
    assert (item["amount"], item["limit_applied"]) == (amount, capped)


@pytest.mark.parametrize(
    ("proven", "daily", "capped"),
    [
        (None, 6_100, False),
        (5_000, 6_100, False),
        (6_101, 6_101, False),
        (19_000, 19_000, False),
        (19_001, 19_000, True),
    ],
)
def test_pn06_lost_income_daily_edges(proven: int | None, daily: int, capped: bool) -> None:
    data = claim(injury=injury(absence_days=10, daily_income_proven=proven))
    item = items(calculate_dict(data))["lost_income"]
    assert (item["amount"], item["limit_applied"]) == (10 * daily, capped)


def test_pn06_nursing_and_hospital_misc() -> None:
    result = items(calculate_dict(claim(injury=injury(nursing_hospital_days=5, nursing_home_days=3))))
    assert result["nursing"]["amount"] == 5 * 4_200 + 3 * 2_100
    assert result["hospital_misc"]["amount"] == 20 * 1_100


@pytest.mark.parametrize(("extra", "capped"), [(0, False), (1, True)])
def test_dp23_injury_limit_edge(extra: int, capped: bool) -> None:
    # Consolation 430,000 + hospital misc 22,000 + fees → exactly 1,200,000 then one yen more.
    data = claim(injury=injury(medical_fees=1_200_000 - 452_000 + extra))
    result = calculate_dict(data)
    assert result["total"] == 1_200_000
    assert ("injury_limit" in items(result)) is capped
    assert result["parts"][0]["limit_applied"] is capped


# --- reductions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "after_effect_pct", "injury_pct"),
    [
        (0, 0, 0),
        (69.9, 0, 0),
        (70, 20, 20),
        (79.9, 20, 20),
        (80, 30, 20),
        (89.9, 30, 20),
        (90, 50, 20),
        (99.9, 50, 20),
    ],
)
def test_dp23_serious_fault_bands(fault: float, after_effect_pct: int, injury_pct: int) -> None:
    assert (
        standards.fault_reduction_percent(standards.FAULT_BANDS_AFTER_EFFECT_DEATH, fault) == after_effect_pct
    )
    assert standards.fault_reduction_percent(standards.FAULT_BANDS_INJURY, fault) == injury_pct
    result = calculate_dict(claim("after_effect", victim_fault_percent=fault))
    assert result["total"] == 2_240_000 * (100 - after_effect_pct) // 100
    assert (result["reduction"] is None) is (after_effect_pct == 0)


def test_pn02_reduction_states_ratio_reason_and_article() -> None:
    result = calculate_dict(claim("after_effect", victim_fault_percent=85, reduction_reason="信号無視"))
    reduction = result["reduction"]
    assert reduction["ratio"] == 0.3
    assert reduction["reason"].startswith("信号無視。被害者の過失割合が85%で重大な過失がある")
    assert reduction["article"] == "支払基準第6の1（重大な過失による減額）"
    assert items(result)["after_effect_reduction"]["amount"] == -672_000


def test_dp23_full_fault_is_not_a_payment() -> None:
    with pytest.raises(RuleViolation, match="100%") as info:
        Claim.from_dict(claim(victim_fault_percent=100))
    assert info.value.field == "victim_fault_percent"


@pytest.mark.parametrize(
    ("damage", "total"),
    [
        (199_999, 199_999),  # under 200,000: not reduced
        (200_000, 200_000),  # 160,000 would fall below the floor
        (250_000, 200_000),
        (250_001, 200_000),
        (250_002, 200_001),
        (300_000, 240_000),
    ],
)
def test_dp23_injury_reduction_floor(damage: int, total: int) -> None:
    data = claim(
        injury=injury(hospital_days=0, outpatient_days=0, medical_fees=damage), victim_fault_percent=95
    )
    result = calculate_dict(data)
    assert result["parts"][0]["damage"] == damage
    assert result["total"] == total
    assert (result["reduction"] is None) is (total == damage)


def test_dp23_injury_floor_not_for_injury_leading_to_after_effect() -> None:
    data = claim("after_effect", injury=injury(hospital_days=0, outpatient_days=10), victim_fault_percent=75)
    result = calculate_dict(data)
    injury_part = result["parts"][0]
    assert injury_part["damage"] == 20 * 4_300
    assert injury_part["amount"] == 20 * 4_300 * 80 // 100


def test_dp23_doubtful_causation_halves_after_effect_not_injury() -> None:
    data = claim("after_effect", injury=injury(), causation_doubtful=True)
    result = calculate_dict(data)
    by_kind = {p["kind"]: p for p in result["parts"]}
    assert by_kind["after_effect"]["amount"] == 1_120_000
    assert by_kind["injury"]["amount"] == by_kind["injury"]["damage"]
    assert result["reduction"]["article"] == "支払基準第6の2（因果関係の有無の判断が困難な場合の減額）"
    assert "因果関係の有無の判断が困難" in result["reduction"]["reason"]


def test_dp23_doubtful_causation_and_serious_fault_take_the_larger() -> None:
    assert (
        calculate_dict(claim("after_effect", causation_doubtful=True, victim_fault_percent=80))["total"]
        == 1_120_000
    )
    assert (
        calculate_dict(claim("after_effect", causation_doubtful=True, victim_fault_percent=95))["total"]
        == 1_120_000
    )


def test_dp23_doubtful_causation_refused_for_injury() -> None:
    with pytest.raises(RuleViolation) as info:
        Claim.from_dict(claim(causation_doubtful=True))
    assert info.value.field == "causation_doubtful"


# --- after-effects --------------------------------------------------------------------------------


def test_pn02_grade_and_reason_are_stated() -> None:
    result = calculate_dict(claim("after_effect"))
    grade = result["grade"]
    assert (grade["label"], grade["amount"], grade["combination"]) == ("別表第2第12級", 2_240_000, None)
    assert grade["findings"][0]["description"] == "局部に頑固な神経症状を残すもの"
    assert grade["findings"][0]["reason"] == "画像所見あり"
    assert grade["consolation_reference"] == 940_000
    assert result["total"] == 2_240_000


def test_pn06_combination_and_aggravation_in_calculation() -> None:
    findings = [
        {"table": "2", "grade": 9, "item": 10, "reason": "記憶障害"},
        {"table": "2", "grade": 13, "item": 8, "reason": "下肢短縮"},
    ]
    prior = {"table": "2", "grade": 14, "item": 9}
    result = calculate_dict(claim("after_effect", after_effect={"findings": findings, "prior": prior}))
    assert result["grade"]["label"] == "併合別表第2第8級"
    assert result["grade"]["combination"]["capped"] is True
    assert result["grade"]["aggravation"]["amount"] == 7_550_000 - 750_000
    assert result["total"] == 6_800_000


@pytest.mark.parametrize(
    ("loss", "total", "capped"), [(2_000_000, 2_000_000, False), (2_240_001, 2_240_000, True)]
)
def test_dp23_after_effect_assessed_loss_capped_at_grade(loss: int, total: int, capped: bool) -> None:
    data = claim(
        "after_effect",
        after_effect={
            "findings": [{"table": "2", "grade": 12, "item": 13, "reason": "x"}],
            "assessed_loss": loss,
        },
    )
    result = calculate_dict(data)
    assert result["total"] == total
    assert ("after_effect_limit" in items(result)) is capped


@pytest.mark.parametrize(
    ("finding", "field", "obligation"),
    [
        ({"table": "2", "grade": 15, "item": 1, "reason": "x"}, "grade", "PN-08"),
        ({"table": "1", "grade": 2, "item": 3, "reason": "x"}, "item", "PN-08"),
        ({"table": "3", "grade": 1, "item": 1, "reason": "x"}, "table", "PN-08"),
    ],
)
def test_pn08_calc_refuses_grade_outside_tables(finding: dict[str, Any], field: str, obligation: str) -> None:
    with pytest.raises(RuleViolation) as info:
        Claim.from_dict(claim("after_effect", after_effect={"findings": [finding]}))
    assert (info.value.field, info.value.obligation) == (field, obligation)


def test_pn02_finding_without_reason_is_missing() -> None:
    data = claim("after_effect", after_effect={"findings": [{"table": "2", "grade": 12, "item": 13}]})
    with pytest.raises(MissingItems) as info:
        Claim.from_dict(data)
    assert [p[0] for p in info.value.problems] == ["after_effect.findings[0].reason"]


# --- death ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claimants", "amount"), [(0, None), (1, 5_500_000), (2, 6_500_000), (3, 7_500_000), (6, 7_500_000)]
)
def test_dp23_bereaved_consolation(claimants: int, amount: int | None) -> None:
    data = claim("death")
    data["death"]["bereaved_claimants"] = claimants
    found = items(calculate_dict(data)).get("consolation_bereaved")
    assert (found and found["amount"]) == amount


def test_dp23_death_items_2020() -> None:
    data = claim("death")
    data["death"] |= {"annual_income": 4_000_000, "working_years": 30, "supported_dependants": True}
    result = items(calculate_dict(data))
    assert result["funeral"]["amount"] == 1_000_000
    assert result["consolation_deceased"]["amount"] == 4_000_000
    assert result["consolation_dependants"]["amount"] == 2_000_000
    assert result["lost_earnings"]["amount"] == 4_000_000 * 65 // 100 * 19600 // 1000
    assert "19.600" in result["lost_earnings"]["formula"]


@pytest.mark.parametrize(
    ("costs", "amount", "capped"),
    [
        (None, 600_000, False),
        (500_000, 600_000, False),
        (800_000, 800_000, False),
        (1_000_001, 1_000_000, True),
    ],
)
def test_dp23_funeral_before_2020(costs: int | None, amount: int, capped: bool) -> None:
    data = claim("death", accident_date="2019-06-01")
    data["death"]["funeral_costs"] = costs
    funeral = items(calculate_dict(data))["funeral"]
    assert (funeral["amount"], funeral["limit_applied"]) == (amount, capped)


def test_dp23_death_limit_and_injury_before_death_limit_are_separate() -> None:
    data = claim("death", injury=injury(medical_fees=2_000_000))
    data["death"] |= {"annual_income": 10_000_000, "working_years": 40}
    result = calculate_dict(data)
    assert [p["amount"] for p in result["parts"]] == [1_200_000, 30_000_000]
    assert result["parts"][0]["label"] == "死亡に至るまでの傷害"
    assert result["total"] == 31_200_000


# --- claim validation -----------------------------------------------------------------------------


def test_pn02_missing_items_named_together() -> None:
    with pytest.raises(MissingItems) as info:
        Claim.from_dict(claim(injury={"hospital_days": 1}))
    assert [p[0] for p in info.value.problems] == [
        "injury.treatment_start",
        "injury.treatment_end",
        "injury.outpatient_days",
    ]
    assert "治療開始日" in str(info.value)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "injury"}, "accident_date"),
        ({"accident_date": "2024-04-01", "kind": "injury"}, "injury"),
        ({"accident_date": "2024-04-01", "kind": "after_effect", "injury": injury()}, "after_effect"),
    ],
)
def test_pn02_missing_top_level(data: dict[str, Any], field: str) -> None:
    with pytest.raises(MissingItems) as info:
        Claim.from_dict(data)
    assert info.value.field == field


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (claim(kind="property"), "kind"),
        (claim(typo=1), "typo"),
        (claim(injury=injury(medical_fee=1)), "injury.medical_fee"),
        (claim(death={"annual_income": 1}), "death"),
        (claim(victim_fault_percent=-1), "victim_fault_percent"),
        (claim(victim_fault_percent="75"), "victim_fault_percent"),
        (claim(accident_date="令和6年4月1日"), "accident_date"),
        (claim("after_effect", after_effect={"findings": []}), "after_effect.findings"),
    ],
)
def test_pn02_invalid_input_names_field(data: dict[str, Any], field: str) -> None:
    with pytest.raises(RuleViolation) as info:
        Claim.from_dict(data)
    assert info.value.field == field
    assert str(info.value).startswith(("支払基準", "自賠法施行令"))


def test_pn02_claim_must_be_object() -> None:
    with pytest.raises(RuleViolation, match="JSONオブジェクト"):
        Claim.from_dict([1, 2])


# --- properties -----------------------------------------------------------------------------------

money = st.integers(min_value=0, max_value=3_000_000)


@st.composite
def injury_claims(draw: st.DrawFn) -> dict[str, Any]:
    period = draw(st.integers(min_value=1, max_value=400))
    hospital = draw(st.integers(min_value=0, max_value=period))
    outpatient = draw(st.integers(min_value=0, max_value=period - hospital))
    end = date.fromordinal(date(2024, 4, 1).toordinal() + period - 1).isoformat()
    return injury(
        treatment_end=end,
        hospital_days=hospital,
        outpatient_days=outpatient,
        medical_fees=draw(money),
        glasses_cost=draw(st.integers(min_value=0, max_value=200_000)),
        absence_days=draw(st.integers(min_value=0, max_value=period)),
        daily_income_proven=draw(st.none() | st.integers(min_value=0, max_value=40_000)),
    )


@st.composite
def claims(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["injury", "after_effect", "death"]))
    data = claim(kind, victim_fault_percent=draw(st.floats(min_value=0, max_value=99.99)))
    if kind == "injury" or draw(st.booleans()):
        data["injury"] = draw(injury_claims())
    if kind == "after_effect":
        numbers = draw(st.lists(st.integers(min_value=1, max_value=14), min_size=1, max_size=4))
        data["after_effect"] = {
            "findings": [{"table": "2", "grade": n, "item": 1, "reason": "r"} for n in numbers]
        }
        data["causation_doubtful"] = draw(st.booleans())
    if kind == "death":
        # The dependants' addition needs a bereaved claimant (issue 7 item 5).
        dependants = draw(st.booleans())
        data["death"] |= {
            "annual_income": draw(st.integers(min_value=1, max_value=20_000_000)),
            "working_years": draw(st.integers(min_value=0, max_value=50)),
            "supported_dependants": dependants,
            "bereaved_claimants": draw(st.integers(min_value=1 if dependants else 0, max_value=5)),
        }
    return data


@given(claims())
def test_dp23_never_above_a_limit(data: dict[str, Any]) -> None:
    result = calculate_dict(data)
    for part in result["parts"]:
        assert 0 <= part["amount"] <= part["before_reduction"] <= part["limit"]
    assert result["total"] <= result["subtotal"] <= sum(p["limit"] for p in result["parts"])
    assert sum(i["amount"] for i in result["items"]) == result["total"]
    json.dumps(result)


@given(claims(), st.floats(min_value=0, max_value=99.99), st.floats(min_value=0, max_value=99.99))
def test_dp23_reduction_monotone_in_fault_share(data: dict[str, Any], a: float, b: float) -> None:
    low, high = sorted((a, b))
    at_low = calculate_dict(data | {"victim_fault_percent": low})
    at_high = calculate_dict(data | {"victim_fault_percent": high})
    assert at_high["total"] <= at_low["total"]
    ratio = lambda r: 0 if r["reduction"] is None else r["reduction"]["ratio"]  # noqa: E731
    assert ratio(at_high) >= ratio(at_low)


# --- CLI ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "total"),
    [
        ("claim-injury.json", "injury", 960_000),
        ("claim-after-effect.json", "after_effect", 8_750_000),
        ("claim-death.json", "death", 21_960_000),
    ],
)
def test_pn06_cli_prints_calculation_of_samples(
    name: str, kind: str, total: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(SAMPLES / name)]) == 0
    out = capsys.readouterr().out
    result = json.loads(out)
    assert (result["kind"], result["total"]) == (kind, total)
    assert "慰謝料" in out  # ensure_ascii=False keeps Japanese readable
    assert result == calculate_dict(json.loads((SAMPLES / name).read_text(encoding="utf-8")))


def test_pn06_cli_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(claim())))
    assert main(["-"]) == 0
    assert json.loads(capsys.readouterr().out)["accident_date"] == "2024-04-01"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (json.dumps(claim(victim_fault_percent=100)), "100%"),
        ("{not json", "JSONとして読めません"),
        (json.dumps({"kind": "injury"}), "次の必須事項がありません: 事故の年月日"),
    ],
)
def test_pn06_cli_errors_in_japanese_exit_2(
    tmp_path: Path, content: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "claim.json"
    path.write_text(content, encoding="utf-8")
    assert main([str(path)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


def test_pn06_cli_usage_and_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main([str(tmp_path / "none.json")]) == 2
    assert "請求ファイルを読めません" in capsys.readouterr().err


def test_issue7_dependants_addition_needs_a_bereaved_claimant() -> None:
    data = claim(kind="death")
    data["death"] |= {"supported_dependants": True, "bereaved_claimants": 0}
    with pytest.raises(RuleViolation) as refused:
        calculate_dict(data)
    assert refused.value.field == "death.supported_dependants" and "支払基準第4の3" in str(refused.value)


def test_issue7_home_nursing_days_beyond_the_treatment_period_are_refused() -> None:
    # 10 days of treatment, 5 of them in hospital: at most 5 days of home or outpatient nursing.
    data = claim(
        injury=injury(treatment_end="2024-04-10", hospital_days=5, outpatient_days=5, nursing_home_days=6)
    )
    with pytest.raises(RuleViolation) as refused:
        calculate_dict(data)
    assert refused.value.field == "injury.nursing_home_days" and "入院していない日数以下" in str(
        refused.value
    )
