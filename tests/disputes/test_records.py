"""Records corrected the way a body corrects them (issue #9 item 3): meetings moved or cancelled with
their reason, minutes only once the meeting has sat, no close over a meeting without minutes, the
chair's change of a panel, and corrections (訂正) kept in the ledger (DP-11, DP-20, DP-21)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from chotei import clock
from chotei.accounts.permissions import NotPermitted
from chotei.audit.models import AuditEvent
from chotei.disputes.models import Case, CaseNote, Correction, LedgerLine, Meeting, PanelSeat
from chotei.disputes.selectors import meetings_for
from chotei.disputes.services import lifecycle, panels, records
from chotei.parties.models import Party
from chotei.rules.errors import RuleViolation
from chotei.rules.states import CaseState
from tests.disputes.conftest import version

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def schedule(world: Any, case: Case, day: dt.date) -> Meeting:
    return panels.meeting_schedule(
        actor=world.staff, case_id=case.pk, scheduled_for=at(day), place="本部 第1会議室"
    )


def last_line(case: Case) -> LedgerLine:
    return LedgerLine.objects.filter(case=case).order_by("-id").first()


def test_dp11_meeting_before_receipt_is_refused(world: Any, make_case: Any) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    lines = LedgerLine.objects.filter(case=case).count()
    with pytest.raises(RuleViolation, match="受付日") as exc:
        schedule(world, case, case.received_on - dt.timedelta(days=1))
    assert exc.value.field == "scheduled_for" and exc.value.obligation == "DP-11"
    assert not Meeting.objects.filter(case=case).exists()
    assert LedgerLine.objects.filter(case=case).count() == lines


def test_moved_meeting_keeps_old_and_new_date_in_ledger_and_audit(world: Any, make_case: Any) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    first = clock.today() + dt.timedelta(days=14)
    meeting = schedule(world, case, first)
    with pytest.raises(RuleViolation, match="理由"):
        panels.meeting_move(actor=world.staff, meeting_id=meeting.pk, scheduled_for=at(first, 14), reason=" ")
    moved = panels.meeting_move(
        actor=world.staff,
        meeting_id=meeting.pk,
        scheduled_for=at(first + dt.timedelta(days=7), 14),
        place="大阪支部 会議室",
        reason="主任委員の差支え",
    )
    assert timezone.localdate(moved.scheduled_for) == first + dt.timedelta(days=7)
    line = last_line(case)
    assert line.action == "meeting_move"
    assert (
        f"{first:%Y-%m-%d} 10:00 本部 第1会議室 → {first + dt.timedelta(days=7):%Y-%m-%d} 14:00 大阪支部 会議室"
        in (line.description)
    )
    assert "主任委員の差支え" in line.description
    event = (
        AuditEvent.objects.filter(case_id=case.pk, event_type=AuditEvent.Type.MEETING).order_by("-id").first()
    )
    assert event.payload["action"] == "meeting_move" and event.payload["reason"] == "主任委員の差支え"


def test_cancelled_meeting_stays_with_its_reason_and_takes_no_minutes(world: Any, make_case: Any) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    meeting = schedule(world, case, clock.today())
    panels.meeting_cancel(actor=world.staff, meeting_id=meeting.pk, reason="申請人の入院")
    meeting.refresh_from_db()
    assert meeting.cancelled_at is not None and meeting.cancel_reason == "申請人の入院"
    assert "期日を取消" in last_line(case).description and "申請人の入院" in last_line(case).description
    ids, _ = world.panel_ids()
    with pytest.raises(RuleViolation, match="取り消された期日"):
        panels.meeting_record(
            actor=world.staff, meeting_id=meeting.pk, present_member_ids=ids, minutes="開催"
        )
    with pytest.raises(RuleViolation, match="取り消された期日"):
        panels.meeting_move(
            actor=world.staff, meeting_id=meeting.pk, scheduled_for=at(clock.today()), reason="再開"
        )


def test_dp20_minutes_only_on_or_after_the_meeting_day(world: Any, make_case: Any) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    meeting = schedule(world, case, clock.today() + dt.timedelta(days=1))
    ids, _ = world.panel_ids()
    with pytest.raises(RuleViolation, match="より前に調書は作成できません") as exc:
        panels.meeting_record(
            actor=world.staff, meeting_id=meeting.pk, present_member_ids=ids, minutes="審理した"
        )
    assert exc.value.obligation == "DP-20"
    assert Meeting.objects.get(pk=meeting.pk).recorded_at is None
    with clock.replaying_at(at(clock.today() + dt.timedelta(days=1), 15)):
        panels.meeting_record(
            actor=world.staff, meeting_id=meeting.pk, present_member_ids=ids, minutes="審理した"
        )
    assert Meeting.objects.get(pk=meeting.pk).recorded_at is not None


def test_dp20_case_cannot_close_while_a_held_meeting_lacks_minutes(world: Any, make_case: Any) -> None:
    case = make_case(CaseState.RESULT_NOTIFIED)
    # A second meeting that sat this morning and was never written up.
    Meeting.objects.create(case=case, scheduled_for=clock.now() - dt.timedelta(hours=1), place="本部")
    with pytest.raises(RuleViolation, match="調書がないため終了できません") as exc:
        lifecycle.case_close(actor=world.staff, case_id=case.pk, version=version(case))
    assert exc.value.obligation == "DP-20"
    assert Case.objects.get(pk=case.pk).state == CaseState.RESULT_NOTIFIED


def test_meetings_page_lists_upcoming_and_flags_overdue_minutes(world: Any, make_case: Any) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    soon = schedule(world, case, clock.today() + dt.timedelta(days=3))
    late = Meeting.objects.create(
        case=case, scheduled_for=at(clock.today() - dt.timedelta(days=2)), place="本部"
    )
    other = make_case(CaseState.UNDER_REVIEW)
    PanelSeat.objects.filter(case=other, member=world.members["高橋"]).delete()
    hidden = schedule(world, other, clock.today() + dt.timedelta(days=3))
    upcoming, overdue = meetings_for(world.users["member"], clock.today())
    assert [m.pk for m in upcoming] == [soon.pk] and [m.pk for m in overdue] == [late.pk]
    upcoming, _ = meetings_for(world.staff, clock.today())
    assert {soon.pk, hidden.pk} <= {m.pk for m in upcoming}


def test_dp11_chair_changes_the_panel_under_the_appointment_rules(world: Any, make_case: Any) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    m = world.members
    chair = world.users["chair"]
    # 佐藤 declared an interest in the co-op, not in this insurer: a valid change.
    with pytest.raises(RuleViolation, match="弁護士"):
        panels.panel_change(
            actor=chair,
            case_id=case.pk,
            version=version(case),
            member_ids=[m["田中"].pk, m["伊藤"].pk, m["中村"].pk],
            chief_id=m["田中"].pk,
            reason="委員の辞任",
        )
    with pytest.raises(NotPermitted):
        panels.panel_change(
            actor=world.users["member"],
            case_id=case.pk,
            version=version(case),
            member_ids=[m["渡辺"].pk, m["田中"].pk, m["伊藤"].pk],
            chief_id=m["渡辺"].pk,
            reason="委員の辞任",
        )
    panels.panel_change(
        actor=chair,
        case_id=case.pk,
        version=version(case),
        member_ids=[m["渡辺"].pk, m["田中"].pk, m["伊藤"].pk],
        chief_id=m["渡辺"].pk,
        reason="高橋委員の辞任",
    )
    seats = {s.member_id: s.is_chief for s in PanelSeat.objects.filter(case=case)}
    assert seats == {m["渡辺"].pk: True, m["田中"].pk: False, m["伊藤"].pk: False}
    line = last_line(case)
    assert line.action == "panel_change" and "高橋 花子（主任）" in line.description
    assert "→ 渡辺 健（主任）" in line.description and "高橋委員の辞任" in line.description
    # DP-21: the ledger names the members who process the case from now on.
    assert "渡辺 健（主任）" in line.members and "高橋" not in line.members
    event = AuditEvent.objects.filter(case_id=case.pk, event_type=AuditEvent.Type.PANEL_APPOINTED).order_by(
        "-id"
    )
    assert event.first().payload["action"] == "panel_change"


def test_dp21_correction_of_a_party_keeps_before_after_and_reason(world: Any, make_case: Any) -> None:
    case = make_case(CaseState.ACCEPTED)
    applicant = case.parties.get(side="applicant").party
    records.correction_record(
        actor=world.staff,
        case_id=case.pk,
        item="party.address",
        party_id=applicant.pk,
        after="東京都世田谷区桜丘三丁目１２番６号",
        reason="申請書の転記誤り",
    )
    applicant.refresh_from_db()
    assert applicant.address == "東京都世田谷区桜丘三丁目12番6号"  # NFKC
    correction = Correction.objects.get(case=case)
    assert correction.before == "東京都世田谷区桜丘三丁目12番5号"
    line = last_line(case)
    assert line.action == "correction"
    assert "訂正: 申請人（山田 太郎）の住所又は所在地「東京都世田谷区桜丘三丁目12番5号」→" in line.description
    assert "申請書の転記誤り" in line.description
    # The ledger line written before the correction still says what it said (never rewritten).
    assert LedgerLine.objects.filter(case=case, action="receive").exists()


def test_correcting_a_name_updates_the_list_snapshot(world: Any, make_case: Any) -> None:
    case = make_case()
    applicant = case.parties.get(side="applicant").party
    records.correction_record(
        actor=world.staff,
        case_id=case.pk,
        item="party.name",
        party_id=applicant.pk,
        after="山田 太朗",
        reason="誤記",
    )
    assert Case.objects.get(pk=case.pk).applicant_name == "山田 太朗"


@pytest.mark.parametrize(
    ("item", "after", "field", "message"),
    [
        ("case.accident_date", "2999-01-01", "after", "将来の日付"),
        ("case.applied_on", "not a date", "after", "日付で入力"),
        ("case.issues", "", "after", "空にできません"),
        ("case.issues", "頚部痛の残存が後遺障害に該当するか", "after", "訂正前と同じ"),
        ("case.matters_sought", "別の事項", "item", "訂正できる項目"),
    ],
)
def test_dp02_correction_refuses_what_cannot_be_true(
    world: Any, make_case: Any, item: str, after: str, field: str, message: str
) -> None:
    case = make_case()
    lines = LedgerLine.objects.filter(case=case).count()
    with pytest.raises(RuleViolation, match=message) as exc:
        records.correction_record(actor=world.staff, case_id=case.pk, item=item, after=after, reason="誤記")
    assert exc.value.field == field
    assert LedgerLine.objects.filter(case=case).count() == lines and not Correction.objects.exists()


def test_insurer_name_is_corrected_in_the_register_not_the_case(world: Any, make_case: Any) -> None:
    case = make_case()
    insurer = case.parties.get(side="respondent").party
    with pytest.raises(RuleViolation, match="登録された組織"):
        records.correction_record(
            actor=world.staff,
            case_id=case.pk,
            item="party.name",
            party_id=insurer.pk,
            after="別名",
            reason="誤記",
        )
    assert Party.objects.get(pk=insurer.pk).name == "あおば損害保険株式会社"


def test_notes_and_calls_are_staff_only_and_ledger_keeps_no_content(world: Any, make_case: Any) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    with pytest.raises(RuleViolation, match="相手方"):
        records.note_record(
            actor=world.staff, case_id=case.pk, kind="call", text="問い合わせ", direction="in"
        )
    records.note_record(
        actor=world.staff,
        case_id=case.pk,
        kind="call",
        direction="in",
        counterpart="山田 太郎",
        text="期日の確認",
    )
    assert "期日の確認" not in last_line(case).description and "電話（受信）" in last_line(case).description
    assert [n.text for n in records.notes_for(world.staff, case)] == ["期日の確認"]
    assert records.notes_for(world.users["member"], case) == []
    assert records.notes_for(world.users["auditor"], case) == []
    with pytest.raises(NotPermitted):
        records.note_record(actor=world.users["member"], case_id=case.pk, kind="note", text="x")
    assert CaseNote.objects.count() == 1
