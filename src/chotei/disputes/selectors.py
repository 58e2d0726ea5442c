"""Reads of cases, scoped to what the user may see (IM-01); every opening of a case is audited (DP-22)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any, Protocol

from django.db import connection
from django.db.models import Case as Cases
from django.db.models import Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import OrderBy
from django.utils import timezone

from chotei.accounts.models import Role
from chotei.accounts.permissions import SEE_ALL, role_of
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.models import Case, CaseParty, FurtherRequest, Meeting, PanelSeat
from chotei.disputes.services.core import NotFound, fiscal_year_of
from chotei.parties.models import Organization
from chotei.rules import offices
from chotei.rules.application import kana_key, normalize
from chotei.rules.states import FINAL_STATES, STEP_TARGET_BUSINESS_DAYS, CaseState

DUE_STATES = [s.value for s in STEP_TARGET_BUSINESS_DAYS]
FINAL = [s.value for s in FINAL_STATES]
_OFFICES = "".join(offices.OFFICE_SHORT.values())
# A case number as clerks write it: 2026東第00017号, 2026東00017, 2026東第17号 — or the serial alone.
CASE_NUMBER = re.compile(rf"(?P<year>\d{{4}})(?P<office>[{_OFFICES}])第?(?P<serial>\d{{1,9}})号?")
SERIAL = re.compile(r"第?(?P<serial>\d{1,9})号?")
KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\s]+")
# How far back a bare serial is looked for: the list's own fiscal-year span.
SERIAL_YEARS = 16

# The worklist's orders, each ending in id so a page is stable; the first is the index's own order.
SORTS: dict[str, tuple[str | OrderBy, ...]] = {
    "received": ("-received_on", "-id"),
    "received_asc": ("received_on", "id"),
    # An ended case has no target date: it goes last on both databases (NULLs sort first on SQLite).
    "due": (F("due_on").asc(nulls_last=True), "id"),
    "waiting": ("state_changed_at", "id"),
    "state": ("state_rank", "-received_on", "-id"),
}


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
    states: list[str] = dataclasses.field(default_factory=list)
    open_only: bool = False
    clerk: int | None = None
    sort: str = "received"


def case_list(*, user: Any, filters: CaseFilter, today: dt.date) -> QuerySet[Case]:
    """The desk list: newest first, each filter an indexed predicate (see bench/desk.py)."""
    qs = cases_visible_to(user)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.states:
        qs = qs.filter(state__in=filters.states)
    if filters.open_only:
        qs = qs.exclude(state__in=FINAL)
    if filters.clerk:
        qs = qs.filter(assigned_clerk_id=filters.clerk)
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
        qs = qs.filter(search(q, today))
    order = SORTS.get(filters.sort, SORTS["received"])
    if "state_rank" in order:
        qs = qs.annotate(state_rank=_state_rank())
    return qs.order_by(*order)


def _state_rank() -> Cases:
    """The states in the order of the procedure, not of their codes."""
    whens = [When(state=s.value, then=Value(i)) for i, s in enumerate(CaseState)]
    return Cases(*whens, default=Value(len(whens)), output_field=IntegerField())


def search(q: str, today: dt.date) -> Q:
    """DP-10: one search box — a case number in any usual form, a kana reading, or a name.

    Each form is one indexed predicate where it can be (never an OR of the number and a LIKE)."""
    by_number = case_number_query(q, today)
    if by_number is not None:
        return by_number
    if KANA.fullmatch(q):
        return _prefix("applicant_kana", kana_key(q))
    if " " not in q:
        # A surname, an insurer's name or a given name: a cheap probe picks the one indexed
        # predicate (the register is small; the name index answers EXISTS at once).
        if Organization.objects.filter(name__startswith=q).exists():
            return _prefix("respondent_name", q)
        if not Case.objects.filter(_prefix("applicant_name", q)).exists():
            # No surname starts so: a given name, found after the space of 「姓 名」 (a scan).
            return Q(applicant_name__contains=f" {q}")
    return _prefix("applicant_name", q)


def case_number_query(q: str, today: dt.date) -> Q | None:
    """Cases whose number is ``q`` in any usual form (NFKC-normalised), or None if ``q`` is no number."""
    q = normalize(q)
    number = CASE_NUMBER.fullmatch(q)
    if number:
        return Q(number=f"{number['year']}{number['office']}第{_serial(number['serial'])}号")
    serial = SERIAL.fullmatch(q)
    if serial:
        # A serial alone: the same serial of each office's recent fiscal years, as an IN of numbers.
        fy = fiscal_year_of(today)
        n = _serial(serial["serial"])
        return Q(
            number__in=[f"{y}{short}第{n}号" for y in range(fy, fy - SERIAL_YEARS, -1) for short in _OFFICES]
        )
    return None


def _serial(digits: str) -> str:
    """The serial as numbers carry it: padded to five digits (next_case_number), longer ones as typed."""
    return digits.zfill(5)


def _prefix(field: str, q: str) -> Q:
    """A prefix match the index can serve: SQLite's LIKE is case-folding and never uses a BINARY
    index, so there it is the equivalent code-point range; PostgreSQL uses varchar_pattern_ops."""
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": q, f"{field}__lt": q + "\U0010ffff"})
    return Q(**{f"{field}__startswith": q})


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


class InStep(Protocol):
    """What the step's timing reads of a case: a Case, or a worklist row read as values."""

    @property
    def state(self) -> str: ...
    @property
    def due_on(self) -> dt.date | None: ...
    @property
    def state_changed_at(self) -> dt.datetime: ...


def is_overdue(case: InStep, today: dt.date) -> bool:
    """DP-10: past the step's business-day target in a state that has one (the list filter's rule)."""
    return case.due_on is not None and case.due_on < today and case.state in DUE_STATES


def minutes_overdue(meeting: Meeting, today: dt.date) -> bool:
    """A meeting past its day, not cancelled, still without its record (DP-20; issue #9 item 3)."""
    return (
        meeting.recorded_at is None
        and meeting.cancelled_at is None
        and timezone.localdate(meeting.scheduled_for) < today
    )


def meetings_for(user: Any, today: dt.date) -> tuple[list[Meeting], list[Meeting]]:
    """The user's upcoming meetings (today on) and those past without minutes, on the cases the
    user may see: a member's own panels, everything for staff."""
    qs = (
        Meeting.objects.filter(
            case__in=cases_visible_to(user).filter(state=CaseState.UNDER_REVIEW),
            cancelled_at__isnull=True,
            recorded_at__isnull=True,
        )
        .select_related("case")
        .order_by("scheduled_for", "id")
    )
    rows = list(qs)
    overdue = [m for m in rows if minutes_overdue(m, today)]
    upcoming = [m for m in rows if m not in overdue]
    return upcoming, overdue


def case_get(*, user: Any, case_id: int) -> Case:
    try:
        case = cases_visible_to(user).prefetch_related("parties__party", "parties__agent").get(pk=case_id)
    except Case.DoesNotExist as exc:
        raise NotFound(f"事案 {case_id} は見つかりません", case_id=case_id) from exc
    audit_record(event_type=AuditEvent.Type.CASE_VIEWED, actor=user, case_id=case.pk)
    return case


def further_requests_open(case: Case, side: str, today: dt.date) -> QuerySet[FurtherRequest]:
    """DP-16: what the body asked of ``side`` further (規程15条9項), not yet answered nor past due."""
    return case.further_requests.filter(side=side, answered_on__isnull=True, due_on__gte=today)
