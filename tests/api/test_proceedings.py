"""The review's records via the API: meetings, submissions, insurer requests, special procedures,
observers (DP-03, DP-11..DP-15, DP-20), and the reference lists."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from typing import Any

import pytest

from chotei import clock
from chotei.disputes.models import Meeting, SpecialProcedure, Submission
from chotei.rules.states import CaseState
from tests.api.conftest import Api
from tests.factories import stored

pytestmark = pytest.mark.django_db


def test_dp20_meeting_schedule_and_record(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.UNDER_REVIEW)
    response = staff_api.post(
        f"/cases/{case.pk}/meetings",
        {"scheduled_for": f"{clock.today()}T09:00:00", "place": "本部 第2会議室"},
    )
    assert response.status_code == 201, response.json()
    meeting = response.json()
    assert meeting["scheduled_for"].startswith(f"{clock.today()}T09:00:00+09:00")
    ids, _ = world.panel_ids()
    response = staff_api.post(
        f"/meetings/{meeting['id']}/record", {"present_member_ids": ids[:2], "minutes": "争点を整理した。"}
    )
    assert response.status_code == 200 and response.json()["recorded_at"]


def test_meeting_time_offset_postgresql_refuses_is_stored_as_japan_time(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.UNDER_REVIEW)
    day = clock.today() + dt.timedelta(days=30)
    response = staff_api.post(
        f"/cases/{case.pk}/meetings", {"scheduled_for": f"{day}T16:42:00-21:17", "place": "本部"}
    )
    assert response.status_code == 201
    assert response.json()["scheduled_for"] == f"{day + dt.timedelta(days=1)}T22:59:00+09:00"


def test_dp11_meeting_record_without_quorum_is_422(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.UNDER_REVIEW)
    meeting = staff_api.post(
        f"/cases/{case.pk}/meetings", {"scheduled_for": f"{clock.today()}T09:00:00+09:00", "place": "本部"}
    ).json()
    ids, _ = world.panel_ids()
    body = staff_api.post(
        f"/meetings/{meeting['id']}/record", {"present_member_ids": ids[:1], "minutes": "開催"}
    ).json()
    assert body["obligation"] == "DP-11" and body["field"] == "present"
    assert Meeting.objects.get(pk=meeting["id"]).recorded_at is None


def test_dp11_meeting_before_panel_is_422(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    response = staff_api.post(
        f"/cases/{case.pk}/meetings", {"scheduled_for": "2026-11-10T14:00:00", "place": "本部"}
    )
    assert response.status_code == 422 and response.json()["field"] == "panel"


def test_unknown_meeting_is_404(world: Any, staff_api: Api) -> None:
    assert (
        staff_api.post("/meetings/999999/record", {"present_member_ids": [], "minutes": "x"}).status_code
        == 404
    )


def test_dp03_upload_submission_keeps_content_and_digest(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    content = "診断書の写し".encode()
    response = staff_api.post(
        f"/cases/{case.pk}/submissions",
        {
            "side": "respondent",
            "kind": "statement",
            "channel": "upload",
            "title": "答弁書",
            "file_name": "答弁書.pdf",
            "content_base64": base64.b64encode(content).decode(),
        },
    )
    assert response.status_code == 201, response.json()
    out = response.json()
    assert out["sha256"] == hashlib.sha256(content).hexdigest()
    assert stored(Submission.objects.get(pk=out["id"])) == content


def test_dp03_postal_submission_needs_receipt(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    body = {"side": "applicant", "kind": "evidence", "channel": "post", "title": "診断書"}
    missing = staff_api.post(f"/cases/{case.pk}/submissions", body)
    assert missing.status_code == 422 and missing.json()["obligation"] == "DP-03"
    ok = staff_api.post(f"/cases/{case.pk}/submissions", {**body, "postal_receipt": "書留 1234-5678-9012"})
    assert ok.status_code == 201 and ok.json()["postal_receipt"] == "書留 1234-5678-9012"


def test_dp03_bad_base64_is_422(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    response = staff_api.post(
        f"/cases/{case.pk}/submissions",
        {
            "side": "applicant",
            "kind": "evidence",
            "channel": "upload",
            "title": "写真",
            "content_base64": "@@@",
        },
    )
    assert response.status_code == 422 and "base64" in response.json()["detail"]


def test_dp12_insurer_request_and_answer(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.UNDER_REVIEW)
    response = staff_api.post(f"/cases/{case.pk}/insurer-requests", {"request": "MRI画像の提出を求める"})
    assert response.status_code == 201
    req = response.json()
    assert req["due_on"] > req["requested_on"]
    empty = staff_api.post(f"/insurer-requests/{req['id']}/answer", {})
    assert empty.status_code == 422 and empty.json()["obligation"] == "DP-12"
    answered = staff_api.post(f"/insurer-requests/{req['id']}/answer", {"answer": "別送します"})
    assert answered.status_code == 200 and answered.json()["answered_on"]
    again = staff_api.post(f"/insurer-requests/{req['id']}/answer", {"answer": "再送"})
    assert again.status_code == 422


def test_dp13_special_procedure_request_and_decision(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.UNDER_REVIEW)
    response = staff_api.post(
        f"/cases/{case.pk}/special-procedures",
        {"kind": "鑑定", "requested_by": "applicant", "reason": "画像の専門的な読影が必要"},
    )
    assert response.status_code == 201
    proc_id = response.json()["id"]
    no_cost = staff_api.post(f"/special-procedures/{proc_id}/decide", {"approve": True})
    assert no_cost.status_code == 422 and no_cost.json()["obligation"] == "DP-13"
    no_chief = staff_api.post(
        f"/special-procedures/{proc_id}/decide",
        {"approve": True, "cost_yen": 50000, "charged_to": "applicant"},
    )
    assert no_chief.status_code == 422 and no_chief.json()["field"] == "chief_id"
    assert "主任委員を指定してください" in no_chief.json()["detail"]
    decided = staff_api.post(
        f"/special-procedures/{proc_id}/decide",
        {"approve": True, "chief_id": world.members["高橋"].pk, "cost_yen": 50000, "charged_to": "applicant"},
    )
    assert decided.status_code == 200, decided.json()
    assert decided.json()["decided_by_id"] == world.members["高橋"].pk
    assert SpecialProcedure.objects.get(pk=proc_id).decision == "approved"
    assert case.ledger.filter(action="special_decide", party_cost_yen=50000).exists()


def test_dp15_observer_permitted_by_chief_only(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.UNDER_REVIEW)
    not_chief = staff_api.post(
        f"/cases/{case.pk}/observers",
        {"name": "佐々木", "reason": "研修", "chief_id": world.members["田中"].pk},
    )
    assert not_chief.status_code == 422 and not_chief.json()["obligation"] == "DP-15"
    ok = staff_api.post(
        f"/cases/{case.pk}/observers",
        {"name": "佐々木", "reason": "研修", "chief_id": world.members["高橋"].pk},
    )
    assert ok.status_code == 201 and ok.json()["permitted_by_id"] == world.members["高橋"].pk


def test_dp11_panel_suggestions_avoid_conflicted_members(world: Any, staff_api: Api, coop_case: Any) -> None:
    proposals = staff_api.get(f"/cases/{coop_case.pk}/panel-suggestions").json()
    assert proposals
    # 佐藤 declared an interest in みなと共済 (CM-05), the respondent of this case.
    assert all(world.members["佐藤"].pk not in p["member_ids"] for p in proposals)
    assert all(p["chief_id"] in p["member_ids"] for p in proposals)


def test_members_list(world: Any, staff_api: Api) -> None:
    members = staff_api.get("/members").json()
    assert len(members) == len(world.members)
    assert {m["qualification_label"] for m in members} >= {"弁護士", "医師"}


def test_dp06_grounds_list_labels_and_articles(world: Any, staff_api: Api) -> None:
    grounds = {g["code"]: g for g in staff_api.get("/grounds").json()}
    assert grounds["R5-1-5"]["label"] == "弁護士法第72条違反の疑い"
    assert grounds["R5-1-5"]["article"] == "規程第5条第1項第5号"
    assert grounds["R5-1-9"]["needs_guidance"] is True
    assert grounds["O15-1"]["article"] == "令第15条"


def test_meeting_moved_and_cancelled_with_reason_via_api(world: Any, staff_api: Api) -> None:
    """Issue #9 item 3: the API calls the same services as the desk; the reason is required."""
    case = world.make_case(CaseState.UNDER_REVIEW)
    day = clock.today() + dt.timedelta(days=5)
    meeting = staff_api.post(
        f"/cases/{case.pk}/meetings", {"scheduled_for": f"{day}T10:00:00", "place": "本部"}
    ).json()
    refused = staff_api.post(
        f"/meetings/{meeting['id']}/move", {"scheduled_for": f"{day}T15:00:00", "reason": " "}
    )
    assert refused.status_code == 422 and refused.json()["field"] == "reason"
    moved = staff_api.post(
        f"/meetings/{meeting['id']}/move", {"scheduled_for": f"{day}T15:00:00", "reason": "会議室の都合"}
    )
    assert moved.status_code == 200 and moved.json()["scheduled_for"].startswith(f"{day}T15:00:00")
    cancelled = staff_api.post(f"/meetings/{meeting['id']}/cancel", {"reason": "申請人の入院"})
    assert cancelled.status_code == 200 and cancelled.json()["cancel_reason"] == "申請人の入院"


def test_correction_via_api_names_the_field(world: Any, staff_api: Api) -> None:
    case = world.make_case()
    refused = staff_api.post(
        f"/cases/{case.pk}/corrections",
        {"item": "case.accident_date", "after": "2999-01-01", "reason": "誤記"},
    )
    assert refused.status_code == 422 and refused.json()["field"] == "after"
    done = staff_api.post(
        f"/cases/{case.pk}/corrections",
        {"item": "case.accident_date", "after": "2026-01-11", "reason": "誤記"},
    )
    assert done.status_code == 201 and done.json()["before"] == "2026-01-10"
