"""The roster of committee members (紛争処理委員): appointments, dismissals and interests (CM-01..CM-05).

Every change is written with its audit event (AuditEvent.Type.ROSTER) in one transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet

from chotei.accounts.models import Role
from chotei.accounts.permissions import require_role, role_of
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.committee.models import Appointment, CommitteeMember, InterestDeclaration
from chotei.parties.models import Organization, Party
from chotei.rules import offices, panel
from chotei.rules.application import normalize
from chotei.rules.articles import Article, act, charter, ordinance, rules
from chotei.rules.errors import MissingItems, RuleViolation
from chotei.rules.roster import RosterCounts, check_roster, check_roster_change

APPROVAL_ARTICLE: Article = act("第23条の8第1項", "CM-03")
EMERGENCY_ARTICLE: Article = charter("第31条第2項", "CM-04")
INTEREST_ARTICLE: Article = act("第23条の7第2項", "CM-05")


class RosterNotFound(Exception):
    """No such member or appointment (HTTP 404)."""


@dataclasses.dataclass(frozen=True)
class AppointmentOutcome:
    """The request as filed, with the CM-01 warnings the desk shows before it goes to the regulators."""

    appointment: Appointment
    warnings: list[str]


def roster_counts() -> RosterCounts:
    """CM-01: members in office, in all and per office."""
    by_office = dict(
        CommitteeMember.objects.filter(active=True)
        .order_by()
        .values("office")
        .annotate(n=Count("id"))
        .values_list("office", "n")
    )
    main, branch = by_office.get(offices.MAIN, 0), by_office.get(offices.BRANCH, 0)
    return RosterCounts(total=main + branch, main=main, branch=branch)


def roster_problems() -> list[str]:
    """CM-01 (令第17条, 規程第8条第1項): what the roster lacks now; empty when lawful."""
    return check_roster(roster_counts())


def _counts_after(counts: RosterCounts, office: str, delta: int) -> RosterCounts:
    return RosterCounts(
        total=counts.total + delta,
        main=counts.main + (delta if office == offices.MAIN else 0),
        branch=counts.branch + (delta if office == offices.BRANCH else 0),
    )


def _roster_actor(actor: Any) -> None:
    """CM-02: the board chooses and the chair commissions; the secretariat files on their behalf."""
    if actor is not None:
        require_role(actor, Role.CHAIR, Role.SECRETARIAT)


def _member(member_id: int, *, lock: bool = False) -> CommitteeMember:
    qs = CommitteeMember.objects.select_for_update() if lock else CommitteeMember.objects
    try:
        return qs.get(pk=member_id)
    except CommitteeMember.DoesNotExist as exc:
        raise RosterNotFound(f"紛争処理委員 {member_id} は見つかりません") from exc


def _appointment(appointment_id: int) -> Appointment:
    try:
        return Appointment.objects.select_for_update().select_related("member").get(pk=appointment_id)
    except Appointment.DoesNotExist as exc:
        raise RosterNotFound(f"任命・解任 {appointment_id} は見つかりません") from exc


def _o18(item: int) -> Article:
    return ordinance(f"第18条第{item}号", "CM-03")


def appointment_request(
    *,
    actor: Any,
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
) -> AppointmentOutcome:
    """File an appointment (an existing or a new person) or a dismissal for the regulators' approval.

    CM-03 (法第23条の8, 令第18条): the request states name and career, the date and the reason.
    CM-01: a dismissal that takes the roster below its minimums comes back with warnings.
    CM-04 (定款第31条第2項): in an emergency the chair appoints and commissions at once; the first
    board meeting after must ratify it (``appointment_ratify``).
    """
    _roster_actor(actor)
    if emergency and actor is not None:
        require_role(actor, Role.CHAIR)
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
        member = _member(int(member_id), lock=True) if member_id is not None else None
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
        if member is not None:
            if kind == Appointment.Kind.APPOINT and member.active:
                raise RuleViolation(f"{member.name}は既に委嘱中です", APPROVAL_ARTICLE, field="member")
            if kind == Appointment.Kind.DISMISS and not member.active:
                raise RuleViolation(f"{member.name}は委嘱中ではありません", APPROVAL_ARTICLE, field="member")
            if member.appointments.filter(approval=Appointment.Approval.PENDING).exists():
                raise RuleViolation(
                    f"{member.name}には認可申請中の任命・解任があります", APPROVAL_ARTICLE, field="member"
                )
        else:
            member = CommitteeMember.objects.create(
                name=name, name_kana=name_kana, office=office, qualification=qualification, active=False
            )
        if career and career != member.career:
            member.career = career
            member.save(update_fields=["career"])
        warnings = (
            check_roster_change(before := roster_counts(), _counts_after(before, member.office, -1))
            if kind == Appointment.Kind.DISMISS
            else []
        )
        appointment = Appointment.objects.create(
            member=member,
            kind=kind,
            effective_on=effective_on,
            reason=reason,
            career=member.career,
            emergency=emergency,
        )
        if emergency:
            # CM-04: the chair's emergency appointment takes effect on commissioning.
            member.active, member.commissioned_on = True, effective_on
            member.save(update_fields=["active", "commissioned_on"])
        audit_record(
            event_type=AuditEvent.Type.ROSTER,
            actor=actor,
            action="appointment_request",
            appointment=appointment.pk,
            member=member.pk,
            kind=kind,
            emergency=emergency,
            warnings=warnings,
        )
    return AppointmentOutcome(appointment, warnings)


def appointment_approve(*, actor: Any, appointment_id: int, approved_on: dt.date) -> Appointment:
    """CM-03: the regulators approved; only now does an appointment commission the member (CM-02)
    or a dismissal end the member's term."""
    _roster_actor(actor)
    with transaction.atomic():
        appointment = _appointment(appointment_id)
        if appointment.approval != Appointment.Approval.PENDING:
            raise RuleViolation(
                f"この{appointment.get_kind_display()}は{appointment.get_approval_display()}です",
                APPROVAL_ARTICLE,
                field="approval",
            )
        member = _member(appointment.member_id, lock=True)
        before = roster_counts()
        if appointment.kind == Appointment.Kind.APPOINT:
            if not member.active:
                member.active = True
                member.commissioned_on = max(appointment.effective_on, approved_on)
        else:
            member.active = False
        member.save(update_fields=["active", "commissioned_on"])
        appointment.approval, appointment.approved_on = Appointment.Approval.APPROVED, approved_on
        appointment.save(update_fields=["approval", "approved_on"])
        audit_record(
            event_type=AuditEvent.Type.ROSTER,
            actor=actor,
            action="appointment_approve",
            appointment=appointment.pk,
            member=member.pk,
            approved_on=approved_on.isoformat(),
            warnings=check_roster_change(before, roster_counts()),
        )
    return appointment


def appointment_reject(*, actor: Any, appointment_id: int, rejected_on: dt.date) -> Appointment:
    """CM-03: the regulators refused; an emergency appointee (CM-04) leaves office."""
    _roster_actor(actor)
    with transaction.atomic():
        appointment = _appointment(appointment_id)
        if appointment.approval != Appointment.Approval.PENDING:
            raise RuleViolation("認可申請中ではありません", APPROVAL_ARTICLE, field="approval")
        if appointment.emergency:
            member = _member(appointment.member_id, lock=True)
            member.active = False
            member.save(update_fields=["active"])
        appointment.approval = Appointment.Approval.REJECTED
        appointment.save(update_fields=["approval"])
        audit_record(
            event_type=AuditEvent.Type.ROSTER,
            actor=actor,
            action="appointment_reject",
            appointment=appointment.pk,
            member=appointment.member_id,
            rejected_on=rejected_on.isoformat(),
        )
    return appointment


def appointment_ratify(*, actor: Any, appointment_id: int, ratified_on: dt.date) -> Appointment:
    """CM-04 (定款第31条第2項但書): the first board meeting after an emergency appointment ratifies it."""
    _roster_actor(actor)
    with transaction.atomic():
        appointment = _appointment(appointment_id)
        if not appointment.emergency:
            raise RuleViolation(
                "理事会の追認を要するのは緊急の選任のみです", EMERGENCY_ARTICLE, field="emergency"
            )
        if appointment.ratified_on is not None:
            raise RuleViolation("この選任は追認済みです", EMERGENCY_ARTICLE, field="ratified_on")
        if ratified_on < appointment.effective_on:
            raise RuleViolation("追認は委嘱の後の理事会で行います", EMERGENCY_ARTICLE, field="ratified_on")
        appointment.ratified_on = ratified_on
        appointment.save(update_fields=["ratified_on"])
        audit_record(
            event_type=AuditEvent.Type.ROSTER,
            actor=actor,
            action="appointment_ratify",
            appointment=appointment.pk,
            member=appointment.member_id,
            ratified_on=ratified_on.isoformat(),
        )
    return appointment


def unratified_appointments() -> QuerySet[Appointment]:
    """CM-04: emergency appointments the next board meeting still has to ratify."""
    return (
        Appointment.objects.filter(emergency=True, ratified_on__isnull=True)
        .exclude(approval=Appointment.Approval.REJECTED)
        .select_related("member")
        .order_by("effective_on", "id")
    )


def interest_declare(
    *,
    actor: Any,
    member_id: int,
    kind: str,
    description: str,
    declared_on: dt.date,
    organization_id: int | None = None,
    party_id: int | None = None,
) -> InterestDeclaration:
    """CM-05 (法第23条の7第2項): a member's interest in an organization or a party, read by the DP-11
    panel check. Filed by the secretariat or the chair, or by the member for themself."""
    if actor is not None and role_of(actor) == Role.MEMBER:
        if actor.profile.member_id != int(member_id):
            require_role(actor, Role.CHAIR, Role.SECRETARIAT)
    else:
        _roster_actor(actor)
    description = normalize(description)
    if kind not in InterestDeclaration.Kind.values:
        raise RuleViolation("利害関係の種別を選んでください", INTEREST_ARTICLE, field="kind")
    if (organization_id is None) == (party_id is None):
        raise RuleViolation(
            "利害関係のある組織又は当事者のいずれか一方を選んでください",
            INTEREST_ARTICLE,
            field="organization",
        )
    if not description:
        raise RuleViolation("利害関係の内容がありません", INTEREST_ARTICLE, field="description")
    if organization_id is not None and not Organization.objects.filter(pk=organization_id).exists():
        raise RosterNotFound(f"組織 {organization_id} は見つかりません")
    if party_id is not None and not Party.objects.filter(pk=party_id).exists():
        raise RosterNotFound(f"当事者 {party_id} は見つかりません")
    with transaction.atomic():
        member = _member(int(member_id))
        declaration = InterestDeclaration.objects.create(
            member=member,
            kind=kind,
            organization_id=organization_id,
            party_id=party_id,
            description=description,
            declared_on=declared_on,
        )
        audit_record(
            event_type=AuditEvent.Type.ROSTER,
            actor=actor,
            action="interest_declare",
            member=member.pk,
            declaration=declaration.pk,
            key=declaration.key,
        )
    return declaration
