"""Japanese pages for what Django answers itself, and the API docs offline (issue 9 item 5)."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def test_unknown_address_gets_a_japanese_404(as_role) -> None:
    for client in (Client(), as_role("secretariat")):
        response = client.get("/desk/no-such-page/")
        assert response.status_code == 404
        html = response.content.decode()
        assert "ページが見つかりません" in html and 'lang="ja"' in html and "Not Found" not in html


def test_wrong_method_gets_a_japanese_405_with_its_allow_header(as_role) -> None:
    response = as_role("admin").get("/desk/tokens/1/revoke/")
    assert response.status_code == 405
    assert "この操作はできません" in response.content.decode() and "POST" in response["Allow"]


def test_refused_form_token_gets_a_japanese_403(world) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["secretariat"])
    response = client.post("/desk/cases/new/", {})
    assert response.status_code == 403 and "権限がありません" in response.content.decode()


def test_server_error_page_is_japanese_and_needs_no_database() -> None:
    from chotei.web.errors import server_error

    response = server_error(None)  # type: ignore[arg-type]
    assert response.status_code == 500 and "システムエラーが発生しました" in response.content.decode()


def test_api_docs_load_swagger_ui_from_the_static_files_not_a_cdn() -> None:
    html = Client().get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "/static/ninja/swagger-ui.css" in html
    assert "cdn" not in html.lower()
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "ninja/swagger-ui-init.js"):
        assert finders.find(asset), asset
