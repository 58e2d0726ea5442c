"""The API's respondent: a registered organisation by id or by its name, never an unknown insurer
(DP-02, DP-04); once linked, the insurer's own users see the case (IM-01) and its conflicted
committee member is refused (DP-11, CM-05)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from chotei.committee.models import InterestDeclaration
from chotei.disputes.models import Case, CaseParty
from chotei.parties.models import Party
from tests.api.conftest import Api
from tests.api.test_cases import application

pytestmark = pytest.mark.django_db

ADDRESS = "東京都千代田区丸の内一丁目1番1号"


def _typed(world: Any, name: str, **respondent: Any) -> dict[str, Any]:
    return application(world, respondent={"name": name, "address": ADDRESS, **respondent})


def test_dp02_typed_in_insurer_is_linked_and_its_users_see_the_case(
    world: Any, staff_api: Api, insurer_api: Api
) -> None:
    response = staff_api.post("/cases", _typed(world, "あおば損害保険 (株)"))
    assert response.status_code == 201, response.json()
    case = Case.objects.get(pk=response.json()["id"])
    assert response.json()["respondent_name"] == world.insurer.name
    party = case.parties.get(side=CaseParty.Side.RESPONDENT).party
    assert party.organization == world.insurer

    # IM-01: あおば損害保険's token now reaches the case, in the list and in detail.
    assert case.pk in [c["id"] for c in insurer_api.get("/cases").json()["items"]]
    detail = insurer_api.get(f"/cases/{case.pk}")
    assert detail.status_code == 200
    respondent = next(p for p in detail.json()["parties"] if p["side"] == "respondent")
    assert respondent["organization_id"] == world.insurer.pk and respondent["kind"] == "organization"


def test_dp11_member_employed_by_the_typed_in_insurer_is_refused_through_the_api(
    world: Any, staff_api: Api, api_as: Any
) -> None:
    m = world.members
    InterestDeclaration.objects.create(
        member=m["伊藤"],
        kind=InterestDeclaration.Kind.EMPLOYER,
        organization=world.insurer,
        description="あおば損害保険株式会社に勤務",
        declared_on=dt.date(2026, 4, 1),
    )
    case = Case.objects.get(pk=staff_api.post("/cases", _typed(world, "あおば損害保険")).json()["id"])
    staff_api.act(case, "start_screening")
    staff_api.act(case, "accept")
    ids = [m["高橋"].pk, m["田中"].pk, m["伊藤"].pk]
    response = api_as("chair").act(case, "appoint_panel", member_ids=ids, chief_id=m["高橋"].pk)
    assert response.status_code == 422
    body = response.json()
    assert body["article"] == "法第23条の7第2項" and body["obligation"] == "DP-11"
    assert "規程第12条" in body["detail"]
    assert "伊藤 直子: 当事者（被申請人 あおば損害保険株式会社）との利害関係の申告あり" in body["problems"]
    case.refresh_from_db()
    assert case.state == "accepted"


def test_dp02_unknown_insurer_is_422_naming_the_field_and_no_case(world: Any, staff_api: Api) -> None:
    parties = Party.objects.count()
    response = staff_api.post("/cases", _typed(world, "ひかり損害保険株式会社"))
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "respondent_name" and body["article"] == "令第13条第1号"
    assert "「ひかり損害保険株式会社」は保険会社として登録されていません" in body["detail"]
    assert not Case.objects.exists() and Party.objects.count() == parties


def test_dp02_organisation_by_id_takes_the_registered_name_and_address(world: Any, staff_api: Api) -> None:
    response = staff_api.post(
        "/cases", application(world, respondent={"organization_id": world.coop.pk}, respondent_role="coop")
    )
    assert response.status_code == 201, response.json()
    party = Case.objects.get().parties.get(side=CaseParty.Side.RESPONDENT).party
    assert (party.name, party.address, party.organization) == (
        world.coop.name,
        world.coop.address,
        world.coop,
    )


def test_dp04_unknown_id_wrong_role_and_person_kind_are_422_naming_the_field(
    world: Any, staff_api: Api
) -> None:
    cases = [
        (application(world, respondent={"organization_id": 999999}), "respondent_organization"),
        (application(world, respondent={"organization_id": world.coop.pk}), "respondent_role"),
        (_typed(world, "あおば損害保険株式会社", kind="person"), "respondent_kind"),
    ]
    for body, field in cases:
        response = staff_api.post("/cases", body)
        assert response.status_code == 422, body
        assert response.json()["field"] == field
    assert not Case.objects.exists()
