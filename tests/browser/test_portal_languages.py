"""OD-03 in the browser: the guided application and my case in 日本語, やさしい日本語 and English,
the language chosen with the switcher on the page and remembered from page to page. Each screen is
shot at desktop size and at 360 px, and axe-core (vendored) finds no serious or critical violation."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import page  # noqa: F401
from tests.browser.test_portal import PDF, Shots, _fill_step
from tests.browser.test_walkthrough import CHROMIUM, submit
from tests.portal.conftest import PARTY_PASSWORD, mailbox  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian Chromium (/usr/bin/chromium) is not installed"),
]
# The switcher's button and a word each page says in that language (the "save and continue" button).
LANGUAGES = {
    "en": ("English", "Save and continue"),
    "easy": ("やさしい にほんご", "保存して 次へ"),
    "ja": ("日本語", "保存して次へ"),
}


def _walk(tab: Any, base: str, lang: str, world: Any, box: Any, shot: Shots) -> None:
    from chotei.disputes.models import Case
    from chotei.disputes.services.lifecycle import case_accept, case_start_screening
    from tests.portal.helpers import ANSWERS

    label, save = LANGUAGES[lang]
    tab.goto(base + "/portal/accounts/signup/")
    submit(tab, f".lang button[value={lang}]")
    assert tab.locator("html").get_attribute("lang") == ("en" if lang == "en" else "ja")
    email = f"{lang}-browser@example.jp"
    tab.fill("[name=email]", email)
    tab.fill("[name=password1]", PARTY_PASSWORD)
    tab.fill("[name=password2]", PARTY_PASSWORD)
    shot(f"{lang}-signup")
    submit(tab, "main form button[type=submit]")
    link = box.link("/portal/accounts/confirm-email/")
    tab.goto(base + link.split("testserver", 1)[-1].split(re.sub(r"https?://", "", base), 1)[-1])
    shot(f"{lang}-confirm-email")
    submit(tab, "main form button[type=submit]")
    tab.wait_for_url(re.compile(r"/portal/$"))
    submit(tab, "main form button[type=submit]")  # start an application

    steps = dict(ANSWERS)
    steps["respondent"] = {"respondent_organization": "あおば損害保険株式会社"}
    steps["claim"] = {**steps["claim"], "claimed_to_insurer": "no"}  # a DP-06 warning, told at once
    for n, (key, values) in enumerate(steps.items()):
        assert re.search(rf"/portal/apply/\d+/{key}/$", tab.url), tab.url
        if n == 0:
            # An empty step: the errors, each naming its field in the language.
            submit(tab, f"button:has-text('{save}')")
            shot(f"{lang}-apply-{key}-errors")
        _fill_step(tab, {k: v for k, v in values.items() if k != "applicant_phone"})
        shot(f"{lang}-apply-{key}")
        submit(tab, f"button:has-text('{save}')")
    shot(f"{lang}-apply-review")
    submit(tab, "main form button[type=submit]")
    found = re.search(r"/portal/cases/(\d+)/$", tab.url)
    assert found, tab.url
    case = Case.objects.get(pk=int(found.group(1)))
    case = case_start_screening(actor=world.staff, case_id=case.pk, version=case.version)
    case_accept(actor=world.staff, case_id=case.pk, version=case.version)
    tab.reload()
    shot(f"{lang}-case-consent")
    submit(tab, "button[name=consented][value=yes]")

    tab.goto(f"{base}/portal/cases/{case.pk}/submit/")
    tab.check("[name=kind][value=evidence]")
    tab.fill("[name=title]", "後遺障害診断書")
    tab.set_input_files("[name=file]", {"name": "診断書.pdf", "mimeType": "application/pdf", "buffer": PDF})
    shot(f"{lang}-submit")
    submit(tab, "main form button[type=submit]")
    # My case: its state in plain words, the next deadline, a notice to open, the submission.
    assert tab.locator("a[href*='/notices/']").count() >= 1
    shot(f"{lang}-case")
    tab.goto(f"{base}/portal/cases/{case.pk}/withdraw/")
    shot(f"{lang}-withdraw")
    tab.goto(f"{base}/portal/")
    shot(f"{lang}-my-page")
    submit(tab, "nav form button[type=submit]")  # log out; the language stays chosen
    tab.goto(base + "/portal/accounts/login/")
    assert tab.locator(f".lang button[value={lang}]").get_attribute("aria-pressed") == "true", label
    shot(f"{lang}-login")
    tab.goto(base + "/portal/accounts/password/reset/")
    shot(f"{lang}-password-reset")


def test_od03_application_and_my_case_in_three_languages(
    page: Any,  # noqa: F811
    live_server: Any,
    world: Any,
    mailbox: Any,  # noqa: F811
    shots: Path,
) -> None:
    folder = shots / "portal-languages"
    folder.mkdir(parents=True, exist_ok=True)
    shot = Shots(page, folder)
    for lang in LANGUAGES:
        _walk(page, live_server.url, lang, world, mailbox, shot)
    (folder / "axe.json").write_text(json.dumps(shot.axe_violations, ensure_ascii=False, indent=1))
    assert shot.axe_violations == {}, json.dumps(shot.axe_violations, ensure_ascii=False, indent=1)
