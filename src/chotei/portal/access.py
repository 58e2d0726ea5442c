"""Who may use the party pages: a signed-in party account, never a staff account (IM-01)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chotei.portal.accounts import is_staff_account
from chotei.portal.models import PartyAccount

View = Callable[..., HttpResponse]


def party_view(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.PORTAL_LOGIN_URL)
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
