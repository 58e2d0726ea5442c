"""The one way a case changes: lock, check version, check the rule, apply, ledger, audit — atomically.

Every state change writes the case, its ledger line (DP-21), its audit event (DP-22) and the notices
the step calls for (queued, rules.step_notices) in one transaction, or nothing (issue #2, "a failure
half-way leaves no partial case"; issue #6, "notices are queued with their step").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from chotei import clock
from chotei.accounts.permissions import Actor
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.models import Case, LedgerLine
from chotei.disputes.services.notify import step_notices_queue
from chotei.documents.files import removed_on_error
from chotei.rules import calendar
from chotei.rules.states import FINAL_STATES, STEP_TARGET_BUSINESS_DAYS, Action, CaseState, transition


class Conflict(Exception):
    """Someone saved the case since this form was loaded (HTTP 409); nothing was written."""

    def __init__(self, case: Case, version: int) -> None:
        self.case = case
        super().__init__(
            f"事案 {case.number} は他の職員が更新しました（版 {version} → {case.version}）。"
            "画面を読み込み直してから操作してください"
        )


class NotFound(Exception):
    """No such case, or not one this user may see (HTTP 404). ``case_id``, when known, goes to the
    audit record of the refusal (IM-01), never to the user."""

    def __init__(self, message: str, *, case_id: int | None = None) -> None:
        self.case_id = case_id
        super().__init__(message)


def today() -> dt.date:
    return clock.today()


def fiscal_year_of(d: dt.date) -> int:
    """GV-01 (定款6条): the fiscal year runs 1 April to 31 March."""
    return d.year if d.month >= 4 else d.year - 1


def step_due(state: CaseState, start: dt.date) -> dt.date | None:
    """DP-10: the business-day target for a state, shown and marked when overdue."""
    days = STEP_TARGET_BUSINESS_DAYS.get(state)
    return calendar.add_business_days(start, days) if days else None


def lock_case(case_id: int, version: int | None = None) -> Case:
    """Take the row lock (SELECT … FOR UPDATE; on SQLite the IMMEDIATE transaction already holds the
    write lock) and refuse a stale version."""
    try:
        case = Case.objects.select_for_update().get(pk=case_id)
    except Case.DoesNotExist as exc:
        raise NotFound(f"事案 {case_id} は見つかりません") from exc
    if version is not None and case.version != version:
        raise Conflict(case, version)
    return case


def ledger_write(
    case: Case,
    *,
    action: str,
    description: str,
    actor: Actor = None,
    on: dt.date | None = None,
    members: str = "",
    party_cost_yen: int = 0,
) -> LedgerLine:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return LedgerLine.objects.create(
        case=case,
        on=on or today(),
        action=action,
        description=description,
        state=case.state,
        members=members,
        party_cost_yen=party_cost_yen,
        actor=user,
    )


def save_case(case: Case, fields: list[str]) -> None:
    case.version += 1
    case.save(update_fields=[*fields, "version"])


def case_change(
    *,
    actor: Actor,
    case_id: int,
    version: int | None,
    action: str,
    description: str | Callable[[], str],
    apply: Callable[[Case], list[str]],
    event_type: str = AuditEvent.Type.CASE_CHANGED,
    party_cost_yen: int = 0,
    notify: bool = True,
    notice_side: str = "",
    **payload: Any,
) -> Case:
    """A recorded change that keeps the state (an amendment, a submission, a meeting record).

    ``notify=False`` records the change without its notices (a refused amendment tells nobody);
    ``notice_side`` is the party a notice goes to when the step leaves it open (DP-17). A callable
    ``description`` is read after ``apply``, for a line that states what the record held before. A
    file ``apply`` stores (a submission, a mandate) is removed again if the change rolls back."""
    with removed_on_error(), transaction.atomic():
        case = lock_case(case_id, version)
        fields = apply(case)
        save_case(case, fields)
        line = ledger_write(
            case,
            action=action,
            description=description() if callable(description) else description,
            actor=actor,
            members=_members(case),
            party_cost_yen=party_cost_yen,
        )
        audit_record(event_type=event_type, actor=actor, case_id=case.pk, action=action, **payload)
        case.step_line = line
        if notify:
            case.queued_notices = step_notices_queue(line, actor, side=notice_side)
    return case


def case_step(
    *,
    actor: Actor,
    case_id: int,
    version: int,
    action: Action,
    description: str = "",
    guard: Callable[[Case], None] | None = None,
    apply: Callable[[Case], list[str]] | None = None,
    event_type: str = AuditEvent.Type.CASE_STEP,
    **payload: Any,
) -> Case:
    """Move a case by ``action``: refused with the article when the state does not allow it."""
    with transaction.atomic():
        case = lock_case(case_id, version)
        step = transition(case.state_enum, action)
        if guard is not None:
            guard(case)
        fields = apply(case) if apply is not None else []
        now = clock.now()
        case.state = step.target
        case.state_changed_at = now
        case.due_on = step_due(step.target, timezone.localdate(now))
        if step.target in FINAL_STATES and case.ended_on is None:
            case.ended_on = timezone.localdate(now)
            fields.append("ended_on")
        save_case(case, [*fields, "state", "state_changed_at", "due_on"])
        line = ledger_write(
            case,
            action=action.value,
            actor=actor,
            members=_members(case),
            description=description or f"{action.label}（{step.article}）",
        )
        audit_record(
            event_type=event_type,
            actor=actor,
            case_id=case.pk,
            action=action.value,
            source=step.source.value,
            target=step.target.value,
            article=str(step.article),
            **payload,
        )
        case.step_line = line
        case.queued_notices = step_notices_queue(line, actor)
    return case


def _members(case: Case) -> str:
    """DP-21: the ledger names the committee members who processed the case."""
    if not hasattr(case, "panel"):
        return ""
    return "、".join(
        f"{s.member.name}{'（主任）' if s.is_chief else ''}"
        for s in case.panel.seats.select_related("member")
    )
