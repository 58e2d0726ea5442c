"""One case from application to result through the desk, as staff would click it (issue #2 item 4).

Drives Debian's Chromium through Playwright against pytest-django's live server and saves
screenshots to test-artifacts/screenshots/ for a human to look at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chotei import clock

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian Chromium (/usr/bin/chromium) is not installed"),
]
# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are still
# plain synchronous calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _fontconfig(tmp: Path) -> dict[str, str]:
    """Let Chromium find a Japanese font even on a bare server: the IPAex Gothic vendored for notices."""
    from chotei.documents.pdf import FONT_DIR as fonts

    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{fonts}</dir><cachedir>{tmp / 'fc-cache'}</cachedir></fontconfig>"
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, env=_fontconfig(tmp_path))
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="ja-JP")
        context.set_default_timeout(15_000)
        yield context.new_page()
        browser.close()


def login(page: Any, base: str, username: str) -> None:
    from tests.factories import PASSWORD

    page.goto(f"{base}/desk/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('ログイン')")
    page.wait_for_url(f"{base}/desk/")


def logout(page: Any) -> None:
    page.click("button:has-text('ログアウト')")
    page.wait_for_url(re.compile(r"/desk/login/"))


def submit(page: Any, target: Any) -> None:
    """Click a submit button (selector or locator) and wait for the page the server answers with."""
    with page.expect_navigation():
        (page.locator(target) if isinstance(target, str) else target).click()


def confirm(page: Any) -> str:
    """Confirm a step that cannot be undone on the page that says what it will do (issue 9 item 4);
    returns that page's text."""
    text = str(page.locator("#confirm").inner_text())
    assert "この操作は取り消せません" in text
    submit(page, "#confirm button[type=submit]")
    return text


def state_badge(page: Any) -> str:
    return str(page.locator(".case-head h1 .badge").first.inner_text())


def _other_cases(world: Any) -> None:
    """A few cases already on the desk, one of them late, so the list looks like a working day."""
    import datetime as dt

    from django.utils import timezone

    from chotei.disputes.models import Case
    from chotei.disputes.services.intake import PartyInput
    from chotei.rules import offices
    from chotei.rules.states import CaseState

    late = world.make_case(CaseState.SCREENING)
    Case.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(days=3))
    world.make_case(
        CaseState.UNDER_REVIEW, applicant=PartyInput(name="田村 健一", address="大阪府堺市堺区南瓦町3番1号")
    )
    world.make_case(
        CaseState.REFUSED,
        applicant=PartyInput(name="松本 由美", address="愛知県名古屋市中区三の丸三丁目1番1号"),
    )
    world.make_case(
        CaseState.RECEIVED,
        office=offices.BRANCH,
        applicant=PartyInput(name="井上 学", address="大阪府大阪市北区中之島一丁目3番20号"),
    )


def test_walk_one_case_from_application_to_result(
    page: Any, live_server: Any, world: Any, shots: Path
) -> None:
    from django.conf import settings
    from playwright.sync_api import expect

    base = live_server.url
    body = settings.CHOTEI_BODY
    _other_cases(world)

    # GV-07: the body and 「指定紛争処理機関」 greet the user on the login page.
    page.goto(f"{base}/desk/")
    page.wait_for_url(re.compile(r"/desk/login/"))
    header = page.locator(".site-header").inner_text()
    assert body["name"] in header and "指定紛争処理機関" in header
    page.screenshot(path=shots / "01-login.png")

    login(page, base, "secretariat")
    assert page.locator("h1").inner_text() == "事案一覧"

    # The secretariat files the application received by post; a missing item is named first (DP-02).
    page.click("a:has-text('新規申請の受付') >> nth=0")
    page.select_option("#id_applicant_role", "victim")
    page.fill("#id_applicant_name", "佐々木 美咲")
    page.fill("#id_applicant_postcode", "150-0002")
    page.fill("#id_applicant_address", "東京都渋谷区渋谷二丁目21番1号")
    page.select_option("#id_respondent_role", "insurer")
    page.select_option("#id_respondent_organization", label="あおば損害保険株式会社")
    page.fill("#id_issues", "頚部痛の残存が後遺障害に該当するか")
    page.fill("#id_negotiation_history", "令和8年8月に非該当の通知、同年9月に異議申立てをしたが非該当")
    page.fill("#id_claim", "事故後一貫して頚部痛を訴え、通院を継続している")
    page.fill("#id_accident_summary", "信号待ちで停車中に後方から追突された")
    page.fill("#id_accident_date", "2026-01-10")
    page.fill("#id_decision_notified_on", "2026-09-20")
    page.fill("#id_other_bodies", "なし")
    submit(page, "button:has-text('受け付ける')")
    assert "紛争処理を求める事項がありません（令第13条第2号）" in page.locator("main form").inner_text()
    page.locator(".field.has-error").first.scroll_into_view_if_needed()
    page.screenshot(path=shots / "02-application-missing-item.png", full_page=True)
    page.fill("#id_matters_sought", "後遺障害等級を非該当から第14級9号に変更することを求める")
    submit(page, "button:has-text('受け付ける')")
    page.wait_for_url(re.compile(r"/desk/cases/\d+/$"))
    assert "として受け付けました" in page.locator(".messages").inner_text()
    assert state_badge(page) == "受付"
    case_url = page.url
    number = page.locator(".case-head h1").inner_text().split()[0]

    submit(page, "button:has-text('受理審査を開始する')")
    assert state_badge(page) == "受理審査"
    page.click("#act-refuse summary")
    assert "規程第5条第2項" in page.locator("#act-refuse").inner_text()  # DP-07 guidance beside refusal
    page.screenshot(path=shots / "03-case-screening.png", full_page=True)

    submit(page, "button:has-text('受理して両当事者に通知する')")
    assert "受理通知書（申請人宛）" in page.locator("#notice-previews").inner_text()
    page.screenshot(path=shots / "03b-confirm-accept.png", full_page=True)
    confirm(page)
    assert state_badge(page) == "受理"
    assert "受理しました" in page.locator(".messages").inner_text()
    assert "答弁書提出期限" in page.locator("#deadlines").inner_text()
    logout(page)

    # The chair names a suggested panel with one click (DP-11).
    login(page, base, "chair")
    page.goto(case_url)
    suggestion = page.locator("#panel-suggestions .proposal").first
    suggestion.wait_for()
    assert "主任" in suggestion.inner_text()
    page.locator("#act-appoint_panel").scroll_into_view_if_needed()
    page.screenshot(path=shots / "04-panel-suggestions.png", full_page=True)
    submit(page, suggestion.locator("button:has-text('この構成で指名')"))
    confirm(page)
    assert state_badge(page) == "審理"
    assert "主任委員" in page.locator("#panel").inner_text()

    # The secretariat sets a meeting and records who attended and the minutes (quorum, 規程12条).
    page.click("#act-meeting_schedule summary")
    # Today: a meeting is set on or after receipt, and its minutes only once it has sat (issue #9).
    page.fill("#act-meeting_schedule input[name=scheduled_for]", f"{clock.today()}T09:00")
    page.fill("#act-meeting_schedule input[name=place]", "本部 第1会議室")
    submit(page, "#act-meeting_schedule button[type=submit]")
    assert "期日を指定しました" in page.locator(".messages").inner_text()
    record = page.locator("[id^=act-meeting_record-]")
    boxes = record.locator("input[name=present]")
    boxes.nth(0).check()
    record.locator("textarea[name=minutes]").fill("書面審査を行い、頚部の神経症状の残存を認めた。")
    submit(page, record.locator("button[type=submit]"))
    assert "過半数" in page.locator(".alert.error").inner_text()  # one of three is no quorum
    record = page.locator("[id^=act-meeting_record-]")
    record.locator("input[name=present]").nth(0).check()
    record.locator("input[name=present]").nth(1).check()
    record.locator("textarea[name=minutes]").fill("書面審査を行い、頚部の神経症状の残存を認めた。")
    submit(page, record.locator("button[type=submit]"))
    assert "調書作成済" in page.locator("#panel").inner_text()

    # The result: 変更, with reasons (DP-17).
    page.check("#act-record_result input[name=result][value=changed]")
    page.fill(
        "#act-record_result textarea[name=reasons]", "画像所見と治療経過から、第14級9号に該当すると判断した。"
    )
    submit(page, "#act-record_result button[type=submit]")
    assert "紛争処理結果通知書" in confirm(page)
    assert state_badge(page) == "結果通知"
    outcome = page.locator("#outcome").inner_text()
    assert "変更" in outcome and "第14級9号に該当する" in outcome
    timeline = page.locator("#timeline").inner_text()
    for step in ("申請受付", "受理", "紛争処理委員会を指名", "期日調書を作成", "審理結果「変更」"):
        assert step in timeline, step
    page.screenshot(path=shots / "05-case-result.png", full_page=True)
    # The notices each step issued (DP-05, DP-08, DP-16, DP-17), each one PDF away.
    assert "紛争処理結果通知書" in page.locator("#documents").inner_text()
    pdf = page.request.get(base + page.locator("#documents a:has-text('PDF')").first.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"

    submit(page, "nav >> text=事案一覧")
    assert number in page.locator("#case-results").inner_text()
    assert page.locator("#case-results .badge.overdue").count() == 1  # DP-10
    page.screenshot(path=shots / "06-case-list.png", full_page=True)
    page.check("#case-filters input[name=state][value=result_notified]")
    page.wait_for_url(re.compile(r"state=result_notified"))
    rows = page.locator("#case-results tbody tr")
    expect(rows).to_have_count(1)  # HTMX swapped the table in place
    assert number in rows.first.inner_text()
    page.screenshot(path=shots / "07-case-list-filtered.png", full_page=True)

    submit(page, "nav >> text=帳簿")
    assert number in page.locator("table").inner_text()
    page.screenshot(path=shots / "08-ledger.png")
