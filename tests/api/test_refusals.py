"""IM-01, IM-06 (法23条の9): every refused API read or write is in the audit log — a 404 by scope as
much as a 403 — with what was asked for; a refused write is kept although its transaction rolled back."""

from __future__ import annotations

from typing import Any

import pytest

from chotei.audit.models import AuditEvent
from chotei.disputes.models import LedgerLine
from chotei.disputes.services import proceedings
from chotei.rules.states import CaseState
from tests.api.conftest import BASE, Api
from tests.api.test_scoping import OTHER_SIDE_EVIDENCE

pytestmark = pytest.mark.django_db


def refusal_of(user: Any) -> AuditEvent:
    (event,) = AuditEvent.objects.filter(event_type=AuditEvent.Type.ACCESS_REFUSED, actor=user)
    return event


def test_im01_member_reading_a_case_outside_their_panels_is_recorded(api_as: Any, world: Any) -> None:
    case = world.make_case(CaseState.RECEIVED)
    assert api_as("member").get(f"/cases/{case.pk}").status_code == 404
    event = refusal_of(world.users["member"])
    assert event.case_id == case.pk
    assert event.payload == {
        "channel": "api",
        "method": "GET",
        "path": f"{BASE}/cases/{case.pk}",
        "status": 404,
        "reason": f"事案 {case.pk} は見つかりません",
    }


def test_im01_member_downloading_a_pdf_of_another_case_is_recorded(
    api_as: Any, world: Any, issue_document: Any
) -> None:
    case = world.make_case(CaseState.RECEIVED)
    doc = issue_document(case)
    assert api_as("member").get(f"/cases/{case.pk}/documents/{doc.pk}/pdf").status_code == 404
    assert refusal_of(world.users["member"]).case_id == case.pk


def test_im01_insurer_answering_another_organizations_request_is_recorded(
    world: Any, insurer_api: Api, coop_case: Any
) -> None:
    """The path names only the request; the record names its case."""
    req = proceedings.insurer_request_create(actor=world.staff, case_id=coop_case.pk, request="資料")
    assert insurer_api.post(f"/insurer-requests/{req.pk}/answer", {"answer": "x"}).status_code == 404
    assert refusal_of(world.users["insurer"]).case_id == coop_case.pk


def test_im01_403_of_a_role_is_recorded(world: Any, insurer_api: Api) -> None:
    own = world.make_case()
    response = insurer_api.act(own, "start_screening")
    assert response.status_code == 403
    event = refusal_of(world.users["insurer"])
    assert event.case_id == own.pk and event.payload["status"] == 403
    assert event.payload["reason"] == response.json()["detail"]


@pytest.mark.django_db(transaction=True)
def test_im01_refused_write_is_recorded_though_its_transaction_rolled_back(
    world: Any, insurer_api: Api
) -> None:
    """The guard refuses inside case_change's transaction; the refusal is written after its rollback."""
    own = world.make_case(CaseState.ACCEPTED)
    lines = LedgerLine.objects.filter(case=own).count()
    response = insurer_api.post(f"/cases/{own.pk}/submissions", OTHER_SIDE_EVIDENCE)
    assert response.status_code == 403
    assert not own.submissions.exists() and LedgerLine.objects.filter(case=own).count() == lines
    event = refusal_of(world.users["insurer"])
    assert event.case_id == own.pk and event.payload["method"] == "POST"
    assert "立場" in event.payload["reason"]
