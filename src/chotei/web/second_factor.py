"""The session's second-factor step (IM-01): a staff login is complete only when the session carries
the flag set after a good code, for the user it was set for."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from chotei.accounts.services import second_factor

SESSION_KEY = "chotei.second_factor"
STEP_URL = "/desk/login/second-factor/"


def passed(request: HttpRequest) -> None:
    # A new session key for the full login, as Django's login() does for the password step.
    request.session.cycle_key()
    request.session[SESSION_KEY] = request.user.pk


def pending(request: HttpRequest) -> bool:
    user = request.user
    return (
        user.is_authenticated and request.session.get(SESSION_KEY) != user.pk and second_factor.required(user)
    )


def step_url(next_url: str) -> str:
    return f"{STEP_URL}?{urlencode({'next': next_url})}" if next_url else STEP_URL


def guard_admin_site(site: AdminSite) -> None:
    """The Django admin has its own password login: its pages, too, wait for the second factor, and
    its login page sends a user half-way through to the second step."""
    has_permission, login = site.has_permission, site.login

    def permitted(request: HttpRequest) -> bool:
        return bool(has_permission(request)) and not pending(request)

    def login_or_step(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        if pending(request):
            return redirect(step_url(request.GET.get("next") or "/admin/"))
        return login(request, extra_context)

    site.has_permission = permitted  # type: ignore[method-assign]
    site.login = login_or_step  # type: ignore[method-assign]
