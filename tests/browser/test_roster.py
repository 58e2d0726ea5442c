"""The roster as the secretariat and the chair click it (issue #6 item 3): a dismissal that would
break 令17条 shows the counts and waits for confirmation (CM-01); the chair's emergency appointment is
ratified at the first board meeting after it (CM-04). Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.browser.test_walkthrough import login, logout, page, pytestmark, submit  # noqa: F401
from tests.factories import board_meeting, fill_roster


def test_roster_dismissal_confirmation_and_ratification(
    page: Any,  # noqa: F811
    live_server: Any,
    world: Any,
    shots: Path,
) -> None:
    from chotei.committee.models import CommitteeMember

    base = live_server.url
    fill_roster(16, 8)  # 30 in all, 20 at the main office, 10 at the branch: exactly the minimums
    board_meeting(world.staff)

    login(page, base, "secretariat")
    page.click("nav a:has-text('委員名簿')")
    page.wait_for_url(f"{base}/desk/roster/")
    assert "30名以上" in page.locator("#counts").inner_text()
    page.click("a:has-text('伊藤 直子')")
    page.click("#act-dismiss summary")
    page.fill("#act-dismiss textarea[name=career]", "大学教授（民法）")
    page.fill("#act-dismiss input[name=effective_on]", "2026-07-31")
    page.fill("#act-dismiss textarea[name=reason]", "一身上の都合による辞任の申出")
    page.select_option("#act-dismiss select[name=board_meeting]", index=1)
    submit(page, "#act-dismiss button[type=submit]")
    main = page.locator("main").inner_text()
    assert "まだ保存していません" in main and "30名から29名" in main
    page.screenshot(path=shots / "20-roster-confirm.png", full_page=True)
    submit(page, "button:has-text('人数の不足を確認のうえ保存する')")
    page.wait_for_url(re.compile(r"/desk/roster/members/\d+/$"))
    assert "解任について行政庁の認可申請を記録しました" in page.locator(".messages").inner_text()
    logout(page)

    login(page, base, "chair")
    page.goto(f"{base}/desk/roster/")
    page.click("#act-emergency summary")
    form = page.locator("#act-emergency")
    form.locator("input[name=name]").fill("石井 大輔")
    form.locator("select[name=office]").select_option("tokyo")
    form.locator("select[name=qualification]").select_option("lawyer")
    form.locator("textarea[name=career]").fill("弁護士（東京弁護士会）")
    form.locator("input[name=effective_on]").fill("2026-07-01")
    form.locator("textarea[name=reason]").fill("担当委員の急病により審理が停滞するため")
    submit(page, "#act-emergency button[type=submit]")
    assert "緊急に選任し委嘱しました" in page.locator(".messages").inner_text()
    page.click("#act-meeting summary")
    page.fill("#id_meeting_held_on", "2026-07-20")
    page.fill("#id_meeting_name", "令和8年度第1回臨時理事会")
    page.select_option("#id_meeting_kind", "extraordinary")
    submit(page, "#act-meeting button[type=submit]")
    # The first board meeting after the commission has passed without ratifying: flagged.
    assert "追認なし" in page.locator("#unratified").inner_text()
    page.screenshot(path=shots / "21-roster-unratified.png", full_page=True)
    row = page.locator("#unratified tbody tr").first
    row.locator("summary").click()
    row.locator("select[name=meeting]").select_option(label="令和8年7月20日 令和8年度第1回臨時理事会")
    submit(page, row.locator("button[type=submit]"))
    assert "理事会の追認を記録しました" in page.locator(".messages").inner_text()
    assert page.locator("#unratified").count() == 0
    assert CommitteeMember.objects.get(name="石井 大輔").active
