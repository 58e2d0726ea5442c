"""The roster in the admin: view only (issue #6). Every change — appointment, dismissal, interest,
board meeting — goes through committee.services from the desk's roster pages, audited and checked
against CM-01..CM-05; an edit here would bypass them (a deleted declaration would silently make a
conflicted member eligible)."""

from __future__ import annotations

from django.contrib import admin

from chotei.audit.admin import ReadOnlyAdmin
from chotei.committee.models import Appointment, BoardMeeting, CommitteeMember, InterestDeclaration


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(ReadOnlyAdmin):
    list_display = ["name", "name_kana", "office", "qualification", "commissioned_on", "active"]
    list_filter = ["office", "qualification", "active"]
    search_fields = ["name", "name_kana"]


@admin.register(BoardMeeting)
class BoardMeetingAdmin(ReadOnlyAdmin):
    list_display = ["held_on", "name", "kind"]
    list_filter = ["kind"]


@admin.register(Appointment)
class AppointmentAdmin(ReadOnlyAdmin):
    list_display = [
        "member",
        "kind",
        "effective_on",
        "resolved_by",
        "approval",
        "approved_on",
        "commissioned_on",
        "emergency",
        "ratified_by",
    ]
    list_filter = ["kind", "approval", "emergency"]
    search_fields = ["member__name"]


@admin.register(InterestDeclaration)
class InterestDeclarationAdmin(ReadOnlyAdmin):
    list_display = ["member", "kind", "organization", "party", "description", "declared_on", "withdrawn_on"]
    list_filter = ["kind"]
    search_fields = ["member__name", "organization__name", "party__name", "description"]
