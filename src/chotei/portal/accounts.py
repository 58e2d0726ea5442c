"""Party accounts through django-allauth: e-mail login for parties only, never for staff."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.auth_backends import AuthenticationBackend
from allauth.account.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record


def is_staff_account(user: Any) -> bool:
    """Staff (a role profile, the admin flags) sign in on the desk only (IM-01)."""
    return bool(user.is_staff or user.is_superuser or hasattr(user, "profile"))


class PartyBackend(AuthenticationBackend):  # type: ignore[misc]
    """Logs a party in by e-mail; a staff account's password is never accepted here."""

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> Any:
        user = super().authenticate(request, **credentials)
        if user is None or is_staff_account(user):
            return None
        return user


MY_PAGE = "/portal/"


class PartyAccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    """Parties land on their page; LOGIN_REDIRECT_URL is the desk's, for staff."""

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return MY_PAGE

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        return MY_PAGE

    def get_email_verification_redirect_url(self, email_address: Any) -> str:
        return MY_PAGE

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        from chotei.portal.models import PartyAccount

        user = super().save_user(request, user, form, commit)
        if commit:
            PartyAccount.objects.get_or_create(user=user)
        return user


@receiver(user_logged_in)
def _audit_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    # IM-01: every login is logged, the portal's as the desk's.
    audit_record(event_type=AuditEvent.Type.LOGIN, actor=user, channel="portal")
