"""Steps of a case: POST /cases/{id}/actions/{action} with the version the client read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ninja import Router
from ninja.errors import ValidationError

from chotei.api import validation
from chotei.api.auth import ApiRequest
from chotei.api.schemas import ERRORS, ActionIn, ActionName, CaseOut
from chotei.api.types import Id
from chotei.disputes import selectors
from chotei.disputes.models import Case
from chotei.disputes.services import lifecycle, panels

router = Router(tags=["事案の処理"])

Step = Callable[[Any, int, ActionIn], object]


STEPS: dict[str, Step] = {
    "start_screening": lambda a, c, b: lifecycle.case_start_screening(actor=a, case_id=c, version=b.version),
    "accept": lambda a, c, b: lifecycle.case_accept(
        actor=a, case_id=c, version=b.version, dispatch_on=b.dispatch_on
    ),
    "refuse": lambda a, c, b: lifecycle.case_refuse(
        actor=a, case_id=c, version=b.version, ground_code=b.ground_code
    ),
    "amend": lambda a, c, b: lifecycle.case_amend(
        actor=a,
        case_id=c,
        version=b.version,
        matters_sought=b.matters_sought,
        requested_on=b.requested_on,
        refuse_reason=b.refuse_reason,
    ),
    "appoint_panel": lambda a, c, b: panels.panel_appoint(
        actor=a, case_id=c, version=b.version, member_ids=b.member_ids, chief_id=b.chief_id
    ),
    "record_result": lambda a, c, b: lifecycle.case_record_result(
        actor=a,
        case_id=c,
        version=b.version,
        result=b.result,
        reasons=b.reasons,
        grade_before=b.grade_before,
        grade_after=b.grade_after,
    ),
    "explain": lambda a, c, b: lifecycle.case_explain_result(
        actor=a, case_id=c, version=b.version, side=b.side
    ),
    "close": lambda a, c, b: lifecycle.case_close(actor=a, case_id=c, version=b.version),
    "terminate": lambda a, c, b: lifecycle.case_terminate(
        actor=a,
        case_id=c,
        version=b.version,
        ground=b.termination_ground,
        reason=b.reason,
        chief_id=b.chief_id,
    ),
    "withdraw": lambda a, c, b: lifecycle.case_withdraw(
        actor=a, case_id=c, version=b.version, channel=b.channel, requested_on=b.requested_on
    ),
}


# The items each action reads besides ``version``; anything else sent with a value is refused by name
# rather than ignored (DP-09: an amendment changes the matters sought and nothing else).
ACTION_FIELDS: dict[str, frozenset[str]] = {
    "start_screening": frozenset(),
    "accept": frozenset({"dispatch_on"}),
    "refuse": frozenset({"ground_code"}),
    "amend": frozenset({"matters_sought", "requested_on", "refuse_reason"}),
    "appoint_panel": frozenset({"member_ids", "chief_id"}),
    "record_result": frozenset({"result", "reasons", "grade_before", "grade_after"}),
    "explain": frozenset({"side"}),
    "close": frozenset(),
    "terminate": frozenset({"termination_ground", "reason", "chief_id"}),
    "withdraw": frozenset({"channel", "requested_on"}),
}


def _only_its_items(action: str, body: ActionIn) -> None:
    """A generic client may send every key empty; only an item with a value is another action's."""
    fields = ActionIn.model_fields
    stray = sorted(
        f
        for f in body.model_fields_set - ACTION_FIELDS[action] - {"version"}
        if getattr(body, f) != fields[f].get_default(call_default_factory=True)
    )
    if stray:
        raise ValidationError(validation.not_for_action(action, stray))


@router.post(
    "/cases/{case_id}/actions/{action}",
    response={200: CaseOut, **ERRORS},
    summary="事案の処理（受理審査・受理・不受理・変更・委員会指名・結果・説明・終了・打切り・取下げ）",
)
def case_action(request: ApiRequest, case_id: Id, action: ActionName, body: ActionIn) -> Case:
    """409 when the state forbids the action (naming its article) or the version is stale; 422
    naming any item the action does not take."""
    selectors.case_visible(request.auth, case_id)
    _only_its_items(action, body)
    STEPS[action](request.auth, case_id, body)
    return Case.objects.get(pk=case_id)
