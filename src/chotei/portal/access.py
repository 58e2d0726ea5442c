"""Who may use the party pages: a signed-in party account, never a staff account (IM-01)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chotei.accounts.models import Role
from chotei.accounts.permissions import role_of
from chotei.portal.accounts import is_staff_account
from chotei.portal.models import PartyAccount

View = Callable[..., HttpResponse]


def party_view(view: View) -> View:
    """A portal party account, or an insurer's or co-op's user answering its own cases (the
    respondent's side, OD-01); ``request.party_account`` is None for the latter."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.PORTAL_LOGIN_URL)
        if role_of(user) == Role.INSURER:
            request.party_account = None  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)
        if is_staff_account(user):
            return render(
                request,
                "portal/refused.html",
                {"reason": "職員のアカウントではマイページを利用できません。事務局デスクをご利用ください。"},
                status=403,
            )
        account, _ = PartyAccount.objects.get_or_create(user=user)
        request.party_account = account  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper


def applicant_view(view: View) -> View:
    """The guided application: a portal party account only; insurers and co-ops apply through the
    secretariat or the API."""

    @party_view
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.party_account is None:  # type: ignore[attr-defined]
            return render(
                request,
                "portal/refused.html",
                {"reason": "保険会社・共済組合からの申請は、事務局又はAPIで受け付けます。"},
                status=403,
            )
        return view(request, *args, **kwargs)

    return wrapper
