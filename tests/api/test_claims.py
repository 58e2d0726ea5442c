"""Payment claims and their notices through the API (PN-01..PN-03, PN-06): insurer-scoped (IM-01),
each registration and each notice one transaction with its audit event."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from chotei.accounts.models import ApiToken, Role, StaffProfile
from chotei.audit.models import AuditEvent
from chotei.documents.models import IssuedDocument, PaymentClaim
from chotei.parties.models import Party
from tests.api.conftest import Api
from tests.documents.helpers import flat, pdf_text
from tests.documents.test_payment_notices import CLAIM, NONPAYMENT

CLAIMANT = {"name": "佐々木 花子", "address": "神奈川県横浜市中区本町六丁目50番1号", "postcode": "231-0005"}


def _body(**overrides: Any) -> dict[str, Any]:
    return {"claimant": CLAIMANT, "reference": "AOB-2026-00871", "data": CLAIM, **overrides}


def _events(event_type: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=event_type))


def test_pn02_insurer_registers_a_claim_for_its_own_organization(world: Any, insurer_api: Api) -> None:
    response = insurer_api.post("/claims", _body())
    assert response.status_code == 201, response.json()
    out = response.json()
    assert out["insurer_id"] == world.insurer.pk and out["coop"] is False and out["nonpayment"] is False
    assert out["claimant_name"] == "佐々木 花子"
    (event,) = _events(AuditEvent.Type.CLAIM_REGISTERED)
    assert event.actor == world.users["insurer"] and event.payload["claim"] == out["id"]
    assert insurer_api.get(f"/claims/{out['id']}").json()["reference"] == "AOB-2026-00871"
    assert [c["id"] for c in insurer_api.get("/claims").json()] == [out["id"]]


def test_im01_insurer_token_may_not_register_for_another_organization(world: Any, insurer_api: Api) -> None:
    response = insurer_api.post("/claims", _body(insurer_id=world.coop.pk))
    assert response.status_code == 403 and "自らの組織" in response.json()["detail"]
    assert not PaymentClaim.objects.exists() and not _events(AuditEvent.Type.CLAIM_REGISTERED)


def test_im01_insurer_may_not_address_someone_elses_party(world: Any, insurer_api: Api) -> None:
    stranger = Party.objects.create(name="無関係 次郎", address="東京都")
    response = insurer_api.post("/claims", _body(claimant={"party_id": stranger.pk}))
    assert response.status_code == 404
    first = insurer_api.post("/claims", _body()).json()
    again = insurer_api.post("/claims", _body(claimant={"party_id": first["claimant_id"]}, reference="2"))
    assert again.status_code == 201 and again.json()["claimant_id"] == first["claimant_id"]


def test_pn02_invalid_claim_is_422_naming_the_item_and_nothing_is_written(insurer_api: Api) -> None:
    data = copy.deepcopy(CLAIM)
    data["injury"]["hospital_days"] = -1
    response = insurer_api.post("/claims", _body(data=data))
    assert response.status_code == 422 and "injury.hospital_days" in response.json()["detail"]
    no_address = insurer_api.post("/claims", _body(claimant={"name": "佐々木 花子"}))
    assert no_address.status_code == 422 and no_address.json()["field"] == "claimant.address"
    assert no_address.json()["obligation"] == "PN-01"
    assert not PaymentClaim.objects.exists() and not Party.objects.filter(name="佐々木 花子").exists()


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (
            "injury",
            {"hospital_misc_proven": {"amount": 5_500, "basis": "領収書"}},
            "injury.hospital_misc_proven",
        ),
        (
            "injury",
            {"nursing_hospital_days": 2, "nursing_proven": {"amount": 9_000}},
            "injury.nursing_proven.basis",
        ),
        (
            "after_effect",
            {"income_basis": "all_age_average", "sex": "female", "loss_years": 5},
            "after_effect.income_basis",
        ),
        ("after_effect", {"loss_years": 5}, "after_effect.income_basis"),
    ],
)
def test_pn02_claim_calc_input_refusals_are_422_naming_the_field_and_article(
    insurer_api: Api, path: str, value: dict[str, Any], field: str
) -> None:
    """Issue 7 item 5 through the API: a proven amount not above the flat rate (5 days × 1,100円) or
    without its basis, a table not installed, and no 基礎収入 at all are refused; nothing is written."""
    data = copy.deepcopy(CLAIM)
    data[path] |= value
    response = insurer_api.post("/claims", _body(data=data))
    assert response.status_code == 422 and response.json()["field"] == field, response.json()
    assert "支払基準第" in response.json()["detail"]
    assert not PaymentClaim.objects.exists()


@pytest.mark.parametrize("bad", ["\x00", "\ud800"])
def test_claim_data_the_database_cannot_store_is_422(insurer_api: Api, bad: str) -> None:
    response = insurer_api.client.post(
        "/api/v1/claims",
        '{"claimant": {"name": "a", "address": "b"}, "reference": "r", "data": {"x": "'
        + ("\\u0000" if bad == "\x00" else "\\ud800")
        + '"}}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {insurer_api.token}"},
    )
    assert response.status_code == 422 and not PaymentClaim.objects.exists()


def test_pn02_admin_names_the_insurer(world: Any, api_as: Any) -> None:
    admin = api_as("admin")
    missing = admin.post("/claims", _body())
    assert missing.status_code == 422 and missing.json()["field"] == "insurer_id"
    coop = admin.post("/claims", _body(insurer_id=world.coop.pk, data=NONPAYMENT))
    assert coop.status_code == 201 and coop.json()["coop"] is True and coop.json()["nonpayment"] is True


def test_pn02_notice_issued_listed_and_fetched_with_audit(world: Any, insurer_api: Api) -> None:
    claim_id = insurer_api.post("/claims", _body()).json()["id"]
    issued = insurer_api.post(f"/claims/{claim_id}/notices", {"kind": "payment"})
    assert issued.status_code == 201, issued.json()
    doc = issued.json()
    assert doc["addressee_side"] == "claimant" and doc["document_number"].startswith("支通第")
    (event,) = _events(AuditEvent.Type.DOCUMENT_ISSUED)
    assert event.payload["claim"] == claim_id and event.actor == world.users["insurer"]
    assert [d["id"] for d in insurer_api.get(f"/claims/{claim_id}/notices").json()] == [doc["id"]]
    pdf = insurer_api.get(f"/claims/{claim_id}/notices/{doc['id']}/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "佐々木花子様" in pdf_text(pdf.content)
    assert _events(AuditEvent.Type.DOCUMENT_OPENED)[0].payload["document"] == doc["id"]


def test_pn03_wrong_notice_for_the_claim_is_422_and_nothing_issued(insurer_api: Api) -> None:
    claim_id = insurer_api.post("/claims", _body(data=NONPAYMENT)).json()["id"]
    response = insurer_api.post(f"/claims/{claim_id}/notices", {"kind": "payment"})
    assert response.status_code == 422 and response.json()["obligation"] == "PN-03"
    assert not IssuedDocument.objects.exists() and not _events(AuditEvent.Type.DOCUMENT_ISSUED)
    bad_kind = insurer_api.post(f"/claims/{claim_id}/notices", {"kind": "receipt"})
    assert bad_kind.status_code == 422


def test_im01_another_organizations_claim_is_404(world: Any, api_as: Any, insurer_api: Api) -> None:
    coop_claim = api_as("admin").post("/claims", _body(insurer_id=world.coop.pk)).json()["id"]
    assert insurer_api.get(f"/claims/{coop_claim}").status_code == 404
    assert insurer_api.post(f"/claims/{coop_claim}/notices", {"kind": "claim_guide"}).status_code == 404
    assert insurer_api.get(f"/claims/{coop_claim}/notices").status_code == 404
    assert insurer_api.get("/claims").json() == []
    # Staff read claims but the notices are the insurer's own act (PN-01..PN-03).
    staff = api_as("secretariat")
    assert staff.get(f"/claims/{coop_claim}").status_code == 200
    assert staff.post(f"/claims/{coop_claim}/notices", {"kind": "claim_guide"}).status_code == 403


def test_pn02_registration_is_all_or_nothing(world: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The claim, its new claimant and the audit event are written in one transaction."""
    from chotei.disputes.services.intake import PartyInput
    from chotei.documents import services
    from chotei.documents.services import claims

    def failing(**_: Any) -> None:
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(claims, "audit_record", failing)
    with pytest.raises(RuntimeError):
        services.claim_register(
            actor=world.users["insurer"],
            insurer_id=None,
            reference="R-1",
            data=CLAIM,
            claimant=PartyInput(name="佐々木 花子", address="横浜市"),
        )
    assert not PaymentClaim.objects.exists() and not Party.objects.filter(name="佐々木 花子").exists()


def _issue_pdf_text(api: Api, claim_id: int, **body: Any) -> str:
    issued = api.post(f"/claims/{claim_id}/notices", body)
    assert issued.status_code == 201, issued.json()
    return pdf_text(api.get(f"/claims/{claim_id}/notices/{issued.json()['id']}/pdf").content)


def test_pn01_pn06_insurer_issues_the_claim_guide_and_the_explanation_through_the_api(
    insurer_api: Api,
) -> None:
    claim_id = insurer_api.post("/claims", _body()).json()["id"]
    guide = _issue_pdf_text(insurer_api, claim_id, kind="claim_guide")
    assert "支払基準" in guide and "必要書類" in guide and "指定紛争処理機関" in guide
    explanation = _issue_pdf_text(
        insurer_api, claim_id, kind="payment_explanation", requested_on="2026-10-01"
    )
    assert flat(CLAIM["accident_details"]) in explanation
    assert "令和8年10月1日" in explanation


def test_pn03_pn07_a_coops_user_issues_payment_and_nonpayment_in_coop_wording_through_the_api(
    world: Any,
) -> None:
    user = User.objects.create_user(username="coop-user")
    StaffProfile.objects.create(user=user, role=Role.INSURER, organization=world.coop)
    _, raw = ApiToken.issue(user, "test-coop")
    coop_api = Api(Client(), raw)
    claim = coop_api.post("/claims", _body())
    assert claim.status_code == 201 and claim.json()["coop"] is True, claim.json()
    text = _issue_pdf_text(coop_api, claim.json()["id"], kind="payment")
    assert "共済金等" in text and "保険金等" not in text and "みなと共済協同組合" in text
    denied = coop_api.post("/claims", _body(data=NONPAYMENT, reference="MC-2"))
    assert denied.status_code == 201 and denied.json()["nonpayment"] is True, denied.json()
    text = _issue_pdf_text(coop_api, denied.json()["id"], kind="nonpayment")
    assert flat(NONPAYMENT["accident_summary"]) in text and "運行に起因する事故ではない" in text
    assert "被共済者" in text and "被保険者に" not in text
