"""Calc inputs of issue #7 item 5: proven amounts above the flat rates (入院中の諸雑費, 看護料) and the
basic income (基礎収入) of 逸失利益 with the standard's tables when installed (PN-02, PN-06, DP-23).

The tables used here are the test-only fixture in ``tests/rules/data`` (made-up figures)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chotei.rules.errors import MissingItems, RuleViolation
from chotei.rules.payment import income
from chotei.rules.payment.calc import calculate_dict
from tests.rules.test_payment import claim, injury, items

FIXTURE_TABLES = Path(__file__).resolve().parent / "data"


@pytest.fixture
def tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test-only tables, as an operator would install them."""
    monkeypatch.setenv(income.DATA_DIR_ENV, str(FIXTURE_TABLES))


@pytest.fixture(autouse=True)
def no_tables(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """By default no table is installed (the shipped state)."""
    monkeypatch.setenv(income.DATA_DIR_ENV, str(tmp_path))


def refused(data: dict[str, Any]) -> RuleViolation:
    with pytest.raises(RuleViolation) as info:
        calculate_dict(data)
    return info.value


# --- proven amounts above the flat rates ----------------------------------------------------------


def test_pn06_proven_hospital_misc_replaces_the_flat_product() -> None:
    """20 days × 1,100円 = 22,000円; receipts prove 30,000円, which is paid and said to be proven."""
    proven = {"amount": 30_000, "basis": "領収書（日用品購入費）"}
    result = items(calculate_dict(claim(injury=injury(hospital_misc_proven=proven))))
    assert result["hospital_misc"]["amount"] == 30_000
    assert result["hospital_misc"]["formula"] == (
        "立証額 30,000円（立証資料: 領収書（日用品購入費）。定額 1日1,100円 × 入院20日 = 22,000円 "
        "を超える必要かつ妥当な実費）"
    )


def test_pn06_proven_nursing_replaces_both_day_rates() -> None:
    flat = 5 * 4_200 + 3 * 2_100
    data = claim(
        injury=injury(
            nursing_hospital_days=5,
            nursing_home_days=3,
            nursing_proven={"amount": flat + 1, "basis": "看護人の領収書"},
        )
    )
    nursing = items(calculate_dict(data))["nursing"]
    assert nursing["amount"] == flat + 1
    assert nursing["formula"].startswith(
        "立証額 27,301円（立証資料: 看護人の領収書。定額 1日4,200円 × 入院看護5日"
    )


def test_pn06_flat_rates_state_the_day_rate_and_days() -> None:
    result = items(calculate_dict(claim(injury=injury(nursing_home_days=3))))
    assert result["hospital_misc"]["formula"] == "1日1,100円 × 入院20日 = 22,000円"
    assert result["nursing"]["formula"] == "1日2,100円 × 自宅・通院看護3日 = 6,300円"


@pytest.mark.parametrize(
    ("key", "days", "amount"),
    [
        ("hospital_misc_proven", {}, 22_000),  # equal to the flat product: not above it
        ("hospital_misc_proven", {}, 1_000),
        ("nursing_proven", {"nursing_hospital_days": 2}, 8_400),
    ],
)
def test_issue7_proven_amount_not_above_the_flat_rate_is_refused(
    key: str, days: dict[str, int], amount: int
) -> None:
    error = refused(claim(injury=injury(**days, **{key: {"amount": amount, "basis": "領収書"}})))
    assert error.field == f"injury.{key}"
    assert "支払基準第2の1" in str(error) and "空欄にしてください" in str(error)


@pytest.mark.parametrize("proven", [{"amount": 50_000}, {"amount": 50_000, "basis": "  "}])
def test_issue7_proven_amount_without_its_basis_is_refused(proven: dict[str, Any]) -> None:
    with pytest.raises(MissingItems) as info:
        calculate_dict(claim(injury=injury(hospital_misc_proven=proven)))
    assert info.value.field == "injury.hospital_misc_proven.basis"
    assert "立証資料" in str(info.value) and "支払基準第2の1" in str(info.value)


def test_issue7_proven_nursing_without_nursing_days_is_refused() -> None:
    error = refused(claim(injury=injury(nursing_proven={"amount": 10_000, "basis": "領収書"})))
    assert error.field == "injury.nursing_proven" and "看護の日数がない" in str(error)


# --- basic income (基礎収入) and working years -------------------------------------------------------


def death(**fields: Any) -> dict[str, Any]:
    return claim(
        kind="death",
        accident_date="2024-04-01",
        death={"supported_dependants": False, "bereaved_claimants": 1} | fields,
    )


def after_effect(**fields: Any) -> dict[str, Any]:
    finding = {"table": "2", "grade": 12, "item": 13, "reason": "画像所見あり"}
    return claim(kind="after_effect", after_effect={"findings": [finding]} | fields)


@pytest.mark.parametrize(
    ("data", "field", "article"),
    [
        (death(working_years=30), "death.income_basis", "支払基準第4の2"),
        (death(annual_income=0, working_years=30), "death.income_basis", "支払基準第4の2"),
        (after_effect(loss_years=10), "after_effect.income_basis", "支払基準第3"),
        (after_effect(basic_income=0, loss_years=10), "after_effect.income_basis", "支払基準第3"),
    ],
)
def test_issue7_income_less_claim_without_an_income_basis_is_refused(
    data: dict[str, Any], field: str, article: str
) -> None:
    error = refused(data)
    assert error.field == field and "基礎収入" in str(error) and article in str(error)


@pytest.mark.parametrize(
    ("basis", "table"),
    [("age_average", "年齢別平均給与額表"), ("all_age_average", "全年齢平均給与額")],
)
def test_issue7_table_choice_refused_naming_the_missing_table(basis: str, table: str) -> None:
    error = refused(death(income_basis=basis, sex="female", age=30, working_years=37))
    assert error.field == "death.income_basis"
    assert (
        table in str(error)
        and "income_tables_2020-04-01.json" in str(error)
        and "導入されていない" in str(error)
    )


def test_issue7_working_years_without_the_table_are_refused_naming_the_field() -> None:
    with pytest.raises(MissingItems) as info:
        calculate_dict(death(annual_income=3_000_000, age=30))
    assert info.value.field == "death.working_years" and "就労可能年数表がない" in str(info.value)


def test_pn06_proven_income_with_its_source() -> None:
    data = death(proven_income={"amount": 2_400_000, "basis": "令和5年分確定申告書"}, working_years=10)
    lost = items(calculate_dict(data))["lost_earnings"]
    assert lost["formula"].startswith("年間収入額 2,400,000円（立証額（立証資料: 令和5年分確定申告書））")
    with pytest.raises(MissingItems) as info:
        calculate_dict(death(income_basis="proven", working_years=10))
    assert info.value.field == "death.proven_income"
    error = refused(death(income_basis="proven", annual_income=1, working_years=10))
    assert error.field == "death.annual_income"


@pytest.mark.usefixtures("tables")
def test_dp23_age_average_and_working_years_from_installed_tables() -> None:
    """Fixture: 30歳女子 月額250,000円 → 3,000,000円 a year; working years at 30: 37."""
    lost = items(calculate_dict(death(income_basis="age_average", sex="female", age=30)))["lost_earnings"]
    # 3,000,000 × 50% × Leibniz(37 years, 3%) 22.167 = 33,250,500
    assert lost["amount"] == 33_250_500
    assert "年齢別平均給与額（30歳・女子）月額250,000円 × 12月" in lost["formula"]
    assert "就労可能年数37年、就労可能年数表（30歳）による" in lost["formula"]
    assert "テスト用の架空の表" in lost["formula"]  # the table's source is stated


@pytest.mark.usefixtures("tables")
def test_dp23_all_age_average_itemises_an_after_effect() -> None:
    """A homemaker: 全年齢平均給与額 女子 月額260,000円 → 3,120,000円; loss years from the table at 45."""
    data = after_effect(income_basis="all_age_average", sex="female", age=45)
    lost = items(calculate_dict(data))["after_effect_lost_earnings"]
    # 3,120,000 × 14% (第12級) × Leibniz(22 years, 3%) 15.937 = 6,961,281
    assert lost["amount"] == 6_961_281
    assert "全年齢平均給与額（女子）月額260,000円 × 12月" in lost["formula"]


@pytest.mark.usefixtures("tables")
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"income_basis": "age_average", "sex": "female", "age": 31}, "death.age"),
        ({"income_basis": "age_average", "sex": "x", "age": 30}, "death.sex"),
        ({"income_basis": "all_age_average", "working_years": 5}, "death.sex"),
        ({"income_basis": "salary", "working_years": 5}, "death.income_basis"),
    ],
)
def test_issue7_table_inputs_refused_with_field(fields: dict[str, Any], field: str) -> None:
    assert refused(death(**fields)).field == field


def test_dp23_malformed_installed_table_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / income.file_name("2020-04-01")).write_text('{"age_average_monthly": {}}', "utf-8")
    monkeypatch.setenv(income.DATA_DIR_ENV, str(tmp_path))
    error = refused(death(income_basis="age_average", sex="male", age=30, working_years=5))
    assert "income_tables_2020-04-01.json を読めません" in str(error)


def test_dp23_no_real_table_ships() -> None:
    """The standard's tables are not in the seeds and must not be invented (docs/decisions.md)."""
    shipped = Path(income.__file__).resolve().parents[1] / "data"
    assert not list(shipped.glob("income_tables_*.json"))
