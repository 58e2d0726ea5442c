"""Cases in the admin: view only. Every change goes through the services (one write path), and the
ledger is append-only (DP-21, 令24条), so nothing here adds, edits or deletes."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chotei.audit.admin import ReadOnlyAdmin
from chotei.disputes.models import Case, CaseParty, LedgerLine, Panel, PanelSeat, Submission


class CasePartyInline(admin.TabularInline):  # type: ignore[type-arg]
    model = CaseParty
    extra = 0
    can_delete = False
    readonly_fields = ["side", "party", "role", "agent"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = [
        "number",
        "office",
        "state",
        "category",
        "applicant_name",
        "respondent_name",
        "received_on",
        "due_on",
    ]
    list_filter = ["state", "office", "category", "fiscal_year"]
    search_fields = ["number", "applicant_name"]
    date_hierarchy = "received_on"
    show_full_result_count = False  # a COUNT(*) over 10^6 cases on every page is wasted work
    inlines = [CasePartyInline]


@admin.register(LedgerLine)
class LedgerLineAdmin(ReadOnlyAdmin):
    list_display = ["case", "on", "action", "state", "members", "party_cost_yen"]
    list_filter = ["action"]
    search_fields = ["case__number"]
    list_select_related = ["case"]
    show_full_result_count = False


@admin.register(Panel)
class PanelAdmin(ReadOnlyAdmin):
    list_display = ["case", "appointed_on", "appointed_by"]
    search_fields = ["case__number"]
    list_select_related = ["case", "appointed_by"]


@admin.register(PanelSeat)
class PanelSeatAdmin(ReadOnlyAdmin):
    list_display = ["case", "member", "is_chief"]
    search_fields = ["case__number", "member__name"]
    list_select_related = ["case", "member"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["case", "side", "kind", "channel", "title", "received_on"]
    list_filter = ["kind", "channel"]
    search_fields = ["case__number", "title"]
    exclude = ["file"]  # case documents are opened on the desk, where the opening is audited
    list_select_related = ["case"]
