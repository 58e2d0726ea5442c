"""The roster of committee members (CM-01..CM-05) through chotei.committee.services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from chotei.accounts.permissions import NotPermitted
from chotei.audit.models import AuditEvent
from chotei.committee import services
from chotei.committee.models import Appointment, BoardMeeting, CommitteeMember, InterestDeclaration
from chotei.committee.services import roster as roster_services
from chotei.disputes.services import panels
from chotei.parties.models import Party
from chotei.rules import offices, panel
from chotei.rules.errors import MissingItems, RuleViolation
from chotei.rules.roster import RosterCounts
from tests.factories import board_meeting, fill_roster

pytestmark = pytest.mark.django_db

D = dt.date(2026, 7, 1)


def _emergency_appointment(
    actor: object, reason: str = "急病", **extra: object
) -> services.AppointmentOutcome:
    """The chair's emergency appointment of 石井 大輔, a lawyer at the main office (CM-04)."""
    return services.appointment_request(
        actor=actor,
        kind="appoint",
        name="石井 大輔",
        office=offices.MAIN,
        qualification=panel.LAWYER,
        career="弁護士",
        effective_on=D,
        reason=reason,
        emergency=True,
        **extra,
    )


def _kinoshita(world, board, effective_on: dt.date = D) -> services.AppointmentOutcome:
    """The board's appointment of 木下 亮, a lawyer for the main office, filed by the secretariat."""
    return services.appointment_request(
        actor=world.staff,
        kind="appoint",
        name="木下 亮",
        office=offices.MAIN,
        qualification=panel.LAWYER,
        career="弁護士",
        effective_on=effective_on,
        reason="補充",
        board_meeting_id=board.pk if board else None,
    )


def _dismissal(
    world, member: CommitteeMember, board: BoardMeeting, **overrides: object
) -> services.AppointmentOutcome:
    """The board's dismissal of ``member``, filed by the secretariat; the world's roster is below 30
    already, so the CM-01 warnings are confirmed unless told otherwise."""
    request: dict[str, object] = dict(
        actor=world.staff,
        member_id=member.pk,
        kind="dismiss",
        effective_on=D,
        reason="辞任",
        career="弁護士",
        board_meeting_id=board.pk,
        confirm_roster=True,
    )
    return services.appointment_request(**{**request, **overrides})


def _roster_events(action: str) -> list[AuditEvent]:
    return [
        e
        for e in AuditEvent.objects.filter(event_type=AuditEvent.Type.ROSTER).order_by("id")
        if e.payload["action"] == action
    ]


def test_cm01_roster_counts_active_members_by_office(world):
    CommitteeMember.objects.filter(pk=world.members["伊藤"].pk).update(active=False)
    assert services.roster_counts() == RosterCounts(total=5, main=3, branch=2)


def test_cm01_roster_problems_name_each_minimum(world):
    problems = services.roster_problems()
    assert problems == [
        "紛争処理委員が6名です（令第17条・規程第8条第1項により30名以上が必要）",
        "本部に配置する紛争処理委員が4名です（規程第8条第1項により20名以上が必要）",
        "大阪支部に配置する紛争処理委員が2名です（規程第8条第1項により10名以上が必要）",
    ]
    fill_roster(16, 8)
    assert services.roster_problems() == []


def test_cm01_dismissal_that_breaks_the_minimum_needs_confirmation_before_saving(world, board):
    fill_roster(16, 8)  # exactly 20 at the main office, 10 at the branch, 30 in all
    request = dict(
        actor=world.users["chair"],
        member_id=world.members["伊藤"].pk,
        kind=Appointment.Kind.DISMISS,
        effective_on=D,
        reason="一身上の都合による辞任の申出",
        career="大学教授（民法）",
        board_meeting_id=board.pk,
    )
    warnings = [
        "この変更で紛争処理委員が30名から29名になります（令第17条・規程第8条第1項により30名以上が必要）",
        "この変更で本部に配置する紛争処理委員が20名から19名になります（規程第8条第1項により20名以上が必要）",
    ]
    with pytest.raises(services.RosterConfirmationNeeded) as exc:
        services.appointment_request(**request)
    assert exc.value.warnings == warnings
    assert (exc.value.before, exc.value.after) == (RosterCounts(30, 20, 10), RosterCounts(29, 19, 10))
    # Nothing is saved before the confirmation (CM-01: the warning comes first).
    assert not Appointment.objects.exists() and not _roster_events("appointment_request")
    outcome = services.appointment_request(**request, confirm_roster=True)
    assert outcome.warnings == warnings
    assert _roster_events("appointment_request")[-1].payload["warnings"] == outcome.warnings
    # A warning, not a refusal: the member stays in office until the regulators approve.
    assert CommitteeMember.objects.get(pk=world.members["伊藤"].pk).active


def test_cm01_dismissal_above_the_minimum_has_no_warning(world, board):
    fill_roster(20, 10)
    outcome = _dismissal(world, world.members["中村"], board, confirm_roster=False)
    assert outcome.warnings == []


def test_cm03_new_appointment_activates_only_once_approved(world, board):
    outcome = services.appointment_request(
        actor=world.staff,
        kind=Appointment.Kind.APPOINT,
        name="小林　美咲",
        name_kana="こばやし みさき",
        office=offices.BRANCH,
        qualification=panel.LAWYER,
        career="弁護士（大阪弁護士会）、交通事故訴訟に２０年従事",
        effective_on=D,
        reason="大阪支部の委員の補充",
        board_meeting_id=board.pk,
    )
    appointment = outcome.appointment
    member = appointment.member
    assert (member.name, member.active, member.commissioned_on) == ("小林 美咲", False, None)
    assert appointment.career == "弁護士(大阪弁護士会)、交通事故訴訟に20年従事"
    assert appointment.approval == Appointment.Approval.PENDING
    assert services.roster_counts().branch == 2

    services.appointment_approve(
        actor=world.users["chair"], appointment_id=appointment.pk, approved_on=dt.date(2026, 7, 10)
    )
    member.refresh_from_db()
    appointment.refresh_from_db()
    # CM-02: commissioned when both the date has come and the approval is given.
    assert member.active and member.commissioned_on == dt.date(2026, 7, 10)
    assert (appointment.approval, appointment.approved_on) == ("approved", dt.date(2026, 7, 10))
    assert services.roster_counts().branch == 3
    with pytest.raises(RuleViolation, match="法第23条の8第1項"):
        services.appointment_approve(actor=world.users["chair"], appointment_id=appointment.pk, approved_on=D)


def test_cm03_dismissal_deactivates_only_once_approved(world, board):
    member = world.members["田中"]
    outcome = _dismissal(world, member, board)
    member.refresh_from_db()
    assert member.active
    services.appointment_approve(
        actor=world.users["chair"], appointment_id=outcome.appointment.pk, approved_on=D, confirm_roster=True
    )
    member.refresh_from_db()
    assert not member.active
    # DP-11: a dismissed member can no longer be named to a panel.
    assert member.pk not in {m.id for m in panels.member_infos() if m.active}


def test_cm03_request_states_name_career_date_and_reason(world):
    with pytest.raises(MissingItems) as exc:
        services.appointment_request(
            actor=world.staff,
            kind="appoint",
            name="",
            office=offices.MAIN,
            qualification=panel.DOCTOR,
            effective_on=None,
            reason="　",
        )
    assert [f for f, _, _ in exc.value.problems] == ["name", "career", "effective_on", "reason"]
    text = str(exc.value)
    assert "令第18条第1号" in text and "令第18条第2号" in text and "令第18条第3号" in text
    assert not CommitteeMember.objects.filter(office=offices.MAIN, name="").exists()
    assert not Appointment.objects.exists()


def test_cm03_existing_members_career_is_used_when_not_restated(world, board):
    member = world.members["渡辺"]
    CommitteeMember.objects.filter(pk=member.pk).update(career="弁護士（大阪弁護士会）")
    outcome = _dismissal(world, member, board, career="")
    assert outcome.appointment.career == "弁護士（大阪弁護士会）"


def test_cm03_contradictory_requests_are_refused(world, board):
    m = world.members
    with pytest.raises(RuleViolation, match="既に委嘱中"):
        services.appointment_request(
            actor=world.staff,
            member_id=m["佐藤"].pk,
            kind="appoint",
            effective_on=D,
            reason="再任",
            career="弁護士",
            board_meeting_id=board.pk,
        )
    _dismissal(world, m["佐藤"], board)
    with pytest.raises(RuleViolation, match="認可申請中"):
        _dismissal(world, m["佐藤"], board)
    with pytest.raises(RuleViolation, match="解任する紛争処理委員を選んでください"):
        services.appointment_request(
            actor=world.staff, kind="dismiss", effective_on=D, reason="x", career="x"
        )
    with pytest.raises(RuleViolation, match="規程第8条第1項"):
        services.appointment_request(
            actor=world.staff,
            kind="appoint",
            name="X",
            office="nagoya",
            qualification="lawyer",
            effective_on=D,
            reason="x",
            career="x",
        )


def test_cm03_rejected_request_changes_nothing(world, board):
    outcome = _kinoshita(world, board)
    services.appointment_reject(
        actor=world.users["chair"], appointment_id=outcome.appointment.pk, rejected_on=D
    )
    outcome.appointment.refresh_from_db()
    assert outcome.appointment.approval == Appointment.Approval.REJECTED
    assert not CommitteeMember.objects.get(name="木下 亮").active


def test_cm04_emergency_appointment_takes_effect_at_once_and_only_the_next_meeting_ratifies(world):
    """CM-04 (定款31条2項): the chair appoints in an emergency; the first board meeting after ratifies."""
    outcome = _emergency_appointment(world.users["chair"], reason="担当委員の急病により審理が停滞するため")
    appointment = outcome.appointment
    member = CommitteeMember.objects.get(pk=appointment.member_id)
    assert member.active and member.commissioned_on == D
    before = board_meeting(world.staff, D - dt.timedelta(1), "令和8年度第2回臨時理事会")
    first = board_meeting(world.staff, dt.date(2026, 7, 20), "令和8年度第3回臨時理事会")
    later = board_meeting(world.staff, dt.date(2026, 8, 1), "令和8年度第4回臨時理事会")
    assert services.unratified_appointments(on=dt.date(2026, 7, 19)) == [
        services.UnratifiedAppointment(appointment, None)
    ]
    with pytest.raises(RuleViolation, match="定款第31条第2項により追認は委嘱（令和8年7月1日）の後の理事会"):
        services.appointment_ratify(actor=world.staff, appointment_id=appointment.pk, meeting_id=before.pk)
    with pytest.raises(RuleViolation, match="委嘱後の最初の理事会は令和8年7月20日の理事会です") as exc:
        services.appointment_ratify(actor=world.staff, appointment_id=appointment.pk, meeting_id=later.pk)
    assert exc.value.field == "meeting" and exc.value.obligation == "CM-04"
    services.appointment_ratify(actor=world.staff, appointment_id=appointment.pk, meeting_id=first.pk)
    appointment.refresh_from_db()
    assert appointment.ratified_by == first
    assert services.unratified_appointments() == []
    with pytest.raises(RuleViolation, match="追認済み"):
        services.appointment_ratify(actor=world.staff, appointment_id=appointment.pk, meeting_id=first.pk)
    # CM-03 still applies: the regulators' approval is recorded separately.
    assert appointment.approval == Appointment.Approval.PENDING


def test_cm04_emergency_appointment_past_its_next_meeting_is_flagged(world):
    appointment = _emergency_appointment(world.users["chair"]).appointment
    assert services.unratified_appointments(on=dt.date(2026, 12, 1))[0].missed is None
    board_meeting(world.staff, dt.date(2026, 7, 20), "令和8年度第3回臨時理事会")
    assert services.unratified_appointments(on=dt.date(2026, 7, 19))[0].missed is None
    flagged = services.unratified_appointments(on=dt.date(2026, 7, 20))
    assert flagged == [services.UnratifiedAppointment(appointment, dt.date(2026, 7, 20))]


def test_cm04_only_the_chair_appoints_in_an_emergency(world):
    with pytest.raises(NotPermitted):
        _emergency_appointment(world.staff)
    with pytest.raises(RuleViolation, match="定款第31条第2項"):
        services.appointment_request(
            actor=world.users["chair"],
            member_id=world.members["佐藤"].pk,
            kind="dismiss",
            effective_on=D,
            reason="x",
            career="x",
            emergency=True,
        )
    assert not Appointment.objects.exists()


def test_cm04_ordinary_appointment_needs_no_ratification(world, board):
    outcome = _kinoshita(world, board)
    with pytest.raises(RuleViolation, match="緊急の選任のみ"):
        services.appointment_ratify(
            actor=world.staff, appointment_id=outcome.appointment.pk, meeting_id=board.pk
        )


def test_cm04_rejected_emergency_appointee_leaves_office(world):
    outcome = _emergency_appointment(world.users["chair"])
    with pytest.raises(services.RosterConfirmationNeeded):
        services.appointment_reject(
            actor=world.users["chair"], appointment_id=outcome.appointment.pk, rejected_on=D
        )
    assert CommitteeMember.objects.get(name="石井 大輔").active
    services.appointment_reject(
        actor=world.users["chair"], appointment_id=outcome.appointment.pk, rejected_on=D, confirm_roster=True
    )
    assert not CommitteeMember.objects.get(name="石井 大輔").active
    assert list(services.unratified_appointments()) == []


@pytest.mark.parametrize("role", ["member", "insurer", "auditor", "admin"])
def test_cm02_only_board_side_roles_change_the_roster(world, board, role):
    with pytest.raises(NotPermitted):
        services.appointment_request(
            actor=world.users[role],
            member_id=world.members["佐藤"].pk,
            kind="dismiss",
            effective_on=D,
            reason="x",
            career="x",
            board_meeting_id=board.pk,
        )
    assert not Appointment.objects.exists()


def test_cm05_declared_interest_excludes_the_member_from_that_partys_panel(world, make_case):
    insurer_party = Party.objects.get(organization=world.insurer)
    declaration = services.interest_declare(
        actor=world.staff,
        member_id=world.members["高橋"].pk,
        kind=InterestDeclaration.Kind.RELATIVE,
        party_id=insurer_party.pk,
        description="配偶者が同社に勤務",
        declared_on=D,
    )
    assert declaration.key == f"party:{insurer_party.pk}"
    event = _roster_events("interest_declare")[-1]
    assert event.payload["declaration"] == declaration.pk and event.actor == world.staff
    case = make_case("accepted")
    ids, _ = world.panel_ids()
    with pytest.raises(panel.PanelViolation, match="高橋 花子: 当事者"):
        panels.panel_appoint(
            actor=world.users["chair"], case_id=case.pk, version=case.version, member_ids=ids, chief_id=ids[0]
        )


def test_cm05_member_may_declare_own_interest_only(world):
    member_user = world.users["member"]  # linked to 高橋
    own = services.interest_declare(
        actor=member_user,
        member_id=world.members["高橋"].pk,
        kind="employer",
        organization_id=world.insurer.pk,
        description="過去に同社の社外取締役",
        declared_on=D,
    )
    assert own.organization == world.insurer
    with pytest.raises(NotPermitted):
        services.interest_declare(
            actor=member_user,
            member_id=world.members["田中"].pk,
            kind="employer",
            organization_id=world.insurer.pk,
            description="x",
            declared_on=D,
        )


def test_cm05_declaration_names_exactly_one_party_or_organization(world):
    args = dict(
        actor=world.staff, member_id=world.members["田中"].pk, kind="prior", description="関与", declared_on=D
    )
    with pytest.raises(RuleViolation, match="法第23条の7第2項"):
        services.interest_declare(**args)
    with pytest.raises(RuleViolation, match="いずれか一方"):
        services.interest_declare(**args, organization_id=world.insurer.pk, party_id=1)
    with pytest.raises(RuleViolation, match="種別"):
        services.interest_declare(**{**args, "kind": "friend"}, organization_id=world.insurer.pk)
    with pytest.raises(RuleViolation, match="内容がありません"):
        services.interest_declare(**{**args, "description": "　"}, organization_id=world.insurer.pk)
    with pytest.raises(services.RosterNotFound):
        services.interest_declare(**args, organization_id=99999)
    assert InterestDeclaration.objects.count() == 1  # only the world's own


def test_every_roster_change_is_audited_with_a_japanese_description(world):
    outcome = _emergency_appointment(world.users["chair"])
    pk = outcome.appointment.pk
    meeting = board_meeting(world.staff, dt.date(2026, 7, 15), "令和8年度第1回臨時理事会")
    services.appointment_approve(actor=world.users["chair"], appointment_id=pk, approved_on=D)
    services.appointment_ratify(actor=world.staff, appointment_id=pk, meeting_id=meeting.pk)
    events = list(AuditEvent.objects.filter(event_type=AuditEvent.Type.ROSTER).order_by("id"))
    assert [(e.payload["action"], e.payload.get("appointment"), e.actor.username) for e in events] == [
        ("appointment_request", pk, "chair"),
        ("board_meeting_record", None, "secretariat"),
        ("appointment_approve", pk, "chair"),
        ("appointment_ratify", pk, "secretariat"),
    ]
    assert [e.payload["description"] for e in events] == [
        "石井 大輔の緊急の任命（委嘱）（令和8年7月1日付、理由: 急病）",
        "令和8年7月15日の臨時理事会「令和8年度第1回臨時理事会」を記録",
        "石井 大輔の緊急の任命について行政庁の認可（令和8年7月1日、令和8年7月1日委嘱）を記録",
        "石井 大輔の緊急の任命について令和8年7月15日の令和8年度第1回臨時理事会の追認を記録",
    ]


def test_roster_change_failing_half_way_leaves_nothing(world, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(roster_services, "audit_record", boom)
    with pytest.raises(RuntimeError):
        _emergency_appointment(world.users["chair"])
    assert not CommitteeMember.objects.filter(name="石井 大輔").exists() and not Appointment.objects.exists()


def test_cm02_ordinary_request_records_the_boards_resolution(world, board):
    with pytest.raises(
        RuleViolation, match="規程第8条第2項により選任・解任を決議した理事会を選んでください"
    ) as exc:
        _kinoshita(world, None)
    assert exc.value.field == "board_meeting" and not Appointment.objects.exists()
    appointment = _kinoshita(world, board).appointment
    assert appointment.resolved_by == board
    description = _roster_events("appointment_request")[-1].payload["description"]
    assert "令和8年6月20日の令和8年度第1回定例理事会の決議" in description
    with pytest.raises(RuleViolation, match="理事会は委嘱後に追認します"):
        _emergency_appointment(world.users["chair"], board_meeting_id=board.pk)


def test_cm02_approved_appointment_takes_effect_on_its_commission_date(world, board, make_case):
    """An approval before the requested date does not seat the member early: panels read the date."""
    today = timezone.localdate()
    outcome = _kinoshita(world, board, effective_on=today + dt.timedelta(30))
    appointment = services.appointment_approve(
        actor=world.users["chair"], appointment_id=outcome.appointment.pk, approved_on=today
    )
    member = CommitteeMember.objects.get(pk=appointment.member_id)
    assert appointment.commissioned_on == member.commissioned_on == today + dt.timedelta(30)
    assert member.pk not in {m.id for m in panels.member_infos() if m.active}
    assert services.roster_counts() == RosterCounts(total=6, main=4, branch=2)
    assert services.roster_counts(on=today + dt.timedelta(30)) == RosterCounts(total=7, main=5, branch=2)
    case = make_case("accepted")
    ids = [member.pk, world.members["田中"].pk, world.members["伊藤"].pk]
    with pytest.raises(panel.PanelViolation, match="木下 亮: 委嘱中の紛争処理委員ではありません"):
        panels.panel_appoint(
            actor=world.users["chair"], case_id=case.pk, version=case.version, member_ids=ids, chief_id=ids[0]
        )


def test_cm02_commission_never_precedes_the_approval(world, board):
    outcome = _kinoshita(world, board)
    chair = world.users["chair"]
    with pytest.raises(
        RuleViolation, match="法第23条の8第1項により委嘱日は認可の日（令和8年7月10日）以後です"
    ):
        services.appointment_approve(
            actor=chair,
            appointment_id=outcome.appointment.pk,
            approved_on=dt.date(2026, 7, 10),
            commissioned_on=D,
        )
    with pytest.raises(RuleViolation, match="選任を決議した理事会（令和8年6月20日）より前"):
        services.appointment_approve(
            actor=chair, appointment_id=outcome.appointment.pk, approved_on=dt.date(2026, 6, 1)
        )
    with pytest.raises(NotPermitted):
        services.appointment_approve(
            actor=world.staff, appointment_id=outcome.appointment.pk, approved_on=dt.date(2026, 7, 10)
        )
    assert Appointment.objects.get(pk=outcome.appointment.pk).approval == Appointment.Approval.PENDING


def test_cm01_approving_a_breaking_dismissal_needs_confirmation(world, board):
    fill_roster(16, 8)
    member = world.members["中村"]
    outcome = _dismissal(world, member, board)
    chair = world.users["chair"]
    with pytest.raises(
        services.RosterConfirmationNeeded, match="大阪支部に配置する紛争処理委員が10名から9名"
    ):
        services.appointment_approve(actor=chair, appointment_id=outcome.appointment.pk, approved_on=D)
    assert CommitteeMember.objects.get(pk=member.pk).active
    services.appointment_approve(
        actor=chair, appointment_id=outcome.appointment.pk, approved_on=D, confirm_roster=True
    )
    assert not CommitteeMember.objects.get(pk=member.pk).active
    assert services.roster_counts() == RosterCounts(total=29, main=20, branch=9)


def test_cm05_withdrawal_is_recorded_never_deleted(world, make_case):
    declaration = InterestDeclaration.objects.get(member=world.members["佐藤"])
    with pytest.raises(PermissionError, match="削除できません"):
        declaration.delete()
    with pytest.raises(RuleViolation, match="法第23条の7第2項により取下げの理由がありません") as exc:
        services.interest_withdraw(
            actor=world.staff, declaration_id=declaration.pk, withdrawn_on=D, reason="　"
        )
    assert exc.value.field == "reason"
    with pytest.raises(RuleViolation, match="申告日（令和8年4月1日）以後"):
        services.interest_withdraw(
            actor=world.staff,
            declaration_id=declaration.pk,
            withdrawn_on=dt.date(2026, 3, 1),
            reason="顧問契約終了",
        )
    withdrawn = services.interest_withdraw(
        actor=world.staff, declaration_id=declaration.pk, withdrawn_on=D, reason="顧問契約の終了"
    )
    assert (withdrawn.withdrawn_on, withdrawn.withdrawal_reason) == (D, "顧問契約の終了")
    assert InterestDeclaration.objects.filter(pk=declaration.pk).exists()
    event = _roster_events("interest_withdraw")[-1]
    assert event.payload["declaration"] == declaration.pk
    assert event.payload["description"] == (
        "佐藤 一郎の利害関係の申告（みなと共済協同組合の顧問弁護士）の取下げを記録（令和8年7月1日、理由: 顧問契約の終了）"
    )
    with pytest.raises(RuleViolation, match="令和8年7月1日に取り下げられています"):
        services.interest_withdraw(
            actor=world.staff, declaration_id=declaration.pk, withdrawn_on=D, reason="x"
        )
    # DP-11 reads only declarations in effect: 佐藤 may now sit against the co-op.
    infos = {m.id: m for m in panels.member_infos()}
    assert infos[world.members["佐藤"].pk].interests == frozenset()
    with pytest.raises(NotPermitted):
        services.interest_withdraw(
            actor=world.users["auditor"], declaration_id=declaration.pk, withdrawn_on=D, reason="x"
        )


def test_cm04_board_meetings_are_recorded_once(world, board):
    with pytest.raises(
        RuleViolation, match="定款第32条により令和8年6月20日の「令和8年度第1回定例理事会」は記録済み"
    ):
        services.board_meeting_record(
            actor=world.users["chair"], held_on=board.held_on, name=board.name, kind="regular"
        )
    with pytest.raises(RuleViolation, match="開催日がありません"):
        services.board_meeting_record(actor=world.staff, held_on=None, name="x", kind="regular")
    with pytest.raises(NotPermitted):
        services.board_meeting_record(actor=world.users["member"], held_on=D, name="x", kind="regular")
    assert BoardMeeting.objects.count() == 1
