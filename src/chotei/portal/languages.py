"""The portal's language (OD-03): 日本語 by default, やさしい日本語 and English, chosen on every
page and remembered in a cookie. The desk and the notices stay Japanese.

Every portal page (the public pages, the guided application, my case, allauth's account pages,
the error pages) goes through Django's gettext, whose catalogs are in portal/locale: msgids are the
Japanese text of record, ``en`` and ``ja_Easy`` translate them, and allauth's own catalogs give its
English msgids their Japanese."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

COOKIE = "chotei_lang"
LANGUAGES: dict[str, tuple[str, str]] = {
    # code: (label shown in the switcher, value of <html lang>)
    "ja": ("日本語", "ja"),
    "easy": ("やさしい にほんご", "ja"),
    "en": ("English", "en"),
}


# The gettext language each choice activates; ja-easy falls back to ja for what it does not reword.
GETTEXT: dict[str, str] = {"ja": "ja", "easy": "ja-easy", "en": "en"}
# Staff pages stay Japanese whatever cookie the browser carries from the portal.
DESK_PREFIXES = ("/desk/", "/admin/", "/api/")


def is_desk(path: str) -> bool:
    return path.startswith(DESK_PREFIXES)


def html_lang() -> str:
    """``<html lang>`` for the active language, for a page rendered without the request (the 500)."""
    chosen = {gettext_code: code for code, gettext_code in GETTEXT.items()}.get(
        translation.get_language() or ""
    )
    return LANGUAGES[chosen or "ja"][1]


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


class PortalLanguageMiddleware:
    """Every portal request renders in the chosen language (gettext), every desk request in
    Japanese; the previous language is restored so nothing leaks to the next request or thread."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        choice = "ja" if is_desk(request.path) else current(request)
        with translation.override(GETTEXT[choice]):
            request.LANGUAGE_CODE = GETTEXT[choice]
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", LANGUAGES[choice][1])
        return response


def context(request: HttpRequest) -> dict[str, object]:
    """The portal frame's language switcher (a context processor)."""
    code = current(request)
    return {
        "portal_lang": {
            "code": code,
            "html": LANGUAGES[code][1],
            # Each language's name is said in that language (its own lang attribute).
            "choices": [(c, label, html) for c, (label, html) in LANGUAGES.items()],
        }
    }
