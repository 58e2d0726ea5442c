"""Who may open which staff page (IM-01, IM-02), and the one place a refused access is answered and
recorded (法23条の9, IM-01, IM-06) — for the desk, the documents pages and the API alike.

Services check again before any write; their NotPermitted (403) and NotFound (404) reach the user
through here, after the service's transaction has rolled back, so the record of the refusal stays.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from chotei.accounts.models import Role
from chotei.accounts.permissions import Actor, NotPermitted, acting, role_of
from chotei.audit.services import access_refused_record
from chotei.disputes.services.core import NotFound
from chotei.web import second_factor

# Insurer users work through the API; the desk is for the body's own people.
DESK_ROLES = frozenset({Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.AUDITOR, Role.ADMIN})
OPERATORS = frozenset({Role.SECRETARIAT, Role.CHAIR})
LEDGER_ROLES = frozenset({Role.SECRETARIAT, Role.CHAIR, Role.AUDITOR})
# IM-02: the audit log is read by those who check others, not by those whose acts it records.
# IM-02: the administrator of accounts does not read the log of what accounts did.
AUDIT_ROLES = frozenset({Role.AUDITOR})

View = Callable[..., HttpResponse]


def refusal_record(
    request: HttpRequest, actor: Actor, *, channel: str, status: int, reason: str, case_id: int | None = None
) -> None:
    """IM-01, IM-06: the refusal with what was asked for; the case is the one the path names when
    the refusal itself does not know it."""
    if case_id is None:
        match = getattr(request, "resolver_match", None)
        named = str(match.kwargs.get("case_id", "")) if match is not None else ""
        case_id = int(named) if named.isdigit() else None
    if case_id is not None and not 0 < case_id <= connection.ops.integer_field_range("BigIntegerField")[1]:
        # An id no case can have (the path keeps it) would not fit the audit log's column.
        case_id = None
    access_refused_record(
        actor=actor,
        channel=channel,
        method=request.method or "",
        path=request.path,
        status=status,
        reason=reason,
        case_id=case_id,
    )


def _error_page(request: HttpRequest, title: str, message: str, status: int) -> HttpResponse:
    return render(request, "desk/error.html", {"title": title, "message": message}, status=status)


def forbidden(request: HttpRequest, message: str = "このページを表示する権限がありません") -> HttpResponse:
    refusal_record(request, acting(request.user), channel="desk", status=403, reason=message)
    return _error_page(request, "権限がありません", message, 403)


def not_found(
    request: HttpRequest, message: str = "お探しのページは見つかりません", case_id: int | None = None
) -> HttpResponse:
    refusal_record(request, acting(request.user), channel="desk", status=404, reason=message, case_id=case_id)
    return _error_page(request, "見つかりません", message, 404)


def refusals_answered(view: View) -> View:
    """Login required, with its second factor (IM-01); the services' refusals of access become a
    recorded 403 or 404 page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if second_factor.pending(request):
            return redirect(second_factor.step_url(request.get_full_path()))
        try:
            return view(request, *args, **kwargs)
        except NotPermitted as exc:
            return forbidden(request, str(exc))
        except NotFound as exc:
            return not_found(request, str(exc), exc.case_id)

    return wrapped


def desk_view(roles: Collection[str] = DESK_ROLES) -> Callable[[View], View]:
    """Login required; then the user's role must be one of ``roles`` or the page is a 403."""

    def decorate(view: View) -> View:
        @refusals_answered
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            role = role_of(request.user)
            if role not in DESK_ROLES:
                return forbidden(
                    request,
                    "保険会社・共済組合の方は API をご利用ください。事務局デスクは機構職員・委員専用です",
                )
            if role not in roles:
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def is_operator(user: Any) -> bool:
    return role_of(user) in OPERATORS
