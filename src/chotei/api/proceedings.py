"""The review's records: meetings, submissions, requests to the insurer, special procedures, observers.

An insurer or co-op token reaches only its own cases and submits only for its own side (IM-01).
"""

from __future__ import annotations

import base64
import binascii

from ninja import Router, Status
from ninja.errors import HttpError

from chotei.api import scope
from chotei.api.auth import ApiRequest
from chotei.api.schemas import (
    ERRORS,
    CorrectionIn,
    CorrectionOut,
    FurtherRequestIn,
    FurtherRequestOut,
    InsurerAnswerIn,
    InsurerRequestIn,
    InsurerRequestOut,
    MeetingCancelIn,
    MeetingIn,
    MeetingMoveIn,
    MeetingOut,
    MeetingRecordIn,
    ObserverIn,
    ObserverOut,
    SpecialDecisionIn,
    SpecialProcedureIn,
    SpecialProcedureOut,
    SubmissionIn,
    SubmissionOut,
)
from chotei.api.types import Id
from chotei.disputes import selectors
from chotei.disputes.models import (
    Correction,
    FurtherRequest,
    InsurerRequest,
    Meeting,
    Observer,
    SpecialProcedure,
    Submission,
)
from chotei.disputes.services import panels, proceedings, records

router = Router(tags=["審理"])


@router.post("/cases/{case_id}/meetings", response={201: MeetingOut, **ERRORS}, summary="期日の指定")
def meeting_create(request: ApiRequest, case_id: Id, body: MeetingIn) -> Status[Meeting]:
    selectors.case_visible(request.auth, case_id)
    return Status(
        201,
        panels.meeting_schedule(
            actor=request.auth, case_id=case_id, scheduled_for=body.scheduled_for, place=body.place
        ),
    )


@router.post(
    "/meetings/{meeting_id}/record", response={200: MeetingOut, **ERRORS}, summary="期日調書（DP-20）"
)
def meeting_record(request: ApiRequest, meeting_id: Id, body: MeetingRecordIn) -> Meeting:
    scope.visible_child(request.auth, Meeting, meeting_id, "期日")
    return panels.meeting_record(
        actor=request.auth,
        meeting_id=meeting_id,
        present_member_ids=body.present_member_ids,
        minutes=body.minutes,
    )


@router.post("/meetings/{meeting_id}/move", response={200: MeetingOut, **ERRORS}, summary="期日の変更")
def meeting_move(request: ApiRequest, meeting_id: Id, body: MeetingMoveIn) -> Meeting:
    scope.visible_child(request.auth, Meeting, meeting_id, "期日")
    return panels.meeting_move(
        actor=request.auth,
        meeting_id=meeting_id,
        scheduled_for=body.scheduled_for,
        place=body.place,
        reason=body.reason,
    )


@router.post("/meetings/{meeting_id}/cancel", response={200: MeetingOut, **ERRORS}, summary="期日の取消")
def meeting_cancel(request: ApiRequest, meeting_id: Id, body: MeetingCancelIn) -> Meeting:
    scope.visible_child(request.auth, Meeting, meeting_id, "期日")
    return panels.meeting_cancel(actor=request.auth, meeting_id=meeting_id, reason=body.reason)


@router.post(
    "/cases/{case_id}/corrections", response={201: CorrectionOut, **ERRORS}, summary="記録の訂正（令第24条）"
)
def correction_create(request: ApiRequest, case_id: Id, body: CorrectionIn) -> Status[Correction]:
    selectors.case_visible(request.auth, case_id)
    return Status(
        201,
        records.correction_record(
            actor=request.auth,
            case_id=case_id,
            item=body.item,
            after=body.after,
            reason=body.reason,
            party_id=body.party_id,
        ),
    )


def _content(encoded: str) -> bytes | None:
    if not encoded:
        return None
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise HttpError(422, "content_base64 がbase64として正しくありません") from exc


@router.post(
    "/cases/{case_id}/submissions",
    response={201: SubmissionOut, **ERRORS},
    summary="主張書面・証拠の提出（DP-03, DP-14）",
)
def submission_create(request: ApiRequest, case_id: Id, body: SubmissionIn) -> Status[Submission]:
    selectors.case_visible(request.auth, case_id)
    return Status(
        201,
        proceedings.submission_record(
            actor=request.auth,
            case_id=case_id,
            side=body.side,
            kind=body.kind,
            channel=body.channel,
            title=body.title,
            received_on=body.received_on,
            postal_receipt=body.postal_receipt,
            file_name=body.file_name,
            content=_content(body.content_base64),
            content_type=body.content_type,
            form=body.form,
            chief_id=body.chief_id,
        ),
    )


@router.post(
    "/cases/{case_id}/further-requests",
    response={201: FurtherRequestOut, **ERRORS},
    summary="当事者への追加の意見陳述・証拠資料の提出の求め（DP-16、規程第15条第9項）",
)
def further_request_create(
    request: ApiRequest, case_id: Id, body: FurtherRequestIn
) -> Status[FurtherRequest]:
    selectors.case_visible(request.auth, case_id)
    return Status(
        201,
        proceedings.further_request_create(
            actor=request.auth, case_id=case_id, side=body.side, matters=body.matters, due_on=body.due_on
        ),
    )


@router.post(
    "/cases/{case_id}/insurer-requests",
    response={201: InsurerRequestOut, **ERRORS},
    summary="保険会社等への説明・資料の提出要求（DP-12）",
)
def insurer_request_create(
    request: ApiRequest, case_id: Id, body: InsurerRequestIn
) -> Status[InsurerRequest]:
    selectors.case_visible(request.auth, case_id)
    return Status(
        201,
        proceedings.insurer_request_create(
            actor=request.auth, case_id=case_id, request=body.request, due_on=body.due_on
        ),
    )


@router.post(
    "/insurer-requests/{request_id}/answer",
    response={200: InsurerRequestOut, **ERRORS},
    summary="保険会社等の回答（DP-12）",
)
def insurer_request_answer(request: ApiRequest, request_id: Id, body: InsurerAnswerIn) -> InsurerRequest:
    scope.visible_child(request.auth, InsurerRequest, request_id, "要求")
    return proceedings.insurer_request_answer(
        actor=request.auth, request_id=request_id, answer=body.answer, refusal_reason=body.refusal_reason
    )


@router.post(
    "/cases/{case_id}/special-procedures",
    response={201: SpecialProcedureOut, **ERRORS},
    summary="特別の手続の申出（DP-13）",
)
def special_procedure_create(
    request: ApiRequest, case_id: Id, body: SpecialProcedureIn
) -> Status[SpecialProcedure]:
    selectors.case_visible(request.auth, case_id)
    return Status(
        201,
        proceedings.special_procedure_request(
            actor=request.auth,
            case_id=case_id,
            kind=body.kind,
            requested_by=body.requested_by,
            reason=body.reason,
        ),
    )


@router.post(
    "/special-procedures/{procedure_id}/decide",
    response={200: SpecialProcedureOut, **ERRORS},
    summary="特別の手続の判断（DP-13）",
)
def special_procedure_decide(
    request: ApiRequest, procedure_id: Id, body: SpecialDecisionIn
) -> SpecialProcedure:
    scope.visible_child(request.auth, SpecialProcedure, procedure_id, "特別の手続")
    return proceedings.special_procedure_decide(
        actor=request.auth,
        procedure_id=procedure_id,
        approve=body.approve,
        chief_id=body.chief_id,
        cost_yen=body.cost_yen,
        charged_to=body.charged_to,
    )


@router.post(
    "/cases/{case_id}/observers", response={201: ObserverOut, **ERRORS}, summary="傍聴の許可（DP-15）"
)
def observer_create(request: ApiRequest, case_id: Id, body: ObserverIn) -> Status[Observer]:
    selectors.case_visible(request.auth, case_id)
    return Status(
        201,
        panels.observer_permit(
            actor=request.auth, case_id=case_id, name=body.name, reason=body.reason, chief_id=body.chief_id
        ),
    )
