"""The desk speaks Japanese whatever the browser asks for, the audit log included."""

from __future__ import annotations

from django.test import Client


def test_gv07_login_error_is_japanese_even_for_an_english_browser(world) -> None:
    response = Client(headers={"accept-language": "en-US,en;q=0.9"}).post(
        "/desk/login/", {"username": "secretariat", "password": "wrong"}
    )
    text = response.content.decode()
    assert "指定紛争処理機関" in text
    assert "Please enter" not in text and "正しい" in text


def test_admin_is_japanese_for_an_english_browser(db) -> None:
    from django.contrib.auth.models import User

    client = Client(headers={"accept-language": "en"})
    client.force_login(User.objects.create_superuser("root", password="x"))
    text = client.get("/admin/").content.decode()
    assert "Recent actions" not in text and "最近行った操作" in text


def test_dp22_audit_log_reads_in_japanese_with_case_numbers(as_role, make_case) -> None:
    case = make_case("screening")
    text = as_role("auditor").get("/desk/audit/").content.decode()
    assert case.number in text
    assert "処理: 受理審査開始" in text and "変更後: 受理審査" in text
    assert "target=screening" not in text and "action=start_screening" not in text
