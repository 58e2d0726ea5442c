"""What the roster services share: counts (CM-01), the confirmation a breaking change needs, lookups."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db.models import Count
from django.utils import timezone

from chotei.accounts.models import Role
from chotei.accounts.permissions import Actor, require_role
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.committee.models import Appointment, BoardMeeting, CommitteeMember
from chotei.disputes.services.core import NotFound
from chotei.rules import offices
from chotei.rules.roster import RosterCounts, check_roster, check_roster_change, counts_after


class RosterNotFound(NotFound):
    """No such member, appointment, declaration or board meeting (HTTP 404)."""


class RosterConfirmationNeeded(Exception):
    """CM-01: the change would take the roster below a minimum of 令第17条; nothing was saved.

    The desk shows ``before`` → ``after`` and the warnings, and saves only when asked again with
    ``confirm_roster=True``."""

    def __init__(self, before: RosterCounts, after: RosterCounts, warnings: list[str]) -> None:
        self.before, self.after, self.warnings = before, after, warnings
        super().__init__("；".join(warnings))


@dataclasses.dataclass(frozen=True)
class AppointmentOutcome:
    """The request as filed, with the CM-01 warnings the filer confirmed."""

    appointment: Appointment
    warnings: list[str]


@dataclasses.dataclass(frozen=True)
class UnratifiedAppointment:
    """CM-04: an emergency appointment still to be ratified; ``missed`` is the date of the first
    board meeting after the commission when it has passed without ratifying it."""

    appointment: Appointment
    missed: dt.date | None


def today() -> dt.date:
    return timezone.localdate()


def roster_counts(on: dt.date | None = None) -> RosterCounts:
    """CM-01: members serving on ``on`` (today by default), in all and per office."""
    by_office = dict(
        CommitteeMember.objects.serving(on or today())
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


def confirm_departure(member: CommitteeMember, *, confirm_roster: bool) -> list[str]:
    """CM-01: the warnings of ``member`` leaving office; unconfirmed warnings stop the change."""
    before = roster_counts()
    serving = CommitteeMember.objects.serving(today()).filter(pk=member.pk).exists()
    after = counts_after(before, member.office, -1) if serving else before
    warnings = check_roster_change(before, after)
    if warnings and not confirm_roster:
        raise RosterConfirmationNeeded(before, after, warnings)
    return warnings


def roster_actor(actor: Actor, *roles: str) -> None:
    """CM-02: the board chooses and the chair commissions; the secretariat files on their behalf.
    ``actor`` None is the system itself (the command line)."""
    if actor is not None:
        require_role(actor, *(roles or (Role.CHAIR, Role.SECRETARIAT)))


def member_get(member_id: int, *, lock: bool = False) -> CommitteeMember:
    qs = CommitteeMember.objects.select_for_update() if lock else CommitteeMember.objects.all()
    try:
        return qs.get(pk=member_id)
    except CommitteeMember.DoesNotExist as exc:
        raise RosterNotFound(f"紛争処理委員 {member_id} は見つかりません") from exc


def appointment_get(appointment_id: int) -> Appointment:
    try:
        return Appointment.objects.select_for_update().select_related("member").get(pk=appointment_id)
    except Appointment.DoesNotExist as exc:
        raise RosterNotFound(f"任命・解任 {appointment_id} は見つかりません") from exc


def meeting_get(meeting_id: int) -> BoardMeeting:
    try:
        return BoardMeeting.objects.get(pk=meeting_id)
    except BoardMeeting.DoesNotExist as exc:
        raise RosterNotFound(f"理事会 {meeting_id} は見つかりません") from exc


def roster_audit(*, actor: Actor, action: str, description: str, **payload: Any) -> None:
    """One ROSTER audit event, its Japanese description first (DP-22)."""
    audit_record(
        event_type=AuditEvent.Type.ROSTER, actor=actor, action=action, description=description, **payload
    )
