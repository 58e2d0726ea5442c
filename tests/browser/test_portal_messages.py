"""The message thread on both sides (OD-01, issue #8 item 5): the victim writes with an attachment on
my case, the secretariat finds the case by its unread badge on the worklist, reads and answers on
the desk, and the victim reads the answer. Screenshots at desktop size and 360 px of each side;
axe-core on the party's pages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.browser.axe import page  # noqa: F401
from tests.browser.test_portal import Shots
from tests.browser.test_walkthrough import CHROMIUM, login, submit
from tests.portal.conftest import PARTY_PASSWORD, mailbox, sign_up  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian Chromium (/usr/bin/chromium) is not installed"),
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _party_login(tab: Any, base: str) -> None:
    tab.goto(f"{base}/portal/accounts/login/")
    tab.fill("[name=login]", "taro@example.jp")
    tab.fill("[name=password]", PARTY_PASSWORD)
    submit(tab, "main form button[type=submit]")


def test_od01_message_thread_both_sides(
    page: Any,  # noqa: F811
    live_server: Any,
    world: Any,
    mailbox: Any,  # noqa: F811
    shots: Path,
    tmp_path: Path,
) -> None:
    from chotei.disputes.models import Case
    from chotei.disputes.services.lifecycle import case_accept, case_start_screening
    from chotei.portal.models import Message
    from tests.portal.helpers import apply

    folder = shots / "portal-messages"
    folder.mkdir(parents=True, exist_ok=True)
    shot = Shots(page, folder)
    base = live_server.url
    client = Client()
    sign_up(client, mailbox)
    client.post(f"/portal/apply/{apply(client, world.insurer.pk)}/submit/")
    case = Case.objects.get()
    case = case_start_screening(actor=world.staff, case_id=case.pk, version=case.version)
    case = case_accept(actor=world.staff, case_id=case.pk, version=case.version)

    _party_login(page, base)
    page.goto(f"{base}/portal/cases/{case.pk}/")
    submit(page, "text=メッセージを読む・送る")
    page.fill("[name=body]", "事故直後の診断書を追加で送ります。\n受け取ったらお知らせください。")
    evidence = tmp_path / "診断書.pdf"
    evidence.write_bytes(PDF)
    page.set_input_files("[name=file]", str(evidence))
    submit(page, "main form button[type=submit]")
    assert "メッセージを送信しました" in page.locator("main").inner_text()
    shot("party-sent")
    assert Message.objects.count() == 1

    page.context.clear_cookies()
    login(page, base, "secretariat")
    page.check("[name=unread]")
    page.wait_for_selector("text=未読あり")
    shot("worklist-unread", axe=False)
    page.goto(f"{base}/desk/cases/{case.pk}/")
    assert "未読 1件" in page.locator("#messages").inner_text()
    submit(page, "text=メッセージを読む・返信する")
    assert "診断書.pdf" in page.locator("#thread-applicant").inner_text()
    page.fill("[name=applicant-body]", "診断書を受け取りました。委員会の審理資料に加えます。")
    submit(page, "#thread-applicant button[type=submit]")
    assert "申請人に返信しました" in page.locator("main").inner_text()
    shot("desk-thread", axe=False)

    page.context.clear_cookies()
    _party_login(page, base)
    page.goto(f"{base}/portal/cases/{case.pk}/")
    assert "事務局からの未読のメッセージがあります" in page.locator("main").inner_text()
    shot("party-case-unread")
    submit(page, "text=メッセージを読む・送る")
    assert "委員会の審理資料に加えます" in page.locator("main").inner_text()
    shot("party-thread")
    (folder / "axe.json").write_text(json.dumps(shot.axe_violations, ensure_ascii=False, indent=1))
    assert shot.axe_violations == {}, json.dumps(shot.axe_violations, ensure_ascii=False, indent=1)
