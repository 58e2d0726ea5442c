"""DP-10: the worklist's rows as the desk shows them.

A page of fifty cases is read as values and written out here rather than through model instances
and the template language: those took most of the served list page's time (bench/desk.py,
bench/RESULTS.md "The served list page"). Every value is escaped; the cells are those of
desk/_case_table.html's table head.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from html import escape

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from chotei.desk.templatetags.desk import ymd
from chotei.desk.timing import waiting_business_days
from chotei.disputes.models import Case
from chotei.disputes.selectors import is_overdue
from chotei.disputes.services.assignment import name_of
from chotei.rules import offices
from chotei.rules.states import STATE_LABELS, WAITS_FOR, CaseState

CATEGORIES: dict[str, str] = {value: str(label) for value, label in Case.Category.choices}
OFFICES: dict[str, str] = dict(offices.OFFICE_CHOICES)
STATES: dict[str, str] = {s.value: label for s, label in STATE_LABELS.items()}
COLUMNS = (
    "pk",
    "number",
    "office",
    "state",
    "category",
    "applicant_name",
    "respondent_name",
    "received_on",
    "due_on",
    "state_changed_at",
    "assigned_clerk__last_name",
    "assigned_clerk__first_name",
    "assigned_clerk__username",
    "unread_from_parties",  # OD-01: the badge
)
NONE = '<span class="muted">—</span>'
UNREAD = ' <span class="badge overdue" title="当事者からの未読メッセージがあります">未読あり</span>'
OVERDUE = ' <span class="badge overdue" title="処理目標日を過ぎています（法第23条の10）">期限超過</span>'


@dataclasses.dataclass
class Row:
    """One case of the list: what its row shows, with its timing (DP-10, DP-25) worked out."""

    pk: int
    number: str
    office: str
    state: str
    category: str
    applicant_name: str
    respondent_name: str
    received_on: dt.date
    due_on: dt.date | None
    state_changed_at: dt.datetime
    clerk: str  # 担当職員 by name; "" while none is assigned
    overdue: bool = False
    waiting: int | None = None
    waits_for: str = ""
    unread: bool = False  # a party's message no one at the secretariat has read yet (OD-01)


def page_rows(cases: QuerySet[Case], start: int, stop: int, today: dt.date) -> list[Row]:
    """Cases ``start:stop`` of the list, each with its overdue flag, business days waited in its
    step and next step."""
    rows = []
    for *fields, last, first, login, unread in cases.values_list(*COLUMNS)[start:stop]:
        row = Row(*fields, clerk=name_of(last, first, login) if login is not None else "", unread=unread)
        row.overdue = is_overdue(row, today)
        row.waiting = waiting_business_days(row, today)
        row.waits_for = WAITS_FOR.get(CaseState(row.state), "")
        rows.append(row)
    return rows


def count_up_to(cases: QuerySet[Case], cap: int) -> int:
    """How many cases match, counted no further than ``cap``. The ORM writes the ids' query; one
    plain COUNT over it costs less than Django's count of a sliced query, which goes through its
    aggregation machinery on every page (bench/desk.py)."""
    ids = cases.order_by().values_list("pk")[:cap]
    try:
        sql, params = ids.query.get_compiler(cases.db).as_sql()
    except EmptyResultSet:  # a user who may see no case (QuerySet.none())
        return 0
    with connections[cases.db].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS capped", params)  # noqa: S608 - the ORM's SQL
        return int(cursor.fetchone()[0])


def case_url() -> Callable[[int], str]:
    """The case page's URL for any id, reversed once (a reverse() a row cost more than the row)."""
    marker = 987654321
    head, tail = reverse("desk:case_detail", args=[marker]).split(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


def _due(row: Row) -> str:
    if row.due_on is None or row.waiting is None:
        return NONE
    return ymd(row.due_on) + (OVERDUE if row.overdue else "")


def rows_html(rows: Iterable[Row]) -> SafeString:
    """The table body's rows (cards below tablet width, by CSS)."""
    url = case_url()
    out = []
    for r in rows:
        clerk = escape(r.clerk) if r.clerk else '<span class="muted">未定</span>'
        waiting = NONE if r.waiting is None else f"{r.waiting}日"
        out.append(
            ('<tr class="overdue">' if r.overdue else "<tr>")
            + f'<td data-label="事案番号"><a class="case-number" href="{url(r.pk)}">{escape(r.number)}</a>'
            + (UNREAD if r.unread else "")
            + "</td>"
            f'<td data-label="状態"><span class="badge state-{escape(r.state)}">{escape(STATES.get(r.state, r.state))}</span></td>'
            f'<td data-label="次の手続">{escape(r.waits_for or "—")}</td>'
            f'<td data-label="申請人">{escape(r.applicant_name)}</td>'
            f'<td data-label="被申請人">{escape(r.respondent_name)}</td>'
            f'<td data-label="担当職員">{clerk}</td>'
            f'<td class="nowrap" data-label="類型">{escape(CATEGORIES.get(r.category, r.category))}</td>'
            f'<td class="nowrap" data-label="事務所">{escape(OFFICES.get(r.office, r.office))}</td>'
            f'<td class="nowrap" data-label="受付日">{ymd(r.received_on)}</td>'
            f'<td class="nowrap" data-label="処理目標日">{_due(r)}</td>'
            f'<td class="num" data-label="待機（営業日）">{waiting}</td>'
            "</tr>\n"
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
