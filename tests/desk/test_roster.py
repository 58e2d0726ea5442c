"""The desk's roster pages (issue #6 item 3): every change goes through committee.services (CM-01..05)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from chotei.audit.models import AuditEvent
from chotei.committee import services
from chotei.committee.models import Appointment, BoardMeeting, CommitteeMember, InterestDeclaration
from chotei.rules import offices, panel
from tests.factories import fill_roster

pytestmark = pytest.mark.django_db

D = dt.date(2026, 7, 1)
ROSTER = "/desk/roster/"


def act(client: Client, action: str, /, **data: Any) -> Any:
    return client.post(f"/desk/roster/actions/{action}/", data)


def _events(action: str) -> list[AuditEvent]:
    return [
        e
        for e in AuditEvent.objects.filter(event_type=AuditEvent.Type.ROSTER)
        if e.payload["action"] == action
    ]


def test_roster_page_lists_members_counts_and_nav_link(as_role: Any, world: Any) -> None:
    html = as_role("secretariat").get(ROSTER).content.decode()
    assert '<a href="/desk/roster/">委員名簿</a>' in html
    assert "佐藤 一郎" in html and "大阪支部" in html and "弁護士" in html
    # CM-01: the world's six members are far below the minimums of 令第17条.
    assert "紛争処理委員が6名です（令第17条・規程第8条第1項により30名以上が必要）" in html


def test_roster_page_office_filter_answers_htmx_with_the_table(as_role: Any, world: Any) -> None:
    response = as_role("chair").get(ROSTER, {"office": offices.BRANCH}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<table class="grid" id="roster-table">')
    assert "渡辺 健" in html and "佐藤 一郎" not in html


@pytest.mark.parametrize("role", ["member", "auditor", "admin"])
def test_roster_pages_are_for_the_secretariat_and_the_chair(
    as_role: Any, world: Any, board: Any, role: str
) -> None:
    client = as_role(role)
    assert client.get(ROSTER).status_code == 403
    assert act(client, "meeting", held_on="2026-07-01", name="臨時", kind="extraordinary").status_code == 403
    assert BoardMeeting.objects.count() == 1


def test_cm02_cm03_request_then_chair_approves_with_commission_date(
    as_role: Any, world: Any, board: Any
) -> None:
    secretariat, chair = as_role("secretariat"), as_role("chair")
    commission = timezone.localdate() + dt.timedelta(20)
    response = act(
        secretariat,
        "request",
        name="木下 亮",
        name_kana="きのした りょう",
        office=offices.MAIN,
        qualification=panel.LAWYER,
        career="弁護士（第一東京弁護士会）",
        effective_on=commission.isoformat(),
        reason="本部の委員の補充",
        board_meeting=board.pk,
    )
    assert response.status_code == 302 and response["Location"] == ROSTER
    appointment = Appointment.objects.get(member__name="木下 亮")
    assert appointment.resolved_by == board and appointment.approval == Appointment.Approval.PENDING
    page = secretariat.get(ROSTER).content.decode()
    assert "行政庁の認可申請を記録しました" in page and "認可申請中" in page
    # Only the chair records the regulators' answer.
    denied = act(
        secretariat, "approve", appointment_id=appointment.pk, approved_on=timezone.localdate().isoformat()
    )
    assert denied.status_code == 403
    response = act(
        chair, "approve", appointment_id=appointment.pk, approved_on=timezone.localdate().isoformat()
    )
    assert response.status_code == 302
    member = CommitteeMember.objects.get(name="木下 亮")
    assert member.active and member.commissioned_on == commission
    # CM-02: not yet serving, so not counted and not offered for panels.
    assert services.roster_counts().main == 4
    html = chair.get(f"/desk/roster/members/{member.pk}/").content.decode()
    assert f"委嘱前（{commission.year}年{commission.month}月{commission.day}日委嘱）" in html
    assert _events("appointment_approve")[-1].actor == world.users["chair"]


def test_cm02_request_without_board_resolution_is_refused_naming_the_article(
    as_role: Any, world: Any
) -> None:
    response = act(
        as_role("secretariat"),
        "request",
        name="木下 亮",
        office=offices.MAIN,
        qualification=panel.LAWYER,
        career="弁護士",
        effective_on="2026-07-01",
        reason="補充",
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "規程第8条第2項により選任・解任を決議した理事会を選んでください" in html
    assert not CommitteeMember.objects.filter(name="木下 亮").exists()


def test_cm03_missing_items_are_named_with_their_articles(as_role: Any, world: Any, board: Any) -> None:
    response = act(
        as_role("secretariat"),
        "request",
        office=offices.MAIN,
        qualification=panel.LAWYER,
        board_meeting=board.pk,
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "略歴（令第18条第1号）" in html and "選任又は解任の理由（令第18条第3号）" in html
    assert not Appointment.objects.exists()


def test_cm01_breaking_dismissal_shows_the_counts_and_saves_only_once_confirmed(
    as_role: Any, world: Any, board: Any
) -> None:
    fill_roster(16, 8)  # exactly 30 / 20 / 10
    client = as_role("secretariat")
    member = world.members["伊藤"]
    data = dict(
        member_id=member.pk,
        career="大学教授",
        effective_on="2026-07-31",
        reason="辞任の申出",
        board_meeting=board.pk,
    )
    response = act(client, "dismiss", **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "まだ保存していません" in html
    assert (
        "この変更で紛争処理委員が30名から29名になります（令第17条・規程第8条第1項により30名以上が必要）"
        in html
    )
    assert "<b>29名</b>" in html and "<b>19名</b>" in html and "<b>10名</b>" in html
    assert not Appointment.objects.exists() and not _events("appointment_request")
    assert 'name="confirm_roster" value="1"' in html and f'name="member_id" value="{member.pk}"' in html
    response = act(client, "dismiss", **data, confirm_roster="1")
    assert response.status_code == 302 and response["Location"] == f"/desk/roster/members/{member.pk}/"
    appointment = Appointment.objects.get(member=member, kind=Appointment.Kind.DISMISS)
    assert (
        _events("appointment_request")[-1]
        .payload["warnings"][0]
        .startswith("この変更で紛争処理委員が30名から29名")
    )
    # The chair's approval is where the member actually leaves: it asks again.
    chair = as_role("chair")
    response = act(chair, "approve", appointment_id=appointment.pk, approved_on="2026-07-31")
    assert response.status_code == 200 and "人数の不足を確認のうえ保存する" in response.content.decode()
    assert CommitteeMember.objects.get(pk=member.pk).active
    act(chair, "approve", appointment_id=appointment.pk, approved_on="2026-07-31", confirm_roster="1")
    assert not CommitteeMember.objects.get(pk=member.pk).active


def test_cm04_emergency_appointment_ratified_at_the_next_meeting_only(as_role: Any, world: Any) -> None:
    chair, secretariat = as_role("chair"), as_role("secretariat")
    person = dict(
        name="石井 大輔",
        office=offices.MAIN,
        qualification=panel.LAWYER,
        career="弁護士",
        reason="担当委員の急病",
    )
    assert act(secretariat, "emergency", **person, effective_on="2026-07-01").status_code == 403
    assert act(chair, "emergency", **person, effective_on="2026-07-01").status_code == 302
    appointment = Appointment.objects.get(member__name="石井 大輔", emergency=True)
    first = act(
        secretariat, "meeting", held_on="2026-07-20", name="令和8年度第1回臨時理事会", kind="extraordinary"
    )
    assert first.status_code == 302
    act(secretariat, "meeting", held_on="2026-09-10", name="令和8年度第2回定例理事会", kind="regular")
    html = secretariat.get(ROSTER).content.decode()
    # Past its first meeting (20 July) without ratification: flagged.
    assert "追認なし" in html and "委嘱後の最初の理事会（2026年7月20日）で追認されていません" in html
    later = BoardMeeting.objects.get(name="令和8年度第2回定例理事会")
    response = act(secretariat, "ratify", appointment_id=appointment.pk, meeting=later.pk)
    assert response.status_code == 422
    assert (
        "定款第31条第2項により委嘱後の最初の理事会は令和8年7月20日の理事会です" in response.content.decode()
    )
    nearest = BoardMeeting.objects.get(name="令和8年度第1回臨時理事会")
    assert act(secretariat, "ratify", appointment_id=appointment.pk, meeting=nearest.pk).status_code == 302
    appointment.refresh_from_db()
    assert appointment.ratified_by == nearest
    assert "追認なし" not in secretariat.get(ROSTER).content.decode()
    assert [e.payload["description"] for e in _events("appointment_ratify")] == [
        "石井 大輔の緊急の任命について令和8年7月20日の令和8年度第1回臨時理事会の追認を記録"
    ]


def test_cm05_declare_and_withdraw_on_the_member_page(as_role: Any, world: Any) -> None:
    client = as_role("secretariat")
    member = world.members["田中"]
    response = act(
        client,
        "declare",
        member_id=member.pk,
        kind="insurer",
        organization=world.insurer.pk,
        description="あおば損害保険の嘱託医",
        declared_on="2026-07-01",
    )
    assert response.status_code == 302 and response["Location"] == f"/desk/roster/members/{member.pk}/"
    declaration = InterestDeclaration.objects.get(member=member)
    html = client.get(response["Location"]).content.decode()
    assert "あおば損害保険の嘱託医" in html and "取下げを記録" in html
    refused = act(client, "withdraw", declaration_id=declaration.pk, withdrawn_on="2026-08-01", reason="")
    assert refused.status_code == 422
    assert "法第23条の7第2項により取下げの理由がありません" in refused.content.decode()
    ok = act(
        client, "withdraw", declaration_id=declaration.pk, withdrawn_on="2026-08-01", reason="嘱託契約の終了"
    )
    assert ok.status_code == 302
    declaration.refresh_from_db()
    assert (
        declaration.withdrawn_on == dt.date(2026, 8, 1) and declaration.withdrawal_reason == "嘱託契約の終了"
    )
    html = client.get(f"/desk/roster/members/{member.pk}/").content.decode()
    assert "2026年8月1日 取下げ（嘱託契約の終了）" in html
    assert [e.payload["action"] for e in AuditEvent.objects.filter(event_type="roster").order_by("id")] == [
        "interest_declare",
        "interest_withdraw",
    ]


def test_unknown_member_and_action_are_404(as_role: Any, world: Any, board: Any) -> None:
    client = as_role("chair")
    assert client.get("/desk/roster/members/99999/").status_code == 404
    assert act(client, "delete").status_code == 404
    assert act(client, "ratify", appointment_id=99999, meeting=board.pk).status_code == 404
