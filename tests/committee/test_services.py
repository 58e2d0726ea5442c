"""The roster of committee members (CM-01..CM-05) through chotei.committee.services."""

from __future__ import annotations

import datetime as dt

import pytest

from chotei.accounts.permissions import NotPermitted
from chotei.audit.models import AuditEvent
from chotei.committee import services
from chotei.committee.models import Appointment, CommitteeMember, InterestDeclaration
from chotei.disputes.services import panels
from chotei.parties.models import Party
from chotei.rules import offices, panel
from chotei.rules.errors import MissingItems, RuleViolation
from chotei.rules.roster import RosterCounts

pytestmark = pytest.mark.django_db

D = dt.date(2026, 7, 1)


def _fill_roster(main: int, branch: int) -> None:
    CommitteeMember.objects.bulk_create(
        [
            CommitteeMember(name=f"本部委員{i}", office=offices.MAIN, qualification=panel.LAWYER)
            for i in range(main)
        ]
        + [
            CommitteeMember(name=f"支部委員{i}", office=offices.BRANCH, qualification=panel.DOCTOR)
            for i in range(branch)
        ]
    )


def _emergency_appointment(actor: object, reason: str = "急病") -> services.AppointmentOutcome:
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
    )


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
    _fill_roster(16, 8)
    assert services.roster_problems() == []


def test_cm01_dismissal_that_breaks_the_minimum_is_warned(world):
    _fill_roster(16, 8)  # exactly 20 at the main office, 10 at the branch, 30 in all
    outcome = services.appointment_request(
        actor=world.users["chair"],
        member_id=world.members["伊藤"].pk,
        kind=Appointment.Kind.DISMISS,
        effective_on=D,
        reason="一身上の都合による辞任の申出",
        career="大学教授（民法）",
    )
    assert outcome.warnings == [
        "この変更で紛争処理委員が30名から29名になります（令第17条・規程第8条第1項により30名以上が必要）",
        "この変更で本部に配置する紛争処理委員が20名から19名になります（規程第8条第1項により20名以上が必要）",
    ]
    assert _roster_events("appointment_request")[-1].payload["warnings"] == outcome.warnings
    # A warning, not a refusal: the member stays in office until the regulators approve.
    assert CommitteeMember.objects.get(pk=world.members["伊藤"].pk).active


def test_cm01_dismissal_above_the_minimum_has_no_warning(world):
    _fill_roster(20, 10)
    outcome = services.appointment_request(
        actor=world.staff,
        member_id=world.members["中村"].pk,
        kind="dismiss",
        effective_on=D,
        reason="任期満了",
        career="医師",
    )
    assert outcome.warnings == []


def test_cm03_new_appointment_activates_only_once_approved(world):
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
    )
    appointment = outcome.appointment
    member = appointment.member
    assert (member.name, member.active, member.commissioned_on) == ("小林 美咲", False, None)
    assert appointment.career == "弁護士(大阪弁護士会)、交通事故訴訟に20年従事"
    assert appointment.approval == Appointment.Approval.PENDING
    assert services.roster_counts().branch == 2

    services.appointment_approve(
        actor=world.staff, appointment_id=appointment.pk, approved_on=dt.date(2026, 7, 10)
    )
    member.refresh_from_db()
    appointment.refresh_from_db()
    # CM-02: commissioned when both the date has come and the approval is given.
    assert member.active and member.commissioned_on == dt.date(2026, 7, 10)
    assert (appointment.approval, appointment.approved_on) == ("approved", dt.date(2026, 7, 10))
    assert services.roster_counts().branch == 3
    with pytest.raises(RuleViolation, match="法第23条の8第1項"):
        services.appointment_approve(actor=world.staff, appointment_id=appointment.pk, approved_on=D)


def test_cm03_dismissal_deactivates_only_once_approved(world):
    member = world.members["田中"]
    outcome = services.appointment_request(
        actor=world.staff,
        member_id=member.pk,
        kind="dismiss",
        effective_on=D,
        reason="辞任",
        career="整形外科医",
    )
    member.refresh_from_db()
    assert member.active
    services.appointment_approve(actor=world.staff, appointment_id=outcome.appointment.pk, approved_on=D)
    member.refresh_from_db()
    assert not member.active
    # DP-11: a dismissed member can no longer be named to a panel.
    assert member.pk not in {m.id for m in panels.member_infos(CommitteeMember.objects.filter(active=True))}


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


def test_cm03_existing_members_career_is_used_when_not_restated(world):
    member = world.members["渡辺"]
    CommitteeMember.objects.filter(pk=member.pk).update(career="弁護士（大阪弁護士会）")
    outcome = services.appointment_request(
        actor=world.staff, member_id=member.pk, kind="dismiss", effective_on=D, reason="任期満了"
    )
    assert outcome.appointment.career == "弁護士（大阪弁護士会）"


def test_cm03_contradictory_requests_are_refused(world):
    m = world.members
    with pytest.raises(RuleViolation, match="既に委嘱中"):
        services.appointment_request(
            actor=world.staff,
            member_id=m["佐藤"].pk,
            kind="appoint",
            effective_on=D,
            reason="再任",
            career="弁護士",
        )
    services.appointment_request(
        actor=world.staff,
        member_id=m["佐藤"].pk,
        kind="dismiss",
        effective_on=D,
        reason="辞任",
        career="弁護士",
    )
    with pytest.raises(RuleViolation, match="認可申請中"):
        services.appointment_request(
            actor=world.staff,
            member_id=m["佐藤"].pk,
            kind="dismiss",
            effective_on=D,
            reason="辞任",
            career="弁護士",
        )
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


def test_cm03_rejected_request_changes_nothing(world):
    outcome = services.appointment_request(
        actor=world.staff,
        kind="appoint",
        name="木下 亮",
        office=offices.MAIN,
        qualification=panel.ACADEMIC,
        career="教授",
        effective_on=D,
        reason="補充",
    )
    services.appointment_reject(actor=world.staff, appointment_id=outcome.appointment.pk, rejected_on=D)
    outcome.appointment.refresh_from_db()
    assert outcome.appointment.approval == Appointment.Approval.REJECTED
    assert not CommitteeMember.objects.get(name="木下 亮").active


def test_cm04_emergency_appointment_takes_effect_at_once_and_awaits_ratification(world):
    """CM-04 (定款31条2-3項): the chair appoints in an emergency; the next board meeting ratifies."""
    outcome = _emergency_appointment(world.users["chair"], reason="担当委員の急病により審理が停滞するため")
    appointment = outcome.appointment
    member = CommitteeMember.objects.get(pk=appointment.member_id)
    assert member.active and member.commissioned_on == D
    assert list(services.unratified_appointments()) == [appointment]
    with pytest.raises(RuleViolation, match="定款第31条第2項"):
        services.appointment_ratify(
            actor=world.staff, appointment_id=appointment.pk, ratified_on=D - dt.timedelta(1)
        )
    services.appointment_ratify(
        actor=world.staff, appointment_id=appointment.pk, ratified_on=dt.date(2026, 7, 20)
    )
    assert list(services.unratified_appointments()) == []
    with pytest.raises(RuleViolation, match="追認済み"):
        services.appointment_ratify(
            actor=world.staff, appointment_id=appointment.pk, ratified_on=dt.date(2026, 8, 1)
        )
    # CM-03 still applies: the regulators' approval is recorded separately.
    assert Appointment.objects.get(pk=appointment.pk).approval == Appointment.Approval.PENDING


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


def test_cm04_ordinary_appointment_needs_no_ratification(world):
    outcome = services.appointment_request(
        actor=world.staff,
        kind="appoint",
        name="木下 亮",
        office=offices.MAIN,
        qualification=panel.ACADEMIC,
        career="教授",
        effective_on=D,
        reason="補充",
    )
    with pytest.raises(RuleViolation, match="緊急の選任のみ"):
        services.appointment_ratify(actor=world.staff, appointment_id=outcome.appointment.pk, ratified_on=D)


def test_cm04_rejected_emergency_appointee_leaves_office(world):
    outcome = _emergency_appointment(world.users["chair"])
    services.appointment_reject(actor=world.staff, appointment_id=outcome.appointment.pk, rejected_on=D)
    assert not CommitteeMember.objects.get(name="石井 大輔").active
    assert list(services.unratified_appointments()) == []


@pytest.mark.parametrize("role", ["member", "insurer", "auditor", "admin"])
def test_cm02_only_board_side_roles_change_the_roster(world, role):
    with pytest.raises(NotPermitted):
        services.appointment_request(
            actor=world.users[role],
            member_id=world.members["佐藤"].pk,
            kind="dismiss",
            effective_on=D,
            reason="x",
            career="x",
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


def test_every_roster_change_is_audited(world):
    outcome = _emergency_appointment(world.users["chair"])
    pk = outcome.appointment.pk
    services.appointment_approve(actor=world.staff, appointment_id=pk, approved_on=D)
    services.appointment_ratify(actor=world.staff, appointment_id=pk, ratified_on=D)
    actions = [
        (e.payload["action"], e.payload["appointment"], e.actor.username)
        for e in AuditEvent.objects.filter(event_type=AuditEvent.Type.ROSTER).order_by("id")
    ]
    assert actions == [
        ("appointment_request", pk, "chair"),
        ("appointment_approve", pk, "secretariat"),
        ("appointment_ratify", pk, "secretariat"),
    ]


def test_roster_change_failing_half_way_leaves_nothing(world, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(services, "audit_record", boom)
    with pytest.raises(RuntimeError):
        _emergency_appointment(world.users["chair"])
    assert not CommitteeMember.objects.filter(name="石井 大輔").exists() and not Appointment.objects.exists()
