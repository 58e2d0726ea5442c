"""The case list (filters, keyset pages) and the case page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from chotei.accounts.models import Role
from chotei.accounts.permissions import role_of
from chotei.desk import worklist
from chotei.desk.forms import CaseFilterForm, filter_choices
from chotei.desk.presenters import case_page, documents_section
from chotei.desk.views.operations import notices_key
from chotei.disputes import selectors
from chotei.disputes.models import Case
from chotei.disputes.selectors import meetings_for
from chotei.disputes.services.panels import panel_suggest
from chotei.web.access import OPERATORS, desk_view

PAGE_SIZE = 50
# 20 pages. A capped count walks up to this many matching rows: at 10,000 it cost the member
# filter's page 10-20 times its list query at 10^6 cases (bench/desk.py, bench/RESULTS.md).
COUNT_CAP = 1_000
# The count looks this many pages past the one shown (「300件以上」 on page 1), as far as COUNT_CAP:
# a sparse filter's count walked the full cap to show the first page (bench desk on PostgreSQL).
PAGES_AHEAD = 5


def is_htmx(request: HttpRequest) -> bool:
    """A fragment request of HTMX; a history restore needs the whole page again."""
    headers = request.headers
    return headers.get("HX-Request") == "true" and "true" not in (
        headers.get("HX-Boosted"),
        headers.get("HX-History-Restore-Request"),
    )


def render_part(request: HttpRequest, part: str, page: str, context: dict[str, Any]) -> HttpResponse:
    """The fragment for HTMX, the full page otherwise; caches must keep the two apart."""
    response = render(request, part if is_htmx(request) else page, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _filters(data: dict[str, Any], user: Any) -> selectors.CaseFilter:
    return selectors.CaseFilter(
        states=list(data.get("state") or []),
        office=data.get("office") or "",
        member=data.get("member"),
        overdue=bool(data.get("overdue")),
        open_only=bool(data.get("open_only")),
        clerk=user.pk if data.get("mine") else data.get("clerk"),
        fiscal_year=data.get("fiscal_year"),
        q=(data.get("q") or "").strip(),
        sort=data.get("sort") or "received",
    )


def last_page(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def page_numbers(current: int, last: int) -> list[int | None]:
    """1 … around the current page … last; None marks a gap."""
    shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    numbers: list[int | None] = []
    for n in shown:
        if numbers and n - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(n)
    return numbers


def count_cap(page: int) -> int:
    return min(COUNT_CAP, (max(page, 1) + PAGES_AHEAD) * PAGE_SIZE)


def _page(qs: QuerySet[Case], requested: int, today: dt.date) -> tuple[list[worklist.Row], int, int, bool]:
    """(rows, total, page, capped) of the requested page. The count stops a few pages past the
    requested one (``count_cap``), so neither a COUNT(*) nor an OFFSET ever walks a million cases;
    a first page that is not full is the whole list and needs no count at all."""
    rows = None
    if requested <= 1:
        rows = worklist.page_rows(qs, 0, PAGE_SIZE, today)
        if len(rows) < PAGE_SIZE:
            return rows, len(rows), 1, False
    cap = count_cap(requested)
    total = worklist.count_up_to(qs, cap)
    page = min(max(requested, 1), last_page(total))
    if rows is None:
        rows = worklist.page_rows(qs, (page - 1) * PAGE_SIZE, page * PAGE_SIZE, today)
    return rows, total, page, total >= cap


@desk_view()
def case_list(request: HttpRequest) -> HttpResponse:
    """DP-10: the worklist, a page of PAGE_SIZE cases (``_page``); a narrower filter reaches the
    cases past COUNT_CAP."""
    today = timezone.localdate()
    form = CaseFilterForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    qs = selectors.case_list(user=request.user, filters=_filters(data, request.user), today=today)
    if data.get("unread"):
        # OD-01: the cases whose parties wrote and no one at the secretariat has read yet.
        qs = qs.filter(unread_from_parties=True)
    rows, total, page, capped = _page(qs, data.get("page") or 1, today)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "choices": filter_choices() if not is_htmx(request) else {},
        "rows": rows,
        "table_rows": worklist.rows_html(rows),
        "total": total,
        "capped": capped,
        "at_limit": total >= COUNT_CAP,
        "pages_ahead": PAGES_AHEAD,
        "page": page,
        "pages": page_numbers(page, last_page(total)),
        "page_query": params.urlencode(),
        "today": today,
        # A member lands here: their coming meetings and overdue minutes first (issue #9 item 3).
        "member_meetings": meetings_for(request.user, today)
        if role_of(request.user) == Role.MEMBER
        else None,
    }
    return render_part(request, "desk/_case_table.html", "desk/case_list.html", context)


@desk_view()
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get(user=request.user, case_id=case_id)
    # Set by a step that queued notices (operations.after_notices): watch for them this once.
    since = request.session.pop(notices_key(case.pk), None)
    context = case_page(case, user=request.user, today=timezone.localdate(), notices_after=since)
    return render(request, "desk/case_detail.html", context)


def int_param(request: HttpRequest, name: str) -> int | None:
    """A non-negative integer query parameter; anything else counts as absent."""
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


@desk_view(OPERATORS)
def panel_suggestions(request: HttpRequest, case_id: int) -> HttpResponse:
    """DP-11: valid panels, least-loaded members of the case's office first, each one click to appoint."""
    case = selectors.case_visible(request.user, case_id)
    context = {"case": case, "proposals": panel_suggest(case_id=case.pk)}
    return render_part(request, "desk/_panel_suggestions.html", "desk/panel_suggestions.html", context)


@desk_view()
def case_documents(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case page's documents section alone, polled while the notices a step queued are being
    issued. The page itself was opened through case_get (audited, DP-22); this repeats its list."""
    case = selectors.case_visible(request.user, case_id)
    context = documents_section(
        case, user=request.user, since=int_param(request, "since"), tries=int_param(request, "tries") or 0
    )
    return render(request, "desk/_documents.html", context)
