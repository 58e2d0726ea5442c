"""Panels (紛争処理委員会) and their meetings (DP-11, DP-15, CM-05)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from chotei import clock
from chotei.accounts.permissions import Actor
from chotei.audit.models import AuditEvent
from chotei.committee.models import CommitteeMember, InterestDeclaration
from chotei.disputes.models import Attendance, Case, Meeting, Observer, Panel, PanelSeat
from chotei.disputes.services import guards
from chotei.disputes.services.core import NotFound, case_change, case_step, today
from chotei.rules import panel as panel_rules
from chotei.rules.application import normalize
from chotei.rules.articles import act, rules
from chotei.rules.errors import RuleViolation
from chotei.rules.states import OPEN_STATES, Action, CaseState


def party_keys(case: Case) -> dict[str, str]:
    """The interest keys of both parties and their agents, each with what a refusal shows (CM-05):
    the side and the party's name, and the registered organisation where its name differs. An
    insurer or co-op party is always linked to its organisation (DP-02), so a member's declared
    interest in that organisation is matched here whatever name the application used."""
    keys: dict[str, str] = {}
    for cp in case.parties.select_related("party__organization", "agent__organization"):
        for party, who in ((cp.party, cp.get_side_display()), (cp.agent, f"{cp.get_side_display()}の代理人")):
            if party is None:
                continue
            label = f"{who} {party.name}"
            keys |= dict.fromkeys(party.interest_keys, label)
            if party.organization is not None and party.organization.name != party.name:
                keys[party.organization.interest_key] = f"{label}＝{party.organization.name}"
    return keys


def member_infos(members: Any = None) -> list[panel_rules.MemberInfo]:
    """Members as the rules see them today: serving from their commission date (CM-02), with the
    interests not withdrawn (CM-05) and open caseload (for balancing)."""
    on = today()
    qs = CommitteeMember.objects.all() if members is None else members
    rows = list(
        qs.with_serving(on).annotate(
            open_cases=Count("seats", filter=Q(seats__case__state__in=[s.value for s in OPEN_STATES]))
        )
    )
    interests: dict[int, set[str]] = {}
    for decl in InterestDeclaration.objects.in_effect(on).filter(member__in=[m.pk for m in rows]):
        interests.setdefault(decl.member_id, set()).add(decl.key)
    return [
        panel_rules.MemberInfo(
            id=m.pk,
            name=m.name,
            qualification=m.qualification,
            office=m.office,
            interests=frozenset(interests.get(m.pk, ())),
            open_cases=m.open_cases,
            active=m.serving,
        )
        for m in rows
    ]


def panel_suggest(*, case_id: int, limit: int = 3) -> list[panel_rules.PanelProposal]:
    """Valid panels for the case (DP-11), preferring its office and the least-loaded members."""
    try:
        case = Case.objects.get(pk=case_id)
    except Case.DoesNotExist as exc:
        raise NotFound(f"事案 {case_id} は見つかりません") from exc
    pool = member_infos(CommitteeMember.objects.serving(today()))
    return panel_rules.suggest_panels(pool, party_keys(case), case.office, limit=limit)


def panel_appoint(
    *, actor: Actor, case_id: int, version: int, member_ids: list[int], chief_id: int | None
) -> Case:
    """The chair names ≥3 members incl. a lawyer, none conflicted, one chief (DP-11, 法23-7第2-3項)."""
    guards.chair(actor)
    ids, members = _members_named(member_ids)

    def guard(case: Case) -> None:
        panel_rules.check_panel([members[i] for i in ids], chief_id, party_keys(case))

    def apply(case: Case) -> list[str]:
        panel = Panel.objects.create(
            case=case,
            appointed_on=today(),
            appointed_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        _seat(panel, case, ids, chief_id)
        return []

    return case_step(
        actor=actor,
        case_id=case_id,
        version=version,
        action=Action.APPOINT_PANEL,
        guard=guard,
        apply=apply,
        description=f"紛争処理委員会を指名: {_names(ids, members, chief_id)}（法第23条の7）",
        event_type=AuditEvent.Type.PANEL_APPOINTED,
        members=ids,
        chief=chief_id,
    )


def _seat(panel: Panel, case: Case, ids: list[int], chief_id: int | None) -> None:
    PanelSeat.objects.bulk_create(
        PanelSeat(panel=panel, case=case, member_id=i, is_chief=(i == chief_id)) for i in ids
    )


def _members_named(member_ids: list[int]) -> tuple[list[int], dict[int, panel_rules.MemberInfo]]:
    ids = list(dict.fromkeys(int(i) for i in member_ids))
    members = {m.id: m for m in member_infos(CommitteeMember.objects.filter(pk__in=ids))}
    if len(members) < len(ids):
        raise RuleViolation("選ばれた委員が名簿にありません", act("第23条の7第2項", "DP-11"), field="members")
    return ids, members


def _names(ids: list[int], members: dict[int, panel_rules.MemberInfo], chief_id: int | None) -> str:
    return "、".join(members[i].name + ("（主任）" if i == chief_id else "") for i in ids)


def panel_change(
    *, actor: Actor, case_id: int, version: int, member_ids: list[int], chief_id: int | None, reason: str
) -> Case:
    """The chair changes a panel under the rules of its appointment (DP-11, 法23-7第2-3項): ≥3
    members incl. a lawyer, none conflicted, one chief; the reason and both compositions go to the
    ledger, so the earlier panel stays on the record (issue #9 item 3)."""
    guards.chair(actor)
    reason = normalize(reason)
    if not reason:
        raise RuleViolation(
            "構成を変更する理由を記載してください", act("第23条の7第2項", "DP-11"), field="reason"
        )
    ids, members = _members_named(member_ids)
    before: dict[str, str] = {}

    def apply(case: Case) -> list[str]:
        if case.state != CaseState.UNDER_REVIEW:
            raise RuleViolation(
                f"「{case.state_label}」の事案の委員会は変更できません",
                act("第23条の7第2項", "DP-11"),
                field="state",
            )
        panel = _panel_of(case)
        seats = list(panel.seats.select_related("member").order_by("-is_chief", "id"))
        old = {s.member_id: s.is_chief for s in seats}
        if old == {i: i == chief_id for i in ids}:
            raise RuleViolation(
                "委員会の構成が変わっていません", act("第23条の7第2項", "DP-11"), field="members"
            )
        panel_rules.check_panel([members[i] for i in ids], chief_id, party_keys(case))
        before["names"] = "、".join(s.member.name + ("（主任）" if s.is_chief else "") for s in seats)
        # Seats are the current composition; who sat before is in the ledger and the attendance.
        panel.seats.all().delete()
        _seat(panel, case, ids, chief_id)
        return []

    return case_change(
        actor=actor,
        case_id=case_id,
        version=version,
        action="panel_change",
        apply=apply,
        description=lambda: (
            f"紛争処理委員会の構成を変更: {before['names']} → {_names(ids, members, chief_id)}"
            f"（理由: {reason}、法第23条の7）"
        ),
        event_type=AuditEvent.Type.PANEL_APPOINTED,
        notify=False,
        members=ids,
        chief=chief_id,
        reason=reason,
    )


def _panel_of(case: Case) -> Panel:
    try:
        return case.panel
    except Panel.DoesNotExist as exc:
        raise RuleViolation(
            "紛争処理委員会が指名されていません", act("第23条の7第2項", "DP-11"), field="panel"
        ) from exc


def chief_member(
    case: Case, member_id: int | None, what: str, article_ref: str, obligation: str
) -> CommitteeMember:
    """The chief member (主任委員) who decided (DP-13..DP-15): named by whoever records the decision and
    checked against the chief seat of the case's panel, never assumed, so the record says who decided."""
    article = rules(article_ref, obligation)
    panel = _panel_of(case)
    if member_id is None:
        raise RuleViolation(f"{what}をした主任委員を指定してください", article, field="chief_id")
    seat = panel.seats.select_related("member").filter(is_chief=True).first()
    if seat is None or seat.member_id != int(member_id):
        raise RuleViolation(f"{what}は主任委員が行います", article, field="chief_id")
    return seat.member


def chief_named(member_id: int | None) -> str:
    """「主任委員 氏名」 for the ledger line, looked up before the change; the change itself refuses any
    member who does not hold the chief seat, so a line is only written for the real chief."""
    name = CommitteeMember.objects.filter(pk=member_id or 0).values_list("name", flat=True).first()
    return f"主任委員 {name}"


def meeting_schedule(*, actor: Actor, case_id: int, scheduled_for: dt.datetime, place: str) -> Meeting:
    guards.operator(actor)
    place = normalize(place)
    if not place:
        raise RuleViolation("期日の場所がありません", rules("第12条", "DP-11"), field="place")
    holder: dict[str, Meeting] = {}

    def apply(case: Case) -> list[str]:
        _panel_of(case)
        _open_for_meetings(case)
        _on_or_after_receipt(case, scheduled_for)
        holder["m"] = Meeting.objects.create(case=case, scheduled_for=scheduled_for, place=place)
        return []

    case_change(
        actor=actor,
        case_id=case_id,
        version=None,
        action="meeting_schedule",
        apply=apply,
        description=f"期日を指定: {_when(scheduled_for)} {place}",
        event_type=AuditEvent.Type.MEETING,
    )
    return holder["m"]


MEETING_ARTICLE = rules("第12条", "DP-11")


def _when(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _open_for_meetings(case: Case) -> None:
    if case.state != CaseState.UNDER_REVIEW:
        raise RuleViolation(
            f"「{case.state_label}」の事案には期日を指定できません", MEETING_ARTICLE, field="state"
        )


def _on_or_after_receipt(case: Case, moment: dt.datetime) -> None:
    """A meeting cannot be set before the application was received (issue #9 item 3)."""
    if timezone.localdate(moment) < case.received_on:
        raise RuleViolation(
            f"期日は受付日（{case.received_on:%Y-%m-%d}）以後の日に指定してください",
            MEETING_ARTICLE,
            field="scheduled_for",
        )


def _meeting_case(meeting_id: int) -> int:
    try:
        return Meeting.objects.values_list("case_id", flat=True).get(pk=meeting_id)
    except Meeting.DoesNotExist as exc:
        raise NotFound(f"期日 {meeting_id} は見つかりません") from exc


def _pending_meeting(meeting_id: int, what: str) -> Meeting:
    """The meeting, locked, if it may still be moved, cancelled or recorded."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if meeting.cancelled_at is not None:
        raise RuleViolation(f"取り消された期日は{what}できません", MEETING_ARTICLE, field="meeting")
    if meeting.recorded_at is not None:
        raise RuleViolation(
            f"調書を作成した期日は{what}できません", rules("第20条", "DP-20"), field="meeting"
        )
    return meeting


def meeting_move(
    *, actor: Actor, meeting_id: int, scheduled_for: dt.datetime, place: str = "", reason: str
) -> Meeting:
    """期日の変更 with its reason: the ledger keeps the old and the new date (issue #9 item 3)."""
    guards.operator(actor)
    place, reason = normalize(place), normalize(reason)
    if not reason:
        raise RuleViolation("期日を変更する理由を記載してください", MEETING_ARTICLE, field="reason")
    case_id = _meeting_case(meeting_id)
    holder: dict[str, Meeting] = {}
    line: list[str] = []

    def apply(case: Case) -> list[str]:
        _open_for_meetings(case)
        meeting = _pending_meeting(meeting_id, "変更")
        _on_or_after_receipt(case, scheduled_for)
        new_place = place or meeting.place
        if scheduled_for == meeting.scheduled_for and new_place == meeting.place:
            raise RuleViolation(
                "変更後の日時・場所が変更前と同じです", MEETING_ARTICLE, field="scheduled_for"
            )
        line.append(
            f"期日を変更: {_when(meeting.scheduled_for)} {meeting.place} → {_when(scheduled_for)} {new_place}"
            f"（理由: {reason}）"
        )
        meeting.scheduled_for, meeting.place = scheduled_for, new_place
        meeting.save(update_fields=["scheduled_for", "place"])
        holder["m"] = meeting
        return []

    case_change(
        actor=actor,
        case_id=case_id,
        version=None,
        action="meeting_move",
        apply=apply,
        description=lambda: line[0],
        event_type=AuditEvent.Type.MEETING,
        meeting=meeting_id,
        reason=reason,
    )
    return holder["m"]


def meeting_cancel(*, actor: Actor, meeting_id: int, reason: str) -> Meeting:
    """期日の取消 with its reason; the meeting stays on the record, marked cancelled."""
    guards.operator(actor)
    reason = normalize(reason)
    if not reason:
        raise RuleViolation("期日を取り消す理由を記載してください", MEETING_ARTICLE, field="reason")
    case_id = _meeting_case(meeting_id)
    holder: dict[str, Meeting] = {}

    def apply(case: Case) -> list[str]:
        meeting = _pending_meeting(meeting_id, "取消")
        meeting.cancelled_at, meeting.cancel_reason = clock.now(), reason
        meeting.save(update_fields=["cancelled_at", "cancel_reason"])
        holder["m"] = meeting
        return []

    case_change(
        actor=actor,
        case_id=case_id,
        version=None,
        action="meeting_cancel",
        apply=apply,
        description=lambda: (
            f"期日を取消: {_when(holder['m'].scheduled_for)} {holder['m'].place}（理由: {reason}）"
        ),
        event_type=AuditEvent.Type.MEETING,
        meeting=meeting_id,
        reason=reason,
    )
    return holder["m"]


def meeting_record(*, actor: Actor, meeting_id: int, present_member_ids: list[int], minutes: str) -> Meeting:
    """期日調書 (DP-20) — only with a majority of the panel present (DP-11, 規程12条)."""
    guards.operator(actor)
    case_id = _meeting_case(meeting_id)
    present = {int(i) for i in present_member_ids}
    minutes = normalize(minutes)
    holder: dict[str, Meeting] = {}

    def apply(case: Case) -> list[str]:
        meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
        if meeting.recorded_at is not None:
            raise RuleViolation("この期日の調書は作成済みです", rules("第12条", "DP-20"), field="meeting")
        if meeting.cancelled_at is not None:
            raise RuleViolation("取り消された期日の調書は作成できません", MEETING_ARTICLE, field="meeting")
        if timezone.localdate(meeting.scheduled_for) > today():
            # The record of a meeting that has not sat yet cannot be true (issue #9 item 3).
            raise RuleViolation(
                f"期日（{_when(meeting.scheduled_for)}）より前に調書は作成できません",
                rules("第20条", "DP-20"),
                field="minutes",
            )
        seats = list(_panel_of(case).seats.values_list("member_id", flat=True))
        stray = present - set(seats)
        if stray:
            raise RuleViolation(
                f"委員会の構成員でない者が出席者に含まれています（委員ID {sorted(stray)}）",
                rules("第12条", "DP-11"),
                field="present",
            )
        panel_rules.check_quorum(len(present), len(seats))
        if not minutes:
            raise RuleViolation("期日調書の内容がありません", rules("第20条", "DP-20"), field="minutes")
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, member_id=m, present=m in present) for m in seats
        )
        meeting.minutes, meeting.recorded_at = minutes, clock.now()
        meeting.save(update_fields=["minutes", "recorded_at"])
        holder["m"] = meeting
        return []

    case_change(
        actor=actor,
        case_id=case_id,
        version=None,
        action="meeting_record",
        apply=apply,
        description=f"期日調書を作成（出席 {len(present)} 名、規程第12条）",
        event_type=AuditEvent.Type.MEETING,
        meeting=meeting_id,
    )
    return holder["m"]


def observer_permit(
    *, actor: Actor, case_id: int, name: str, reason: str, chief_id: int | None = None
) -> Observer:
    """傍聴 — proceedings are closed; only the chief member may permit an observer (DP-15)."""
    guards.operator(actor)
    name, reason = normalize(name), normalize(reason)
    if not name or not reason:
        raise RuleViolation("傍聴人の氏名と理由が必要です", rules("第15条第6項", "DP-15"), field="name")
    holder: dict[str, Observer] = {}

    def apply(case: Case) -> list[str]:
        chief = chief_member(case, chief_id, "傍聴の許可", "第15条第6項", "DP-15")
        holder["o"] = Observer.objects.create(
            case=case, name=name, reason=reason, permitted_on=today(), permitted_by=chief
        )
        return []

    case_change(
        actor=actor,
        case_id=case_id,
        version=None,
        action="observer",
        apply=apply,
        description=f"傍聴を許可: {name}（{chief_named(chief_id)}の許可、法第23条の13、規程第15条第6項）",
        chief=chief_id,
    )
    return holder["o"]
