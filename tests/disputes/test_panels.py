"""Panels, meetings and observers (DP-11, DP-15, DP-20, DP-21, CM-05)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from chotei.accounts.permissions import NotPermitted
from chotei.audit.models import AuditEvent
from chotei.committee.models import CommitteeMember
from chotei.disputes.models import Attendance, LedgerLine, Meeting, Observer, Panel, PanelSeat
from chotei.disputes.services import panels
from chotei.disputes.services.core import NotFound
from chotei.disputes.services.intake import PartyInput
from chotei.parties.models import Party
from chotei.rules import panel as panel_rules
from chotei.rules.errors import RuleViolation, TransitionNotAllowed
from chotei.rules.states import CaseState
from tests.disputes.conftest import version

pytestmark = pytest.mark.django_db


def _appoint(world, case, names, chief):
    m = world.members
    return panels.panel_appoint(
        actor=world.users["chair"],
        case_id=case.pk,
        version=version(case),
        member_ids=[m[n].pk for n in names],
        chief_id=m[chief].pk,
    )


def _coop_case(world, make_case):
    """A case against みなと共済, in which 佐藤 declared an interest (its legal adviser)."""
    coop_party = Party.objects.get(organization=world.coop)
    return make_case(
        CaseState.ACCEPTED,
        respondent=PartyInput(
            name=coop_party.name, address=coop_party.address, party_id=coop_party.pk, kind="organization"
        ),
        respondent_role="coop",
    )


def test_dp11_valid_panel_is_seated_with_its_chief(world, make_case):
    case = make_case(CaseState.ACCEPTED)
    case = _appoint(world, case, ["高橋", "田中", "伊藤"], "高橋")
    assert case.state == CaseState.UNDER_REVIEW
    seats = PanelSeat.objects.filter(case=case).select_related("member")
    assert sorted(s.member.name for s in seats) == sorted(["高橋 花子", "田中 誠", "伊藤 直子"])
    assert [s.member.name for s in seats if s.is_chief] == ["高橋 花子"]
    assert Panel.objects.get(case=case).appointed_by == world.users["chair"]


def test_dp11_panel_without_lawyer_refused_naming_the_reason(world, make_case):
    case = make_case(CaseState.ACCEPTED)
    with pytest.raises(panel_rules.PanelViolation) as exc:
        _appoint(world, case, ["田中", "伊藤", "中村"], "田中")
    assert "弁護士である担当委員がいません（法第23条の7第3項）" in str(exc.value)
    assert str(exc.value).startswith("法第23条の7第2項")
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED and not Panel.objects.exists()


def test_dp11_cm05_conflicted_member_refused_naming_member(world, make_case):
    case = _coop_case(world, make_case)
    with pytest.raises(panel_rules.PanelViolation) as exc:
        _appoint(world, case, ["佐藤", "田中", "伊藤"], "佐藤")
    problem = next(p for p in exc.value.problems if p.startswith("佐藤 一郎"))
    assert "利害関係の申告あり" in problem and world.coop.name in problem
    assert not Panel.objects.exists()
    # The same member may sit where the respondent is another insurer.
    other = make_case(CaseState.ACCEPTED)
    assert _appoint(world, other, ["佐藤", "田中", "伊藤"], "佐藤").state == CaseState.UNDER_REVIEW


def test_dp11_conflict_through_the_agent_is_caught(world, make_case):
    coop_party = Party.objects.get(organization=world.coop)
    case = make_case(
        CaseState.ACCEPTED,
        respondent_agent=PartyInput(name=coop_party.name, address=coop_party.address, party_id=coop_party.pk),
    )
    with pytest.raises(panel_rules.PanelViolation, match="佐藤 一郎"):
        _appoint(world, case, ["佐藤", "田中", "伊藤"], "佐藤")


def test_dp11_fewer_than_three_members_refused(world, make_case):
    case = make_case(CaseState.ACCEPTED)
    with pytest.raises(panel_rules.PanelViolation) as exc:
        _appoint(world, case, ["高橋", "田中"], "高橋")
    assert "担当委員が2名です（3名以上が必要）" in exc.value.problems


def test_dp11_inactive_member_and_chief_outside_panel_refused(world, make_case):
    case = make_case(CaseState.ACCEPTED)
    CommitteeMember.objects.filter(pk=world.members["伊藤"].pk).update(active=False)
    with pytest.raises(panel_rules.PanelViolation) as exc:
        _appoint(world, case, ["高橋", "田中", "伊藤"], "渡辺")
    text = str(exc.value)
    assert "伊藤 直子: 委嘱中の紛争処理委員ではありません" in text
    assert "主任委員" in text and "含まれていません" in text


def test_dp11_panel_only_for_accepted_case(world, make_case):
    case = make_case(CaseState.SCREENING)
    with pytest.raises(TransitionNotAllowed, match="法第23条の7第2項"):
        _appoint(world, case, ["高橋", "田中", "伊藤"], "高橋")


@pytest.mark.parametrize("role", ["member", "insurer", "auditor"])
def test_im01_only_chair_or_secretariat_names_a_panel(world, make_case, role):
    case = make_case(CaseState.ACCEPTED)
    ids, chief = world.panel_ids()
    with pytest.raises(NotPermitted):
        panels.panel_appoint(
            actor=world.users[role], case_id=case.pk, version=version(case), member_ids=ids, chief_id=chief
        )


def test_dp11_suggestions_skip_the_conflicted_member(world, make_case):
    case = _coop_case(world, make_case)
    proposals = panels.panel_suggest(case_id=case.pk)
    assert proposals
    for p in proposals:
        names = {m.name for m in p.members}
        assert "佐藤 一郎" not in names and p.chief.qualification == panel_rules.LAWYER


def _meeting(world, case):
    return panels.meeting_schedule(
        actor=world.staff, case_id=case.pk, scheduled_for=timezone.now(), place="本部　第１会議室"
    )


def test_dp11_meeting_without_quorum_cannot_record_proceedings(world, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    meeting = _meeting(world, case)
    assert meeting.place == "本部 第1会議室"
    with pytest.raises(RuleViolation) as exc:
        panels.meeting_record(
            actor=world.staff,
            meeting_id=meeting.pk,
            present_member_ids=[world.members["高橋"].pk],
            minutes="審理",
        )
    assert str(exc.value).startswith("規程第12条第3項により出席委員1名は担当委員3名の過半数（2名）")
    meeting.refresh_from_db()
    assert meeting.recorded_at is None and not Attendance.objects.exists()


def test_dp20_meeting_record_keeps_minutes_and_attendance(world, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    meeting = _meeting(world, case)
    ids, _ = world.panel_ids()
    panels.meeting_record(
        actor=world.staff, meeting_id=meeting.pk, present_member_ids=ids[:2], minutes="審理した"
    )
    meeting.refresh_from_db()
    assert meeting.minutes == "審理した" and meeting.recorded_at is not None
    assert dict(Attendance.objects.filter(meeting=meeting).values_list("member_id", "present")) == {
        ids[0]: True,
        ids[1]: True,
        ids[2]: False,
    }
    line = LedgerLine.objects.filter(case=case).last()
    assert line.action == "meeting_record" and "出席 2 名" in line.description
    assert "高橋 花子（主任）" in line.members  # DP-21: the members who processed the case
    event = AuditEvent.objects.filter(case_id=case.pk, event_type=AuditEvent.Type.MEETING).latest("id")
    assert event.payload["meeting"] == meeting.pk


def test_dp20_meeting_is_recorded_only_once(world, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    meeting = _meeting(world, case)
    ids, _ = world.panel_ids()
    panels.meeting_record(actor=world.staff, meeting_id=meeting.pk, present_member_ids=ids, minutes="第一回")
    lines = LedgerLine.objects.filter(case=case).count()
    with pytest.raises(RuleViolation, match="調書は作成済み"):
        panels.meeting_record(
            actor=world.staff, meeting_id=meeting.pk, present_member_ids=ids, minutes="上書き"
        )
    meeting.refresh_from_db()
    assert meeting.minutes == "第一回" and Attendance.objects.filter(meeting=meeting).count() == 3
    assert LedgerLine.objects.filter(case=case).count() == lines


def test_dp11_non_member_cannot_be_recorded_present(world, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    meeting = _meeting(world, case)
    ids, _ = world.panel_ids()
    stranger = world.members["渡辺"].pk
    with pytest.raises(RuleViolation, match=f"委員ID \\[{stranger}\\]"):
        panels.meeting_record(
            actor=world.staff, meeting_id=meeting.pk, present_member_ids=[*ids[:1], stranger], minutes="x"
        )


def test_dp20_empty_minutes_refused(world, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    meeting = _meeting(world, case)
    ids, _ = world.panel_ids()
    with pytest.raises(RuleViolation, match="規程第20条"):
        panels.meeting_record(actor=world.staff, meeting_id=meeting.pk, present_member_ids=ids, minutes="　")


def test_dp11_no_meeting_without_panel_or_after_review(world, make_case):
    with pytest.raises(RuleViolation, match="紛争処理委員会が指名されていません"):
        _meeting(world, make_case(CaseState.ACCEPTED))
    with pytest.raises(RuleViolation, match="「終了」の事案には期日を指定できません"):
        _meeting(world, make_case(CaseState.CLOSED))


def test_meeting_record_unknown_meeting_is_not_found(world):
    with pytest.raises(NotFound):
        panels.meeting_record(actor=world.staff, meeting_id=424242, present_member_ids=[], minutes="x")


def test_dp15_observer_only_by_the_chief(world, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    with pytest.raises(RuleViolation) as exc:
        panels.observer_permit(
            actor=world.staff,
            case_id=case.pk,
            name="研修生",
            reason="研修",
            chief_id=world.members["田中"].pk,
        )
    assert str(exc.value) == "規程第15条第6項により傍聴の許可は主任委員が行います"
    assert not Observer.objects.exists()
    observer = panels.observer_permit(
        actor=world.staff, case_id=case.pk, name="ｹﾝｼｭｳ 生", reason="研修", chief_id=world.members["高橋"].pk
    )
    assert observer.permitted_by == world.members["高橋"] and observer.name == "ケンシュウ 生"
    assert "法第23条の13" in LedgerLine.objects.filter(case=case).last().description


def test_dp15_no_observer_before_a_panel_exists(world, make_case):
    case = make_case(CaseState.ACCEPTED)
    with pytest.raises(RuleViolation, match="紛争処理委員会が指名されていません"):
        panels.observer_permit(actor=world.staff, case_id=case.pk, name="傍聴人", reason="研修")


def test_meeting_scheduling_is_an_operator_act(world, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    with pytest.raises(NotPermitted):
        panels.meeting_schedule(
            actor=world.users["member"], case_id=case.pk, scheduled_for=timezone.now(), place="本部"
        )
    assert Meeting.objects.filter(case=case).count() == 0
