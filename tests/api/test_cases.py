"""Cases through the API: list with filters and keyset pages, create (DP-02), detail (DP-22 audit)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from chotei.audit.models import AuditEvent
from chotei.disputes.models import Case
from chotei.parties.models import Party
from chotei.rules.states import CaseState
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db


def application(world: Any, **overrides: Any) -> dict[str, Any]:
    respondent = Party.objects.get(organization=world.insurer)
    body: dict[str, Any] = {
        "applicant": {
            "name": "鈴木 一郎",
            "address": "神奈川県横浜市中区本町一丁目1番地",
            "postcode": "231-0005",
        },
        "respondent": {"party_id": respondent.pk, "kind": "organization"},
        "applicant_role": "victim",
        "respondent_role": "insurer",
        "category": "after_effect",
        "channel": "online",
        "office": "tokyo",
        "applied_on": "2026-10-05",
        "matters_sought": "後遺障害等級を非該当から第14級9号に変更することを求める",
        "issues": "腰部痛の残存が後遺障害に該当するか",
        "negotiation_history": "令和8年9月に非該当の通知を受けた",
        "claim": "事故後一貫して腰部痛を訴えている",
        "accident_summary": "交差点で右折車と衝突した",
        "other_bodies": "なし",
        "decision_notified_on": "2026-09-15",
    }
    body.update(overrides)
    return body


def test_dp02_create_case_with_every_item(world: Any, staff_api: Api) -> None:
    response = staff_api.post("/cases", application(world))
    assert response.status_code == 201, response.json()
    out = response.json()
    case = Case.objects.get(pk=out["id"])
    assert out["number"] == case.number and out["state"] == CaseState.RECEIVED
    assert case.applicant_name == "鈴木 一郎"
    assert case.respondent_name == world.insurer.name  # taken from the registered party
    assert case.matters_sought.startswith("後遺障害等級")


def test_dp02_missing_item_is_422_naming_item_and_article(world: Any, staff_api: Api) -> None:
    response = staff_api.post("/cases", application(world, matters_sought="", issues="  "))
    assert response.status_code == 422
    body = response.json()
    assert "紛争処理を求める事項" in body["detail"] and "紛争の問題点" in body["detail"]
    assert body["article"] == "令第13条第2号" and body["obligation"] == "DP-02"
    assert body["field"] == "matters_sought"
    assert {p["field"] for p in body["problems"]} == {"matters_sought", "issues"}
    assert Case.objects.count() == 0


def test_dp04_applicant_role_outside_the_act_is_422(world: Any, staff_api: Api) -> None:
    body = staff_api.post("/cases", application(world, applicant_role="lawyer")).json()
    assert body["obligation"] == "DP-04" and body["field"] == "applicant_role"


def test_create_with_unknown_party_is_422(world: Any, staff_api: Api) -> None:
    response = staff_api.post("/cases", application(world, respondent={"party_id": 999999}))
    assert response.status_code == 422
    assert "登録されていません" in response.json()["detail"]


def test_create_with_bad_enum_is_422_not_500(world: Any, staff_api: Api) -> None:
    response = staff_api.post("/cases", application(world, office="nagoya"))
    assert response.status_code == 422
    assert response.json()["detail"] == "事務所（office）は次のいずれかで指定してください：'tokyo', 'osaka'"


def test_nul_and_overlong_text_is_422(world: Any, staff_api: Api) -> None:
    assert staff_api.post("/cases", application(world, claim="a\x00b")).status_code == 422
    # NFKC lengthens ㍿ to 株式会社: 60 × 4 > 200 even though 60 characters were sent.
    too_long = {"name": "㍿" * 60, "address": "東京都"}
    assert staff_api.post("/cases", application(world, applicant=too_long)).status_code == 422


def test_im01_insurer_token_cannot_register_cases(world: Any, insurer_api: Api) -> None:
    assert insurer_api.post("/cases", application(world)).status_code == 403


def test_list_filters_state_office_and_query(world: Any, staff_api: Api) -> None:
    screening = world.make_case(CaseState.SCREENING)
    received = world.make_case()
    osaka = world.make_case(office="osaka")
    ids = lambda r: [c["id"] for c in r.json()["items"]]  # noqa: E731
    assert ids(staff_api.get("/cases", state="screening")) == [screening.pk]
    assert ids(staff_api.get("/cases", office="osaka")) == [osaka.pk]
    assert ids(staff_api.get("/cases", q=received.number)) == [received.pk]
    assert set(ids(staff_api.get("/cases", q="山田"))) == {screening.pk, received.pk, osaka.pk}
    assert ids(staff_api.get("/cases", fiscal_year=1999)) == []


def test_dp10_list_overdue_filter(world: Any, staff_api: Api) -> None:
    late = world.make_case()
    world.make_case()
    Case.objects.filter(pk=late.pk).update(due_on=dt.date(2000, 1, 4))
    items = staff_api.get("/cases", overdue="true").json()["items"]
    assert [c["id"] for c in items] == [late.pk] and items[0]["overdue"] is True


def test_list_member_filter(world: Any, staff_api: Api) -> None:
    seated = world.make_case(CaseState.UNDER_REVIEW)
    world.make_case()
    items = staff_api.get("/cases", member=world.members["田中"].pk).json()["items"]
    assert [c["id"] for c in items] == [seated.pk]


def test_keyset_pages_cover_every_case_once(world: Any, staff_api: Api) -> None:
    made = [world.make_case(received_on=dt.date(2026, 10, 1 + i % 3)).pk for i in range(5)]
    seen: list[int] = []
    before = ""
    for _ in range(5):
        page = staff_api.get("/cases", limit=2, **({"before": before} if before else {})).json()
        seen += [c["id"] for c in page["items"]]
        if page["next_before"] is None:
            break
        before = page["next_before"]
    assert sorted(seen) == sorted(made) and len(seen) == 5
    expected = list(Case.objects.order_by("-received_on", "-id").values_list("id", flat=True))
    assert seen == expected


@pytest.mark.parametrize(
    "params",
    [{"limit": 201}, {"limit": 0}, {"before": "garbage"}, {"before": "2026-10-01.x"}, {"state": "x"}],
)
def test_bad_list_parameters_are_422(world: Any, staff_api: Api, params: dict[str, Any]) -> None:
    assert staff_api.get("/cases", **params).status_code == 422


def test_dp22_detail_lists_everything_and_audits_the_view(
    world: Any, staff_api: Api, issue_document: Any
) -> None:
    case = world.make_case(CaseState.RESULT_NOTIFIED)
    doc = issue_document(case)
    response = staff_api.get(f"/cases/{case.pk}")
    assert response.status_code == 200
    out = response.json()
    assert {p["side"] for p in out["parties"]} == {"applicant", "respondent"}
    assert out["parties"][0]["name"] and out["parties"][0]["address"]
    assert out["deadlines"]["statement_due_on"] and out["deadlines"]["amendment_due_on"]
    seats = out["panel"]["seats"]
    assert len(seats) == 3 and sum(s["is_chief"] for s in seats) == 1
    assert out["documents"] == [
        {
            "id": doc.pk,
            "kind": "receipt",
            "title": doc.title,
            "document_number": doc.document_number,
            "addressee": doc.addressee,
            "addressee_side": "applicant",
            "version": 1,
            "channel": "post",
            "dispatch_date": "2026-10-02",
            "sha256": doc.sha256,
            "first_opened_at": None,
        }
    ]
    assert [line["action"] for line in out["ledger"]][:3] == ["receive", "start_screening", "accept"]
    assert out["result"] == "unchanged" and len(out["meetings"]) == 1
    assert AuditEvent.objects.filter(
        event_type=AuditEvent.Type.CASE_VIEWED, case_id=case.pk, actor=world.staff
    ).exists()


def test_detail_of_unknown_case_is_404(world: Any, staff_api: Api) -> None:
    response = staff_api.get("/cases/999999")
    assert response.status_code == 404 and "見つかりません" in response.json()["detail"]


def test_huge_id_is_422_not_500(world: Any, staff_api: Api) -> None:
    assert staff_api.get(f"/cases/{2**64}").status_code == 422
