"""Japanese error pages for what Django answers itself (issue 9 item 5): an unknown address (404),
a refused form token (403), a method the address does not take (405) and a server error (500).
The API keeps its JSON errors (chotei.api.errors)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

PAGES: dict[int, tuple[str, str]] = {
    403: (
        "権限がありません",
        "このページを表示する権限がないか、画面の有効期限が切れています。ページを読み込み直してから、もう一度操作してください。",
    ),
    404: (
        "ページが見つかりません",
        "お探しのページは見つかりませんでした。アドレスを確認するか、事案一覧から探してください。",
    ),
    405: (
        "この操作はできません",
        "このアドレスではその操作を受け付けていません。画面のボタンやリンクから操作してください。",
    ),
}


def _page(request: HttpRequest, status: int) -> HttpResponse:
    title, message = PAGES[status]
    return render(request, "desk/error.html", {"title": title, "message": message}, status=status)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(request, 403)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors and no database: whatever failed may fail again.
    return HttpResponse(loader.get_template("desk/500.html").render(), status=500)


class MethodNotAllowedPage:
    """Django's 405 has no body; a person who lands on one gets a Japanese page (the Allow header
    is kept). API answers are left as they are."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and not request.path.startswith("/api/"):
            page = _page(request, 405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response
