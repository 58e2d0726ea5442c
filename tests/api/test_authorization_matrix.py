"""Every API operation × every role × own / another's case (IM-01, issue #8 "Done when").

Built from the OpenAPI schema, so a new operation without an entry here fails. Each POST carries a
body the schema accepts: a role refused by its role or scope then gets 401/403/404, never a 422 that
would hide whether it got through. What a permitted role gets (2xx, or a rule's 409/422 because an
earlier role already acted) counts as "reached". The portal's own matrix is tests/portal/test_authorization.py.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from chotei.accounts.models import ApiToken, Role, StaffProfile
from chotei.api.urls import api
from chotei.documents.models import PaymentClaim
from chotei.rules.states import CaseState
from tests.api.conftest import BASE, Api
from tests.api.test_cases import application
from tests.api.test_claims import _body as claim_body

pytestmark = pytest.mark.django_db

OK = "reached"
ROLES = (
    "anonymous",
    "victim",  # a party's portal session: the API takes tokens only
    "secretariat",
    "chair",
    "member",  # sits on the case's panel
    "auditor",
    "admin",
    "insurer",  # the case's respondent
    "other_insurer",  # a co-op user: another organisation's case
)
NO_TOKEN = {"anonymous": 401, "victim": 401}
STAFF_WRITE = {
    **NO_TOKEN,
    "secretariat": OK,
    "chair": OK,
    "member": 403,
    "auditor": 403,
    "admin": 403,
    "insurer": 403,
    "other_insurer": 404,
}
# Every staff role reads case records (hence their second factor, IM-01); the insurer its own.
READ_CASE = {**NO_TOKEN, **dict.fromkeys(ROLES[2:], OK), "other_insurer": 404}
LIST = {**NO_TOKEN, **dict.fromkeys(ROLES[2:], OK)}
# Panel proposals and the roster are the secretariat's and the chair's working material.
PANEL_WORK = {**STAFF_WRITE, "member": 403, "auditor": 403, "admin": 403}
# Payment claims are the insurer's (令3条): its users for its own organisation, the admin for any.
CLAIM_WRITE = {**STAFF_WRITE, "secretariat": 403, "chair": 403, "admin": OK, "insurer": OK}
# The body's staff who see every case see every claim; a panel member has no claims to see.
READ_CLAIM = {**READ_CASE, "member": 404}
EXPECTED: dict[str, dict[str, Any]] = {
    "chotei_api_cases_case_list": LIST,
    "chotei_api_cases_case_create": {**STAFF_WRITE, "other_insurer": 403},
    "chotei_api_cases_case_detail": READ_CASE,
    "chotei_api_cases_panel_suggestions": {**PANEL_WORK, "insurer": 403},
    "chotei_api_cases_document_pdf": READ_CASE,
    "chotei_api_actions_case_action": STAFF_WRITE,
    "chotei_api_proceedings_meeting_create": STAFF_WRITE,
    "chotei_api_proceedings_meeting_record": STAFF_WRITE,
    "chotei_api_proceedings_meeting_move": STAFF_WRITE,
    "chotei_api_proceedings_meeting_cancel": STAFF_WRITE,
    "chotei_api_proceedings_correction_create": STAFF_WRITE,
    "chotei_api_proceedings_submission_create": {**STAFF_WRITE, "insurer": OK},
    "chotei_api_proceedings_further_request_create": STAFF_WRITE,
    "chotei_api_proceedings_insurer_request_create": STAFF_WRITE,
    "chotei_api_proceedings_insurer_request_answer": {**STAFF_WRITE, "insurer": OK},
    "chotei_api_proceedings_special_procedure_create": STAFF_WRITE,
    "chotei_api_proceedings_special_procedure_decide": STAFF_WRITE,
    "chotei_api_proceedings_observer_create": STAFF_WRITE,
    "chotei_api_submissions_submission_download": READ_CASE,
    "chotei_api_claims_claim_create": {**CLAIM_WRITE, "other_insurer": OK},  # for its own organisation
    "chotei_api_claims_claim_list": LIST,
    "chotei_api_claims_claim_detail": READ_CLAIM,
    "chotei_api_claims_claim_notice_create": {**CLAIM_WRITE, "member": 404},
    "chotei_api_claims_claim_notice_list": READ_CLAIM,
    "chotei_api_claims_claim_notice_pdf": READ_CLAIM,
    "chotei_api_reference_member_list": {**LIST, "member": 403, "insurer": 403, "other_insurer": 403},
    "chotei_api_reference_ground_list": LIST,
}


def _operations() -> list[tuple[str, str, str]]:
    schema = api.get_openapi_schema()
    return [
        (op["operationId"], method.upper(), path.removeprefix(BASE))
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    ]


def test_every_api_operation_has_an_entry() -> None:
    assert {op for op, _, _ in _operations()} == set(EXPECTED)
    assert all(set(roles) == set(ROLES) for roles in EXPECTED.values())


@pytest.fixture
def callers(world: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"anonymous": Api(Client(), None)}
    victim = Client()
    victim.force_login(User.objects.create_user(username="taro@example.jp"))
    out["victim"] = Api(victim, None)
    coop_user = User.objects.create_user(username="coop-user")
    StaffProfile.objects.create(user=coop_user, role=Role.INSURER, organization=world.coop)
    users = {**{r: world.users[r] for r in ROLES[2:8]}, "other_insurer": coop_user}
    for role, user in users.items():
        out[role] = Api(Client(), ApiToken.issue(user, f"matrix-{role}")[1])
    return out


def _at(days: int) -> str:
    """A meeting time ``days`` after today, in Japan time (meetings fall on or after receipt)."""
    return f"{timezone.localdate() + dt.timedelta(days=days)}T10:00:00+09:00"


def _objects(world: Any, staff: Api, insurer: Api, issue_document: Any) -> dict[str, Any]:
    """One of everything a path names, all on a case of the insurer's (and, for claims, its claim)."""
    case = world.make_case(CaseState.UNDER_REVIEW)
    made = {
        "meeting_id": staff.post(f"/cases/{case.pk}/meetings", {"scheduled_for": _at(1), "place": "本部"}),
        "request_id": staff.post(f"/cases/{case.pk}/insurer-requests", {"request": "MRI画像の提出を求める"}),
        "procedure_id": staff.post(
            f"/cases/{case.pk}/special-procedures",
            {"kind": "鑑定", "requested_by": "applicant", "reason": "画像の読影"},
        ),
        "submission_id": staff.post(f"/cases/{case.pk}/submissions", _submission()),
        "claim_id": insurer.post("/claims", claim_body()),
    }
    ids = {key: response.json()["id"] for key, response in made.items()}
    assert all(response.status_code == 201 for response in made.values()), {
        k: r.json() for k, r in made.items()
    }
    claim_notice = insurer.post(f"/claims/{ids['claim_id']}/notices", {"kind": "payment"})
    ids["claim_document"] = claim_notice.json()["id"]
    ids["case_document"] = issue_document(case, "respondent").pk
    ids["case"] = case
    assert PaymentClaim.objects.filter(pk=ids["claim_id"]).exists()
    return ids


def _submission() -> dict[str, Any]:
    return {
        "side": "respondent",
        "kind": "statement",
        "channel": "upload",
        "title": "答弁書",
        "file_name": "答弁書.pdf",
        "content_base64": base64.b64encode("答弁書の本文".encode()).decode(),
    }


def _bodies(world: Any, ids: dict[str, Any]) -> dict[str, Any]:
    case = ids["case"]
    members = [m.pk for m in world.members.values()][:3]
    return {
        "chotei_api_cases_case_create": application(world),
        "chotei_api_actions_case_action": {"version": case.version},
        "chotei_api_proceedings_meeting_create": {"scheduled_for": _at(7), "place": "本部"},
        "chotei_api_proceedings_meeting_record": {"present_member_ids": members, "minutes": "審理した。"},
        "chotei_api_proceedings_meeting_move": {"scheduled_for": _at(2), "reason": "都合"},
        "chotei_api_proceedings_meeting_cancel": {"reason": "委員の都合"},
        "chotei_api_proceedings_correction_create": {"item": "issues", "after": "争点", "reason": "誤記"},
        "chotei_api_proceedings_submission_create": _submission(),
        "chotei_api_proceedings_further_request_create": {"side": "applicant", "matters": "通院の記録"},
        "chotei_api_proceedings_insurer_request_create": {"request": "診療録の提出"},
        "chotei_api_proceedings_insurer_request_answer": {"answer": "別送します"},
        "chotei_api_proceedings_special_procedure_create": {
            "kind": "鑑定",
            "requested_by": "applicant",
            "reason": "画像の読影",
        },
        "chotei_api_proceedings_special_procedure_decide": {"approve": False},
        "chotei_api_proceedings_observer_create": {"name": "佐々木", "reason": "研修"},
        "chotei_api_claims_claim_create": claim_body(reference="AOB-2026-09999"),
        "chotei_api_claims_claim_notice_create": {"kind": "payment"},
    }


def _path(template: str, ids: dict[str, Any]) -> str:
    return template.format(
        case_id=ids["case"].pk,
        action="accept",
        meeting_id=ids["meeting_id"],
        request_id=ids["request_id"],
        procedure_id=ids["procedure_id"],
        submission_id=ids["submission_id"],
        claim_id=ids["claim_id"],
        document_id=ids["claim_document"] if template.startswith("/claims") else ids["case_document"],
    )


def _outcome(status: int) -> Any:
    return status if status in (401, 403, 404) else OK


def test_im01_api_authorization_matrix(world: Any, callers: dict[str, Any], issue_document: Any) -> None:
    ids = _objects(world, callers["secretariat"], callers["insurer"], issue_document)
    bodies = _bodies(world, ids)
    wrong: list[str] = []
    for op, method, template in _operations():
        path = _path(template, ids)
        for role in ROLES:
            caller: Api = callers[role]
            response = caller.post(path, bodies[op]) if method == "POST" else caller.get(path)
            assert response.status_code < 500, (op, role, response.content[:300])
            got, want = _outcome(response.status_code), EXPECTED[op][role]
            if got != want:
                wrong.append(f"{op} {role}: {response.status_code} (expected {want})")
    assert not wrong, "\n".join(wrong)
