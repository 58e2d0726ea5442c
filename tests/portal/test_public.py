"""The public pages (issue #8 item 1): GV-07 name, scope (DP-01/DP-06), procedure, offices, DP-07."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from chotei.portal import content, i18n, languages
from chotei.rules import offices, screening
from chotei.rules.states import STEP_TARGET_BUSINESS_DAYS
from tests.portal.stray_japanese import stray_japanese

pytestmark = pytest.mark.django_db
PAGES = ["/", "/about/scope/", "/about/procedure/", "/about/contact/"]


@pytest.mark.parametrize("path", PAGES)
def test_gv07_every_public_page_names_the_designated_body(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "指定紛争処理機関" in html
    assert "自賠責保険・共済紛争処理機構" in html
    assert '<html lang="ja">' in html


def test_root_is_the_public_home_and_the_desk_stays_at_desk(client: Client) -> None:
    assert "申請できる紛争" in client.get("/").content.decode()
    assert client.get("/desk/")["Location"].startswith("/desk/login/")


def test_dp06_every_ground_of_rule_5_is_explained_with_its_article(client: Client) -> None:
    html = client.get("/about/scope/").content.decode()
    for g in screening.GROUNDS:
        if g.code.startswith("R5-"):
            assert str(g.article) in html
    assert "まだ保険会社・共済組合に保険金・共済金を請求していない" in html
    assert "判断の結果が通知された後" in html  # DP-01


def test_procedure_states_each_duration_and_that_it_is_free(client: Client) -> None:
    html = client.get("/about/procedure/").content.decode()
    for days in STEP_TARGET_BUSINESS_DAYS.values():
        assert f"目安：{days}営業日" in html
    assert f"合わせて{sum(STEP_TARGET_BUSINESS_DAYS.values())}営業日" in html
    assert "申請の費用はかかりません" in html


def test_od03_the_review_step_is_named_as_a_step_not_as_the_state(client: Client) -> None:
    """「審理」 names both a step of the procedure and a case's state; in English the step is
    "Review", the state "Under review" (a translation context keeps them apart)."""
    client.cookies[languages.COOKIE] = "en"
    html = client.get("/about/procedure/").content.decode()
    assert "<h2>4. Review</h2>" in html and "Under review" not in html


def test_both_offices_with_hours_address_and_phone_and_dp07_routes(client: Client) -> None:
    html = client.get("/about/contact/").content.decode()
    for office in offices.OFFICE_CONTACTS:
        assert office.address in html and office.phone in html and office.hours in html
    assert {o.key for o in offices.OFFICE_CONTACTS} == set(offices.OFFICE_SHORT)
    assert "損害保険料率算出機構への異議申立て" in html
    assert str(screening.GUIDANCE_ARTICLE) in html


def test_public_pages_refuse_posts(client: Client, settings: Any) -> None:
    assert client.post("/").status_code == 405


def test_security_headers_and_csp_on_every_page(client: Client) -> None:
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in client.get("/desk/login/")
    # No page of the portal loads anything from another host.
    for path in ("/", "/about/contact/", "/portal/accounts/login/", "/portal/accounts/signup/"):
        html = client.get(path).content.decode()
        assert "http://" not in html.replace("http://testserver", "") and "https://" not in html


@pytest.mark.parametrize(
    ("lang", "html_lang", "words"),
    [("en", "en", "designated dispute processing body"), ("easy", "ja", "お金は かかりません")],
)
def test_od03_public_pages_in_english_and_easy_japanese_remembered(
    client: Client, lang: str, html_lang: str, words: str
) -> None:
    response = client.post("/language/", {"lang": lang, "next": "/about/scope/"})
    assert response["Location"] == "/about/scope/"
    for path in PAGES:
        html = client.get(path).content.decode()
        assert f'<html lang="{html_lang}">' in html
        assert "指定紛争処理機関" in html  # GV-07 in every language
    assert words in client.get("/").content.decode()
    scope = client.get("/about/scope/").content.decode()
    with translation.override(languages.GETTEXT[lang]):
        cited = [i18n.cite(g.article) for g in screening.GROUNDS if g.code.startswith("R5-")]
    assert [c for c in cited if c not in scope] == []
    contact = client.get("/about/contact/").content.decode()
    for office in offices.OFFICE_CONTACTS:
        assert office.phone in contact


def test_language_switch_goes_back_only_to_this_site(client: Client) -> None:
    response = client.post("/language/", {"lang": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    client.post("/language/", {"lang": "xx", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()  # an unknown code changes nothing


def _paragraphs() -> list[Any]:
    """Every paragraph the public pages take from ``content`` (lazy: said where shown)."""
    steps = [text for s in content.PROCEDURE for text in (s.title, s.text)]
    grounds = [g.text for g in content.CANNOT_BRING]
    return [
        *content.CAN_BRING,
        content.SCOPE_CONDITION,
        *grounds,
        content.FREE_OF_CHARGE,
        *steps,
        *content.OTHER_ROUTES,
    ]


@pytest.mark.parametrize("lang", ["easy", "en"])
def test_od03_every_public_paragraph_in_the_chosen_language(client: Client, lang: str) -> None:
    """One mechanism for every portal page: each paragraph is a gettext msgid, said in the chosen
    language; an English page keeps no Japanese but the body's official name and the addresses."""
    client.cookies["chotei_lang"] = lang
    pages = {path: client.get(path).content.decode() for path in PAGES}
    shown = html.unescape("".join(pages.values()))
    with translation.override("ja"):
        japanese = [str(p) for p in _paragraphs()]
    with translation.override(languages.GETTEXT[lang]):
        said = [str(p) for p in _paragraphs()]
    assert [s for s in said if s not in shown] == []
    # やさしい日本語 says 「申請」 as 日本語 does; every other paragraph is reworded.
    assert [j for j, s in zip(japanese, said, strict=True) if j == s] == ([] if lang == "en" else ["申請"])
    if lang == "en":
        body = settings.CHOTEI_BODY
        official = [f"{body['name']}（{body['designation']}）", body["name"], body["designation"]]
        assert {path: stray_japanese(page, official) for path, page in pages.items()} == dict.fromkeys(
            PAGES, []
        )
