"""Audit log in the admin: view only — the log is append-only (DP-22, IM-01)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chotei.audit.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """For records only services write (cases, ledger, audit, issued documents): the admin may
    look, never add, change or delete, so no write bypasses the rules."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "event_type", "actor", "case_id"]
    list_filter = ["event_type"]
    search_fields = ["case_id"]
    date_hierarchy = "at"
    list_select_related = ["actor"]
