"""OD-03: the guided application, my case and the account pages in 日本語, やさしい日本語 and
English, chosen on the page and remembered; every form error names its field in that language."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import translation

from chotei.portal import application, languages
from tests.portal.conftest import Mailbox
from tests.portal.stray_japanese import official_names, say, stray_japanese
from tests.portal.tour import tour

pytestmark = pytest.mark.django_db

# What each page must say in the chosen language, as its msgid: the portal's own words are the
# Japanese text of record, allauth's are its English. Each is chosen so that the やさしい日本語 and
# the English differ from the 日本語, so a missing translation fails.
MARKERS: dict[str, str] = {
    "signup": "Sign Up",
    "signup-errors": "Sign Up",
    "verification-sent": "Verify Your Email Address",
    "email-confirm": "Confirm Email Address",
    "my-page-empty": "まだ事案はありません。",
    **{f"apply-{s.key}": "保存して次へ" for s in application.STEPS},
    **{f"apply-{s.key}-errors": "入力内容を確認してください" for s in application.STEPS},
    "review": "この内容で申請する",
    "review-errors": "このままでは申請できません",
    "case-before-consent": "電子交付を承諾する",
    "submit": "主張書面・証拠の提出",
    "submit-errors": "入力内容を確認してください",
    "case": "あなたあての通知書",
    "withdraw": "上の内容を理解し、申請を取り下げます",
    "my-page": "あなたの事案",
    "password-change": "Current Password",
    "password-change-errors": "Current Password",
    "mfa-index": "An authenticator app is not active.",
    "reauthenticate": "Please reauthenticate to safeguard your account.",
    "totp-activate": "Activate Authenticator App",
    "totp-activate-errors": "Activate Authenticator App",
    "recovery-codes": "Unused codes",
    "recovery-codes-generate": "You are about to generate a new set of recovery codes for your account.",
    "totp-deactivate": "You are about to deactivate authenticator app based authentication. Are you sure?",
    "logout": "Are you sure you want to sign out?",
    "mfa-authenticate": "Your account is protected by two-factor authentication. Please enter an authenticator code:",
    "mfa-authenticate-errors": "Incorrect code.",
    "login": "Remember Me",
    "login-errors": "The email address and/or password you specified are not correct.",
    "password-reset": "Reset My Password",
    "password-reset-errors": "Reset My Password",
    "password-reset-done": "Password Reset",
    "password-reset-key": "New Password",
    "password-reset-key-errors": "You must type the same password each time.",
}
# A few more words per page that must be in the page's language (the step's own title, the plain
# state, the deadline, a notice's note).
MORE: dict[str, list[str]] = {
    "case": [
        "申請が受理されました。相手方が主張と証拠を出すのを待っています。",
        "次の期限",
        "PDFを開く・保存する",
    ],
    "review": ["受理されないことがある回答があります"],
    "recovery-codes": ["Recovery Codes", "Download codes", "Generate new codes"],
    "recovery-codes-generate": ["This action will invalidate your existing codes.", "Generate"],
    "totp-deactivate": ["Deactivate Authenticator App", "Deactivate"],
}
RECOVERY_COUNT = (
    "There is %(unused_count)s out of %(total_count)s recovery codes available.",
    "There are %(unused_count)s out of %(total_count)s recovery codes available.",
)


@pytest.fixture(scope="function")
def pages(
    request: Any, world: Any, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> dict[str, Any]:
    return tour(request.param, world, mailbox, django_capture_on_commit_callbacks)


@pytest.mark.parametrize("pages", ["ja", "easy", "en"], indirect=True, ids=["ja", "easy", "en"])
def test_od03_every_page_behind_login_in_the_chosen_language(pages: dict[str, Any], request: Any) -> None:
    lang = request.node.callspec.params["pages"]
    assert set(pages) == set(MARKERS)
    for name, response in pages.items():
        assert response.status_code in (200, 422), (name, response.status_code)
        text = html.unescape(response.content.decode())
        assert f'<html lang="{languages.LANGUAGES[lang][1]}">' in text, name
        for msgid in [MARKERS[name], *MORE.get(name, [])]:
            said = say(lang, msgid)
            assert said in text, (name, lang, said)
            if lang != "ja":
                assert said != say("ja", msgid), f"{name}: no {lang} translation of {msgid!r}"
        # The step being filled in is named in the language too.
        if (step := application.step(name.removeprefix("apply-").removesuffix("-errors"))) is not None:
            with translation.override(languages.GETTEXT[lang]):
                assert str(step.title) in text, name
    with translation.override(languages.GETTEXT[lang]):
        count = translation.ngettext(*RECOVERY_COUNT, 10) % {"unused_count": 10, "total_count": 10}
    assert count in html.unescape(pages["recovery-codes"].content.decode()), count
    if lang == "en":
        official = official_names()
        leftovers = {name: stray_japanese(r.content.decode(), official) for name, r in pages.items()}
        assert {n: w for n, w in leftovers.items() if w} == {}
    else:
        # The check can fail: a Japanese page, were it marked English, is full of what it flags.
        page = pages["apply-applicant"].content.decode().replace('<html lang="ja">', '<html lang="en">')
        assert len(stray_japanese(page, official_names())) > 20


@pytest.mark.parametrize("pages", ["ja", "easy", "en"], indirect=True, ids=["ja", "easy", "en"])
def test_od03_every_form_error_names_its_field_in_the_chosen_language(
    pages: dict[str, Any], request: Any
) -> None:
    lang = request.node.callspec.params["pages"]
    checked = 0
    for name, response in pages.items():
        form = (response.context or {}).get("form") if name.endswith("-errors") else None
        if form is None:
            continue
        shown = html.unescape(response.content.decode())
        # Labels and messages are lazy: read them in the page's language, as the page did.
        with translation.override(languages.GETTEXT[lang]):
            for field, errors in form.errors.as_data().items():
                if field == "__all__":
                    continue
                label = str(form.fields[field].label)
                for message in (m for error in errors for m in error.messages):
                    assert label in message and message in shown, (name, field, message)
                    checked += 1
    assert checked >= 20


def test_the_stray_japanese_check_finds_what_is_left_untranslated() -> None:
    page = (
        '<html lang="en"><head><title>Case | 機構</title></head><body>'
        '<p lang="ja">山田 太郎</p><p>Name <span class="req">（必須）</span></p>'
        '<nav aria-label="申請の手順"></nav><input type="submit" value="送信"><input name="n" value="山田">'
        "<script>var s = '日本語';</script></body></html>"
    )
    assert stray_japanese(page, ["機構"]) == ["（必須）", "申請の手順", "送信"]


def test_od03_the_choice_is_remembered_and_the_desk_stays_japanese(client: Client) -> None:
    response = client.post("/language/", {"lang": "en", "next": "/portal/accounts/login/"})
    assert response["Location"] == "/portal/accounts/login/"
    page = client.get("/portal/accounts/login/")
    assert '<html lang="en">' in page.content.decode() and "Remember Me" in page.content.decode()
    assert page["Content-Language"] == "en"
    desk = client.get("/desk/login/")
    assert "ログイン" in desk.content.decode() and desk["Content-Language"] == "ja"
    # Nothing leaks to the next request or the code after it.
    assert translation.get_language() == settings.LANGUAGE_CODE


@pytest.mark.parametrize("lang", ["ja", "easy", "en"])
def test_od03_error_pages_on_portal_addresses_in_the_chosen_language(
    lang: str, django_assert_num_queries: Any
) -> None:
    """The 403, 404, 405 and 500 a party meets on the portal are in the portal's frame and language;
    the desk's stay Japanese whatever the cookie says."""
    client, strict = Client(), Client(enforce_csrf_checks=True)
    client.cookies["chotei_lang"] = strict.cookies["chotei_lang"] = lang
    html_lang = languages.LANGUAGES[lang][1]
    answers = {
        404: (client.get("/portal/no-such-page/"), "ページが見つかりません"),
        405: (client.post("/about/scope/"), "この操作はできません"),
        403: (strict.post("/language/", {"lang": "ja"}), "このページは表示できません"),
    }
    for status, (response, msgid) in answers.items():
        text = html.unescape(response.content.decode())
        assert response.status_code == status
        assert f'<html lang="{html_lang}">' in text and 'name="lang"' in text, status  # the portal's frame
        assert say(lang, msgid) in text and say(lang, "トップページへ戻る") in text, (status, lang)
        if lang != "ja":
            assert say(lang, msgid) != msgid
        if lang == "en":
            assert stray_japanese(response.content.decode(), official_names()) == [], status
    assert "GET" in answers[405][0]["Allow"]

    from chotei.web.errors import server_error

    request = RequestFactory().get("/portal/")
    # Whatever failed may fail again: the page reads neither the request's session nor the database.
    with translation.override(languages.GETTEXT[lang]), django_assert_num_queries(0):
        failed = server_error(request)
    text = failed.content.decode()
    assert failed.status_code == 500 and f'<html lang="{html_lang}">' in text
    assert say(lang, "システムエラーが発生しました") in text
    if lang == "en":
        assert stray_japanese(text) == []

    desk = client.get("/desk/no-such-page/")
    assert desk.status_code == 404 and "事案一覧へ戻る" in desk.content.decode()
    assert '<html lang="ja">' in desk.content.decode()
