"""Error pages for what Django answers itself (issue 9 item 5): an unknown address (404), a refused
form token (403), a method the address does not take (405) and a server error (500). The desk's are
Japanese; the portal's are in the portal's frame and its chosen language (OD-03), since
``PortalLanguageMiddleware`` has activated it before any of these is rendered. The API keeps its
JSON errors (chotei.api.errors)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy

from chotei.portal import languages

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# The desk's pages are always Japanese (PortalLanguageMiddleware), so the two share the msgids
# they word alike; the portal's say where a party goes next (the top page, my page), not the
# desk's case list.
_EXPIRED = gettext_lazy(
    "このページを表示する権限がないか、画面の有効期限が切れています。ページを読み込み直してから、もう一度操作してください。"
)
_NOT_FOUND = gettext_lazy("ページが見つかりません")
_NOT_ALLOWED = (
    gettext_lazy("この操作はできません"),
    gettext_lazy("このアドレスではその操作を受け付けていません。画面のボタンやリンクから操作してください。"),
)
PAGES: dict[int, tuple[str | StrPromise, str | StrPromise]] = {
    403: ("権限がありません", _EXPIRED),
    404: (
        _NOT_FOUND,
        "お探しのページは見つかりませんでした。アドレスを確認するか、事案一覧から探してください。",
    ),
    405: _NOT_ALLOWED,
}
PORTAL_PAGES: dict[int, tuple[str | StrPromise, str | StrPromise]] = {
    403: (gettext_lazy("このページは表示できません"), _EXPIRED),
    404: (
        _NOT_FOUND,
        gettext_lazy(
            "お探しのページは見つかりませんでした。アドレスを確認するか、トップページやマイページから探してください。"
        ),
    ),
    405: _NOT_ALLOWED,
}


def _is_portal(request: HttpRequest | None) -> bool:
    return request is not None and not languages.is_desk(getattr(request, "path", "/desk/"))


def _page(request: HttpRequest, status: int) -> HttpResponse:
    portal = _is_portal(request)
    title, message = PORTAL_PAGES[status] if portal else PAGES[status]
    template = "portal/error.html" if portal else "desk/error.html"
    return render(request, template, {"title": title, "message": message}, status=status)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(request, 403)


def server_error(request: HttpRequest | None) -> HttpResponse:
    # No context processors and no database: whatever failed may fail again. The portal's page
    # reads only the active language.
    if _is_portal(request):
        page = loader.get_template("portal/500.html").render({"html_lang": languages.html_lang()})
    else:
        page = loader.get_template("desk/500.html").render()
    return HttpResponse(page, status=500)


class MethodNotAllowedPage:
    """Django's 405 has no body; a person who lands on one gets a page in their language (the Allow
    header is kept). API answers are left as they are."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and not request.path.startswith("/api/"):
            page = _page(request, 405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response
