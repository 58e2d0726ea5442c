"""Read-only pages: the ledger (帳簿, DP-21), the audit log (監査ログ, DP-22, IM-01) and the access
review (アクセス権の棚卸し, IM-02, IM-06)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import IO, Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from chotei import clock
from chotei.accounts import review
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record, refusal_window
from chotei.desk import audit_export
from chotei.disputes.ledger_export import ledger_export
from chotei.disputes.models import Case, LedgerLine
from chotei.disputes.selectors import case_number_query
from chotei.disputes.services.core import fiscal_year_of
from chotei.rules.application import normalize
from chotei.web.access import AUDIT_ROLES, LEDGER_ROLES, desk_view
from chotei.web.forms import JapaneseForm

PAGE_SIZE = 100
FLAGGED_DAYS = 7


class LedgerFilter(JapaneseForm):
    fiscal_year = forms.TypedChoiceField(label="年度", required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = fiscal_year_of(timezone.localdate())
        self.fields["fiscal_year"].choices = [("", "すべて")] + [
            (y, f"{y}年度（{y}年4月〜{y + 1}年3月）") for y in range(current, current - 16, -1)
        ]


class AuditFilter(JapaneseForm):
    event_type = forms.ChoiceField(
        label="種別", required=False, choices=[("", "すべて"), *AuditEvent.Type.choices]
    )
    case_number = forms.CharField(label="事案番号", required=False, max_length=40)
    username = forms.CharField(label="利用者", required=False, max_length=150)

    def clean_case_number(self) -> str:
        """DP-22: the log is searched by the number clerks know, in any usual form (as the worklist)."""
        value = normalize(self.cleaned_data["case_number"])
        if value and case_number_query(value, clock.today()) is None:
            raise forms.ValidationError(
                "事案番号は「2026東第00017号」「2026東00017」「00017」のように入力してください"
            )
        return value


def _page(request: HttpRequest, qs: QuerySet[Any]) -> tuple[list[Any], str]:
    """Keyset paging by id, newest first: both tables only grow (append-only)."""
    before = request.GET.get("before", "")
    if before.isdigit():
        qs = qs.filter(id__lt=int(before))
    rows = list(qs.order_by("-id")[: PAGE_SIZE + 1])
    next_query = ""
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        params = request.GET.copy()
        params["before"] = str(rows[-1].pk)
        next_query = params.urlencode()
    return rows, next_query


@desk_view(LEDGER_ROLES)
def ledger(request: HttpRequest) -> HttpResponse:
    form = LedgerFilter(request.GET or None)
    form.is_valid()
    qs = LedgerLine.objects.select_related("case", "actor").only(
        "on",
        "action",
        "description",
        "state",
        "members",
        "party_cost_yen",
        "case__number",
        "case__applicant_name",
        "actor__username",
        "actor__first_name",
        "actor__last_name",
    )
    fy = getattr(form, "cleaned_data", {}).get("fiscal_year")
    if fy:
        # GV-01: the fiscal year runs 1 April to 31 March.
        qs = qs.filter(on__gte=dt.date(fy, 4, 1), on__lte=dt.date(fy + 1, 3, 31))
    rows, next_query = _page(request, qs)
    context = {
        "form": form,
        "rows": rows,
        "next_query": next_query,
        "fiscal_year": fy or fiscal_year_of(timezone.localdate()),
    }
    return render(request, "desk/ledger.html", context)


EXPORT_FORMATS = {"csv": ("text/csv; charset=utf-8", "csv"), "pdf": ("application/pdf", "pdf")}


def _download(content: bytes, fmt: str, name: str) -> HttpResponse:
    content_type, ext = EXPORT_FORMATS[fmt]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{ext}"'
    return response


def _csv_bytes(write: Callable[[IO[str]], Any]) -> bytes:
    text = io.StringIO()
    write(text)
    return text.getvalue().encode("utf-8")


@desk_view(LEDGER_ROLES)
def ledger_download(request: HttpRequest) -> HttpResponse:
    """The ledger of a fiscal year as CSV or PDF from the page, as ``chotei ledger`` writes it
    (DP-21, 令24条: printable on demand); the export is audited."""
    form = LedgerFilter(request.GET or None)
    fmt = request.GET.get("format", "")
    if fmt not in EXPORT_FORMATS or not form.is_valid() or not form.cleaned_data.get("fiscal_year"):
        return render(
            request,
            "desk/error.html",
            {"title": "出力できません", "message": "年度と形式を選んでください"},
            status=400,
        )
    fy = form.cleaned_data["fiscal_year"]
    body = settings.CHOTEI_BODY["name"]
    if fmt == "csv":
        content = _csv_bytes(
            lambda out: ledger_export(actor=request.user, fiscal_year=fy, fmt="csv", out=out, body_name=body)
        )
    else:
        buffer = io.BytesIO()
        ledger_export(actor=request.user, fiscal_year=fy, fmt="pdf", out=buffer, body_name=body)
        content = buffer.getvalue()
    return _download(content, fmt, f"ledger-{fy}")


def _audit_events(form: AuditFilter) -> QuerySet[AuditEvent]:
    """The events the filter names; a filter that cannot be read shows nothing, not everything."""
    qs = AuditEvent.objects.select_related("actor")
    if form.is_bound and not form.is_valid():
        return qs.none()
    data = getattr(form, "cleaned_data", {})
    if data.get("event_type"):
        qs = qs.filter(event_type=data["event_type"])
    if data.get("case_number"):
        numbered = case_number_query(data["case_number"], clock.today())
        qs = qs.filter(case_id__in=Case.objects.filter(numbered).values("pk"))
    if data.get("username"):
        qs = qs.filter(actor__username=data["username"])
    return qs


@desk_view(AUDIT_ROLES)
def audit_download(request: HttpRequest) -> HttpResponse:
    """The filtered audit log as CSV or PDF (issue #9 item 6); the export is itself audited."""
    form = AuditFilter(request.GET or None)
    fmt = request.GET.get("format", "")
    if fmt not in EXPORT_FORMATS:
        return render(
            request,
            "desk/error.html",
            {"title": "出力できません", "message": "形式を選んでください"},
            status=400,
        )
    table = audit_export.rows(_audit_events(form))
    data = getattr(form, "cleaned_data", {})
    shown = {k: str(v) for k, v in data.items() if v}
    if fmt == "csv":
        content = _csv_bytes(lambda out: audit_export.write_csv(table, out))
    else:
        buffer = io.BytesIO()
        described = "、".join(f"{form.fields[k].label}: {v}" for k, v in shown.items()) or "すべて"
        audit_export.write_pdf(table, buffer, body_name=settings.CHOTEI_BODY["name"], filters=described)
        content = buffer.getvalue()
    audit_record(
        event_type=AuditEvent.Type.AUDIT_EXPORTED,
        actor=request.user,
        format=fmt,
        rows=len(table),
        filters=shown,
    )
    return _download(content, fmt, "audit-log")


@desk_view(AUDIT_ROLES)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilter(request.GET or None)
    qs = _audit_events(form)
    rows, next_query = _page(request, qs)
    params = request.GET.copy()
    for key in ("before", "format"):
        params.pop(key, None)
    # The log keeps plain case ids (it outlives disposal); show the numbers that still exist.
    numbers = dict(
        Case.objects.filter(pk__in={e.case_id for e in rows if e.case_id}).values_list("pk", "number")
    )
    context = {
        "form": form,
        "rows": rows,
        "next_query": next_query,
        "export_query": params.urlencode(),
        "numbers": numbers,
        "flagged": _flagged(),
        "flagged_days": FLAGGED_DAYS,
        "refused_type": AuditEvent.Type.ACCESS_REFUSED.value,
        "last_verification": AuditEvent.objects.filter(event_type=AuditEvent.Type.VERIFIED)
        .order_by("-id")
        .first(),
    }
    return render(request, "desk/audit.html", context)


def _flagged() -> list[AuditEvent]:
    """IM-06: users whose refusals reached the alert within an hour, over the last week."""
    since = timezone.now() - dt.timedelta(days=FLAGGED_DAYS)
    flags = list(
        AuditEvent.objects.filter(event_type=AuditEvent.Type.ACCESS_FLAGGED, at__gte=since)
        .select_related("actor")
        .order_by("-at", "-id")
    )
    for flag in flags:
        flag.window = refusal_window(flag.at)
    return flags


@desk_view(AUDIT_ROLES)
def access_review(request: HttpRequest) -> HttpResponse:
    """IM-02, IM-06: the access review for internal audit; ``?csv=accounts`` / ``?csv=changes``."""
    part = request.GET.get("csv", "")
    if part in ("accounts", "changes"):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="access-review-{part}-{stamp}.csv"'
        if part == "accounts":
            review.write_accounts_csv(review.accounts(), response)
        else:
            review.write_changes_csv(review.privilege_changes().iterator(), response)
        return response
    rows, next_query = _page(request, review.privilege_changes())
    context = {
        "accounts": review.accounts(),
        "changes": rows,
        "next_query": next_query,
        "unused_days": settings.CHOTEI_UNUSED_ACCOUNT_DAYS,
    }
    return render(request, "desk/access_review.html", context)
