"""任命・解任 (CM-02..CM-04): chosen by the board, approved by the regulators, commissioned by the chair;
in an emergency appointed by the chair and ratified at the board's next meeting."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from chotei.accounts.models import Role
from chotei.accounts.permissions import Actor
from chotei.committee.models import Appointment, BoardMeeting, CommitteeMember
from chotei.committee.services.roster import (
    AppointmentOutcome,
    UnratifiedAppointment,
    appointment_get,
    confirm_departure,
    meeting_get,
    member_get,
    roster_actor,
    roster_audit,
    today,
)
from chotei.rules import offices, panel
from chotei.rules.application import normalize
from chotei.rules.articles import Article, act, charter, ordinance, rules
from chotei.rules.errors import MissingItems, RuleViolation
from chotei.rules.roster import check_ratification, ratification_overdue
from chotei.rules.wareki import to_wareki

APPROVAL_ARTICLE: Article = act("第23条の8第1項", "CM-03")
BOARD_CHOICE_ARTICLE: Article = rules("第8条第2項", "CM-02")
EMERGENCY_ARTICLE: Article = charter("第31条第2項", "CM-04")


def _o18(item: int) -> Article:
    return ordinance(f"第18条第{item}号", "CM-03")


def _subject(appointment: Appointment) -> str:
    emergency = "緊急の" if appointment.emergency else ""
    return f"{appointment.member.name}の{emergency}{appointment.get_kind_display()}"


def _resolution(board_meeting_id: int | None, emergency: bool) -> BoardMeeting | None:
    """CM-02 (規程第8条第2項, 定款第31条第1項第4号): the board's resolution, except in an emergency."""
    if emergency:
        if board_meeting_id is not None:
            raise RuleViolation(
                "緊急の選任は理事長が行い、理事会は委嘱後に追認します",
                EMERGENCY_ARTICLE,
                field="board_meeting",
            )
        return None
    if board_meeting_id is None:
        raise RuleViolation(
            "選任・解任を決議した理事会を選んでください", BOARD_CHOICE_ARTICLE, field="board_meeting"
        )
    return meeting_get(int(board_meeting_id))


def _pending(appointment_id: int) -> Appointment:
    """CM-03: the appointment, locked, while the regulators' answer is still open."""
    appointment = appointment_get(appointment_id)
    if appointment.approval != Appointment.Approval.PENDING:
        raise RuleViolation(
            f"この{appointment.get_kind_display()}は{appointment.get_approval_display()}です",
            APPROVAL_ARTICLE,
            field="approval",
        )
    return appointment


def _leave_office(member: CommitteeMember, confirm_roster: bool) -> list[str]:
    """The member leaves office once any CM-01 warnings are confirmed; the caller saves."""
    warnings = confirm_departure(member, confirm_roster=confirm_roster)
    member.active = False
    return warnings


def appointment_request(
    *,
    actor: Actor,
    kind: str,
    effective_on: dt.date | None,
    reason: str,
    career: str = "",
    member_id: int | None = None,
    name: str = "",
    name_kana: str = "",
    office: str = "",
    qualification: str = "",
    emergency: bool = False,
    board_meeting_id: int | None = None,
    confirm_roster: bool = False,
) -> AppointmentOutcome:
    """File the board's appointment (an existing or a new person) or dismissal for the regulators'
    approval.

    CM-02: the resolving board meeting is recorded. CM-03 (法第23条の8, 令第18条): the request states
    name and career, the date and the reason. CM-01: a dismissal that would take the roster below
    its minimums needs ``confirm_roster``. CM-04 (定款第31条第2項): in an emergency the chair appoints
    and commissions at once; the first board meeting after must ratify it (``appointment_ratify``).
    """
    roster_actor(actor, *([Role.CHAIR] if emergency else []))
    if kind not in Appointment.Kind.values:
        raise RuleViolation("種別は任命又は解任です", APPROVAL_ARTICLE, field="kind")
    if emergency and kind != Appointment.Kind.APPOINT:
        raise RuleViolation(
            "緊急の選任は新たな紛争処理委員の選任に限られます", EMERGENCY_ARTICLE, field="emergency"
        )
    reason, career, name, name_kana = (normalize(t) for t in (reason, career, name, name_kana))
    new_person = member_id is None
    if new_person and kind == Appointment.Kind.DISMISS:
        raise RuleViolation("解任する紛争処理委員を選んでください", APPROVAL_ARTICLE, field="member")
    if new_person and (office not in offices.OFFICE_SHORT or qualification not in panel.QUALIFICATION_LABELS):
        raise RuleViolation(
            "配置する事務所と資格を選んでください", rules("第8条第1項", "CM-01"), field="office"
        )

    with transaction.atomic():
        member = member_get(int(member_id), lock=True) if member_id is not None else None
        missing = [
            item
            for item, value in (
                (("name", "選任し、又は解任しようとする者の氏名", _o18(1)), member.name if member else name),
                (("career", "略歴", _o18(1)), career or (member.career if member else "")),
                (("effective_on", "選任し、又は解任しようとする年月日", _o18(2)), effective_on),
                (("reason", "選任又は解任の理由", _o18(3)), reason),
            )
            if not value
        ]
        if missing or effective_on is None:
            raise MissingItems(missing)
        meeting = _resolution(board_meeting_id, emergency)
        warnings: list[str] = []
        if member is not None:
            if kind == Appointment.Kind.APPOINT and member.active:
                raise RuleViolation(f"{member.name}は既に委嘱中です", APPROVAL_ARTICLE, field="member")
            if kind == Appointment.Kind.DISMISS and not member.active:
                raise RuleViolation(f"{member.name}は委嘱中ではありません", APPROVAL_ARTICLE, field="member")
            if member.appointments.filter(approval=Appointment.Approval.PENDING).exists():
                raise RuleViolation(
                    f"{member.name}には認可申請中の任命・解任があります", APPROVAL_ARTICLE, field="member"
                )
            if kind == Appointment.Kind.DISMISS:
                warnings = confirm_departure(member, confirm_roster=confirm_roster)
        else:
            member = CommitteeMember.objects.create(
                name=name, name_kana=name_kana, office=office, qualification=qualification, active=False
            )
        if career and career != member.career:
            member.career = career
            member.save(update_fields=["career"])
        appointment = Appointment.objects.create(
            member=member,
            kind=kind,
            effective_on=effective_on,
            reason=reason,
            career=member.career,
            emergency=emergency,
            resolved_by=meeting,
            commissioned_on=effective_on if emergency else None,
        )
        if emergency:
            # CM-04: the chair's emergency appointment takes effect on commissioning.
            member.active, member.commissioned_on = True, effective_on
            member.save(update_fields=["active", "commissioned_on"])
        resolved = f"、{to_wareki(meeting.held_on)}の{meeting.name}の決議" if meeting else ""
        roster_audit(
            actor=actor,
            action="appointment_request",
            description=(
                f"{_subject(appointment)}"
                + ("（委嘱）" if emergency else "について行政庁の認可を申請")
                + f"（{to_wareki(effective_on)}付{resolved}、理由: {reason}）"
            ),
            appointment=appointment.pk,
            member=member.pk,
            kind=kind,
            emergency=emergency,
            board_meeting=meeting.pk if meeting else None,
            warnings=warnings,
        )
    return AppointmentOutcome(appointment, warnings)


def appointment_approve(
    *,
    actor: Actor,
    appointment_id: int,
    approved_on: dt.date | None,
    commissioned_on: dt.date | None = None,
    confirm_roster: bool = False,
) -> Appointment:
    """CM-03: the regulators approved. An appointment takes effect on its commission date (CM-02) —
    by default the requested date, never before the approval — and a dismissal ends the term now;
    one that breaks the roster minimums needs ``confirm_roster`` (CM-01)."""
    roster_actor(actor, Role.CHAIR)
    if approved_on is None:
        raise RuleViolation("認可の日がありません", APPROVAL_ARTICLE, field="approved_on")
    with transaction.atomic():
        appointment = _pending(appointment_id)
        meeting = appointment.resolved_by
        if meeting is not None and approved_on < meeting.held_on:
            raise RuleViolation(
                f"認可の日が選任を決議した理事会（{to_wareki(meeting.held_on)}）より前です",
                APPROVAL_ARTICLE,
                field="approved_on",
            )
        member = member_get(appointment.member_id, lock=True)
        warnings: list[str] = []
        if appointment.kind == Appointment.Kind.APPOINT:
            if appointment.emergency:
                commissioned_on = appointment.commissioned_on
            else:
                commissioned_on = commissioned_on or max(appointment.effective_on, approved_on)
                if commissioned_on < approved_on:
                    raise RuleViolation(
                        f"委嘱日は認可の日（{to_wareki(approved_on)}）以後です",
                        APPROVAL_ARTICLE,
                        field="commissioned_on",
                    )
                member.active, member.commissioned_on = True, commissioned_on
                appointment.commissioned_on = commissioned_on
            if commissioned_on is None:  # set at request for emergencies
                raise RuntimeError("緊急の選任に委嘱日が記録されていません")
            effect = f"、{to_wareki(commissioned_on)}委嘱"
        else:
            warnings = _leave_office(member, confirm_roster)
            effect = "、退任"
        member.save(update_fields=["active", "commissioned_on"])
        appointment.approval, appointment.approved_on = Appointment.Approval.APPROVED, approved_on
        appointment.save(update_fields=["approval", "approved_on", "commissioned_on"])
        roster_audit(
            actor=actor,
            action="appointment_approve",
            description=f"{_subject(appointment)}について行政庁の認可（{to_wareki(approved_on)}{effect}）を記録",
            appointment=appointment.pk,
            member=member.pk,
            approved_on=approved_on.isoformat(),
            commissioned_on=appointment.commissioned_on.isoformat() if appointment.commissioned_on else None,
            warnings=warnings,
        )
    return appointment


def appointment_reject(
    *, actor: Actor, appointment_id: int, rejected_on: dt.date | None, confirm_roster: bool = False
) -> Appointment:
    """CM-03: the regulators refused; an emergency appointee (CM-04) leaves office, which may need
    ``confirm_roster`` (CM-01)."""
    roster_actor(actor, Role.CHAIR)
    if rejected_on is None:
        raise RuleViolation("不認可の日がありません", APPROVAL_ARTICLE, field="rejected_on")
    with transaction.atomic():
        appointment = _pending(appointment_id)
        warnings: list[str] = []
        if appointment.emergency:
            member = member_get(appointment.member_id, lock=True)
            warnings = _leave_office(member, confirm_roster)
            member.save(update_fields=["active"])
        appointment.approval = Appointment.Approval.REJECTED
        appointment.save(update_fields=["approval"])
        roster_audit(
            actor=actor,
            action="appointment_reject",
            description=f"{_subject(appointment)}について行政庁の不認可（{to_wareki(rejected_on)}）を記録",
            appointment=appointment.pk,
            member=appointment.member_id,
            rejected_on=rejected_on.isoformat(),
            warnings=warnings,
        )
    return appointment


def appointment_ratify(*, actor: Actor, appointment_id: int, meeting_id: int | None) -> Appointment:
    """CM-04 (定款第31条第2項但書): the first board meeting after an emergency commission ratifies it;
    a later meeting cannot."""
    roster_actor(actor)
    if meeting_id is None:
        raise RuleViolation("追認した理事会を選んでください", EMERGENCY_ARTICLE, field="meeting")
    with transaction.atomic():
        appointment = appointment_get(appointment_id)
        meeting = meeting_get(meeting_id)
        if not appointment.emergency:
            raise RuleViolation(
                "理事会の追認を要するのは緊急の選任のみです", EMERGENCY_ARTICLE, field="emergency"
            )
        if appointment.ratified_by_id is not None:
            raise RuleViolation("この選任は追認済みです", EMERGENCY_ARTICLE, field="meeting")
        if appointment.approval == Appointment.Approval.REJECTED:
            raise RuleViolation(
                "行政庁が認可しなかった選任は追認できません", EMERGENCY_ARTICLE, field="meeting"
            )
        if appointment.commissioned_on is None:  # set at request for emergencies
            raise RuntimeError("緊急の選任に委嘱日が記録されていません")
        held = BoardMeeting.objects.values_list("held_on", flat=True)
        check_ratification(appointment.commissioned_on, meeting.held_on, held)
        appointment.ratified_by = meeting
        appointment.save(update_fields=["ratified_by"])
        roster_audit(
            actor=actor,
            action="appointment_ratify",
            description=f"{_subject(appointment)}について{to_wareki(meeting.held_on)}の{meeting.name}の追認を記録",
            appointment=appointment.pk,
            member=appointment.member_id,
            board_meeting=meeting.pk,
        )
    return appointment


def unratified_appointments(on: dt.date | None = None) -> list[UnratifiedAppointment]:
    """CM-04: emergency appointments still to be ratified, each flagged when the first board
    meeting after its commission has passed without ratifying it."""
    held = list(BoardMeeting.objects.values_list("held_on", flat=True))
    pending = (
        Appointment.objects.filter(emergency=True, ratified_by__isnull=True)
        .exclude(approval=Appointment.Approval.REJECTED)
        .select_related("member")
        .order_by("effective_on", "id")
    )
    return [
        UnratifiedAppointment(
            a, ratification_overdue(a.commissioned_on or a.effective_on, held, on or today())
        )
        for a in pending
    ]
