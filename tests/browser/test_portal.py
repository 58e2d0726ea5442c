"""The portal walkthrough (issue #8 "Done when"): a victim signs up and confirms the e-mail (real
SMTP), applies from scratch, uploads evidence; the secretariat screens with the checklist and
accepts on the desk; the insurer answers in its portal; the result is recorded; the victim reads
the result notice. A screenshot of each step at desktop size and at 360 px, and axe-core (vendored)
finds no serious or critical violation on the public pages, the application steps and my case.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import axe_violations, page  # noqa: F401
from tests.browser.test_walkthrough import CHROMIUM, confirm, login, logout, submit
from tests.portal.conftest import PARTY_PASSWORD, mailbox  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian Chromium (/usr/bin/chromium) is not installed"),
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Shots:
    def __init__(self, tab: Any, folder: Path) -> None:
        self.page, self.folder, self.n = tab, folder, 0
        self.axe_violations: dict[str, list[str]] = {}

    def __call__(self, name: str, *, axe: bool = True) -> None:
        """Desktop and 360 px screenshots of the page; the axe-core check at both widths."""
        self.n += 1
        for width, height, suffix in ((1440, 1000, "desktop"), (360, 780, "360px")):
            self.page.set_viewport_size({"width": width, "height": height})
            self.page.screenshot(path=self.folder / f"{self.n:02d}-{name}-{suffix}.png", full_page=True)
            if axe:
                self._axe(f"{name}@{suffix}")
        self.page.set_viewport_size({"width": 1440, "height": 1000})

    def _axe(self, where: str) -> None:
        if result := axe_violations(self.page):
            self.axe_violations[where] = result


def _fill_step(tab: Any, values: dict[str, str]) -> None:
    for name, value in values.items():
        field = tab.locator(f"[name={name}]")
        kind = field.first.get_attribute("type")
        if kind == "radio":
            tab.check(f"[name={name}][value='{value}']")
        elif kind == "checkbox":
            tab.check(f"[name={name}]")
        elif field.first.evaluate("e => e.tagName") == "SELECT":
            tab.select_option(f"[name={name}]", label=value)
        else:
            field.fill(value)


def test_portal_walkthrough(page: Any, live_server: Any, world: Any, mailbox: Any, shots: Path) -> None:  # noqa: F811 (mailbox)
    # OD-01: apply, read notices and follow the case online, end to end.
    from chotei.disputes.models import Case
    from chotei.disputes.services import lifecycle, panels
    from chotei.documents.models import IssuedDocument
    from tests.portal.helpers import ANSWERS

    shots_dir = shots / "portal"
    shots_dir.mkdir(parents=True, exist_ok=True)
    shot = Shots(page, shots_dir)
    base = live_server.url

    # Public pages (GV-07).
    # Public pages (GV-07) in each language, switched on the page and remembered (OD-03).
    publics = (
        ("/", "home"),
        ("/about/scope/", "scope"),
        ("/about/procedure/", "procedure"),
        ("/about/contact/", "contact"),
    )
    page.goto(base + "/")
    for lang, label in (("en", "English"), ("easy", "やさしい にほんご"), ("ja", "日本語")):
        submit(page, f".lang button:has-text('{label}')")
        for path, name in publics:
            page.goto(base + path)
            assert "指定紛争処理機関" in page.locator(".site-header").inner_text()
            shot(f"public-{lang}-{name}")

    # Sign up; the confirmation link arrives by real SMTP.
    page.click("nav >> text=新規登録")
    page.fill("[name=email]", "misaki@example.jp")
    page.fill("[name=password1]", PARTY_PASSWORD)
    page.fill("[name=password2]", PARTY_PASSWORD)
    shot("signup")
    submit(page, "main form button[type=submit]")
    link = mailbox.link("/portal/accounts/confirm-email/")
    page.goto(base + link.split("testserver", 1)[-1].split(re.sub(r"https?://", "", base), 1)[-1])
    shot("confirm-email", axe=False)
    submit(page, "main form button[type=submit]")
    page.wait_for_url(re.compile(r"/portal/$"))
    shot("my-page-empty")

    # The guided application, one topic per step.
    submit(page, "button:has-text('紛争処理を申請する')")
    steps = dict(ANSWERS)
    steps["respondent"] = {"respondent_organization": "あおば損害保険株式会社"}
    steps["claim"] = {**steps["claim"], "claimed_to_insurer": "no"}  # ground 8: warned, not blocked
    for key, values in steps.items():
        assert re.search(rf"/portal/apply/\d+/{key}/$", page.url), page.url
        _fill_step(page, {k: v for k, v in values.items() if k != "applicant_phone"})
        shot(f"apply-{key}")
        submit(page, "button:has-text('保存して次へ')")
    assert "まだ請求していない場合は" in page.locator("main").inner_text()
    shot("apply-review")
    submit(page, "button:has-text('この内容で申請する')")
    assert "申請を受け付けました" in page.locator(".messages").inner_text()
    case = Case.objects.get()
    assert case.channel == Case.Channel.ONLINE
    shot("case-received")

    # Evidence upload, and the consent to read notices here (PN-05).
    page.click("text=主張書面・証拠を提出する")
    page.check("[name=kind][value=evidence]")
    page.fill("[name=title]", "後遺障害診断書")
    page.set_input_files("[name=file]", {"name": "診断書.pdf", "mimeType": "application/pdf", "buffer": PDF})
    shot("upload")
    submit(page, "button:has-text('提出する')")
    submit(page, "button:has-text('電子交付を承諾する')")
    page.locator("nav form button:has-text('ログアウト')").click()

    # The secretariat screens with the checklist and accepts on the desk.
    login(page, base, "secretariat")
    page.goto(f"{base}/desk/cases/{case.pk}/")
    checklist = page.locator("#screening-checklist").inner_text()
    assert "第8号" in checklist and "該当の可能性" in checklist
    page.locator("#screening-checklist").scroll_into_view_if_needed()
    shot("desk-checklist", axe=False)
    submit(page, "button:has-text('受理審査を開始する')")
    submit(page, "button:has-text('受理して両当事者に通知する')")
    confirm(page)
    logout(page)

    # The insurer answers in its portal.
    page.goto(f"{base}/desk/login/")
    page.fill("#id_username", "insurer")
    from tests.factories import PASSWORD

    page.fill("#id_password", PASSWORD)
    submit(page, "button:has-text('ログイン')")
    page.wait_for_url(re.compile(r"/portal/$"))
    page.click(f"text={case.number}")
    shot("insurer-case")
    page.click("text=主張書面・証拠を提出する")
    page.check("[name=kind][value=statement]")
    page.fill("[name=title]", "答弁書")
    page.set_input_files(
        "[name=file]", {"name": "答弁書.pdf", "mimeType": "application/pdf", "buffer": PDF + b"%answer"}
    )
    submit(page, "button:has-text('提出する')")
    assert "「答弁書」を提出しました" in page.locator(".messages").inner_text()
    page.locator("nav form button:has-text('ログアウト')").click()

    # The panel's result (the desk walkthrough clicks these; here they go through the same services).
    chair, staff = world.users["chair"], world.staff
    ids, chief = world.panel_ids()
    version = Case.objects.get().version
    panels.panel_appoint(actor=chair, case_id=case.pk, version=version, member_ids=ids, chief_id=chief)
    from django.utils import timezone

    meeting = panels.meeting_schedule(
        actor=staff, case_id=case.pk, scheduled_for=timezone.now(), place="本部"
    )
    panels.meeting_record(actor=staff, meeting_id=meeting.pk, present_member_ids=ids[:2], minutes="書面審査")
    lifecycle.case_record_result(
        actor=staff,
        case_id=case.pk,
        version=Case.objects.get().version,
        result=Case.Result.CHANGED,
        reasons="第14級9号に該当する",
    )

    # The victim reads the result notice; its first opening is recorded (PN-04).
    page.goto(f"{base}/portal/accounts/login/")
    page.fill("[name=login]", "misaki@example.jp")
    page.fill("[name=password]", PARTY_PASSWORD)
    submit(page, "main form button[type=submit]")
    page.click(f"text={case.number}")
    assert "審理の結果をお知らせしました" in page.locator("main").inner_text()
    shot("case-result")
    result = IssuedDocument.objects.get(case=case, kind="result", addressee_side="applicant")
    href = page.locator(f"a[href$='/notices/{result.pk}/']").get_attribute("href")
    response = page.request.get(base + href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    result.refresh_from_db()
    assert result.first_opened_at is not None

    (shots_dir / "axe.json").write_text(json.dumps(shot.axe_violations, ensure_ascii=False, indent=1))
    assert shot.axe_violations == {}, json.dumps(shot.axe_violations, ensure_ascii=False, indent=1)
