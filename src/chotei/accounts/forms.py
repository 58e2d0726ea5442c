"""Login forms that refuse a locked user name (IM-01, IM-06): the desk's and the admin site's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from chotei.accounts import security


class LockingMixin:
    """Refuses a locked name before its password is even checked, so guessing gains nothing."""

    request: Any
    data: Any

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", ""))
        if username and security.login_locked(username):
            security.login_failure_record(
                username=username,
                channel="admin" if self.request and self.request.path.startswith("/admin/") else "desk",
                address=self.request.META.get("REMOTE_ADDR", "") if self.request else "",
                locked=True,
            )
            raise forms.ValidationError(
                f"ログインの失敗が続いたため、このユーザー名は{settings.CHOTEI_LOGIN_LOCK_MINUTES}分間"
                "ログインできません。時間をおいて再度お試しいただくか、システム管理者に連絡してください",
                code="locked",
            )
        return super().clean()  # type: ignore[misc,no-any-return]


class LockingAuthenticationForm(LockingMixin, AuthenticationForm):
    pass


class LockingAdminAuthenticationForm(LockingMixin, AdminAuthenticationForm):
    pass
