"""Who may open which desk page (IM-01, IM-02). Services check again before any write."""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chotei.accounts.models import Role
from chotei.accounts.permissions import NotPermitted, role_of
from chotei.disputes.services.core import NotFound

# Insurer users work through the API; the desk is for the body's own people.
DESK_ROLES = frozenset({Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.AUDITOR, Role.ADMIN})
OPERATORS = frozenset({Role.SECRETARIAT, Role.CHAIR})
LEDGER_ROLES = frozenset({Role.SECRETARIAT, Role.CHAIR, Role.AUDITOR})
# IM-02: the audit log is read by those who check others, not by those whose acts it records.
AUDIT_ROLES = frozenset({Role.AUDITOR, Role.ADMIN})

View = Callable[..., HttpResponse]


def forbidden(request: HttpRequest, message: str = "このページを表示する権限がありません") -> HttpResponse:
    return render(request, "desk/error.html", {"title": "権限がありません", "message": message}, status=403)


def not_found(request: HttpRequest, message: str = "お探しのページは見つかりません") -> HttpResponse:
    return render(request, "desk/error.html", {"title": "見つかりません", "message": message}, status=404)


def desk_view(roles: Collection[str] = DESK_ROLES) -> Callable[[View], View]:
    """Login required; then the user's role must be one of ``roles`` or the page is a 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            role = role_of(request.user)
            if role not in DESK_ROLES:
                return forbidden(
                    request,
                    "保険会社・共済組合の方は API をご利用ください。事務局デスクは機構職員・委員専用です",
                )
            if role not in roles:
                return forbidden(request)
            # The services' refusals of access are answered here once, for every desk page.
            try:
                return view(request, *args, **kwargs)
            except NotPermitted as exc:
                return forbidden(request, str(exc))
            except NotFound as exc:
                return not_found(request, str(exc))

        return wrapped

    return decorate


def is_operator(user: Any) -> bool:
    return role_of(user) in OPERATORS
