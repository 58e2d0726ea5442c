"""DP-16, 規程15条9項: the body asks a party for further statements and evidence, in writing, with a
deadline of its own; the party's next submission answers it, and the portal shows the deadline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from chotei.audit.models import AuditEvent
from chotei.disputes.models import FurtherRequest
from chotei.disputes.services import proceedings
from chotei.documents.models import IssuedDocument
from chotei.portal.deadlines import next_deadline
from chotei.rules import calendar
from chotei.rules.errors import RuleViolation
from chotei.rules.states import CaseState
from tests.documents.helpers import pdf_text
from tests.factories import stored

pytestmark = pytest.mark.django_db


def _ask(world: Any, case: Any, side: str = "applicant", **kw: Any) -> FurtherRequest:
    return proceedings.further_request_create(
        actor=world.staff, case_id=case.pk, side=side, matters="事故後の通院状況が分かる診療録の写し", **kw
    )


def test_dp16_further_request_is_recorded_with_ledger_audit_and_notice_to_that_party(
    world: Any, today: dt.date, django_capture_on_commit_callbacks: Any
) -> None:
    case = world.make_case(CaseState.UNDER_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        request = _ask(world, case)
    assert request.due_on == calendar.add_business_days(today, 10)
    line = case.ledger.get(action="further_request")
    assert request.step_id == line.pk and "規程第15条第9項" in line.description
    assert AuditEvent.objects.filter(case_id=case.pk, payload__action="further_request").exists()
    notice = IssuedDocument.objects.get(case=case, kind="further_request")
    assert notice.addressee_side == "applicant" and notice.step_id == line.pk
    text = pdf_text(stored(notice))
    for item in (
        "第15条第9項",
        "事故後の通院状況が分かる診療録の写し",
        "提出期限",
        "期限までに提出がない場合",
    ):
        assert item in text, item


def test_dp16_each_request_states_its_own_matters_and_deadline(
    world: Any, today: dt.date, django_capture_on_commit_callbacks: Any
) -> None:
    """Two requests before the worker runs: each notice states the request its step made."""
    case = world.make_case(CaseState.UNDER_REVIEW)
    later = calendar.add_business_days(today, 15)
    with django_capture_on_commit_callbacks(execute=True):
        _ask(world, case)
        proceedings.further_request_create(
            actor=world.staff, case_id=case.pk, side="applicant", matters="休業損害の資料", due_on=later
        )
    first, second = IssuedDocument.objects.filter(case=case, kind="further_request").order_by("id")
    assert "診療録" in pdf_text(stored(first)) and "休業損害" not in pdf_text(stored(first))
    assert "休業損害の資料" in pdf_text(stored(second))


@pytest.mark.parametrize("state", [CaseState.RECEIVED, CaseState.RESULT_NOTIFIED])
def test_dp16_further_request_only_while_the_case_is_before_the_body(world: Any, state: CaseState) -> None:
    case = world.make_case(state)
    with pytest.raises(RuleViolation) as refused:
        _ask(world, case)
    assert refused.value.field == "state" and "第15条第9項" in str(refused.value.article)
    assert not FurtherRequest.objects.exists() and not case.ledger.filter(action="further_request").exists()


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"matters": "　"}, "matters"),
        ({"side": "insurer"}, "side"),
        ({"due_on": dt.date(2020, 1, 1)}, "due_on"),
    ],
)
def test_dp16_bad_further_request_names_the_field(world: Any, kw: dict[str, Any], field: str) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    args = {"side": "applicant", "matters": "診療録", **kw}
    with pytest.raises(RuleViolation) as refused:
        proceedings.further_request_create(actor=world.staff, case_id=case.pk, **args)
    assert refused.value.field == field
    assert not FurtherRequest.objects.exists()


def test_dp16_submission_of_that_side_answers_the_request(world: Any, today: dt.date) -> None:
    case = world.make_case(CaseState.UNDER_REVIEW)
    request = _ask(world, case, side="respondent")
    proceedings.submission_record(
        actor=world.staff, case_id=case.pk, side="applicant", kind="evidence", channel="post",
        title="診断書", postal_receipt="書留123",
    )  # fmt: skip
    request.refresh_from_db()
    assert request.answered_on is None
    proceedings.submission_record(
        actor=world.staff, case_id=case.pk, side="respondent", kind="statement", channel="post",
        title="補充書面", postal_receipt="書留456",
    )  # fmt: skip
    request.refresh_from_db()
    assert request.answered_on == today


def test_dp16_portal_deadline_is_the_nearest_open_request(world: Any, today: dt.date) -> None:
    case = world.make_case(CaseState.UNDER_REVIEW)
    soon = calendar.add_business_days(today, 3)
    _ask(world, case, due_on=soon)
    case.refresh_from_db()
    deadline = next_deadline(case, "applicant", today)
    assert deadline is not None and deadline.on == soon and "追加の意見陳述" in deadline.what
    assert deadline.business_days_left == 3


def test_dp16_desk_records_a_further_request(world: Any, django_capture_on_commit_callbacks: Any) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    client = Client()
    client.force_login(world.staff)
    page = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert "追加の意見陳述・証拠資料の提出の求め" in page
    blank = client.post(f"/desk/cases/{case.pk}/actions/further_request/", {"side": "", "matters": ""})
    assert "求める相手" in blank.content.decode() and not FurtherRequest.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            f"/desk/cases/{case.pk}/actions/further_request/",
            {"side": "respondent", "matters": "事故状況の資料"},
        )
    assert done.status_code == 302
    assert FurtherRequest.objects.get().side == "respondent"
    assert "提出待ち" in client.get(f"/desk/cases/{case.pk}/").content.decode()
