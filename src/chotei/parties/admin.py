"""Insurers, co-ops, law firms and parties, kept as registered (notices print them verbatim)."""

from __future__ import annotations

from django.contrib import admin

from chotei.parties.models import Organization, Party


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "kind", "postcode", "address", "phone"]
    list_filter = ["kind"]
    search_fields = ["name", "address"]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "kind", "address", "organization", "needs_care"]
    list_filter = ["kind", "needs_care"]
    search_fields = ["name", "address"]
    autocomplete_fields = ["organization"]
