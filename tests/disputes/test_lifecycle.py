"""The procedure's steps: screening, acceptance, refusal, amendment, result, termination, withdrawal
(DP-06..DP-10, DP-16..DP-19, DP-25) and the state machine that guards them."""

from __future__ import annotations

import datetime as dt

import pytest

from chotei.accounts.permissions import NotPermitted
from chotei.audit.models import AuditEvent
from chotei.disputes.models import Amendment, Case, LedgerLine, PanelSeat
from chotei.disputes.services import lifecycle
from chotei.disputes.services.core import Conflict, NotFound, today
from chotei.rules import calendar
from chotei.rules.errors import RuleViolation, TransitionNotAllowed
from chotei.rules.screening import GROUNDS
from chotei.rules.states import STEP_TARGET_BUSINESS_DAYS, CaseState
from tests.disputes.conftest import version

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("g", [g for g in GROUNDS if g.code.startswith("R5-")], ids=lambda g: g.code)
def test_dp06_refusal_cites_its_ground(world, make_case, g):
    case = make_case(CaseState.SCREENING)
    case = lifecycle.case_refuse(
        actor=world.staff, case_id=case.pk, version=version(case), ground_code=g.code
    )
    case.refresh_from_db()
    cite = f"規程第5条第1項第{g.number}号"
    assert case.state == CaseState.REFUSED and case.refusal_ground == g.code
    assert case.end_reason == f"{cite}（{g.label}）により受理できません"
    assert case.ended_on is not None
    line = case.ledger.last()
    assert line.action == "refuse" and line.description.startswith(cite)


def test_dp06_ordinance_15_ground_cites_the_ordinance(world, make_case):
    case = make_case(CaseState.SCREENING)
    lifecycle.case_refuse(actor=world.staff, case_id=case.pk, version=version(case), ground_code="O15-2")
    case.refresh_from_db()
    assert case.end_reason.startswith("令第15条（不当な目的でみだりに調停を申請した）")


def test_dp06_unknown_ground_is_refused_and_nothing_changes(world, make_case):
    case = make_case(CaseState.SCREENING)
    with pytest.raises(RuleViolation, match="規程第5条第1項"):
        lifecycle.case_refuse(
            actor=world.staff, case_id=case.pk, version=version(case), ground_code="R5-1-10"
        )
    case.refresh_from_db()
    assert case.state == CaseState.SCREENING and case.ledger.count() == 2


def test_dp07_ground_nine_records_the_suitable_route(world, make_case):
    case = make_case(CaseState.SCREENING)
    lifecycle.case_refuse(actor=world.staff, case_id=case.pk, version=version(case), ground_code="R5-1-9")
    line = LedgerLine.objects.filter(case=case).last()
    assert "規程第5条第2項に基づき" in line.description and "異議申立て" in line.description


def test_dp07_other_grounds_carry_no_guidance(world, make_case):
    case = make_case(CaseState.SCREENING)
    lifecycle.case_refuse(actor=world.staff, case_id=case.pk, version=version(case), ground_code="R5-1-5")
    line = LedgerLine.objects.filter(case=case).last()
    assert line.description == "規程第5条第1項第5号（弁護士法第72条違反の疑い）により受理できません"


def test_dp08_acceptance_and_refusal_notify_both_parties(world, make_case, notices):
    accepted, refused = make_case(CaseState.SCREENING), make_case(CaseState.SCREENING)
    with notices():
        lifecycle.case_accept(actor=world.staff, case_id=accepted.pk, version=version(accepted))
        lifecycle.case_refuse(
            actor=world.staff, case_id=refused.pk, version=version(refused), ground_code="R5-1-1"
        )
    assert notices.sent == [
        (accepted.pk, ["acceptance_applicant", "acceptance_respondent", "statement_request"], {}),
        (refused.pk, ["refusal"], {}),
    ]


def test_dp16_dp25_statement_deadline_counts_business_days(world, make_case):
    case = make_case(CaseState.SCREENING)
    # Friday 24 April 2026 + 20 business days, skipping 29 April and 4-6 May (Golden Week).
    lifecycle.case_accept(
        actor=world.staff, case_id=case.pk, version=version(case), dispatch_on=dt.date(2026, 4, 24)
    )
    case.refresh_from_db()
    assert case.acceptance_dispatched_on == dt.date(2026, 4, 24)
    assert case.statement_due_on == dt.date(2026, 5, 28)  # calendar weekdays alone would give 22 May
    assert "規程第15条第7項" in case.ledger.last().description


def test_transition_not_allowed_names_the_rule(world, make_case):
    case = make_case(CaseState.RECEIVED)
    with pytest.raises(TransitionNotAllowed) as exc:
        lifecycle.case_accept(actor=world.staff, case_id=case.pk, version=version(case))
    assert str(exc.value) == "規程第5条第3項により「受付」の事案に「受理」はできません"
    assert exc.value.obligation == "DP-08"
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED and case.version == 1


@pytest.mark.parametrize("state", [CaseState.CLOSED, CaseState.REFUSED, CaseState.WITHDRAWN])
def test_dp19_no_withdrawal_of_an_ended_case(world, make_case, state):
    case = make_case(state)
    with pytest.raises(TransitionNotAllowed, match="規程第18条"):
        lifecycle.case_withdraw(actor=world.staff, case_id=case.pk, version=version(case))


def test_stale_version_is_a_conflict_and_overwrites_nothing(world, make_case):
    case = make_case(CaseState.SCREENING)
    loaded = version(case)
    lifecycle.case_accept(actor=world.staff, case_id=case.pk, version=loaded)
    lines = LedgerLine.objects.filter(case=case).count()
    with pytest.raises(Conflict, match="他の職員が更新しました"):
        lifecycle.case_refuse(actor=world.staff, case_id=case.pk, version=loaded, ground_code="R5-1-1")
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED and case.version == loaded + 1 and not case.refusal_ground
    assert LedgerLine.objects.filter(case=case).count() == lines


def test_unknown_case_is_not_found(world):
    with pytest.raises(NotFound):
        lifecycle.case_start_screening(actor=world.staff, case_id=999_999, version=1)


@pytest.mark.parametrize("role", ["member", "insurer", "auditor", "admin"])
def test_im01_wrong_role_may_not_move_a_case(world, make_case, role):
    case = make_case(CaseState.SCREENING)
    with pytest.raises(NotPermitted):
        lifecycle.case_accept(actor=world.users[role], case_id=case.pk, version=version(case))
    case.refresh_from_db()
    assert case.state == CaseState.SCREENING


def _accepted_on(world, make_case, dispatch):
    case = make_case(CaseState.SCREENING)
    lifecycle.case_accept(actor=world.staff, case_id=case.pk, version=version(case), dispatch_on=dispatch)
    return case


def test_dp09_amendment_within_the_deadline_changes_only_matters_sought(world, make_case, notices):
    case = _accepted_on(world, make_case, dt.date(2026, 4, 24))
    before = Case.objects.get(pk=case.pk)
    with notices():
        # The 10th business day after dispatch (skipping Golden Week) is the last day.
        lifecycle.case_amend(
            actor=world.staff,
            case_id=case.pk,
            version=version(case),
            matters_sought="後遺障害等級を第１２級１３号に変更することを求める",
            requested_on=dt.date(2026, 5, 14),
        )
    after = Case.objects.get(pk=case.pk)
    assert after.matters_sought == "後遺障害等級を第12級13号に変更することを求める"
    for field in ("issues", "claim", "negotiation_history", "accident_summary", "other_bodies", "state"):
        assert getattr(after, field) == getattr(before, field)
    amendment = Amendment.objects.get(case=case)
    assert amendment.accepted and amendment.before == before.matters_sought
    assert notices.sent == [(case.pk, ["amendment"], {})]
    assert "規程第5条の2" in LedgerLine.objects.filter(case=case).last().description


def test_dp09_amendment_after_the_deadline_is_refused(world, make_case):
    case = _accepted_on(world, make_case, dt.date(2026, 4, 24))
    with pytest.raises(RuleViolation) as exc:
        lifecycle.case_amend(
            actor=world.staff,
            case_id=case.pk,
            version=version(case),
            matters_sought="第12級",
            requested_on=dt.date(2026, 5, 15),
        )
    assert "規程第5条の2第2項" in str(exc.value) and "2026年5月14日" in str(exc.value)
    assert not Amendment.objects.exists()


def test_dp09_no_amendment_before_acceptance(world, make_case):
    case = make_case(CaseState.SCREENING)
    with pytest.raises(RuleViolation, match="規程第5条の2"):
        lifecycle.case_amend(actor=world.staff, case_id=case.pk, version=version(case), matters_sought="x")


def test_dp09_amendment_that_would_delay_is_refused_with_reason(world, make_case, notices):
    case = _accepted_on(world, make_case, dt.date(2026, 4, 24))
    original = case.matters_sought
    with notices():
        lifecycle.case_amend(
            actor=world.staff,
            case_id=case.pk,
            version=version(case),
            matters_sought="死亡による損害の全額",
            requested_on=dt.date(2026, 4, 30),
            refuse_reason="手続を著しく遅延させる",
        )
    case.refresh_from_db()
    assert case.matters_sought == original
    amendment = Amendment.objects.get(case=case)
    assert not amendment.accepted and amendment.refusal_reason == "手続を著しく遅延させる"
    assert "認めない" in LedgerLine.objects.filter(case=case).last().description
    assert notices.sent == []


def test_dp17_result_needs_a_recorded_meeting(world, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    with pytest.raises(RuleViolation, match="規程第12条"):
        lifecycle.case_record_result(
            actor=world.staff, case_id=case.pk, version=version(case), result="unchanged", reasons="妥当"
        )


@pytest.mark.parametrize(
    ("result", "before", "after", "field", "says"),
    [
        ("unchanged", "2-12", "2-9", "grade_after", "「変更」のとき"),
        ("changed", "2-12", "", "grade_after", "共に指定"),
        ("changed", "", "2-9", "grade_before", "共に指定"),
        ("changed", "2-12", "2-15", "grade_after", "等級「2-15」"),
        ("changed", "2-12", "2-12", "grade_after", "変更前と同じ"),
    ],
)
def test_dp17_a_grade_change_names_two_different_findings_on_a_change(
    world, make_case, result, before, after, field, says
):
    case = make_case(CaseState.UNDER_REVIEW)
    loaded = version(case)
    with pytest.raises(RuleViolation, match=says) as refused:
        lifecycle.case_record_result(
            actor=world.staff,
            case_id=case.pk,
            version=loaded,
            result=result,
            reasons="理由",
            grade_before=before,
            grade_after=after,
        )
    assert refused.value.field == field
    case.refresh_from_db()
    assert case.version == loaded and not case.result and not case.grade_after


def test_dp17_dp23_result_needs_a_reason_and_is_notified(world, make_case, notices):
    case = make_case(CaseState.RESULT_NOTIFIED)
    assert case.result == Case.Result.UNCHANGED and case.result_reasons.startswith("画像所見")
    with pytest.raises(RuleViolation, match="規程第16条"):
        lifecycle.case_record_result(
            actor=world.staff, case_id=case.pk, version=version(case), result="maybe", reasons="x"
        )
    with notices():
        lifecycle.case_explain_result(
            actor=world.staff, case_id=case.pk, version=version(case), side="applicant"
        )
    assert notices.sent == [(case.pk, ["explanation"], {"side": "applicant"})]


def test_dp17_no_explanation_before_the_result(world, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    with pytest.raises(RuleViolation, match="規程第16条"):
        lifecycle.case_explain_result(
            actor=world.staff, case_id=case.pk, version=version(case), side="applicant"
        )


def test_dp18_termination_needs_a_reason_and_ends_the_case(world, make_case, notices):
    case = make_case(CaseState.UNDER_REVIEW)
    chief = PanelSeat.objects.get(case=case, is_chief=True)
    with pytest.raises(RuleViolation, match="規程第17条") as refused:
        lifecycle.case_terminate(
            actor=world.staff,
            case_id=case.pk,
            version=version(case),
            ground="R17-1",
            reason="　",
            chief_id=chief.member_id,
        )
    assert refused.value.field == "reason"
    with notices():
        lifecycle.case_terminate(
            actor=world.staff,
            case_id=case.pk,
            version=version(case),
            ground="Ｒ17-1",
            reason="解決の見込みがない",
            chief_id=chief.member_id,
        )
    case.refresh_from_db()
    assert case.state == CaseState.TERMINATED and case.end_reason == "解決の見込みがない"
    assert case.termination_ground == "R17-1"
    assert case.ended_on is not None and case.due_on is None
    assert notices.kinds() == ["termination"]
    line = LedgerLine.objects.get(case=case, action="terminate")
    assert f"主任委員 {chief.member.name}の判断" in line.description
    assert "紛争処理による解決の見込みがない（紛争処理業務規程第17条第1項）" in line.description


@pytest.mark.parametrize("ground", ["", "R5-1-10", "O15-1"])
def test_dp18_termination_ground_is_one_of_article_17s(world, make_case, ground):
    """規程第17条第1項: a screening ground of 第5条第1項 or no prospect of resolution; nothing else
    (令第15条's grounds refuse an application, they do not terminate one)."""
    case = make_case(CaseState.UNDER_REVIEW)
    chief = PanelSeat.objects.get(case=case, is_chief=True)
    loaded = version(case)
    with pytest.raises(RuleViolation, match="規程第17条第1項") as refused:
        lifecycle.case_terminate(
            actor=world.staff,
            case_id=case.pk,
            version=loaded,
            ground=ground,
            reason="見込みなし",
            chief_id=chief.member_id,
        )
    assert refused.value.field == "ground" and refused.value.obligation == "DP-18"
    case.refresh_from_db()
    assert case.state == CaseState.UNDER_REVIEW and case.version == loaded and not case.termination_ground
    assert not LedgerLine.objects.filter(case=case, action="terminate").exists()


@pytest.mark.parametrize("who", ["nobody", "ordinary member"])
def test_dp18_termination_is_the_chiefs_decision_not_the_secretariats(world, make_case, who):
    """An operator cannot terminate in no one's name nor in a seated member's who is not the chief."""
    case = make_case(CaseState.UNDER_REVIEW)
    other = PanelSeat.objects.filter(case=case, is_chief=False).first()
    chief_id = None if who == "nobody" else other.member_id
    with pytest.raises(RuleViolation, match="規程第17条") as refused:
        lifecycle.case_terminate(
            actor=world.staff,
            case_id=case.pk,
            version=version(case),
            ground="R17-1",
            reason="見込みなし",
            chief_id=chief_id,
        )
    assert refused.value.field == "chief_id"
    case.refresh_from_db()
    assert case.state == CaseState.UNDER_REVIEW
    assert not LedgerLine.objects.filter(case=case, action="terminate").exists()


@pytest.mark.parametrize("channel", ["post", "online"])
def test_dp19_withdrawal_at_any_time_in_writing_or_electronically(world, make_case, notices, channel):
    case = make_case(CaseState.UNDER_REVIEW)
    with notices():
        lifecycle.case_withdraw(
            actor=world.staff,
            case_id=case.pk,
            version=version(case),
            channel=channel,
            requested_on=dt.date(2026, 11, 2),
        )
    case.refresh_from_db()
    assert case.state == CaseState.WITHDRAWN
    assert Case.Channel(channel).label in case.end_reason and "2026-11-02" in case.end_reason
    assert notices.kinds() == ["withdrawal"]


def test_dp19_withdrawal_by_other_means_is_refused(world, make_case):
    case = make_case(CaseState.SCREENING)
    with pytest.raises(RuleViolation, match="規程第18条"):
        lifecycle.case_withdraw(actor=world.staff, case_id=case.pk, version=version(case), channel="phone")


def test_every_step_writes_ledger_and_audit_with_the_article(world, make_case):
    case = make_case(CaseState.CLOSED)
    actions = list(LedgerLine.objects.filter(case=case).values_list("action", flat=True))
    assert actions == [
        "receive",
        "start_screening",
        "accept",
        "appoint_panel",
        "meeting_schedule",
        "meeting_record",
        "record_result",
        "close",
    ]
    steps = AuditEvent.objects.filter(
        case_id=case.pk, event_type__in=[AuditEvent.Type.CASE_STEP, AuditEvent.Type.PANEL_APPOINTED]
    )
    assert {e.payload["action"]: e.payload["article"] for e in steps} == {
        "start_screening": "規程第5条第1項",
        "accept": "規程第5条第3項",
        "appoint_panel": "法第23条の7第2項",
        "record_result": "規程第16条",
        "close": "規程第16条",
    }
    assert case.version == 8


@pytest.mark.parametrize(
    "state", [CaseState.SCREENING, CaseState.ACCEPTED, CaseState.UNDER_REVIEW, CaseState.RESULT_NOTIFIED]
)
def test_dp10_dp25_each_step_sets_its_business_day_target(make_case, state):
    case = make_case(state)
    assert case.due_on == calendar.add_business_days(today(), STEP_TARGET_BUSINESS_DAYS[state])
