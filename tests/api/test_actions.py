"""Steps of a case through POST /cases/{id}/actions/{action} (DP-06..DP-11, DP-17..DP-19)."""

from __future__ import annotations

from typing import Any

import pytest

from chotei.audit.models import AuditEvent
from chotei.disputes.models import Amendment, Case, PanelSeat
from chotei.rules.states import CaseState
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db


def test_start_screening_then_accept(world: Any, staff_api: Api) -> None:
    case = world.make_case()
    response = staff_api.act(case, "start_screening")
    assert response.status_code == 200 and response.json()["state"] == "screening"
    response = staff_api.act(case, "accept", dispatch_on="2026-10-06")
    out = response.json()
    assert out["state"] == "accepted" and out["version"] == case.version + 1
    case.refresh_from_db()
    assert str(case.acceptance_dispatched_on) == "2026-10-06" and case.statement_due_on


def test_dp06_refuse_with_ground(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.SCREENING)
    assert staff_api.act(case, "refuse", ground_code="R5-1-5").json()["state"] == "refused"
    case.refresh_from_db()
    assert case.refusal_ground == "R5-1-5" and "弁護士法第72条" in case.end_reason


def test_dp06_refuse_with_unknown_ground_is_422(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.SCREENING)
    body = staff_api.act(case, "refuse", ground_code="X-1").json()
    assert body["obligation"] == "DP-06" and body["article"] == "規程第5条第1項"


def test_dp09_amend_matters_sought(world: Any, staff_api: Api, today: Any) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    response = staff_api.act(
        case, "amend", matters_sought="第12級13号への変更を求める", requested_on=str(today)
    )
    assert response.status_code == 200, response.json()
    case.refresh_from_db()
    assert case.matters_sought == "第12級13号への変更を求める"
    assert Amendment.objects.filter(case=case, accepted=True).count() == 1


def test_dp11_appoint_panel(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    ids, chief = world.panel_ids()
    out = staff_api.act(case, "appoint_panel", member_ids=ids, chief_id=chief).json()
    assert out["state"] == "under_review"
    assert sorted(case.seats.values_list("member_id", flat=True)) == sorted(ids)


def test_dp11_panel_without_lawyer_is_422(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    m = world.members
    no_lawyer = [m["田中"].pk, m["伊藤"].pk, m["中村"].pk]
    response = staff_api.act(case, "appoint_panel", member_ids=no_lawyer, chief_id=m["田中"].pk)
    assert response.status_code == 422
    body = response.json()
    assert body["obligation"] == "DP-11" and body["article"] == "法第23条の7第2項"
    assert any("弁護士" in p for p in body["problems"])
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED


def test_dp17_explain_and_close(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.RESULT_NOTIFIED)
    response = staff_api.act(case, "explain", side="applicant")
    assert response.status_code == 200 and response.json()["state"] == "result_notified"
    assert case.ledger.filter(action="explain").exists()
    assert staff_api.act(case, "close").json()["state"] == "closed"


def test_dp17_record_result_needs_a_recorded_meeting(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.UNDER_REVIEW)
    body = staff_api.act(case, "record_result", result="changed", reasons="等級を変更すべき").json()
    assert body["obligation"] == "DP-11" and body["field"] == "meeting"


def test_dp17_explain_with_stale_version_is_409(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.RESULT_NOTIFIED)
    response = staff_api.post(
        f"/cases/{case.pk}/actions/explain", {"version": case.version - 1, "side": "applicant"}
    )
    assert response.status_code == 409 and response.json()["current_version"] == case.version


def test_dp18_terminate_with_reason(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.UNDER_REVIEW)
    chief = PanelSeat.objects.get(case=case, is_chief=True).member_id
    body = staff_api.act(
        case, "terminate", termination_ground="R5-1-1", reason="示談が成立した", chief_id=chief
    ).json()
    assert body["state"] == "terminated"
    case.refresh_from_db()
    assert case.termination_ground == "R5-1-1"


@pytest.mark.parametrize("ground", ["", "R5-9"])
def test_dp18_terminate_without_a_listed_ground_is_422(world: Any, staff_api: Api, ground: str) -> None:
    case = world.make_case(CaseState.UNDER_REVIEW)
    chief = PanelSeat.objects.get(case=case, is_chief=True).member_id
    response = staff_api.act(
        case, "terminate", termination_ground=ground, reason="解決の見込みがない", chief_id=chief
    )
    body = response.json()
    assert response.status_code == 422 and body["obligation"] == "DP-18"
    assert body["field"] == "ground" and body["article"] == "規程第17条第1項"


def test_dp18_terminate_without_the_chief_is_422(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.UNDER_REVIEW)
    body = staff_api.act(case, "terminate", termination_ground="R17-1", reason="解決の見込みがない").json()
    assert body["obligation"] == "DP-18" and body["field"] == "chief_id"


def test_dp18_terminate_without_reason_is_422(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.UNDER_REVIEW)
    body = staff_api.act(case, "terminate", termination_ground="R17-1").json()
    assert body["obligation"] == "DP-18" and body["field"] == "reason"


def test_dp19_withdraw(world: Any, staff_api: Api) -> None:
    case = world.make_case()
    assert staff_api.act(case, "withdraw", channel="online").json()["state"] == "withdrawn"


def test_wrong_state_is_409_naming_the_article(world: Any, staff_api: Api) -> None:
    case = world.make_case()
    response = staff_api.act(case, "accept")
    assert response.status_code == 409
    body = response.json()
    assert body["article"] == "規程第5条第3項" and body["obligation"] == "DP-08"
    assert "「受付」の事案に「受理」はできません" in body["detail"]
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED


def test_stale_version_is_409_with_current_version(world: Any, staff_api: Api) -> None:
    case = world.make_case()
    stale = case.version
    staff_api.act(case, "start_screening")
    response = staff_api.post(f"/cases/{case.pk}/actions/accept", {"version": stale})
    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == stale + 1 and "他の職員が更新しました" in body["detail"]
    case.refresh_from_db()
    assert case.state == CaseState.SCREENING


def test_unknown_action_and_missing_version_are_422(world: Any, staff_api: Api) -> None:
    case = world.make_case()
    assert staff_api.post(f"/cases/{case.pk}/actions/approve", {"version": 1}).status_code == 422
    assert staff_api.post(f"/cases/{case.pk}/actions/close", {}).status_code == 422


def test_action_on_unknown_case_is_404(world: Any, staff_api: Api) -> None:
    assert staff_api.post("/cases/999999/actions/close", {"version": 1}).status_code == 404


def test_im02_auditor_token_cannot_act(world: Any, api_as: Any) -> None:
    case = world.make_case()
    response = api_as("auditor").act(case, "start_screening")
    assert response.status_code == 403 and "事務局" in response.json()["detail"]


def test_dp22_step_is_audited_with_the_token_user(world: Any, api_as: Any) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    ids, chief = world.panel_ids()
    api_as("chair").act(case, "appoint_panel", member_ids=ids, chief_id=chief)
    event = AuditEvent.objects.filter(event_type=AuditEvent.Type.PANEL_APPOINTED, case_id=case.pk).first()
    assert event is not None and event.actor == world.users["chair"]
    assert Case.objects.get(pk=case.pk).state == CaseState.UNDER_REVIEW
