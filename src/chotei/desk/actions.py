"""Every action the desk offers on a case: its form, the service it calls and when it is offered."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from chotei.desk import forms
from chotei.disputes.models import Case
from chotei.disputes.services import lifecycle, panels, proceedings, records
from chotei.disputes.services.assignment import ASSIGN, case_assign
from chotei.rules.states import FINAL_STATES, OPEN_STATES, Action, CaseState, allowed_actions

Run = Callable[[Any, Case, dict[str, Any]], object]


@dataclasses.dataclass(frozen=True)
class ActionSpec:
    name: str
    title: str
    button: str
    form: type[forms.CaseForm]
    run: Run
    # The step's own sentence; when the step queued notices the desk adds where they will appear.
    done: str
    danger: bool = False


def _upload(data: dict[str, Any]) -> dict[str, Any]:
    upload = data.pop("file", None)
    if upload is not None:
        data["content"], data["file_name"] = upload.read(), upload.name
        data["content_type"] = upload.content_type or ""
    return data


def _drop_blank(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in data.items() if not (k in keys and v in (None, ""))}


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec(
        Action.START_SCREENING,
        "受理審査の開始",
        "受理審査を開始する",
        forms.VersionForm,
        lambda u, c, d: lifecycle.case_start_screening(actor=u, case_id=c.pk, version=d["version"]),
        "受理審査を開始しました",
    ),
    ActionSpec(
        Action.ACCEPT,
        "受理（規程第5条第3項）",
        "受理して両当事者に通知する",
        forms.AcceptForm,
        lambda u, c, d: lifecycle.case_accept(actor=u, case_id=c.pk, **d),
        "受理しました",
    ),
    ActionSpec(
        Action.REFUSE,
        "不受理（規程第5条第1項）",
        "不受理とする",
        forms.RefuseForm,
        lambda u, c, d: lifecycle.case_refuse(actor=u, case_id=c.pk, **d),
        "不受理としました",
        danger=True,
    ),
    ActionSpec(
        "amend",
        "求める事項の変更（規程第5条の2）",
        "変更を記録する",
        forms.AmendForm,
        lambda u, c, d: lifecycle.case_amend(actor=u, case_id=c.pk, **d),
        "求める事項の変更を記録しました",
    ),
    ActionSpec(
        Action.APPOINT_PANEL,
        "紛争処理委員会の指名（法第23条の7）",
        "この構成で指名する",
        forms.PanelForm,
        lambda u, c, d: panels.panel_appoint(
            actor=u, case_id=c.pk, version=d["version"], member_ids=d["members"], chief_id=d["chief"]
        ),
        "紛争処理委員会を指名しました",
    ),
    ActionSpec(
        "submission",
        "主張書面・証拠の受領（規程第15条第5項）",
        "受領を記録する",
        forms.SubmissionForm,
        lambda u, c, d: proceedings.submission_record(actor=u, case_id=c.pk, **_upload(d)),
        "提出書類を記録しました",
    ),
    # DP-16: further statements and evidence asked of one party, with its own deadline and notice.
    ActionSpec(
        "further_request",
        "追加の意見陳述・証拠資料の提出の求め（規程第15条第9項）",
        "提出を求めて通知する",
        forms.FurtherRequestForm,
        lambda u, c, d: proceedings.further_request_create(actor=u, case_id=c.pk, **d),
        "追加の意見陳述等の提出を求めました",
    ),
    ActionSpec(
        "insurer_request",
        "保険会社等への説明・資料の要求（法第23条の12）",
        "要求を記録する",
        forms.InsurerRequestForm,
        lambda u, c, d: proceedings.insurer_request_create(actor=u, case_id=c.pk, **d),
        "保険会社等への要求を記録しました",
    ),
    ActionSpec(
        "insurer_answer",
        "回答の記録",
        "回答を記録する",
        forms.InsurerAnswerForm,
        lambda u, c, d: proceedings.insurer_request_answer(actor=u, **d),
        "保険会社等の回答を記録しました",
    ),
    ActionSpec(
        "meeting_schedule",
        "期日の指定",
        "期日を指定する",
        forms.MeetingForm,
        lambda u, c, d: panels.meeting_schedule(actor=u, case_id=c.pk, **d),
        "期日を指定しました",
    ),
    ActionSpec(
        "meeting_record",
        "出席と期日調書の記録（規程第12条）",
        "調書を記録する",
        forms.MeetingRecordForm,
        lambda u, c, d: panels.meeting_record(
            actor=u, meeting_id=d["meeting_id"], present_member_ids=d["present"], minutes=d["minutes"]
        ),
        "期日調書を記録しました",
    ),
    ActionSpec(
        "meeting_move",
        "期日の変更",
        "期日を変更する",
        forms.MeetingMoveForm,
        lambda u, c, d: panels.meeting_move(actor=u, **d),
        "期日を変更しました",
    ),
    ActionSpec(
        "meeting_cancel",
        "期日の取消",
        "期日を取り消す",
        forms.MeetingCancelForm,
        lambda u, c, d: panels.meeting_cancel(actor=u, **d),
        "期日を取り消しました",
        danger=True,
    ),
    ActionSpec(
        "panel_change",
        "紛争処理委員会の構成の変更（法第23条の7）",
        "この構成に変更する",
        forms.PanelChangeForm,
        lambda u, c, d: panels.panel_change(
            actor=u,
            case_id=c.pk,
            version=d["version"],
            member_ids=d["members"],
            chief_id=d["chief"],
            reason=d["reason"],
        ),
        "紛争処理委員会の構成を変更しました",
    ),
    ActionSpec(
        "correction",
        "記録の訂正（令第24条）",
        "訂正を記録する",
        forms.CorrectionForm,
        lambda u, c, d: records.correction_record(actor=u, case_id=c.pk, **d),
        "訂正を記録しました",
    ),
    ActionSpec(
        "note",
        "内部メモ・電話記録",
        "記録する",
        forms.NoteForm,
        lambda u, c, d: records.note_record(actor=u, case_id=c.pk, **d),
        "内部メモ・電話記録を追加しました",
    ),
    ActionSpec(
        "observer",
        "傍聴の許可（法第23条の13）",
        "傍聴を許可する",
        forms.ObserverForm,
        lambda u, c, d: panels.observer_permit(actor=u, case_id=c.pk, **d),
        "傍聴の許可を記録しました",
    ),
    ActionSpec(
        "special_request",
        "特別の手続の申出（規程第15条第4項）",
        "申出を記録する",
        forms.SpecialRequestForm,
        lambda u, c, d: proceedings.special_procedure_request(actor=u, case_id=c.pk, **d),
        "特別の手続の申出を記録しました",
    ),
    ActionSpec(
        "special_decide",
        "主任委員の判断",
        "判断を記録する",
        forms.SpecialDecideForm,
        lambda u, c, d: proceedings.special_procedure_decide(
            actor=u,
            procedure_id=d["procedure_id"],
            approve=d["approve"],
            chief_id=d["chief_id"],
            cost_yen=d["cost_yen"] or 0,
            charged_to=d["charged_to"],
        ),
        "特別の手続の判断を記録しました",
    ),
    ActionSpec(
        Action.RECORD_RESULT,
        "審理結果の記録と通知（規程第16条）",
        "審理結果を通知する",
        forms.ResultForm,
        lambda u, c, d: lifecycle.case_record_result(actor=u, case_id=c.pk, **d),
        "審理結果を記録しました",
    ),
    ActionSpec(
        "explain",
        "審理結果の説明（規程第16条）",
        "説明書を発出する",
        forms.ExplainForm,
        lambda u, c, d: lifecycle.case_explain_result(actor=u, case_id=c.pk, **d),
        "説明書の発出を記録しました",
    ),
    ActionSpec(
        Action.CLOSE,
        "終了",
        "事案を終了する",
        forms.VersionForm,
        lambda u, c, d: lifecycle.case_close(actor=u, case_id=c.pk, version=d["version"]),
        "事案を終了しました",
    ),
    ActionSpec(
        Action.TERMINATE,
        "打切り（規程第17条）",
        "紛争処理を打ち切る",
        forms.TerminateForm,
        lambda u, c, d: lifecycle.case_terminate(actor=u, case_id=c.pk, **d),
        "紛争処理を打ち切りました",
        danger=True,
    ),
    ActionSpec(
        Action.WITHDRAW,
        "取下げ（規程第18条）",
        "取下げを記録する",
        forms.WithdrawForm,
        lambda u, c, d: lifecycle.case_withdraw(actor=u, case_id=c.pk, **_drop_blank(d, "requested_on")),
        "取下げを記録しました",
        danger=True,
    ),
    ActionSpec(
        ASSIGN,
        "担当職員の指定・変更",
        "担当職員を指定する",
        forms.AssignForm,
        lambda u, c, d: case_assign(actor=u, case_id=c.pk, version=d["version"], clerk_id=d["clerk"]),
        "担当職員を指定しました",
    ),
)
BY_NAME: dict[str, ActionSpec] = {s.name: s for s in SPECS}

REVIEW = frozenset({CaseState.ACCEPTED, CaseState.UNDER_REVIEW})
# Actions that add a record rather than move the case, and the states they belong to.
RECORD_STATES: dict[str, frozenset[CaseState]] = {
    "amend": REVIEW,
    "submission": OPEN_STATES,
    "further_request": REVIEW,
    "insurer_request": REVIEW,
    "meeting_schedule": frozenset({CaseState.UNDER_REVIEW}),
    "panel_change": frozenset({CaseState.UNDER_REVIEW}),
    "observer": frozenset({CaseState.UNDER_REVIEW}),
    "special_request": frozenset({CaseState.UNDER_REVIEW}),
    "explain": frozenset({CaseState.RESULT_NOTIFIED, CaseState.CLOSED}),
    ASSIGN: frozenset(CaseState) - FINAL_STATES,
}
# Per-item forms shown beside their item (a meeting, a request, a procedure), not in the action list.
ITEM_ACTIONS = frozenset(
    {
        "insurer_answer",
        "meeting_record",
        "meeting_move",
        "meeting_cancel",
        "special_decide",
        "note",
        "correction",
    }
)


def offered(case: Case) -> list[ActionSpec]:
    """The case-level actions for the case's state: the next step of the procedure first (the desk
    opens it), then the others in the order of the procedure."""
    state = case.state_enum
    moves = {a.value for a in allowed_actions(state)}
    specs = [
        s
        for s in SPECS
        if s.name not in ITEM_ACTIONS and (s.name in moves or state in RECORD_STATES.get(s.name, ()))
    ]
    step = next((s for s in specs if s.name in moves and not s.danger), None)
    return [step, *(s for s in specs if s is not step)] if step else specs


# Steps that cannot be undone, each with what it does: the desk shows this and the notices that
# will go out, and acts only when the clerk confirms (issue 9 item 4).
CONFIRM: dict[str, str] = {
    Action.ACCEPT: "事案を受理し、受理通知を両当事者に、答弁書の提出依頼を相手方に発出します。受理の取消しはできません。",
    Action.REFUSE: "事案を不受理とし、理由と次の解決方法を記した不受理通知を申請人に発出します。事案はこれで終了します。",
    Action.WITHDRAW: "申請の取下げを記録し、事案を終了します。取下げの通知を発出します。",
    Action.TERMINATE: "紛争処理を打ち切り、理由を記した打切り通知を両当事者に発出します。事案はこれで終了します。",
    Action.RECORD_RESULT: "審理結果を記録し、紛争処理結果通知書を両当事者に発出します。結果の記録は取り消せません。",
    Action.CLOSE: "事案を終了とします。終了後は審理結果の説明の記録のみ行えます。",
    Action.APPOINT_PANEL: "選んだ委員で紛争処理委員会を指名し、審理を開始します。",
}
