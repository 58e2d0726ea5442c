"""Reads of cases, scoped to what the user may see (IM-01); every opening of a case is audited (DP-22)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from chotei.accounts.models import Role
from chotei.accounts.permissions import SEE_ALL, role_of
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.models import Case, CaseParty, PanelSeat
from chotei.disputes.services.core import NotFound
from chotei.rules import offices
from chotei.rules.application import normalize
from chotei.rules.states import STEP_TARGET_BUSINESS_DAYS

DUE_STATES = [s.value for s in STEP_TARGET_BUSINESS_DAYS]
# The shape next_case_number gives, e.g. 2026東第00001号: such a query is a number, anything else a name.
CASE_NUMBER = re.compile(rf"\d{{4}}[{''.join(offices.OFFICE_SHORT.values())}]第\d+号")


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """Staff see all; a member only cases of panels they sit on; an insurer only its own cases."""
    role = role_of(user)
    if role in SEE_ALL:
        return Case.objects.all()
    if role == Role.MEMBER and user.profile.member_id:
        return Case.objects.filter(
            pk__in=PanelSeat.objects.filter(member_id=user.profile.member_id).values("case_id")
        )
    if role == Role.INSURER and user.profile.organization_id:
        # A subquery rather than a join, so no DISTINCT is needed and the list keeps its index order.
        return Case.objects.filter(
            pk__in=CaseParty.objects.filter(party__organization_id=user.profile.organization_id).values(
                "case_id"
            )
        )
    if role is None and getattr(user, "is_authenticated", False):
        return Case.objects.filter(pk__in=_account_links(user).values("case_id"))
    return Case.objects.none()


def _account_links(user: Any) -> QuerySet[CaseParty]:
    """A portal account's places in cases: where a party it speaks for is a party or an agent."""
    return CaseParty.objects.filter(
        Q(party__portal_accounts__user=user) | Q(agent__portal_accounts__user=user)
    )


@dataclasses.dataclass
class CaseFilter:
    state: str = ""
    office: str = ""
    member: int | None = None
    overdue: bool = False
    fiscal_year: int | None = None
    q: str = ""


def case_list(*, user: Any, filters: CaseFilter, today: dt.date) -> QuerySet[Case]:
    """The desk list: newest first, each filter an indexed predicate (see bench/desk.py)."""
    qs = cases_visible_to(user)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.office:
        qs = qs.filter(office=filters.office)
    if filters.fiscal_year:
        qs = qs.filter(fiscal_year=filters.fiscal_year)
    if filters.member:
        # EXISTS walks the newest-first index and stops after a page; IN would build the member's
        # whole case set first (bench/desk.py: 120 ms → 1 ms at 10^6 cases on SQLite).
        qs = qs.filter(Exists(PanelSeat.objects.filter(member_id=filters.member, case_id=OuterRef("pk"))))
    if filters.overdue:
        # DP-10: late in any state that has a target, result_notified included.
        qs = qs.filter(due_on__lt=today, state__in=DUE_STATES)
    q = normalize(filters.q)
    if q:
        # One indexed predicate, never an OR of the number and a LIKE (that forces a full scan).
        qs = qs.filter(number=q) if CASE_NUMBER.fullmatch(q) else qs.filter(_name_prefix(q))
    return qs.order_by("-received_on", "-id")


def _name_prefix(q: str) -> Q:
    """A prefix match the index can serve: SQLite's LIKE is case-folding and never uses a BINARY
    index, so there it is the equivalent code-point range; PostgreSQL uses varchar_pattern_ops."""
    if connection.vendor == "sqlite":
        return Q(applicant_name__gte=q, applicant_name__lt=q + "\U0010ffff")
    return Q(applicant_name__startswith=q)


def case_visible(user: Any, case_id: int) -> Case:
    """The case if the user may see it, else NotFound; no audit event (actions and page fragments —
    opening the case itself goes through case_get)."""
    case = cases_visible_to(user).filter(pk=case_id).first()
    if case is None:
        raise NotFound(f"事案 {case_id} は見つかりません", case_id=case_id)
    return case


def organization_sides(user: Any, case_id: int) -> set[str]:
    """The sides on which the user's organization (an insurer or co-op) is a party in the case."""
    profile = getattr(user, "profile", None)
    org = profile.organization_id if profile is not None else None
    if not org:
        return set()
    return set(
        CaseParty.objects.filter(case_id=case_id, party__organization_id=org).values_list("side", flat=True)
    )


def account_sides(user: Any, case_id: int) -> set[str]:
    """The sides a portal party account (never staff) stands on in the case (OD-01, IM-01)."""
    if role_of(user) is not None or not getattr(user, "is_authenticated", False):
        return set()
    return set(_account_links(user).filter(case_id=case_id).values_list("side", flat=True))


def party_sides(user: Any, case_id: int) -> set[str]:
    """The sides the user acts for: its insurer's or co-op's, or its portal account's."""
    return (
        organization_sides(user, case_id) if role_of(user) == Role.INSURER else account_sides(user, case_id)
    )


def is_overdue(case: Case, today: dt.date) -> bool:
    """DP-10: past the step's business-day target in a state that has one (the list filter's rule)."""
    return case.due_on is not None and case.due_on < today and case.state in DUE_STATES


def case_get(*, user: Any, case_id: int) -> Case:
    try:
        case = cases_visible_to(user).prefetch_related("parties__party", "parties__agent").get(pk=case_id)
    except Case.DoesNotExist as exc:
        raise NotFound(f"事案 {case_id} は見つかりません", case_id=case_id) from exc
    audit_record(event_type=AuditEvent.Type.CASE_VIEWED, actor=user, case_id=case.pk)
    return case
