"""Every portal route × every role (IM-01, issue #8 "Done when"): built from the URL resolver, so a
new portal route without an entry here fails. GET on each; "own" routes use this victim's case,
draft, notice and request, so another party or insurer must get 404 (never a hint it exists)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import get_resolver

from chotei.accounts.models import Role, StaffProfile
from chotei.disputes.models import Case
from chotei.disputes.services.lifecycle import case_accept, case_start_screening
from chotei.disputes.services.proceedings import insurer_request_create
from chotei.documents.models import IssuedDocument
from chotei.portal.messaging import Upload, message_send
from chotei.portal.models import ApplicationDraft, MessageAttachment
from tests.factories import PASSWORD
from tests.portal.conftest import sign_up
from tests.portal.helpers import apply

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "victim", "other_victim", "insurer", "other_insurer", "secretariat", "chair", "auditor")
LOGIN = "login"  # a redirect to the portal's login
PUBLIC = dict.fromkeys(ROLES, 200)
CASE = {
    "anonymous": LOGIN,
    "victim": 200,
    "other_victim": 404,
    "insurer": 200,
    "other_insurer": 404,
    "secretariat": 403,
    "chair": 403,
    "auditor": 403,
}
APPLICANT_ONLY = {**CASE, "insurer": 404}
POST_ONLY = CASE  # sent as POST (see POSTED)
DRAFT = {**CASE, "insurer": 403, "other_insurer": 403}
EXPECTED: dict[str, dict[str, Any]] = {
    "home": PUBLIC,
    "scope": PUBLIC,
    "procedure": PUBLIC,
    "contact": PUBLIC,
    "language": PUBLIC,  # POST; answers with a redirect back for everyone
    "my_cases": {**CASE, "other_victim": 200, "other_insurer": 200},
    "apply_start": {**DRAFT, "other_victim": 200},
    "apply_review": DRAFT,
    "apply_submit": DRAFT,
    "apply_step": DRAFT,
    "case": CASE,
    "consent": {**POST_ONLY, "insurer": 403},  # an organisation's consent is the secretariat's to record
    # The applicant's notice: the victim before its PN-05 consent; the insurer is not its addressee.
    "notice_pdf": {**CASE, "victim": 403, "insurer": 404},
    "submit": CASE,
    "withdraw": APPLICANT_ONLY,
    "mandate": CASE,
    "answer_request": POST_ONLY,
    "amend": APPLICANT_ONLY,  # DP-09: the applicant's
    "messages": CASE,  # OD-01: each side its own thread
    # The applicant's attachment: not the respondent insurer's to open either.
    "message_attachment": {**CASE, "insurer": 404},
}


# Routes that only take POST are tried with an empty POST (an own one answers with a redirect).
POSTED = {"apply_start", "apply_submit", "consent", "answer_request", "language"}


def _portal_routes() -> list[str]:
    resolver = get_resolver()
    portal = resolver.namespace_dict["portal"][1]
    return sorted({p.name for p in portal.url_patterns if p.name})


def test_every_portal_route_has_an_entry() -> None:
    assert set(_portal_routes()) == set(EXPECTED)


@pytest.fixture
def clients(world: Any, mailbox: Any, django_capture_on_commit_callbacks: Any) -> dict[str, Client]:
    victim = Client()
    sign_up(victim, mailbox)
    other = Client()
    sign_up(other, mailbox, "jiro@example.jp")
    insurer, other_insurer = Client(), Client()
    insurer.force_login(world.users["insurer"])
    stranger = User.objects.create_user(username="coop-user", password=PASSWORD)
    StaffProfile.objects.create(user=stranger, role=Role.INSURER, organization=world.coop)
    other_insurer.force_login(stranger)
    out = {
        "anonymous": Client(),
        "victim": victim,
        "other_victim": other,
        "insurer": insurer,
        "other_insurer": other_insurer,
    }
    for role in ("secretariat", "chair", "auditor"):
        out[role] = Client()
        out[role].force_login(world.users[role])
    draft = apply(victim, world.insurer.pk)
    with django_capture_on_commit_callbacks(execute=True):
        victim.post(f"/portal/apply/{draft}/submit/")
        case = Case.objects.get()
        case = case_start_screening(actor=world.staff, case_id=case.pk, version=case.version)
        case_accept(actor=world.staff, case_id=case.pk, version=case.version)
    insurer_request_create(actor=world.staff, case_id=case.pk, request="資料")
    victim_user = ApplicationDraft.objects.get().account.user
    message_send(user=victim_user, case_id=case.pk, body="資料", attachments=[Upload("a.pdf", b"%PDF-1.4")])
    return out


def _url(name: str, world_ids: dict[str, int]) -> str:
    from django.urls import reverse

    kwargs = {
        "apply_review": {"draft_id": world_ids["draft"]},
        "apply_submit": {"draft_id": world_ids["draft"]},
        "apply_step": {"draft_id": world_ids["draft"], "key": "applicant"},
        "notice_pdf": {"case_id": world_ids["case"], "document_id": world_ids["document"]},
        "answer_request": {"case_id": world_ids["case"], "request_id": world_ids["request"]},
        "message_attachment": {"case_id": world_ids["case"], "attachment_id": world_ids["attachment"]},
    }.get(name)
    if kwargs is None and name in {"case", "consent", "submit", "withdraw", "mandate", "amend", "messages"}:
        kwargs = {"case_id": world_ids["case"]}
    return reverse(f"portal:{name}", kwargs=kwargs)


def test_authorization_matrix(clients: dict[str, Client]) -> None:
    case = Case.objects.get()
    ids = {
        "case": case.pk,
        "draft": ApplicationDraft.objects.get().pk,
        "document": IssuedDocument.objects.get(
            case=case, addressee_side="applicant", kind="acceptance_applicant"
        ).pk,
        "request": case.insurer_requests.get().pk,
        "attachment": MessageAttachment.objects.get().pk,
    }
    wrong: list[str] = []
    for name, expected in EXPECTED.items():
        url = _url(name, ids)
        if name.startswith("apply_") and name != "apply_start":
            ApplicationDraft.objects.filter(pk=ids["draft"]).update(case=None)
        for role in ROLES:
            client = clients[role]
            response = client.post(url, {}) if name in POSTED else client.get(url)
            want = expected[role]
            got: Any = response.status_code
            if want == LOGIN:
                got = LOGIN if got == 302 and "/portal/accounts/login/" in response["Location"] else got
            elif got == 302 and want == 200 and "/portal/accounts/login/" not in response["Location"]:
                got = 200  # reachable: a step that forwards (a submitted draft to its case, a POST done)
            if got != want:
                wrong.append(f"{name} {role}: {got} (expected {want})")
        ApplicationDraft.objects.filter(pk=ids["draft"]).update(case=case)
    assert not wrong, "\n".join(wrong)
