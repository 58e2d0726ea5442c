"""DP-02, DP-09: every bad API request is answered 4xx in Japanese naming the item and what is
expected (``loc`` kept for programs), and nothing is created or changed."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from chotei.disputes.models import Amendment, Case
from chotei.rules.states import CaseState
from tests.api.conftest import BASE, Api
from tests.api.test_cases import application

pytestmark = pytest.mark.django_db


def raw_post(api: Api, path: str, data: str, content_type: str) -> Any:
    return Client().post(
        BASE + path, data, content_type=content_type, headers={"Authorization": f"Bearer {api.token}"}
    )


def test_dp02_five_megabytes_of_claim_is_refused_naming_the_item(world: Any, staff_api: Api) -> None:
    response = staff_api.post("/cases", application(world, claim="あ" * 5_000_000))
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "請求の内容（申請人の主張）（claim）は4000文字以内で入力してください"
    (error,) = body["errors"]
    assert error["loc"] == ["body", "body", "claim"] and error["field"] == "claim"
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("matters_sought", 4000),
        ("issues", 4000),
        ("negotiation_history", 8000),
        ("accident_summary", 4000),
        ("other_bodies", 1000),
        ("other_facts", 4000),
    ],
)
def test_dp02_each_free_text_item_has_its_limit(world: Any, staff_api: Api, field: str, limit: int) -> None:
    assert staff_api.post("/cases", application(world, **{field: "a" * limit})).status_code == 201
    response = staff_api.post("/cases", application(world, **{field: "a" * (limit + 1)}))
    assert response.status_code == 422
    assert response.json()["detail"].endswith(f"（{field}）は{limit}文字以内で入力してください")
    assert Case.objects.count() == 1


def test_dp02_limits_are_stated_in_the_openapi_schema(client: Client) -> None:
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    create = schemas["CaseCreateIn"]["properties"]
    assert create["matters_sought"]["maxLength"] == 4000
    assert schemas["PartyIn"]["properties"]["name"]["maxLength"] == 200
    # Every string of every input schema says how long it may be.
    unbounded = [
        f"{name}.{field}"
        for name, schema in schemas.items()
        if name.endswith("In")
        for field, prop in schema.get("properties", {}).items()
        if prop.get("type") == "string"
        and "maxLength" not in prop
        and "format" not in prop
        and "enum" not in prop
    ]
    assert unbounded == []


def test_dp02_nested_item_is_named_with_its_party(world: Any, staff_api: Api) -> None:
    response = staff_api.post(
        "/cases", application(world, applicant={"name": "x" * 201, "address": "東京都"})
    )
    error = response.json()["errors"][0]
    assert error["msg"] == "申請人の氏名又は名称（applicant.name）は200文字以内で入力してください"
    assert error["loc"] == ["body", "body", "applicant", "name"]


def test_dp02_several_errors_are_all_named(world: Any, staff_api: Api) -> None:
    body = application(world, office="nagoya", applied_on="昨日")
    del body["category"]
    detail = staff_api.post("/cases", body).json()["detail"]
    assert detail.startswith("入力内容に3件の誤りがあります：")
    assert "事案の区分（category）は必須です" in detail
    assert "事務所（office）は次のいずれかで指定してください：'tokyo', 'osaka'" in detail
    assert "申請の年月日（applied_on）は日付（例 2026-04-01）で指定してください" in detail


def test_dp02_nul_character_is_named(world: Any, staff_api: Api) -> None:
    detail = staff_api.post("/cases", application(world, claim="a\x00b")).json()["detail"]
    assert detail == "請求の内容（申請人の主張）（claim）はNUL文字を含めずに入力してください"


def test_body_that_is_not_json_is_400_in_japanese(world: Any, staff_api: Api) -> None:
    response = raw_post(staff_api, "/cases", "{matters_sought: 変更", "application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "リクエスト本文をJSONとして解釈できません。JSON形式で送信してください"
        "（1行目 2文字目：項目名は二重引用符で囲んでください）"
    )
    assert Case.objects.count() == 0


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_wrong_content_type_is_415_and_creates_nothing(world: Any, staff_api: Api, content_type: str) -> None:
    response = raw_post(staff_api, "/cases", json.dumps(application(world)), content_type)
    assert response.status_code == 415
    assert f"Content-Type「{content_type}」は受け付けられません" in response.json()["detail"]
    assert Case.objects.count() == 0


def test_json_with_charset_and_vendor_type_are_accepted(world: Any, staff_api: Api) -> None:
    for kind in ("application/json; charset=utf-8", "application/merge-patch+json"):
        assert raw_post(staff_api, "/cases", json.dumps(application(world)), kind).status_code == 201


def test_body_that_is_not_an_object_is_named(world: Any, staff_api: Api) -> None:
    response = raw_post(staff_api, "/cases", "[1, 2]", "application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "リクエスト本文はJSONのオブジェクト（{…}）で送信してください"


def test_query_and_path_errors_are_named(world: Any, staff_api: Api) -> None:
    assert staff_api.get("/cases", limit=500).json()["detail"] == "件数（limit）は200以下で指定してください"
    assert staff_api.get("/cases/abc").json()["detail"] == "事案ID（case_id）は整数で指定してください"


def test_dp09_amendment_sending_other_items_is_refused_naming_them(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    response = staff_api.act(
        case, "amend", matters_sought="第12級への変更を求める", ground_code="R5-1-9", reasons="理由"
    )
    assert response.status_code == 422
    body = response.json()
    assert "不受理事由（ground_code）は求める事項の変更では指定できません" in body["detail"]
    assert "結果の理由（reasons）は求める事項の変更では指定できません" in body["detail"]
    assert [e["loc"] for e in body["errors"]] == [
        ["body", "body", "ground_code"],
        ["body", "body", "reasons"],
    ]
    assert not Amendment.objects.filter(case=case).exists()


def test_dp09_amendment_with_other_items_left_empty_is_allowed(world: Any, staff_api: Api) -> None:
    """A client sending every key, the others empty, has sent nothing else."""
    case = world.make_case(CaseState.ACCEPTED)
    response = staff_api.act(
        case, "amend", matters_sought="第12級への変更を求める", ground_code="", chief_id=None
    )
    assert response.status_code == 200
    assert Amendment.objects.filter(case=case, accepted=True).exists()


def test_dp09_amended_matters_have_the_application_limit(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    response = staff_api.act(case, "amend", matters_sought="a" * 4001)
    assert (
        response.json()["detail"] == "紛争処理を求める事項（matters_sought）は4000文字以内で入力してください"
    )
    assert not Amendment.objects.filter(case=case).exists()
