"""The staff second factor in the browser (IM-01): first login of the secretariat clerk, the
enrolment page with its QR code, a wrong code refused in Japanese, the code an authenticator app
would show (computed with allauth's functions), the recovery codes shown once, then a later login
with the next code. Screenshots at desktop size and 360 px, with axe-core, go to
test-artifacts/screenshots/second-factor/."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from tests.browser.test_portal import Shots, page, pytestmark  # noqa: F401
from tests.browser.test_walkthrough import logout, submit


def test_staff_enrol_and_log_in_with_totp(
    page: Any,  # noqa: F811
    live_server: Any,
    world: Any,
    settings: Any,
    shots: Path,
) -> None:
    # IM-01: a staff login is complete only after the second factor.
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from django.core.cache import cache

    from chotei.audit.models import AuditEvent
    from tests.factories import PASSWORD

    settings.CHOTEI_STAFF_TOTP = True
    cache.clear()
    folder = shots / "second-factor"
    folder.mkdir(parents=True, exist_ok=True)
    shot = Shots(page, folder)
    base = live_server.url

    def password_step() -> None:
        page.goto(f"{base}/desk/login/")
        page.fill("#id_username", "secretariat")
        page.fill("#id_password", PASSWORD)
        submit(page, "button:has-text('ログイン')")
        assert page.url.startswith(f"{base}/desk/login/second-factor/")

    password_step()
    assert page.locator("h1").inner_text() == "二要素認証の設定"
    assert page.evaluate("document.querySelector('#totp-qr').naturalWidth") > 0
    # Until the second step the menu is not offered: its pages would only lead back here.
    assert page.locator("#site-nav").count() == 0
    shot("enrolment")
    secret = page.locator("#totp-secret").inner_text()

    page.fill("#id_code", "000000")
    submit(page, "button:has-text('設定してログイン')")
    assert "確認コードが正しくありません" in page.locator("main form").inner_text()
    shot("wrong-code")

    counter = int(time.time()) // 30
    page.fill("#id_code", format_hotp_value(hotp_value(secret, counter)))
    submit(page, "button:has-text('設定してログイン')")
    codes = re.findall(r"\d{8}", page.locator("#recovery-codes").inner_text())
    assert len(codes) == 10
    shot("recovery-codes")
    submit(page, "a:has-text('続ける')")
    assert page.url == f"{base}/desk/"
    logout(page)

    # A later login: the app's next code (one step of tolerance), and no secret shown again.
    password_step()
    assert page.locator("h1").inner_text() == "確認コードの入力"
    assert secret not in page.content()
    shot("code")
    page.fill("#id_code", format_hotp_value(hotp_value(secret, counter + 1)))
    submit(page, "button:has-text('ログイン')")
    assert page.url == f"{base}/desk/"
    assert "事案一覧" in page.locator("nav").inner_text()

    refused = AuditEvent.objects.filter(event_type=AuditEvent.Type.ACCESS_REFUSED, actor=world.staff)
    assert refused.count() == 1
    assert not shot.axe_violations, shot.axe_violations
