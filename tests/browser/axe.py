"""The accessibility check shared by the portal and desk browser tests: the vendored axe-core
(no CDN) run against a page, serious and critical WCAG 2.1 A/AA violations only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_walkthrough import ARGS, CHROMIUM, _fontconfig

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    """Like the desk walkthrough's, but the page's Content-Security-Policy lets the test inject the
    vendored axe-core (Playwright adds it as an inline script); the desk walkthrough runs under it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, env=_fontconfig(tmp_path))
        context = browser.new_context(
            viewport={"width": 1440, "height": 1000}, locale="ja-JP", bypass_csp=True
        )
        context.set_default_timeout(15_000)
        yield context.new_page()
        browser.close()


def axe_violations(tab: Any) -> list[str]:
    """Serious and critical violations on the page as shown now, each as `rule: selectors`."""
    if not tab.evaluate("() => typeof window.axe !== 'undefined'"):
        tab.add_script_tag(path=str(AXE))
    return list(
        tab.evaluate(
            "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}))"
            ".violations.filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
        )
    )
