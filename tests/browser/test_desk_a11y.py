"""Issue 9 "Done when": axe-core (vendored, as for the portal) finds no serious or critical
violation on the desk's case list, case page and intake page, at desktop size and at 360 px."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.browser.axe import axe_violations, page  # noqa: F401
from tests.browser.test_desk_phone import DESKTOP, PHONE, _cases
from tests.browser.test_walkthrough import login, pytestmark  # noqa: F401


def test_desk_list_case_and_intake_pages_pass_axe(
    page: Any,  # noqa: F811
    live_server: Any,
    world: Any,
    shots: Path,
) -> None:
    made = _cases(world)
    base = live_server.url
    login(page, base, "secretariat")
    found: dict[str, list[str]] = {}
    for name, path in (
        ("list", "/desk/?open_only=on&sort=due"),
        ("case", f"/desk/cases/{made['screening'].pk}/"),
        ("intake", "/desk/cases/new/"),
    ):
        page.goto(base + path)
        for size, suffix in ((DESKTOP, "desktop"), (PHONE, "360")):
            page.set_viewport_size(size)
            if result := axe_violations(page):
                found[f"{name}@{suffix}"] = result
        page.screenshot(path=shots / f"desk-a11y-{name}-360.png", full_page=True)
        page.set_viewport_size(DESKTOP)
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)
