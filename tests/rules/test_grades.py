"""After-effect grade tables (PN-08): checked line by line against the seed text, plus 併合 and 加重."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chotei.rules import grades
from chotei.rules.errors import RuleViolation

SEED = Path("/work/shared/seeds/004_d946923658a7c235.txt")
DATA = Path(grades.__file__).parent / "data" / "grade_tables.json"
MAN = 10_000


def parse_seed_tables(text: str) -> dict[str, dict[int, tuple[int, list[str]]]]:
    """Reads 別表第1・第2 from the seed with a line scanner, independent of the data file's origin."""
    tables: dict[str, dict[int, tuple[int, list[str]]]] = {}
    table = None
    current: int | None = None
    items: list[str] = []
    for line in text[text.index("/別表第1") :].splitlines():
        if m := re.fullmatch(r"/別表第([12])", line.strip()):
            table = m.group(1)
            tables[table] = {}
        elif m := re.fullmatch(r"第(\d+)級", line.strip()):
            current, items = int(m.group(1)), []
        elif m := re.fullmatch(r"\s+(\d+)\.\s(.+)", line):
            assert int(m.group(1)) == len(items) + 1, line
            items.append(m.group(2))
        elif m := re.fullmatch(r"([\d,]+)万円", line.strip()):
            assert table is not None and current is not None
            tables[table][current] = (int(m.group(1).replace(",", "")) * MAN, items)
            current = None
    return tables


SEED_TABLES = parse_seed_tables(SEED.read_text(encoding="utf-8"))


def test_pn08_seed_has_both_tables_complete() -> None:
    assert sorted(SEED_TABLES["1"]) == [1, 2]
    assert sorted(SEED_TABLES["2"]) == list(range(1, 15))


@pytest.mark.parametrize(("table", "number"), [(t, g) for t in ("1", "2") for g in sorted(SEED_TABLES[t])])
def test_pn08_every_grade_amount_and_description_matches_seed(table: str, number: int) -> None:
    amount, descriptions = SEED_TABLES[table][number]
    raw = json.loads(DATA.read_text(encoding="utf-8"))["tables"][table]["grades"]
    row = next(r for r in raw if r["grade"] == number)
    assert row["amount"] == amount
    assert row["descriptions"] == descriptions
    found = grades.grade(table, number)
    assert (found.amount, list(found.descriptions)) == (amount, descriptions)


def test_pn08_data_file_has_no_grade_beyond_seed() -> None:
    raw = json.loads(DATA.read_text(encoding="utf-8"))["tables"]
    for table in ("1", "2"):
        assert [r["grade"] for r in raw[table]["grades"]] == sorted(SEED_TABLES[table])


def test_pn08_headline_amounts() -> None:
    assert grades.grade("1", 1).amount == 40_000_000
    assert grades.grade("1", 2).amount == 30_000_000
    assert grades.grade("2", 1).amount == 30_000_000
    assert grades.grade("2", 14).amount == 750_000
    assert grades.grade("2", 12).description(13) == "局部に頑固な神経症状を残すもの"
    assert grades.grade("2", 14).description(9) == "局部に神経症状を残すもの"


@pytest.mark.parametrize(("table", "number"), [("1", 3), ("1", 0), ("2", 15), ("2", 0), ("2", -1)])
def test_pn08_refuses_grade_outside_table(table: str, number: int) -> None:
    with pytest.raises(RuleViolation) as info:
        grades.grade(table, number)
    assert info.value.obligation == "PN-08"
    assert f"別表第{table}" in str(info.value)
    assert info.value.field == "grade"


@pytest.mark.parametrize("table", ["3", "", "別表第2"])
def test_pn08_refuses_unknown_table(table: str) -> None:
    with pytest.raises(RuleViolation, match="別表") as info:
        grades.grade(table, 1)
    assert info.value.obligation == "PN-08"


def test_pn08_refuses_item_the_grade_lacks() -> None:
    with pytest.raises(RuleViolation, match="第14級に第10号はありません") as info:
        grades.grade("2", 14).description(10)
    assert info.value.field == "item"


def test_pn08_check_amount_edges() -> None:
    assert grades.check_amount("2", 14, 750_000).grade == 14
    assert grades.check_amount("2", 14, 0).grade == 14
    with pytest.raises(RuleViolation, match="750,000円を超える") as info:
        grades.check_amount("2", 14, 750_001)
    assert info.value.obligation == "PN-08" and info.value.field == "amount"
    with pytest.raises(RuleViolation):
        grades.check_amount("2", 14, -1)
    with pytest.raises(RuleViolation, match="別表第1に第3級"):
        grades.check_amount("1", 3, 1)


def g(number: int, table: str = "2") -> grades.Grade:
    return grades.grade(table, number)


@pytest.mark.parametrize(
    ("numbers", "result", "amount", "raised", "capped"),
    [
        ([9, 13], 8, 7_550_000, 1, True),  # the spec's example: the sum cap applies
        ([10, 13], 9, 6_000_000, 1, True),
        ([12, 13], 11, 3_310_000, 1, False),
        ([13, 13], 12, 2_240_000, 1, False),
        ([8, 13], 7, 9_580_000, 1, True),
        ([8, 8], 6, 12_960_000, 2, False),
        ([7, 8, 14], 5, 15_740_000, 2, False),
        ([3, 8], 1, 30_000_000, 2, False),
        ([5, 5], 2, 25_900_000, 3, False),
        ([4, 5], 1, 30_000_000, 3, False),
        ([1, 1], 1, 30_000_000, 3, False),
        ([5, 8], 3, 22_190_000, 2, False),  # two of 8級以上 but only one of 5級以上
        ([5, 9], 4, 18_890_000, 1, False),  # only the 13級 rule applies; the sum is far above
        ([9, 14], 9, 6_160_000, 0, False),
        ([14, 14, 14], 14, 750_000, 0, False),
        ([12], 12, 2_240_000, 0, False),
    ],
)
def test_pn08_combine_rules(numbers: list[int], result: int, amount: int, raised: int, capped: bool) -> None:
    combined = grades.combine([g(n) for n in numbers])
    assert (combined.grade.grade, combined.amount, combined.raised_by, combined.capped) == (
        result,
        amount,
        raised,
        capped,
    )


def test_pn08_combine_cap_counts_only_grades_of_13_or_higher() -> None:
    # 10級 + 13級 + 14級: 9級 (6,160,000) against 4,610,000 + 1,390,000, the 14級 finding not counted.
    assert grades.combine([g(10), g(13), g(14)]).amount == 6_000_000


def test_pn08_combine_refusals() -> None:
    with pytest.raises(RuleViolation, match="別表第1の等級と別表第2の等級は併合しません"):
        grades.combine([g(1, "1"), g(5)])
    with pytest.raises(RuleViolation, match="併合する後遺障害がありません"):
        grades.combine([])


def test_pn08_table1_findings_take_the_most_serious() -> None:
    combined = grades.combine([g(2, "1"), g(1, "1")])
    assert (combined.grade.table, combined.grade.grade, combined.amount) == ("1", 1, 40_000_000)


def test_pn08_aggravation_is_difference_of_amounts() -> None:
    result = grades.aggravation(g(14), g(12))
    assert result.amount == 2_240_000 - 750_000
    assert "750,000円" in result.formula and "1,490,000円" in result.formula
    across = grades.aggravation(g(3), g(1, "1"))
    assert across.amount == 40_000_000 - 22_190_000


def test_pn08_aggravation_uses_capped_combination_amount() -> None:
    assert grades.aggravation(g(14), grades.combine([g(9), g(13)])).amount == 7_550_000 - 750_000


@pytest.mark.parametrize(("prior", "current"), [(12, 12), (9, 12)])
def test_pn08_aggravation_refused_when_not_worse(prior: int, current: int) -> None:
    with pytest.raises(RuleViolation, match="加重に当たりません") as info:
        grades.aggravation(g(prior), g(current))
    assert info.value.obligation == "PN-08"


@given(st.lists(st.integers(min_value=1, max_value=14), min_size=1, max_size=6))
def test_pn08_combine_between_most_serious_and_sum(numbers: list[int]) -> None:
    """併合 never exceeds the sum of the single grades' amounts, nor falls below the most serious one."""
    found = [g(n) for n in numbers]
    combined = grades.combine(found)
    assert combined.amount <= sum(x.amount for x in found)
    assert combined.amount >= max(x.amount for x in found)
    assert combined.grade.grade <= min(numbers)


def test_dp17_pn08_findings_are_the_tables_grades_or_not_applicable() -> None:
    assert grades.finding_label("none") == "非該当"
    assert grades.finding_label("1-2") == "別表第1第2級" and grades.finding_label("2-14") == "別表第2第14級"
    assert grades.change_text("none", "2-14") == "別表第2第14級（変更前　非該当）"
    with pytest.raises(RuleViolation, match="別表第1・別表第2") as refused:
        grades.finding_label("1-3", "grade_after")
    assert refused.value.field == "grade_after"
