"""The desk login's second step (IM-01): enrol an authenticator app at the first login, then a code
from it (or a recovery code) at every login. Wrong codes are refused in Japanese and recorded; five
in one session end the session, so the password must be entered again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from chotei.accounts.services import second_factor
from chotei.web import second_factor as step
from chotei.web.access import refusal_record
from chotei.web.forms import JapaneseForm

ENROLMENT_KEY = "chotei.second_factor.secret"
FAILURES_KEY = "chotei.second_factor.failures"
MAX_FAILURES = 5


class CodeForm(JapaneseForm):
    code = forms.CharField(
        label="確認コード",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": ""}
        ),
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if safe else "/desk/"


def second_factor_step(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(_next(request))
    if not step.pending(request):
        return redirect(_next(request))
    enrolling = not second_factor.enrolled(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if enrolling:
                codes = second_factor.enrol(
                    user, request.session.get(ENROLMENT_KEY, ""), form.cleaned_data["code"]
                )
            else:
                second_factor.verify(user, form.cleaned_data["code"])
        except second_factor.WrongCode as exc:
            refused = _refused(request, form, str(exc))
            if refused is not None:
                return refused
        else:
            request.session.pop(ENROLMENT_KEY, None)
            request.session.pop(FAILURES_KEY, None)
            step.passed(request)
            if enrolling:
                return render(request, "desk/recovery_codes.html", {"codes": codes, "next": _next(request)})
            return redirect(_next(request))
    context: dict[str, Any] = {"form": form, "next": _next(request), "enrolling": enrolling}
    if enrolling:
        secret = request.session.setdefault(ENROLMENT_KEY, second_factor.new_secret())
        context["secret"] = secret
        context["totp_url"], context["qr_data_uri"] = second_factor.provisioning(user, secret)
    return render(request, "desk/second_factor.html", context)


def _refused(request: HttpRequest, form: CodeForm, message: str) -> HttpResponse | None:
    """Records the refusal; past the limit the session ends and the login starts again."""
    refusal_record(request, request.user, channel="desk", status=401, reason=message)
    failures = int(request.session.get(FAILURES_KEY, 0)) + 1
    if failures >= MAX_FAILURES:
        logout(request)
        messages.error(
            request, "確認コードの誤りが続いたため、ログアウトしました。もう一度ログインしてください"
        )
        return redirect_to_login(_next(request))
    request.session[FAILURES_KEY] = failures
    form.add_error("code", message)
    return None
