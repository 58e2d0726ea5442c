"""The roster of committee members (CM-01), their appointments (CM-03/04) and interests (CM-05).

A change that would take the roster below the minimums is warned about when saved (CM-01) and
every roster change is audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.committee.models import Appointment, CommitteeMember, InterestDeclaration
from chotei.rules import offices
from chotei.rules.roster import RosterCounts, check_roster_change


def _counts() -> RosterCounts:
    by_office = dict(
        CommitteeMember.objects.filter(active=True).values_list("office").annotate(n=Count("id")).order_by()
    )
    main, branch = by_office.get(offices.MAIN, 0), by_office.get(offices.BRANCH, 0)
    return RosterCounts(total=main + branch, main=main, branch=branch)


class InterestInline(admin.TabularInline):  # type: ignore[type-arg]
    model = InterestDeclaration
    extra = 0
    autocomplete_fields = ["organization", "party"]


class AppointmentInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Appointment
    extra = 0


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "name_kana", "office", "qualification", "commissioned_on", "active"]
    list_filter = ["office", "qualification", "active"]
    search_fields = ["name", "name_kana"]
    inlines = [InterestInline, AppointmentInline]

    def _warn(self, request: HttpRequest, before: RosterCounts) -> None:
        for warning in check_roster_change(before, _counts()):
            self.message_user(request, warning, level=messages.WARNING)

    def save_model(self, request: HttpRequest, obj: CommitteeMember, form: Any, change: bool) -> None:
        before = _counts()
        super().save_model(request, obj, form, change)
        audit_record(
            event_type=AuditEvent.Type.ROSTER,
            actor=request.user,
            member=obj.pk,
            name=obj.name,
            office=obj.office,
            active=obj.active,
            change="changed" if change else "added",
        )
        self._warn(request, before)

    def delete_model(self, request: HttpRequest, obj: CommitteeMember) -> None:
        before = _counts()
        audit_record(
            event_type=AuditEvent.Type.ROSTER,
            actor=request.user,
            member=obj.pk,
            name=obj.name,
            change="deleted",
        )
        super().delete_model(request, obj)
        self._warn(request, before)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CommitteeMember]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["member", "kind", "effective_on", "approval", "approved_on", "emergency", "ratified_on"]
    list_filter = ["kind", "approval", "emergency"]
    search_fields = ["member__name"]
    autocomplete_fields = ["member"]


@admin.register(InterestDeclaration)
class InterestDeclarationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["member", "kind", "organization", "party", "description", "declared_on"]
    list_filter = ["kind"]
    search_fields = ["member__name", "organization__name", "party__name", "description"]
    autocomplete_fields = ["member", "organization", "party"]
