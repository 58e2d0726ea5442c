"""The desk as a clerk's daily tool at desktop size and on a 360 px phone (issue 9 items 1, 2, 4, 5, 8).

Screenshots go to test-artifacts/screenshots/desk-*.png for a human to look at.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from tests.browser.test_walkthrough import login, page, pytestmark, submit  # noqa: F401

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1440, "height": 1000}


def no_sideways_scroll(tab: Any) -> bool:
    return bool(tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def _cases(world: Any) -> dict[str, Any]:
    from django.utils import timezone

    from chotei.disputes.models import Case
    from chotei.disputes.services.intake import PartyInput
    from chotei.rules.states import CaseState

    today = timezone.localdate()
    made = {
        "received": world.make_case(),
        "screening": world.make_case(
            CaseState.SCREENING, applicant=PartyInput(name="田村 健一", address="大阪府堺市堺区南瓦町3番1号")
        ),
        "review": world.make_case(CaseState.UNDER_REVIEW, applicant_kana="まつもと ゆみ"),
        "closed": world.make_case(CaseState.CLOSED),
    }
    Case.objects.filter(pk=made["screening"].pk).update(due_on=today - dt.timedelta(days=2))
    Case.objects.filter(pk=made["received"].pk).update(
        due_on=today + dt.timedelta(days=3), assigned_clerk=world.users["secretariat"]
    )
    return made


def test_worklist_sorted_filtered_and_as_cards_on_a_phone(
    page: Any,  # noqa: F811
    live_server: Any,
    world: Any,
    shots: Path,
) -> None:
    made = _cases(world)
    base = live_server.url
    login(page, base, "secretariat")

    page.select_option("#id_sort", "due")
    page.wait_for_url(re.compile(r"sort=due"))
    rows = page.locator("#case-results tbody tr")
    assert made["screening"].number in rows.nth(0).inner_text()  # overdue first (DP-10)
    assert "受理・不受理の判断" in rows.nth(0).inner_text()  # 次の手続
    page.check("#case-filters input[name=state][value=received]")
    page.check("#case-filters input[name=state][value=screening]")
    page.wait_for_url(re.compile(r"state=received.*state=screening|state=screening.*state=received"))
    page.wait_for_function("document.querySelectorAll('#case-results tbody tr').length === 2")
    assert "全2件" in page.locator("#result-count").inner_text()
    page.screenshot(path=shots / "desk-worklist-desktop.png", full_page=True)

    page.goto(f"{base}/desk/?mine=on")
    assert [made["received"].number] == [
        t.split()[0] for t in page.locator("#case-results tbody tr td:first-child").all_inner_texts()
    ]

    page.set_viewport_size(PHONE)
    page.goto(f"{base}/desk/?open_only=on&sort=due")
    assert no_sideways_scroll(page)
    assert page.locator("#case-results thead").is_hidden()  # cards, not a table
    labels = page.evaluate(
        "[...document.querySelectorAll('#case-results tbody tr:first-child td')]"
        ".map(td => getComputedStyle(td, '::before').content)"
    )
    assert '"処理目標日"' in labels  # each card labels its values
    assert page.locator("#site-nav").is_hidden()
    page.screenshot(path=shots / "desk-worklist-360.png", full_page=True)
    page.click("label.nav-toggle-label")
    assert page.locator("#site-nav a:has-text('帳簿')").is_visible()
    page.screenshot(path=shots / "desk-menu-360.png")

    page.goto(f"{base}/desk/cases/{made['screening'].pk}/")
    assert no_sideways_scroll(page)
    actions_top = page.locator("#actions").bounding_box()["y"]
    assert actions_top < page.locator("#parties").bounding_box()["y"]  # actions near the top
    page.screenshot(path=shots / "desk-case-360.png", full_page=True)

    # Item 4: accepting shows what will happen and the notices, then acts on confirmation.
    submit(page, "button:has-text('受理して両当事者に通知する')")
    assert (
        "受理通知書（相手方宛）" in page.locator("#notice-previews").inner_text()
        or "受理通知書" in page.locator("#notice-previews").inner_text()
    )
    assert no_sideways_scroll(page)
    page.screenshot(path=shots / "desk-confirm-360.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=shots / "desk-confirm-desktop.png", full_page=True)
    submit(page, "#confirm button[type=submit]")
    assert page.locator(".case-head h1 .badge").first.inner_text() == "受理"


def test_bad_intake_refused_at_the_top_and_at_its_field(
    page: Any,  # noqa: F811
    live_server: Any,
    world: Any,
    shots: Path,
) -> None:
    base = live_server.url
    login(page, base, "secretariat")
    page.goto(f"{base}/desk/cases/new/")
    roles = page.locator("#id_applicant_role option").all_inner_texts()
    assert roles[:2] == ["選択してください", "被害者"]
    page.select_option("#id_applicant_role", "victim")
    page.fill("#id_applicant_name", "佐々木 美咲")
    page.fill("#id_applicant_kana", "ささき みさき")
    page.fill("#id_applicant_postcode", "150-0002")
    page.fill("#id_applicant_address", "東京都渋谷区渋谷二丁目21番1号")
    page.select_option("#id_respondent_role", "insurer")
    page.select_option("#id_respondent_organization", label="あおば損害保険株式会社")
    for field, text in (
        ("matters_sought", "後遺障害等級を非該当から第14級9号に変更することを求める"),
        ("issues", "頚部痛の残存が後遺障害に該当するか"),
        ("negotiation_history", "異議申立てをしたが非該当"),
        ("claim", "頚部痛が続いている"),
        ("accident_summary", "信号待ちで停車中に追突された"),
        ("other_bodies", "なし"),
    ):
        page.fill(f"#id_{field}", text)
    page.fill("#id_accident_date", "令和8年1月10日")
    page.fill("#id_decision_notified_on", "R7.12.1")  # before the accident: cannot be true
    submit(page, "button:has-text('受け付ける')")
    top = page.locator("#form-errors").inner_text()
    assert "支払判断通知日が事故発生日より前になっています" in top
    field = page.locator(".field.has-error").filter(has=page.locator("#id_decision_notified_on"))
    assert "事故発生日より前" in field.inner_text()
    page.screenshot(path=shots / "desk-intake-refused-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    assert no_sideways_scroll(page)
    page.screenshot(path=shots / "desk-intake-refused-360.png", full_page=True)
    page.fill("#id_decision_notified_on", "令和8年9月20日")
    submit(page, "button:has-text('受け付ける')")
    page.wait_for_url(re.compile(r"/desk/cases/\d+/$"))
    page.goto(f"{base}/desk/?q=ささき")
    assert page.locator("#case-results tbody tr").count() == 1


def test_japanese_404_at_desktop_and_on_a_phone(
    page: Any,  # noqa: F811
    live_server: Any,
    world: Any,
    shots: Path,
) -> None:
    login(page, live_server.url, "secretariat")
    response = page.goto(f"{live_server.url}/desk/cases/999999/")
    assert response.status == 404 and "見つかりません" in page.locator("main").inner_text()
    response = page.goto(f"{live_server.url}/desk/no-such-page/")
    assert response.status == 404 and "ページが見つかりません" in page.locator("main").inner_text()
    page.screenshot(path=shots / "desk-404-desktop.png")
    page.set_viewport_size(PHONE)
    assert no_sideways_scroll(page)
    page.screenshot(path=shots / "desk-404-360.png")
