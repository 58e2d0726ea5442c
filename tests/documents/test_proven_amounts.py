"""Proven amounts above the flat rates on the rendered notices (issue #7 item 5): the payment notice
(令3条, PN-02) and the explanation (令7条, PN-06) print 「立証額」 with its basis where the flat rate was
replaced and 「1日1,100円 × 入院n日」 where it was not, for an insurer and a co-op (PN-07)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from tests.documents.helpers import flat, page_png, pdf_text
from tests.documents.test_payment_notices import CLAIM, _issue, _register
from tests.factories import stored

from chotei.parties.models import Party
from chotei.rules.errors import RuleViolation

PROVEN: dict[str, Any] = copy.deepcopy(CLAIM)
# 5 days × 1,100円 = 5,500円 flat; 5 days of hospital nursing × 4,200円 = 21,000円 flat.
PROVEN["injury"] |= {
    "nursing_hospital_days": 5,
    "hospital_misc_proven": {"amount": 9_800, "basis": "領収書（入院中の日用品）"},
}


@pytest.fixture
def claimant(db: Any) -> Party:
    return Party.objects.create(
        name="佐々木 花子", address="神奈川県横浜市中区本町六丁目50番1号", postcode="231-0005"
    )


@pytest.mark.parametrize("coop", [False, True])
@pytest.mark.parametrize("kind", ["payment", "payment_explanation"])
def test_pn02_pn06_proven_amount_is_shown_as_such(
    world: Any, claimant: Party, doc_artifacts: Path, coop: bool, kind: str
) -> None:
    """PN-02, PN-06, and PN-07 for the co-op's wording of the same notice."""
    doc = _issue(world, _register(world, claimant, PROVEN, coop=coop), kind)
    page_png(stored(doc), doc_artifacts, f"issue7-proven-{kind}-{'coop' if coop else 'insurer'}")
    text = pdf_text(stored(doc))
    assert "治療関係費（入院中の諸雑費）9,800円" in text
    assert (
        flat("立証額 9,800円（立証資料: 領収書（入院中の日用品）。定額 1日1,100円 × 入院5日 = 5,500円")
        in text
    )
    assert "を超える必要かつ妥当な実費" in text
    # The item without a proven amount keeps the day rate and days.
    assert flat("治療関係費（看護料）21,000円1日4,200円 × 入院看護5日 = 21,000円") in text
    assert ("共済金等" in text) == coop


def test_pn02_proven_amount_at_the_flat_rate_is_refused_at_registration(world: Any, claimant: Party) -> None:
    data = copy.deepcopy(PROVEN)
    data["injury"]["hospital_misc_proven"]["amount"] = 5_500
    with pytest.raises(RuleViolation) as refused:
        _register(world, claimant, data)
    assert refused.value.field == "injury.hospital_misc_proven"
    assert "支払基準第2の1" in str(refused.value) and "空欄" in str(refused.value)
