"""The guided application (issue #8 item 3): every DP-02 item through the intake service (channel
電子), saved per step and resumable, early non-blocking DP-06 warnings shown on the desk as a
checklist, one case however often it is submitted."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from chotei.accounts.permissions import NotPermitted
from chotei.disputes.models import Case, CaseParty
from chotei.disputes.services.intake import case_apply
from chotei.documents.models import IssuedDocument
from chotei.portal import application
from chotei.portal.models import ApplicationDraft
from tests.factories import application_input
from tests.portal.conftest import Mailbox, sign_up
from tests.portal.helpers import ANSWERS, apply, fill, start

pytestmark = pytest.mark.django_db


def test_od01_apply_online_from_scratch(
    world: Any, party_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    draft = apply(party_client, world.insurer.pk)
    review = party_client.get(f"/portal/apply/{draft}/review/")
    assert review.status_code == 200
    html = review.content.decode()
    assert "山田 太郎" in html and "あおば損害保険株式会社" in html and "後遺障害等級14級9号の認定" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = party_client.post(f"/portal/apply/{draft}/submit/")
    case = Case.objects.get()
    assert response["Location"] == f"/portal/cases/{case.pk}/"
    assert case.channel == Case.Channel.ONLINE
    assert case.number.endswith("号") and "東" in case.number
    assert case.matters_sought == "後遺障害等級14級9号の認定"
    assert case.decision_notified_on.isoformat() == "2026-10-01"
    assert case.party(CaseParty.Side.RESPONDENT).party.organization_id == world.insurer.pk
    # DP-05: the receipt notice to the respondent, as for a paper application.
    assert IssuedDocument.objects.filter(case=case, kind="receipt", addressee_side="respondent").exists()
    page = party_client.get(response["Location"]).content.decode()
    assert case.number in page and "受付日は" in page and "申請を受け付けました" in page


def test_dp06_warnings_are_told_at_once_do_not_block_and_reach_the_desk(
    world: Any, party_client: Client, as_staff: Client
) -> None:
    draft = start(party_client)
    fill(party_client, draft, "applicant", ANSWERS["applicant"])
    response = fill(party_client, draft, "agent", {**ANSWERS["agent"], "paid_non_lawyer_agent": "yes"})
    assert response.status_code == 302  # not blocked
    page = party_client.get(response["Location"]).content.decode()
    assert "弁護士法第72条" in page and "規程第5条第1項第5号" in page
    apply_rest = {
        "claim": {**ANSWERS["claim"], "claimed_to_insurer": "no"},
        "others": {
            **ANSWERS["others"],
            "other_mediation_pending": "yes",
            "already_settled": "yes",
            "decided_before": "yes",
        },
    }
    for step in ("respondent", "claim", "dispute", "accident", "others"):
        data = {**ANSWERS[step], **apply_rest.get(step, {})}
        if step == "respondent":
            data = {"respondent_organization": str(world.insurer.pk)}
        assert fill(party_client, draft, step, data).status_code == 302
    review = party_client.get(f"/portal/apply/{draft}/review/").content.decode()
    for number in (1, 2, 5, 7, 8):
        assert f"規程第5条第1項第{number}号" in review
    party_client.post(f"/portal/apply/{draft}/submit/")
    case = Case.objects.get()
    assert case.screening_answers == {
        "paid_non_lawyer_agent": True,
        "claimed_to_insurer": False,
        "other_mediation_pending": True,
        "already_settled": True,
        "decided_before": True,
    }
    desk = as_staff.get(f"/desk/cases/{case.pk}/").content.decode()
    assert "受理審査チェックリスト" in desk
    assert desk.count("（該当の可能性）") == 5


def test_dp02_missing_item_is_named_with_its_article_and_nothing_is_written(
    world: Any, party_client: Client
) -> None:
    draft = apply(party_client, world.insurer.pk)
    data = ApplicationDraft.objects.get(pk=draft).data
    data["matters_sought"] = ""
    ApplicationDraft.objects.filter(pk=draft).update(data=data)
    response = party_client.post(f"/portal/apply/{draft}/submit/")
    assert response.status_code == 422
    html = response.content.decode()
    assert "紛争処理を求める事項がありません（令第13条第2号）" in html
    assert f"/portal/apply/{draft}/dispute/" in html
    assert not Case.objects.exists()


def test_a_step_error_names_the_field(world: Any, party_client: Client) -> None:
    draft = start(party_client)
    response = fill(party_client, draft, "accident", {"accident_date": "3月1日", "accident_summary": ""})
    assert response.status_code == 422
    html = response.content.decode()
    assert "事故の日: 3月1日 は日付として読めません（例: 令和8年5月7日、R8.5.7、2026-05-07）" in html
    assert "「事故の状況の概要」を入力してください" in html
    assert 'role="alert"' in html


def test_draft_survives_a_new_session_and_resumes(world: Any, mailbox: Mailbox) -> None:
    client = Client()
    sign_up(client, mailbox)
    draft = start(client)
    fill(client, draft, "applicant", ANSWERS["applicant"])
    client.post("/portal/accounts/logout/")
    client.post("/portal/accounts/login/", {"login": "taro@example.jp", "password": "kotsu-jiko-2026!"})
    my_page = client.get("/portal/").content.decode()
    assert f"/portal/apply/{draft}/agent/" in my_page
    assert (
        "東京都世田谷区桜丘二丁目1番3号" in client.get(f"/portal/apply/{draft}/applicant/").content.decode()
    )


def test_double_submit_makes_one_case(world: Any, party_client: Client) -> None:
    draft = apply(party_client, world.insurer.pk)
    first = party_client.post(f"/portal/apply/{draft}/submit/")
    second = party_client.post(f"/portal/apply/{draft}/submit/")
    assert first["Location"] == second["Location"]
    assert Case.objects.count() == 1


def test_im01_another_party_reaches_neither_draft_nor_case(
    world: Any, party_client: Client, mailbox: Mailbox
) -> None:
    draft = apply(party_client, world.insurer.pk)
    party_client.post(f"/portal/apply/{draft}/submit/")
    case = Case.objects.get()
    other = Client()
    sign_up(other, mailbox, "jiro@example.jp")
    for url in (
        f"/portal/apply/{draft}/applicant/",
        f"/portal/apply/{draft}/review/",
        f"/portal/cases/{case.pk}/",
    ):
        assert other.get(url).status_code == 404
    assert other.post(f"/portal/apply/{draft}/submit/").status_code == 404
    assert case.number not in other.get("/portal/").content.decode()


def test_agent_files_for_the_victim_and_follows_the_case(world: Any, party_client: Client) -> None:
    agent = {
        "filed_by": "agent",
        "agent_kind": "lawyer",
        "agent_name": "弁護士 鈴木 一郎",
        "agent_address": "東京都港区虎ノ門一丁目2番3号",
        "paid_non_lawyer_agent": "no",
    }
    draft = apply(party_client, world.insurer.pk, agent=agent)
    party_client.post(f"/portal/apply/{draft}/submit/")
    case = Case.objects.get()
    own = case.party(CaseParty.Side.APPLICANT)
    assert own.agent.name == "弁護士 鈴木 一郎"
    assert list(ApplicationDraft.objects.get().account.parties.all()) == [own.agent]
    assert party_client.get(f"/portal/cases/{case.pk}/").status_code == 200


def test_staff_cannot_file_as_a_party(world: Any) -> None:
    with pytest.raises(NotPermitted):
        case_apply(actor=world.staff, data=application_input())


def test_every_dp02_item_is_asked_somewhere() -> None:
    from chotei.rules.application import APPLICATION_ITEMS

    asked = set(application.FIELD_STEP)
    for field, _, _ in APPLICATION_ITEMS:
        assert field in asked, field
