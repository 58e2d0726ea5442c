"""The public pages' language (OD-03): 日本語 by default, やさしい日本語 and English, chosen on every
page and remembered in a cookie. The desk and the notices stay Japanese."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

COOKIE = "chotei_lang"
LANGUAGES: dict[str, tuple[str, str]] = {
    # code: (label shown in the switcher, value of <html lang>)
    "ja": ("日本語", "ja"),
    "easy": ("やさしい にほんご", "ja"),
    "en": ("English", "en"),
}


def current(request: HttpRequest) -> str:
    code = request.COOKIES.get(COOKIE, "ja")
    return code if code in LANGUAGES else "ja"


@require_POST
def choose(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("lang", "ja")
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if code in LANGUAGES:
        response.set_cookie(COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


# The frame's own words; the pages behind login (application, my case) are Japanese only so far.
NAV: dict[str, dict[str, str]] = {
    "ja": {
        "scope": "申請できる紛争",
        "procedure": "手続の流れ",
        "contact": "窓口・連絡先",
        "login": "ログイン",
        "signup": "新規登録",
        "mine": "マイページ",
        "logout": "ログアウト",
        "menu": "サイトのメニュー",
    },
    "easy": {
        "scope": "申請できる こと",
        "procedure": "手続の ながれ",
        "contact": "電話・場所",
        "login": "ログイン",
        "signup": "登録",
        "mine": "マイページ",
        "logout": "ログアウト",
        "menu": "メニュー",
    },
    "en": {
        "scope": "What you can bring",
        "procedure": "Procedure",
        "contact": "Contact",
        "login": "Log in",
        "signup": "Register",
        "mine": "My page",
        "logout": "Log out",
        "menu": "Site menu",
    },
}


def context(request: HttpRequest) -> dict[str, object]:
    """The portal frame's language switcher (a context processor)."""
    code = current(request)
    return {
        "portal_lang": {
            "code": code,
            "html": LANGUAGES[code][1],
            "choices": [(c, label) for c, (label, _) in LANGUAGES.items()],
            "nav": NAV[code],
        }
    }
