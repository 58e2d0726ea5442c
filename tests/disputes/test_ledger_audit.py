"""The ledger (DP-21) and the audit log (DP-20, DP-22): complete, append-only, never disposed of."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import ProtectedError

from chotei.audit.models import AuditEvent
from chotei.disputes.models import Case, CaseParty, LedgerLine
from chotei.disputes.services import proceedings
from chotei.disputes.services.intake import PartyInput
from chotei.rules.states import CaseState

pytestmark = pytest.mark.django_db


def test_dp21_ledger_holds_every_item_of_ordinance_24(world, make_case):
    case = make_case(
        CaseState.UNDER_REVIEW,
        received_on=dt.date(2026, 10, 5),
        applicant_agent=PartyInput(name="弁護士 木村 修", address="東京都港区芝公園1-1"),
    )
    proc = proceedings.special_procedure_request(
        actor=world.staff, case_id=case.pk, kind="画像鑑定", requested_by="respondent", reason="画像所見"
    )
    proceedings.special_procedure_decide(
        actor=world.staff,
        procedure_id=proc.pk,
        approve=True,
        chief_id=world.members["高橋"].pk,
        cost_yen=80_000,
        charged_to="respondent",
    )
    lines = list(LedgerLine.objects.filter(case=case))
    # 受付年月日
    assert (lines[0].action, lines[0].on) == ("receive", dt.date(2026, 10, 5))
    # 処理年月日 and what was done, each with the state it left the case in
    assert all(line.on and line.description and line.state for line in lines)
    assert [line.state for line in lines[:3]] == ["received", "screening", "accepted"]
    # 当事者及び代理人の氏名・住所 (the case's parties, kept with the ledger's case)
    parties = {cp.side: cp for cp in CaseParty.objects.filter(case=case).select_related("party", "agent")}
    assert parties["applicant"].party.address and parties["applicant"].agent.address == "東京都港区芝公園1-1"
    assert parties["respondent"].party.name == "あおば損害保険株式会社"
    # 紛争処理に当たった委員
    appoint = next(line for line in lines if line.action == "appoint_panel")
    assert appoint.members == "高橋 花子（主任）、田中 誠、伊藤 直子"
    # 当事者から徴収した費用
    assert sum(line.party_cost_yen for line in lines) == 80_000
    assert all(line.actor == world.staff for line in lines if line.action != "appoint_panel")


def test_dp21_result_is_in_the_ledger(world, make_case):
    case = make_case(CaseState.CLOSED)
    result = LedgerLine.objects.get(case=case, action="record_result")
    assert (
        result.description == "審理結果「非変更」を通知（規程第16条）" and result.state == "result_notified"
    )
    assert LedgerLine.objects.filter(case=case).last().state == CaseState.CLOSED


def test_dp21_ledger_line_is_append_only(world, make_case):
    line = LedgerLine.objects.filter(case=make_case(CaseState.RECEIVED)).get()
    line.description = "改ざん"
    with pytest.raises(PermissionError, match="令第24条"):
        line.save()
    with pytest.raises(PermissionError, match="令第24条"):
        line.delete()
    assert LedgerLine.objects.get(pk=line.pk).description.startswith("申請受付")


def test_dp20_dp21_case_with_ledger_cannot_be_deleted(world, make_case):
    case = make_case(CaseState.CLOSED)
    with pytest.raises(ProtectedError):
        case.delete()
    assert Case.objects.filter(pk=case.pk).exists()


def test_dp22_audit_event_is_append_only(world, make_case):
    case = make_case(CaseState.RECEIVED)
    event = AuditEvent.objects.get(case_id=case.pk)
    event.payload = {}
    with pytest.raises(PermissionError, match="規程第22条"):
        event.save()
    with pytest.raises(PermissionError, match="規程第22条"):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).payload == {"number": case.number}


def test_dp22_every_change_names_its_actor(world, make_case):
    case = make_case(CaseState.CLOSED)
    events = AuditEvent.objects.filter(case_id=case.pk)
    assert events.count() == 8
    assert {e.actor.username for e in events} == {"secretariat", "chair"}
    assert {e.event_type for e in events} == {
        AuditEvent.Type.CASE_CREATED,
        AuditEvent.Type.CASE_STEP,
        # Issue #9 item 6: the appointment is filed under 「委員会指名」 so the audit filter finds it.
        AuditEvent.Type.PANEL_APPOINTED,
        AuditEvent.Type.MEETING,
    }
