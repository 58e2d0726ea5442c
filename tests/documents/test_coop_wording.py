"""令10条 complete (issue 7 item 2, PN-07): every co-op document reads in co-op terms; a test renders
each kind a co-op can issue or receive and fails on any insurance word left in its text."""

from __future__ import annotations

from typing import Any

import pytest
from tests.documents.helpers import pdf_text
from tests.documents.test_payment_notices import CLAIM, NONPAYMENT
from tests.factories import stored

from chotei.disputes.services.intake import PartyInput
from chotei.documents import services
from chotei.documents.models import IssuedDocument
from chotei.parties.models import Party
from chotei.rules.notices.coop import coop_wording, insurer_terms_left
from chotei.rules.states import CaseState


def test_pn07_coop_wording_replaces_every_insurance_term() -> None:
    text = coop_wording(
        "保険会社は、被保険自動車の保険契約に基づき、保険金額を限度として保険金等を支払い、"
        "被保険者の責任を判断します（一般財団法人自賠責保険・共済紛争処理機構、損害保険料率算出機構）"
    )
    assert text == (
        "組合は、被共済自動車の共済契約に基づき、共済金額を限度として共済金等を支払い、"
        "被共済者の責任を判断します（一般財団法人自賠責保険・共済紛争処理機構、損害保険料率算出機構）"
    )
    assert insurer_terms_left(text) == []


@pytest.fixture
def claimant(db: Any) -> Party:
    return Party.objects.create(name="佐々木 花子", address="神奈川県横浜市中区本町六丁目50番1号")


def _coop_docs(world: Any, claimant: Party, data: dict[str, Any], kinds: list[str]) -> list[str]:
    admin = world.users["admin"]
    claim = services.claim_register(
        actor=admin,
        insurer_id=world.coop.pk,
        reference="MNT-2026-0042",
        data=data,
        claimant_party_id=claimant.pk,
    )
    docs = [services.claim_notice_issue(actor=admin, claim_id=claim.pk, kind=k) for k in kinds]
    return [pdf_text(stored(d)) for d in docs]


@pytest.mark.parametrize(
    ("data", "kinds"),
    [
        (CLAIM, ["claim_guide", "payment", "payment_explanation"]),
        (
            {**NONPAYMENT, "accident_details": "被保険自動車は駐車場に停止しており、歩行者が側面に接触した"},
            ["nonpayment", "payment_explanation"],
        ),
    ],
    ids=["payment", "nonpayment"],
)
def test_pn07_every_coop_payment_document_is_free_of_insurance_terms(
    world: Any, claimant: Party, data: dict[str, Any], kinds: list[str]
) -> None:
    for kind, text in zip(kinds, _coop_docs(world, claimant, data, kinds), strict=True):
        assert insurer_terms_left(text) == [], kind
        assert "共済金等" in text or "共済金" in text, kind
        assert "みなと共済協同組合" in text


def test_pn07_the_bodys_notices_of_a_coop_case_speak_of_the_coop(make_case: Any, world: Any) -> None:
    coop = Party.objects.filter(organization=world.coop).earliest("pk")
    respondent = PartyInput(
        name=coop.name, address=coop.address, party_id=coop.pk, kind=Party.Kind.ORGANIZATION
    )
    case = make_case(CaseState.RESULT_NOTIFIED, respondent=respondent, respondent_role="coop")
    services.case_notices_issue(case_id=case.pk, kinds=["explanation"], side="respondent")
    docs = IssuedDocument.objects.filter(case=case)
    assert {d.kind for d in docs} >= {
        "receipt",
        "acceptance_respondent",
        "statement_request",
        "result",
        "explanation",
    }
    for doc in docs:
        text = pdf_text(stored(doc))
        assert insurer_terms_left(text) == [], doc.kind
    result = pdf_text(stored(docs.get(kind="result", addressee_side="respondent")))
    assert "組合等の支払に関する判断は妥当である（非変更）" in result
