"""Decisions of the panel's chief member (主任委員): special procedures (DP-13), statements in other
forms (DP-14) and observers (DP-15). The deciding chief is named, checked against the chief seat of
the case's panel and recorded in the ledger and the audit log; never assumed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from chotei.audit.models import AuditEvent
from chotei.disputes.models import LedgerLine, Observer, SpecialProcedure, Submission
from chotei.disputes.services import panels, proceedings
from chotei.rules.errors import RuleViolation
from chotei.rules.states import CaseState
from tests.disputes.conftest import submission

pytestmark = pytest.mark.django_db


def _special(world: Any, case: Any, chief_id: int | None) -> Any:
    proc = proceedings.special_procedure_request(
        actor=world.staff, case_id=case.pk, kind="医学鑑定", requested_by="applicant", reason="因果関係"
    )
    return proceedings.special_procedure_decide(
        actor=world.staff, procedure_id=proc.pk, approve=False, chief_id=chief_id
    )


def _other_form(world: Any, case: Any, chief_id: int | None) -> Any:
    return submission(
        world, case, channel="post", content=None, postal_receipt="書留 1234", form="other", chief_id=chief_id
    )


def _observer(world: Any, case: Any, chief_id: int | None) -> Any:
    return panels.observer_permit(
        actor=world.staff, case_id=case.pk, name="研修生", reason="研修", chief_id=chief_id
    )


DECISIONS: list[tuple[str, Callable[..., Any], str, str]] = [
    ("DP-13", _special, "規程第15条第4項により特別の手続の判断", "special_decide"),
    ("DP-14", _other_form, "規程第15条第5項により書面以外の方法による主張・証拠の許可", "submission"),
    ("DP-15", _observer, "規程第15条第6項により傍聴の許可", "observer"),
]


def _written(case: Any, action: str) -> int:
    return LedgerLine.objects.filter(case=case, action=action).count()


@pytest.mark.parametrize(("obligation", "decide", "message", "action"), DECISIONS)
def test_an_unnamed_chief_is_refused_not_assumed(world, make_case, obligation, decide, message, action):
    case = make_case(CaseState.UNDER_REVIEW)
    before = _written(case, action)
    with pytest.raises(RuleViolation) as exc:
        decide(world, case, None)
    assert str(exc.value) == f"{message}をした主任委員を指定してください"
    assert exc.value.field == "chief_id" and exc.value.obligation == obligation
    assert _written(case, action) == before
    assert not Observer.objects.exists() and not Submission.objects.filter(form="other").exists()
    assert not SpecialProcedure.objects.exclude(decision="pending").exists()


@pytest.mark.parametrize(("obligation", "decide", "message", "action"), DECISIONS)
def test_a_member_without_the_chief_seat_is_refused(world, make_case, obligation, decide, message, action):
    case = make_case(CaseState.UNDER_REVIEW)
    with pytest.raises(RuleViolation) as exc:
        decide(world, case, world.members["田中"].pk)  # on the panel, but not its chief
    assert str(exc.value) == f"{message}は主任委員が行います" and exc.value.obligation == obligation


@pytest.mark.parametrize(("obligation", "decide", "message", "action"), DECISIONS)
def test_the_chief_of_another_cases_panel_is_refused(world, make_case, obligation, decide, message, action):
    """A chief elsewhere is not this panel's chief: 渡辺 is nobody's member here."""
    case = make_case(CaseState.UNDER_REVIEW)
    with pytest.raises(RuleViolation, match="主任委員が行います"):
        decide(world, case, world.members["渡辺"].pk)


@pytest.mark.parametrize(("obligation", "decide", "message", "action"), DECISIONS)
def test_ledger_and_audit_name_the_deciding_chief(world, make_case, obligation, decide, message, action):
    case = make_case(CaseState.UNDER_REVIEW)
    chief = world.members["高橋"]
    decide(world, case, chief.pk)
    line = LedgerLine.objects.filter(case=case, action=action).last()
    assert f"主任委員 {chief.name}" in line.description
    event = AuditEvent.objects.filter(case_id=case.pk, payload__action=action).order_by("-id").first()
    assert event.payload["chief"] == chief.pk and event.actor == world.staff
