"""Back-office setup of users: each user's role, roster link and organization (IM-02)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse

from chotei.accounts.forms import LockingAdminAuthenticationForm
from chotei.accounts.models import ApiToken, StaffProfile
from chotei.accounts.security import acting_as
from chotei.web.second_factor import guard_admin_site

admin.site.site_header = "調停 管理サイト"
admin.site.site_title = "調停 管理"
admin.site.index_title = "初期設定・マスタ管理"
admin.site.login_form = LockingAdminAuthenticationForm
guard_admin_site(admin.site)


class StaffProfileInline(admin.StackedInline):  # type: ignore[type-arg]
    model = StaffProfile
    can_delete = False
    autocomplete_fields = ["organization", "member"]


admin.site.unregister(User)


@admin.register(User)
class ChoteiUserAdmin(UserAdmin):
    inlines = [StaffProfileInline]
    list_display = ["username", "last_name", "first_name", "profile__role", "is_active"]
    list_filter = ["profile__role", "is_active", "is_superuser"]
    list_select_related = ["profile"]

    # IM-02: the privilege changes made here are audited in the administrator's name.
    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with acting_as(request.user):
            return super().changeform_view(request, *args, **kwargs)

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with acting_as(request.user):
            return super().delete_view(request, *args, **kwargs)

    @admin.display(description="役割")
    def profile__role(self, user: User) -> str:
        profile = getattr(user, "profile", None)
        return profile.get_role_display() if profile else "—"


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Tokens are issued once with the raw value shown (``chotei demo`` / the API); here they are
    only listed and revoked — the stored digest is useless for anything else."""

    list_display = ["name", "user", "created_at", "revoked"]
    list_filter = ["revoked"]
    readonly_fields = ["user", "name", "digest", "created_at"]
    fields = ["user", "name", "created_at", "revoked"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
