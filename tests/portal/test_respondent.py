"""The respondent's side and agents (issue #8 items 2 and 6): an insurer's user sees only its own
organisation's cases, submits its statement by the DP-16 deadline and answers 法23-12 requests; an
agent (代理人) files the party's mandate; a party cannot answer the insurer's requests (IM-01)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from chotei import clock
from chotei.accounts.models import Role, StaffProfile
from chotei.disputes.models import Case, InsurerRequest, Submission
from chotei.disputes.services.lifecycle import case_accept, case_start_screening
from chotei.disputes.services.proceedings import insurer_request_create
from chotei.portal.models import AgentMandate
from tests.factories import PASSWORD
from tests.portal.helpers import apply
from tests.portal.test_my_case import PDF

pytestmark = pytest.mark.django_db


def _accepted(world: Any, party_client: Client, capture: Any, **changes: Any) -> Case:
    draft = apply(party_client, world.insurer.pk, **changes)
    with capture(execute=True):
        party_client.post(f"/portal/apply/{draft}/submit/")
        case = Case.objects.get()
        case = case_start_screening(actor=world.staff, case_id=case.pk, version=case.version)
        case = case_accept(actor=world.staff, case_id=case.pk, version=case.version)
    return case


@pytest.fixture
def insurer_client(world: Any) -> Client:
    """The insurer's user signs in on the desk's login and is sent to the portal."""
    client = Client()
    response = client.post("/desk/login/", {"username": "insurer", "password": PASSWORD})
    assert response["Location"] == "/portal/"
    return client


def test_insurer_sees_its_case_files_its_statement_and_answers_requests(
    world: Any, party_client: Client, insurer_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # OD-01: the respondent files and answers online.
    case = _accepted(world, party_client, django_capture_on_commit_callbacks)
    assert case.number in insurer_client.get("/portal/").content.decode()
    page = insurer_client.get(f"/portal/cases/{case.pk}/").content.decode()
    assert "相手方（被申請人）" in page and "主張書面・証拠の提出期限" in page
    response = insurer_client.post(
        f"/portal/cases/{case.pk}/submit/",
        {"kind": "statement", "title": "答弁書", "file": SimpleUploadedFile("答弁書.pdf", PDF)},
    )
    assert response.status_code == 302
    assert Submission.objects.get().side == "respondent"
    req = insurer_request_create(actor=world.staff, case_id=case.pk, request="損害調査の資料一式")
    assert "損害調査の資料一式" in insurer_client.get(f"/portal/cases/{case.pk}/").content.decode()
    insurer_client.post(f"/portal/cases/{case.pk}/requests/{req.pk}/answer/", {"answer": "別添のとおり"})
    req.refresh_from_db()
    assert req.answer == "別添のとおり" and req.answered_on is not None
    # The insurer does not apply through the portal.
    assert insurer_client.post("/portal/apply/").status_code == 403


def test_dp16_respondent_cannot_file_after_its_deadline(
    world: Any, party_client: Client, insurer_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # OD-01: the respondent's deadline is kept online as on paper.
    case = _accepted(world, party_client, django_capture_on_commit_callbacks)
    late = case.statement_due_on + dt.timedelta(days=1)
    with clock.replaying_at(dt.datetime.combine(late, dt.time(10), tzinfo=dt.UTC)):
        response = insurer_client.post(
            f"/portal/cases/{case.pk}/submit/",
            {"kind": "statement", "title": "答弁書", "file": SimpleUploadedFile("a.pdf", PDF)},
        )
    assert response.status_code == 422
    assert "提出期限" in response.content.decode() and "過ぎています" in response.content.decode()
    assert not Submission.objects.exists()


def test_other_insurer_and_the_applicant_are_kept_out(
    world: Any, party_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    case = _accepted(world, party_client, django_capture_on_commit_callbacks)
    from django.contrib.auth.models import User

    other = User.objects.create_user(username="other-insurer", password=PASSWORD)
    StaffProfile.objects.create(user=other, role=Role.INSURER, organization=world.coop)
    client = Client()
    client.force_login(other)
    assert case.number not in client.get("/portal/").content.decode()
    assert client.get(f"/portal/cases/{case.pk}/").status_code == 404
    # The applicant cannot answer the body's requests to the insurer (法23-12).
    req = insurer_request_create(actor=world.staff, case_id=case.pk, request="資料")
    party_client.post(f"/portal/cases/{case.pk}/requests/{req.pk}/answer/", {"answer": "なりすまし"})
    assert InsurerRequest.objects.get().answered_on is None


def test_agent_files_the_mandate_once_needed(
    world: Any, party_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    agent = {
        "filed_by": "agent",
        "agent_kind": "family",
        "agent_name": "山田 花子",
        "agent_address": "東京都世田谷区桜丘二丁目1番3号",
        "paid_non_lawyer_agent": "no",
    }
    case = _accepted(world, party_client, django_capture_on_commit_callbacks, agent=agent)
    page = party_client.get(f"/portal/cases/{case.pk}/").content.decode()
    assert "委任状を提出してください" in page
    response = party_client.post(
        f"/portal/cases/{case.pk}/mandate/", {"file": SimpleUploadedFile("委任状.pdf", PDF)}
    )
    assert response.status_code == 302
    mandate = AgentMandate.objects.get()
    assert mandate.agent_kind == "family" and mandate.case_party.agent.name == "山田 花子"
    assert case.ledger.filter(description__contains="委任状").exists()
    assert "委任状を提出してください" not in party_client.get(f"/portal/cases/{case.pk}/").content.decode()
