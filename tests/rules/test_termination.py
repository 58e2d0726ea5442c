"""DP-18 (規程第17条第1項): the grounds a termination may rest on."""

from __future__ import annotations

import pytest

from chotei.rules.errors import RuleViolation
from chotei.rules.screening import GROUNDS
from chotei.rules.termination import TERMINATION_GROUND_CHOICES, termination_ground


def test_dp18_grounds_are_article_5_1s_and_no_prospect_each_with_its_provision() -> None:
    codes = [code for code, _ in TERMINATION_GROUND_CHOICES]
    assert codes == [*(f"R5-1-{n}" for n in range(1, 10)), "R5-1-9S", "R17-1"]
    assert termination_ground("R5-1-9S").article.ref == "第5条第1項第9号"
    assert termination_ground("R5-1-7").article.ref == "第5条第1項第7号"
    assert termination_ground("R5-1-7").label == next(g.label for g in GROUNDS if g.code == "R5-1-7")
    assert str(termination_ground("R17-1").article) == "規程第17条第1項"
    assert dict(TERMINATION_GROUND_CHOICES)["R17-1"] == "第17条第1項 紛争処理による解決の見込みがない"


@pytest.mark.parametrize(("code", "says"), [("", "打切りの事由がありません"), ("O15-2", "「O15-2」")])
def test_dp18_other_grounds_are_refused_naming_the_field(code: str, says: str) -> None:
    with pytest.raises(RuleViolation, match=says) as refused:
        termination_ground(code)
    assert refused.value.field == "ground" and str(refused.value.article) == "規程第17条第1項"
