"""The new-application form (DP-02): complete filings become cases; missing items are named."""

from __future__ import annotations

from typing import Any

import pytest

from chotei.audit.models import AuditEvent
from chotei.disputes.models import Case
from chotei.parties.models import Organization

pytestmark = pytest.mark.django_db


def complete(world: Any, **overrides: str) -> dict[str, Any]:
    data = {
        "channel": "post",
        "office": "tokyo",
        "category": "after_effect",
        "applied_on": "2026-10-01",
        "applicant_role": "victim",
        "applicant_kind": "person",
        "applicant_name": "鈴木 次郎",
        "applicant_postcode": "060-0001",
        "applicant_address": "北海道札幌市中央区北一条西二丁目1番地",
        "applicant_agent_name": "弁護士 小林 修",
        "applicant_agent_address": "北海道札幌市中央区大通西十丁目4番",
        "respondent_role": "insurer",
        "respondent_organization": str(world.insurer.pk),
        "matters_sought": "後遺障害等級を非該当から第14級9号に変更することを求める",
        "issues": "腰痛の残存が後遺障害に該当するか",
        "negotiation_history": "異議申立てをしたが非該当のまま",
        "claim": "腰痛が継続している",
        "accident_summary": "交差点で右折車と衝突した",
        "accident_date": "2026-02-01",
        "decision_notified_on": "2026-09-01",
        "other_bodies": "なし",
    }
    data.update(overrides)
    return data


def test_dp02_complete_application_becomes_a_case(as_role, world) -> None:
    response = as_role("secretariat").post("/desk/cases/new/", complete(world))
    assert response.status_code == 302
    case = Case.objects.get(applicant_name="鈴木 次郎")
    assert response["Location"] == f"/desk/cases/{case.pk}/"
    assert case.respondent_name == world.insurer.name and case.state == "received"
    applicant = case.parties.get(side="applicant")
    assert applicant.agent.name == "弁護士 小林 修"
    assert applicant.party.postcode == "060-0001"


def test_dp02_missing_items_are_named_with_their_article_at_the_field(as_role, world) -> None:
    response = as_role("secretariat").post(
        "/desk/cases/new/", complete(world, matters_sought="", applicant_address="", other_bodies="")
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert form.errors["matters_sought"] == ["紛争処理を求める事項がありません（令第13条第2号）"]
    assert form.errors["applicant_address"] == ["申請人の住所がありません（令第13条第1号）"]
    assert "規程第4条第1項第6号" in form.errors["other_bodies"][0]
    html = response.content.decode()
    assert "次の必須事項がありません" in html
    assert not Case.objects.exists()


def test_dp02_agent_without_address_is_named(as_role, world) -> None:
    response = as_role("secretariat").post("/desk/cases/new/", complete(world, applicant_agent_address=""))
    assert response.status_code == 422
    assert "申請人の代理人の住所がありません" in response.context["form"].errors["applicant_agent_address"][0]


def test_dp01_application_without_insurer_decision_is_refused_at_the_field(as_role, world) -> None:
    response = as_role("secretariat").post("/desk/cases/new/", complete(world, decision_notified_on=""))
    assert response.status_code == 422
    error = response.context["form"].errors["decision_notified_on"][0]
    assert "規程第2条第2項第1号" in error


def test_dp02_typed_insurer_is_matched_and_confirmed_before_it_is_received(as_role, world) -> None:
    client = as_role("chair")
    typed = complete(world, respondent_organization="", respondent_name="あおば 損害保険（株）")
    response = client.post("/desk/cases/new/", typed)
    assert response.status_code == 422 and not Case.objects.exists()
    form = response.context["form"]
    assert "登録済みの「あおば損害保険株式会社」と照合しました" in form.errors["respondent_organization"][0]
    # The proposal is the form's choice now: sending it again is the clerk's confirmation.
    assert form.data["respondent_organization"] == str(world.insurer.pk)
    assert client.post("/desk/cases/new/", form.data).status_code == 302
    respondent = Case.objects.get().parties.get(side="respondent").party
    assert respondent.organization == world.insurer and respondent.name == world.insurer.name


def test_dp02_registered_name_typed_exactly_needs_no_confirmation(as_role, world) -> None:
    data = complete(world, respondent_organization="", respondent_name=world.insurer.name)
    assert as_role("secretariat").post("/desk/cases/new/", data).status_code == 302
    assert Case.objects.get().parties.get(side="respondent").party.organization == world.insurer


def test_dp02_unknown_insurer_is_refused_at_the_name_until_registered_with_confirmation(
    as_role, world
) -> None:
    client = as_role("secretariat")
    data = complete(
        world,
        respondent_organization="",
        respondent_role="coop",
        respondent_name="さくら共済組合",
        respondent_address="福岡県福岡市中央区天神一丁目1番1号",
    )
    response = client.post("/desk/cases/new/", data)
    assert response.status_code == 422
    error = response.context["form"].errors["respondent_name"][0]
    assert error.startswith("令第13条第1号により相手方「さくら共済組合」は共済組合として登録されていません")
    assert "先に組織の登録で共済組合を登録" in error
    assert not Case.objects.exists() and not Organization.objects.filter(name="さくら共済組合").exists()

    response = client.post("/desk/cases/new/", {**data, "respondent_register_organization": "on"})
    assert response.status_code == 302
    coop = Organization.objects.get(name="さくら共済組合")
    assert coop.kind == Organization.Kind.COOP and coop.address == data["respondent_address"]
    case = Case.objects.get()
    assert case.parties.get(side="respondent").party.organization == coop
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.CASE_CREATED, case_id=case.pk)
    assert event.payload["registered_organizations"] == [coop.pk]


def test_dp04_role_follows_the_registered_kind_at_the_field(as_role, world) -> None:
    data = complete(world, respondent_organization=str(world.coop.pk), respondent_role="insurer")
    response = as_role("secretariat").post("/desk/cases/new/", data)
    assert response.status_code == 422
    error = response.context["form"].errors["respondent_role"][0]
    assert "令第14条" in error and "共済組合として登録されているため、保険会社の立場にはなれません" in error
    assert not Case.objects.exists()


def test_new_application_form_renders_for_operators_only(as_role) -> None:
    page = as_role("secretariat").get("/desk/cases/new/")
    assert page.status_code == 200 and "紛争処理を求める事項" in page.content.decode()
    assert as_role("auditor").get("/desk/cases/new/").status_code == 403


def test_dp05_new_case_page_waits_for_the_receipt_notice(as_role, world) -> None:
    client = as_role("secretariat")
    response = client.post("/desk/cases/new/", complete(world))
    case = Case.objects.get(applicant_name="鈴木 次郎")
    page = client.get(response["Location"]).content.decode()
    assert f"事案 {case.number} として受け付けました。通知書を発出しています" in page
    assert f'hx-get="/desk/documents/cases/{case.pk}/?since=0&amp;tries=1"' in page


# Issue 9 item 2: intake refuses what cannot be true, naming the field, at the top and at the field.
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"accident_date": "2099-01-01"}, "accident_date", "事故発生日が未来の日付です"),
        ({"decision_notified_on": "R20.1.1"}, "decision_notified_on", "支払判断通知日が未来の日付です"),
        ({"applied_on": "2026-08-01"}, "applied_on", "申請の年月日が保険会社等の支払判断通知日より前"),
        ({"decision_notified_on": "2026-01-01"}, "decision_notified_on", "支払判断通知日が事故発生日より前"),
        ({"applicant_postcode": "06-0001"}, "applicant_postcode", "申請人の郵便番号は7桁"),
        (
            {"applicant_address": "札幌市中央区北一条西"},
            "applicant_address",
            "申請人の住所は都道府県と市区町村",
        ),
        (
            {"applicant_agent_address": "北海道"},
            "applicant_agent_address",
            "申請人の代理人の住所は都道府県と市区町村",
        ),
        ({"applicant_kana": "suzuki"}, "applicant_kana", "ひらがな又はカタカナ"),
    ],
)
def test_dp02_what_cannot_be_true_is_refused_at_the_top_and_at_the_field(
    as_role, world, overrides, field, message
) -> None:
    response = as_role("secretariat").post("/desk/cases/new/", complete(world, **overrides))
    assert response.status_code == 422
    form = response.context["form"]
    assert any(message in e for e in form.errors[field]), form.errors
    assert any(message in e for e in form.non_field_errors())
    html = response.content.decode()
    assert 'id="form-errors"' in html and f'href="#id_{field}"' in html
    assert not Case.objects.exists()  # nothing half-written


def test_dp02_wareki_dates_and_kana_reading_are_recorded(as_role, world) -> None:
    response = as_role("secretariat").post(
        "/desk/cases/new/",
        complete(
            world,
            applied_on="令和8年10月1日",
            accident_date="R8.2.1",
            decision_notified_on="２０２６年９月１日",
            applicant_kana="スズキ　ジロウ",
        ),
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert str(case.applied_on) == "2026-10-01" and str(case.accident_date) == "2026-02-01"
    assert case.applicant_kana == "すずき じろう"


def test_dp02_unreadable_date_names_its_field(as_role, world) -> None:
    response = as_role("secretariat").post("/desk/cases/new/", complete(world, accident_date="昨年の春"))
    assert response.status_code == 422
    errors = response.context["form"].errors["accident_date"]
    assert errors == ["事故発生日: 昨年の春 は日付として読めません（例: 令和8年5月7日、R8.5.7、2026-05-07）"]


def test_dp04_role_lists_the_victim_first_and_preselects_nothing(as_role) -> None:
    form = as_role("secretariat").get("/desk/cases/new/").context["form"]
    choices = [value for value, _ in form.fields["applicant_role"].choices]
    assert choices[:2] == ["", "victim"]
    assert not form["applicant_role"].value()
    html = str(form["other_bodies"])
    assert 'placeholder="例：' in html and 'value="なし"' not in html
