"""IM-01: an insurer's or co-op's token reaches only cases where its organization is a party, and
another organization's case answers 404 everywhere, as if it did not exist."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from chotei.disputes.models import InsurerRequest
from chotei.disputes.services import proceedings
from chotei.rules.states import CaseState
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db

# The respondent's insurer filing evidence for the applicant's side.
OTHER_SIDE_EVIDENCE = {
    "side": "applicant",
    "kind": "evidence",
    "channel": "upload",
    "title": "写真",
    "content_base64": base64.b64encode(b"x").decode(),
}


def test_im01_insurer_lists_only_its_cases(world: Any, insurer_api: Api, coop_case: Any) -> None:
    own = world.make_case()
    items = insurer_api.get("/cases").json()["items"]
    assert [c["id"] for c in items] == [own.pk]
    assert insurer_api.get("/cases", q=coop_case.number).json()["items"] == []


def test_im01_insurer_reads_its_case(world: Any, insurer_api: Api) -> None:
    own = world.make_case()
    response = insurer_api.get(f"/cases/{own.pk}")
    assert response.status_code == 200 and response.json()["number"] == own.number


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/cases/{id}", None),
        ("get", "/cases/{id}/panel-suggestions", None),
        ("get", "/cases/{id}/documents/1/pdf", None),
        ("post", "/cases/{id}/actions/withdraw", {"version": 1}),
        (
            "post",
            "/cases/{id}/submissions",
            {
                "side": "respondent",
                "kind": "statement",
                "channel": "post",
                "title": "答弁書",
                "postal_receipt": "1",
            },
        ),
        ("post", "/cases/{id}/meetings", {"scheduled_for": "2026-11-10T10:00:00", "place": "本部"}),
        ("post", "/cases/{id}/insurer-requests", {"request": "資料"}),
        (
            "post",
            "/cases/{id}/special-procedures",
            {"kind": "鑑定", "requested_by": "applicant", "reason": "x"},
        ),
        ("post", "/cases/{id}/observers", {"name": "x", "reason": "y"}),
    ],
)
def test_im01_other_organizations_case_is_404(
    insurer_api: Api, coop_case: Any, method: str, path: str, body: Any
) -> None:
    url = path.format(id=coop_case.pk)
    response = insurer_api.get(url) if method == "get" else insurer_api.post(url, body)
    assert response.status_code == 404
    assert coop_case.number not in response.content.decode()


def test_im01_other_organizations_request_is_404(world: Any, insurer_api: Api, coop_case: Any) -> None:
    req = proceedings.insurer_request_create(actor=world.staff, case_id=coop_case.pk, request="資料")
    assert insurer_api.post(f"/insurer-requests/{req.pk}/answer", {"answer": "x"}).status_code == 404
    assert InsurerRequest.objects.get(pk=req.pk).answered_on is None


def test_im01_insurer_cannot_step_its_own_case(world: Any, insurer_api: Api) -> None:
    own = world.make_case()
    assert insurer_api.act(own, "start_screening").status_code == 403
    assert insurer_api.get(f"/cases/{own.pk}/panel-suggestions").status_code == 403
    assert insurer_api.get("/members").status_code == 403


def test_im01_insurer_cannot_submit_for_the_other_side(world: Any, insurer_api: Api) -> None:
    own = world.make_case(CaseState.ACCEPTED)
    response = insurer_api.post(f"/cases/{own.pk}/submissions", OTHER_SIDE_EVIDENCE)
    assert response.status_code == 403 and "立場" in response.json()["detail"]
    assert not own.submissions.exists()


def test_im01_od01_insurer_submits_its_statement(world: Any, insurer_api: Api) -> None:
    """OD-01: an insurer files its statement online for its own side of its own case."""
    own = world.make_case(CaseState.ACCEPTED)
    response = insurer_api.post(
        f"/cases/{own.pk}/submissions",
        {
            "side": "respondent",
            "kind": "statement",
            "channel": "upload",
            "title": "答弁書",
            "content_base64": base64.b64encode(b"%PDF").decode(),
        },
    )
    assert response.status_code == 201


def test_dp12_insurer_answers_a_request_in_its_case(world: Any, insurer_api: Api) -> None:
    own = world.make_case(CaseState.UNDER_REVIEW)
    req = proceedings.insurer_request_create(actor=world.staff, case_id=own.pk, request="MRI画像")
    response = insurer_api.post(f"/insurer-requests/{req.pk}/answer", {"answer": "別送します"})
    assert response.status_code == 200


def test_im01_member_sees_only_cases_of_its_panels(world: Any, api_as: Any) -> None:
    seated = world.make_case(CaseState.UNDER_REVIEW)  # 高橋, the member user, sits on this panel
    other = world.make_case()
    member_api = api_as("member")
    assert [c["id"] for c in member_api.get("/cases").json()["items"]] == [seated.pk]
    assert member_api.get(f"/cases/{other.pk}").status_code == 404
