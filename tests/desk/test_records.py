"""The desk's corrections, meeting moves, notes and the meetings page (issue #9 items 3, 7)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from chotei import clock
from chotei.disputes.models import Meeting
from chotei.disputes.services import records
from chotei.rules.states import CaseState
from tests.desk.conftest import post_action

pytestmark = pytest.mark.django_db


def test_moved_meeting_and_correction_read_in_the_timeline(world: Any, as_role: Any, make_case: Any) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    client = as_role("secretariat")
    day = clock.today() + dt.timedelta(days=10)
    assert (
        post_action(client, case, "meeting_schedule", scheduled_for=f"{day}T10:00", place="本部").status_code
        == 302
    )
    meeting = Meeting.objects.get(case=case, recorded_at__isnull=True)
    refused = post_action(
        client, case, "meeting_move", meeting_id=meeting.pk, scheduled_for=f"{day}T15:00", reason=""
    )
    assert refused.status_code == 422 and f"act-meeting_move-{meeting.pk}" in refused.content.decode()
    moved = post_action(
        client,
        case,
        "meeting_move",
        meeting_id=meeting.pk,
        scheduled_for=f"{day}T15:00",
        reason="会議室の都合",
    )
    assert moved.status_code == 302
    applicant = case.parties.get(side="applicant").party
    corrected = post_action(
        client,
        case,
        "correction",
        item="party.postcode",
        party_id=applicant.pk,
        after="156-0055",
        reason="誤記",
    )
    assert corrected.status_code == 302
    html = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert "期日を変更" in html and "会議室の都合" in html
    assert "訂正: 申請人（山田 太郎）の郵便番号「156-0054」→「156-0055」" in html
    assert 'id="corrections"' in html


def test_correction_refusal_names_the_field(world: Any, as_role: Any, make_case: Any) -> None:
    case = make_case()
    response = post_action(
        as_role("secretariat"),
        case,
        "correction",
        item="case.accident_date",
        after="2999-01-01",
        reason="誤記",
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "事故発生日に将来の日付は記録できません" in html and 'id="act-correction"' in html


def test_notes_are_shown_to_staff_only(world: Any, as_role: Any, make_case: Any) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    records.note_record(actor=world.staff, case_id=case.pk, kind="note", text="申請人は午前中のみ連絡可")
    assert (
        "申請人は午前中のみ連絡可" in as_role("secretariat").get(f"/desk/cases/{case.pk}/").content.decode()
    )
    member_page = as_role("member").get(f"/desk/cases/{case.pk}/").content.decode()
    assert "申請人は午前中のみ連絡可" not in member_page and 'id="notes"' not in member_page


def test_member_meetings_page_lists_upcoming_and_overdue(world: Any, as_role: Any, make_case: Any) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    Meeting.objects.create(
        case=case, scheduled_for=clock.now() - dt.timedelta(days=3), place="本部 第3会議室"
    )
    Meeting.objects.create(
        case=case, scheduled_for=clock.now() + dt.timedelta(days=3), place="本部 第4会議室"
    )
    response = as_role("member").get("/desk/meetings/")
    assert response.status_code == 200
    html = response.content.decode()
    overdue, upcoming = html.split('id="upcoming"')
    assert "調書未作成（期日経過）" in overdue and "本部 第3会議室" in overdue
    assert "本部 第4会議室" in upcoming and case.number in upcoming
    assert as_role("auditor").get("/desk/meetings/").status_code == 403
    # The member's landing page (the case list) opens with the same two lists.
    landing = as_role("member").get("/desk/").content.decode()
    mine = landing.split('id="my-meetings"')[1]
    assert "調書未作成 1件" in mine and "本部 第4会議室" in mine
    assert 'id="my-meetings"' not in as_role("secretariat").get("/desk/").content.decode()


def test_chair_changes_the_panel_from_the_case_page(world: Any, as_role: Any, make_case: Any) -> None:
    from chotei.disputes.models import PanelSeat

    case = make_case(CaseState.UNDER_REVIEW)
    client = as_role("chair")
    page = client.get(f"/desk/cases/{case.pk}/").context
    change = next(p for p in page["action_panels"] if p.spec.name == "panel_change")
    assert sorted(change.form.fields["members"].initial) == sorted(world.panel_ids()[0])
    m = world.members
    refused = post_action(
        client,
        case,
        "panel_change",
        version=case.version,
        members=[m["田中"].pk, m["伊藤"].pk, m["中村"].pk],
        chief=m["田中"].pk,
        reason="辞任",
    )
    assert refused.status_code == 422 and "弁護士" in refused.content.decode()
    done = post_action(
        client,
        case,
        "panel_change",
        version=case.version,
        members=[m["渡辺"].pk, m["田中"].pk, m["伊藤"].pk],
        chief=m["渡辺"].pk,
        reason="高橋委員の辞任",
    )
    assert done.status_code == 302
    assert set(PanelSeat.objects.filter(case=case).values_list("member_id", flat=True)) == {
        m["渡辺"].pk,
        m["田中"].pk,
        m["伊藤"].pk,
    }
