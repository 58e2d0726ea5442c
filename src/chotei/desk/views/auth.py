"""Login and logout of the desk, in Japanese; every login and every failed one is logged, and a name
that failed too often is locked for a while (IM-01, IM-06)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponse

from chotei.accounts.forms import LockingAuthenticationForm
from chotei.accounts.models import Role
from chotei.accounts.permissions import role_of
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.web import second_factor


class LoginView(auth_views.LoginView):
    template_name = "desk/login.html"
    redirect_authenticated_user = True
    authentication_form = LockingAuthenticationForm

    def get_default_redirect_url(self) -> str:
        # Insurer and co-op users answer their cases on the portal's respondent side (issue #8).
        if role_of(self.request.user) == Role.INSURER:
            return "/portal/"
        return str(super().get_default_redirect_url())

    def get_success_url(self) -> str:
        # IM-01: the password is the first step; staff go on to the second factor before any page.
        target = str(super().get_success_url())
        return second_factor.step_url(target) if second_factor.pending(self.request) else target

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(event_type=AuditEvent.Type.LOGIN, actor=form.get_user(), channel="desk")
        return response


class LogoutView(auth_views.LogoutView):
    next_page = "/desk/login/"
