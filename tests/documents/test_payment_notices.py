"""Payment notices of insurers and co-ops (PN-01..PN-03, PN-06, PN-07): amounts computed, never typed."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from tests.documents.helpers import flat, page_png, pdf_text
from tests.factories import stored

from chotei.accounts.permissions import NotPermitted
from chotei.disputes.services.intake import PartyInput
from chotei.documents import services
from chotei.documents.models import IssuedDocument, PaymentClaim
from chotei.parties.models import Party
from chotei.rules.errors import MissingItems, RuleViolation
from chotei.rules.notices.wording import yen
from chotei.rules.payment import calc

CLAIM: dict[str, Any] = {
    "accident_date": "2026-01-10",
    "kind": "after_effect",
    "victim_fault_percent": 75,
    "reduction_reason": "歩行者用信号が赤色の表示中に横断した",
    "injury": {
        "treatment_start": "2026-01-10",
        "treatment_end": "2026-06-30",
        "hospital_days": 5,
        "outpatient_days": 60,
        "medical_fees": 450_000,
        "absence_days": 30,
    },
    "after_effect": {
        "findings": [
            {"table": "2", "grade": 14, "item": 9, "reason": "頚部痛が残存し神経学的所見と整合するため"}
        ]
    },
    "accident_details": "令和8年1月10日午後6時頃、交差点を横断中に右折車両と接触した",
}
NONPAYMENT = {
    "accident_date": "2026-01-10",
    "accident_summary": "駐車場内で停止中の車両に歩行者が接触した",
    "no_liability_reason": "被保険自動車は停止しており運行に起因する事故ではないため",
}


@pytest.fixture
def claimant(db: Any) -> Party:
    return Party.objects.create(
        name="佐々木 花子", address="神奈川県横浜市中区本町六丁目50番1号", postcode="231-0005"
    )


def _register(world: Any, claimant: Party, data: dict[str, Any], coop: bool = False) -> PaymentClaim:
    """The administrator names a registered party; an insurer gives its claimant's name and address
    (IM-01: it may not name parties that are not its own claimants)."""
    org = world.coop if coop else world.insurer
    who: dict[str, Any] = (
        {"actor": world.users["admin"], "claimant_party_id": claimant.pk}
        if coop
        else {
            "actor": world.users["insurer"],
            "claimant": PartyInput(name=claimant.name, address=claimant.address, postcode=claimant.postcode),
        }
    )
    return services.claim_register(insurer_id=org.pk, reference="AOB-2026-00871", data=data, coop=coop, **who)


def _issue(world: Any, claim: PaymentClaim, kind: str) -> IssuedDocument:
    actor = world.users["admin"] if claim.coop else world.users["insurer"]
    return services.claim_notice_issue(actor=actor, claim_id=claim.pk, kind=kind)


def test_pn02_payment_amounts_equal_the_calculation(world: Any, claimant: Party, doc_artifacts: Path) -> None:
    claim = _register(world, claimant, CLAIM)
    doc = _issue(world, claim, "payment")
    expected = calc.calculate_dict({k: v for k, v in CLAIM.items() if k != "accident_details"})
    text = pdf_text(stored(doc))
    for item in expected["items"]:
        assert flat(f"{item['label']}{yen(item['amount'])}") in text, item
    assert flat(f"合計{yen(expected['total'])}") in text
    assert "令和8年1月10日" in text  # accident date
    assert "あおば損害保険株式会社" in text and "佐々木花子様" in text
    assert doc.addressee_side == "claimant" and doc.claim_id == claim.pk and doc.case_id is None
    assert doc.document_number.startswith("支通第")
    page_png(stored(doc), doc_artifacts, "payment")


def test_pn02_grade_and_reduction_reasons_are_stated(world: Any, claimant: Party) -> None:
    doc = _issue(world, _register(world, claimant, CLAIM), "payment")
    text = pdf_text(stored(doc))
    assert "第14級" in text and "頚部痛が残存し神経学的所見と整合するため" in text
    assert "減額の割合2割" in text
    assert "歩行者用信号が赤色の表示中に横断した" in text and "重大な過失" in text


def test_pn02_missing_grade_reason_is_refused_naming_item_and_article(world: Any, claimant: Party) -> None:
    data = copy.deepcopy(CLAIM)
    data["after_effect"]["findings"][0]["reason"] = ""
    claim = _register(world, claimant, data)
    with pytest.raises(MissingItems) as caught:
        _issue(world, claim, "payment")
    assert "後遺障害等級に該当すると判断した理由" in str(caught.value)
    assert "令第3条第3号" in str(caught.value)
    assert not IssuedDocument.objects.exists()
    # Without the reason key at all, the claim itself is refused naming the field.
    del data["after_effect"]["findings"][0]["reason"]
    with pytest.raises(MissingItems, match="等級の判断理由"):
        _register(world, claimant, data)


def test_pn03_nonpayment_states_summary_and_reason(world: Any, claimant: Party) -> None:
    claim = _register(world, claimant, NONPAYMENT)
    text = pdf_text(stored(_issue(world, claim, "nonpayment")))
    assert "駐車場内で停止中の車両に歩行者が接触した" in text
    assert "被保険自動車は停止しており運行に起因する事故ではないため" in text
    with pytest.raises(RuleViolation, match="不払通知書"):
        _issue(world, claim, "payment")
    paying = _register(world, claimant, CLAIM)
    with pytest.raises(RuleViolation, match="支払わない理由"):
        _issue(world, paying, "nonpayment")


def test_pn01_claim_guide_summarises_standards_procedure_and_body(world: Any, claimant: Party) -> None:
    text = pdf_text(stored(_issue(world, _register(world, claimant, CLAIM), "claim_guide")))
    assert "支払基準" in text and "必要書類" in text and "指定紛争処理機関" in text


def test_pn06_explanation_itemises_each_calculation(world: Any, claimant: Party) -> None:
    claim = _register(world, claimant, CLAIM)
    text = pdf_text(stored(_issue(world, claim, "payment_explanation")))
    expected = calc.calculate_dict({k: v for k, v in CLAIM.items() if k != "accident_details"})
    for item in expected["items"]:
        assert flat(item["formula"]) in text, item["formula"]
    assert flat(CLAIM["accident_details"]) in text


def test_pn07_coop_notices_use_coop_wording(world: Any, claimant: Party, doc_artifacts: Path) -> None:
    claim = _register(world, claimant, CLAIM, coop=True)
    payment = pdf_text(stored(_issue(world, claim, "payment")))
    assert "共済金等" in payment and "保険金等" not in payment
    assert "第10条において準用" in payment
    assert "みなと共済協同組合" in payment
    nonpaying = _register(world, claimant, NONPAYMENT, coop=True)
    doc = _issue(world, nonpaying, "nonpayment")
    text = pdf_text(stored(doc))
    assert "被共済者" in text and "組合" in text and "被保険者に" not in text
    page_png(stored(doc), doc_artifacts, "nonpayment-coop")


def test_pn07_coop_flag_must_match_the_organization(world: Any, claimant: Party) -> None:
    with pytest.raises(RuleViolation, match="共済"):
        services.claim_register(
            actor=world.users["admin"],
            insurer_id=world.coop.pk,
            claimant_party_id=claimant.pk,
            reference="X-1",
            data=CLAIM,
            coop=False,
        )


def test_pn02_insurer_acts_only_for_its_own_organization(world: Any, claimant: Party) -> None:
    with pytest.raises(NotPermitted):
        services.claim_register(
            actor=world.users["insurer"],
            insurer_id=world.coop.pk,
            claimant_party_id=claimant.pk,
            reference="X-1",
            data=CLAIM,
            coop=True,
        )
    claim = _register(world, claimant, CLAIM)
    with pytest.raises(NotPermitted):
        services.claim_notice_issue(actor=world.users["secretariat"], claim_id=claim.pk, kind="payment")


def test_pn02_invalid_claim_is_refused_at_registration(world: Any, claimant: Party) -> None:
    data = copy.deepcopy(CLAIM)
    data["injury"]["hospital_days"] = -1
    with pytest.raises(RuleViolation, match="injury.hospital_days"):
        _register(world, claimant, data)
    assert not PaymentClaim.objects.exists()


def test_pn04_payment_notice_follows_the_claimants_consent(world: Any, claimant: Party) -> None:
    claim = _register(world, claimant, CLAIM)
    assert _issue(world, claim, "payment").channel == IssuedDocument.Channel.POST
    services.consent_record(
        actor=world.staff,
        party_id=claim.claimant_id,
        consented=True,
        method=services.CONSENT_METHOD,
        file_format=services.CONSENT_FORMAT,
    )
    reissued = _issue(world, claim, "payment")
    assert reissued.channel == IssuedDocument.Channel.ELECTRONIC and reissued.version == 2
    # PN-04: the insurer opens its own notice, but as its sender: that is not the claimant's opening.
    assert services.document_open(world.users["insurer"], reissued.pk).first_opened_at is None
