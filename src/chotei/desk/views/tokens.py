"""API tokens for the system administrator (IM-01): list, issue (the raw token shown once), revoke.

Thin: accounts.services checks, writes and audits every action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from chotei.accounts import services
from chotei.accounts.models import Role
from chotei.rules.errors import RuleViolation
from chotei.web.access import desk_view
from chotei.web.forms import JapaneseForm

ADMIN_ROLES = frozenset({Role.ADMIN})


class TokenIssueForm(JapaneseForm):
    user = forms.ChoiceField(label="利用者")
    name = forms.CharField(
        label="名称（用途）", max_length=services.NAME_MAX, help_text="例: あおば損保 支払通知システム"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True, profile__isnull=False)
        self.fields["user"].choices = [("", "選択してください")] + [
            (u.username, f"{u.username}（{u.get_full_name() or u.username}・{u.profile.get_role_display()}）")
            for u in users.select_related("profile").order_by("username")
        ]


@desk_view(ADMIN_ROLES)
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenIssueForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = services.token_issue(
                actor=request.user, username=form.cleaned_data["user"], name=form.cleaned_data["name"]
            )
        except RuleViolation as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            # Rendered, not redirected: the raw token exists only in this answer.
            issued = {"token": token, "raw": raw}
            form = TokenIssueForm()
    context = {
        "form": form,
        "issued": issued,
        "tokens": services.token_list(actor=request.user),
        "article": services.ACCESS_ARTICLE,
    }
    response = render(request, "desk/tokens.html", context, status=422 if form.errors else 200)
    add_never_cache_headers(response)
    return response


@desk_view(ADMIN_ROLES)
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = services.token_revoke(actor=request.user, token_id=token_id)
    except RuleViolation as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"APIトークン {token.pk}（{token.name}）を失効させました")
    return redirect("desk:tokens")
