"""DP-09 from my case: the applicant amends the matters sought (規程5条の2) after a confirmation step,
through the desk's own service; after the window it is refused in Japanese with the article."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest
from django.test import Client

from chotei import clock
from chotei.accounts.permissions import NotPermitted
from chotei.disputes.models import Amendment, Case
from chotei.disputes.services.lifecycle import case_amend
from chotei.documents.models import IssuedDocument
from chotei.portal.models import ApplicationDraft
from tests.portal.stray_japanese import official_names, say, stray_japanese
from tests.portal.test_my_case import accepted  # noqa: F401

pytestmark = pytest.mark.django_db
NEW = "後遺障害等級12級13号の認定"


def test_dp09_applicant_amends_after_confirming(
    accepted: Case,  # noqa: F811
    party_client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # OD-01: the amendment is filed online, as on paper.
    page = party_client.get(f"/portal/cases/{accepted.pk}/").content.decode()
    assert "紛争処理を求める事項の変更" in page and f"/portal/cases/{accepted.pk}/amend/" in page
    url = f"/portal/cases/{accepted.pk}/amend/"
    empty = party_client.post(url, {"matters_sought": ""})
    assert empty.status_code == 422 and "変更後の求める事項: 入力してください。" in empty.content.decode()
    review = party_client.post(url, {"matters_sought": NEW})
    assert review.status_code == 200 and "この内容で変更しますか" in review.content.decode()
    accepted.refresh_from_db()
    assert accepted.matters_sought != NEW and not Amendment.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = party_client.post(url, {"matters_sought": NEW, "confirm": "yes", "version": accepted.version})
    assert done.status_code == 302, done.content.decode()[-1500:]
    accepted.refresh_from_db()
    assert accepted.matters_sought == NEW
    amendment = Amendment.objects.get()
    assert amendment.accepted and amendment.after == NEW
    # The respondent is told (DP-09), as when the desk records an amendment.
    assert IssuedDocument.objects.filter(
        case=accepted, kind="amendment", addressee_side="respondent"
    ).exists()


def test_dp09_refused_after_the_window_with_the_article(
    accepted: Case,  # noqa: F811
    party_client: Client,
) -> None:
    Case.objects.filter(pk=accepted.pk).update(acceptance_dispatched_on=clock.today() - dt.timedelta(days=60))
    page = party_client.get(f"/portal/cases/{accepted.pk}/").content.decode()
    assert f"/portal/cases/{accepted.pk}/amend/" not in page
    refused = party_client.post(
        f"/portal/cases/{accepted.pk}/amend/",
        {"matters_sought": NEW, "confirm": "yes", "version": accepted.version},
    )
    text = refused.content.decode()
    assert refused.status_code == 409
    assert "規程第5条の2第2項により変更の期限" in text
    accepted.refresh_from_db()
    assert accepted.matters_sought != NEW and not Amendment.objects.exists()


def test_dp09_only_the_applicant_and_only_the_secretariat_refuses(
    accepted: Case,  # noqa: F811
    world: Any,
) -> None:
    insurer = Client()
    insurer.force_login(world.users["insurer"])
    assert insurer.get(f"/portal/cases/{accepted.pk}/amend/").status_code == 404
    with pytest.raises(NotPermitted):
        case_amend(
            actor=world.users["insurer"], case_id=accepted.pk, version=accepted.version, matters_sought=NEW
        )
    applicant = ApplicationDraft.objects.get().account.user
    with pytest.raises(NotPermitted):
        case_amend(
            actor=applicant,
            case_id=accepted.pk,
            version=accepted.version,
            matters_sought=NEW,
            refuse_reason="遅延",
        )
    assert not Amendment.objects.exists()


@pytest.mark.parametrize("lang", ["easy", "en"])
def test_od03_amendment_in_the_chosen_language(
    accepted: Case,  # noqa: F811
    party_client: Client,
    lang: str,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """DP-09 in やさしい日本語 and English: each step of the amendment, its error naming the field and
    the confirmation; what the party typed is case data, shown as typed (lang="ja")."""
    party_client.get("/portal/")  # the Japanese flashes of the application, read before switching
    party_client.cookies["chotei_lang"] = lang
    url = f"/portal/cases/{accepted.pk}/amend/"
    case_page = party_client.get(f"/portal/cases/{accepted.pk}/").content.decode()
    assert say(lang, "紛争処理を求める事項の変更") in case_page and say(lang, "変更できる期限") in case_page
    form = party_client.get(url).content.decode()
    empty = party_client.post(url, {"matters_sought": ""})
    review = party_client.post(url, {"matters_sought": NEW}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = party_client.post(
            url, {"matters_sought": NEW, "confirm": "yes", "version": accepted.version}, follow=True
        )
    expected = {
        "form": (
            form,
            ["紛争処理を求める事項の変更", "いまの求める事項", "変更後の求める事項", "変更の内容を確認する"],
        ),
        "review": (review, ["この内容で変更しますか", "変更する", "書き直す"]),
        "done": (done.content.decode(), ["求める事項を変更しました。相手方にもお知らせします。"]),
    }
    for name, (page, msgids) in expected.items():
        for msgid in msgids:
            said = say(lang, msgid)
            assert said != msgid and said in html.unescape(page), (name, lang, said)
    label = say(lang, "変更後の求める事項")
    assert empty.status_code == 422
    assert say(lang, "%(label)s: 入力してください。") % {"label": label} in html.unescape(
        empty.content.decode()
    )
    assert Amendment.objects.get().after == NEW
    if lang == "en":
        pages = [case_page, empty.content.decode(), *(page for page, _ in expected.values())]
        # The text box holds the matters sought as they stand: case data, as typed.
        typed = [*official_names(), accepted.matters_sought, NEW]
        assert [stray_japanese(page, typed) for page in pages] == [[]] * len(pages)


def test_od03_a_late_amendment_is_refused_in_english_with_the_article(
    accepted: Case,  # noqa: F811
    party_client: Client,
) -> None:
    """The rule's refusal (DP-09, 規程5条の2第2項) is said in the page's language, as the other
    portal pages say theirs, with the article cited in English."""
    Case.objects.filter(pk=accepted.pk).update(acceptance_dispatched_on=clock.today() - dt.timedelta(days=60))
    party_client.get("/portal/")  # the Japanese flashes of the application, read before switching
    party_client.cookies["chotei_lang"] = "en"
    refused = party_client.post(
        f"/portal/cases/{accepted.pk}/amend/",
        {"matters_sought": NEW, "confirm": "yes", "version": accepted.version},
    )
    text = html.unescape(refused.content.decode())
    assert refused.status_code == 409
    assert "Dispute Processing Rules, Art. 5-2, para. 2" in text
    typed = [*official_names(), accepted.matters_sought, NEW]
    assert stray_japanese(refused.content.decode(), typed) == []
