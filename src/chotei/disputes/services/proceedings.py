"""Materials of the review: submissions, further requests to a party, requests to the insurer, special
procedures (DP-03, DP-12..14, DP-16)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from chotei.accounts.permissions import Actor
from chotei.disputes.models import (
    Case,
    CaseParty,
    FurtherRequest,
    InsurerRequest,
    SpecialProcedure,
    Submission,
)
from chotei.disputes.services import guards
from chotei.disputes.services.core import NotFound, case_change, today
from chotei.disputes.services.evidence import media_type
from chotei.disputes.services.panels import chief_member, chief_named
from chotei.documents.files import file_write
from chotei.rules import calendar, screening
from chotei.rules.application import normalize
from chotei.rules.articles import act, rules
from chotei.rules.errors import RuleViolation
from chotei.rules.states import CaseState
from chotei.rules.step_notices import FURTHER_REQUEST

INSURER_ANSWER_BUSINESS_DAYS = 10
# Further statements are asked while the case is before the body: accepted, until its result.
FURTHER_REQUEST_STATES = frozenset({CaseState.ACCEPTED, CaseState.UNDER_REVIEW})


def submission_record(
    *,
    actor: Actor,
    case_id: int,
    side: str,
    kind: str,
    channel: str,
    title: str,
    received_on: dt.date | None = None,
    postal_receipt: str = "",
    file_name: str = "",
    content: bytes | None = None,
    content_type: str = "",
    form: str = Submission.Form.WRITTEN,
    chief_id: int | None = None,
) -> Submission:
    """A statement or evidence: by post with its receipt logged, or uploaded (DP-03); written unless
    the chief member allows another form (DP-14). Kept, never returned. An insurer or co-op may file
    for its own side (OD-01)."""
    title, postal_receipt = normalize(title), normalize(postal_receipt)
    if side not in CaseParty.Side.values or kind not in Submission.Kind.values:
        raise RuleViolation("提出者又は種別が不正です", rules("第15条第5項", "DP-14"), field="side")
    if channel not in Submission.Channel.values:
        raise RuleViolation(
            "書類は郵送又はアップロードにより提出されます", rules("第4条第3項", "DP-03"), field="channel"
        )
    if form not in Submission.Form.values:
        raise RuleViolation("主張・証拠は書面で提出されます", rules("第15条第5項", "DP-14"), field="form")
    if not title:
        raise RuleViolation("表題がありません", rules("第15条第5項", "DP-14"), field="title")
    if channel == Submission.Channel.POST and not postal_receipt:
        raise RuleViolation(
            "郵送による提出は受領記録（書留番号等）を記録してください",
            rules("第4条第3項", "DP-03"),
            field="postal_receipt",
        )
    if channel == Submission.Channel.UPLOAD and not content:
        raise RuleViolation(
            "アップロードされたファイルがありません", rules("第4条第3項", "DP-03"), field="file"
        )
    # Kept with the file so it is served back as received (evidence.submission_open).
    content_type = media_type(content_type, file_name) if content else ""
    holder: dict[str, Submission] = {}

    def apply(case: Case) -> list[str]:
        guards.operator_or_party(actor, case, side)
        if form == Submission.Form.OTHER:
            chief_member(case, chief_id, "書面以外の方法による主張・証拠の許可", "第15条第5項", "DP-14")
        name, digest = file_write("submissions", content, content_type) if content else ("", "")
        holder["s"] = Submission.objects.create(
            case=case,
            side=side,
            kind=kind,
            channel=channel,
            form=form,
            title=title,
            received_on=received_on or today(),
            postal_receipt=postal_receipt,
            file_name=file_name,
            file=name,
            content_type=content_type,
            sha256=digest,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        # A submission of the side answers what the body asked of it (DP-16), late or not.
        FurtherRequest.objects.filter(case=case, side=side, answered_on__isnull=True).update(
            answered_on=holder["s"].received_on
        )
        return []

    chief_payload: dict[str, Any] = {"chief": chief_id} if form == Submission.Form.OTHER else {}
    case_change(
        actor=actor,
        case_id=case_id,
        version=None,
        action="submission",
        apply=apply,
        description=f"{CaseParty.Side(side).label}の{Submission.Kind(kind).label}を受領: {title}"
        f"（{Submission.Channel(channel).label}"
        + (f"、書面以外の方法・{chief_named(chief_id)}の許可）" if form == Submission.Form.OTHER else "）"),
        **chief_payload,
    )
    return holder["s"]


def further_request_create(
    *, actor: Actor, case_id: int, side: str, matters: str, due_on: dt.date | None = None
) -> FurtherRequest:
    """追加の意見陳述及び証拠資料の提出の求め (DP-16, 規程15条9項): asked of one party in writing while
    the case is before the body; the request, its ledger line, audit event and notice to that party
    are written together."""
    guards.operator(actor)
    matters = normalize(matters)
    if side not in CaseParty.Side.values:
        raise RuleViolation(
            "求める相手（申請人又は被申請人）を指定してください",
            screening.FURTHER_REQUEST_ARTICLE,
            field="side",
        )
    if not matters:
        raise RuleViolation(
            "求める意見陳述又は証拠資料を記載してください", screening.FURTHER_REQUEST_ARTICLE, field="matters"
        )
    due = screening.further_request_deadline(today(), due_on)
    holder: dict[str, FurtherRequest] = {}

    def apply(case: Case) -> list[str]:
        if case.state_enum not in FURTHER_REQUEST_STATES:
            raise RuleViolation(
                f"{case.get_state_display()}の事案には追加の意見陳述等を求められません（受理後、結果の通知まで）",
                screening.FURTHER_REQUEST_ARTICLE,
                field="state",
            )
        holder["r"] = FurtherRequest.objects.create(
            case=case, side=side, matters=matters, requested_on=today(), due_on=due
        )
        return []

    with transaction.atomic():
        case = case_change(
            actor=actor,
            case_id=case_id,
            version=None,
            action=FURTHER_REQUEST,
            apply=apply,
            description=f"{CaseParty.Side(side).label}に追加の意見陳述及び証拠資料の提出を求める"
            f"（期限 {due.isoformat()}、規程第15条第9項）",
            notice_side=side,
        )
        # The step's notice is found by its ledger line (documents.facts); the notice task commits
        # with this, so it never runs before the link.
        request = holder["r"]
        request.step = case.step_line
        request.save(update_fields=["step"])
    return request


def insurer_request_create(
    *, actor: Actor, case_id: int, request: str, due_on: dt.date | None = None
) -> InsurerRequest:
    """説明・資料の提出要求 to the insurer or co-op (DP-12, 法23-12)."""
    guards.operator(actor)
    request = normalize(request)
    if not request:
        raise RuleViolation("要求事項がありません", act("第23条の12", "DP-12"), field="request")
    holder: dict[str, InsurerRequest] = {}

    def apply(case: Case) -> list[str]:
        holder["r"] = InsurerRequest.objects.create(
            case=case,
            request=request,
            requested_on=today(),
            due_on=due_on or calendar.add_business_days(today(), INSURER_ANSWER_BUSINESS_DAYS),
        )
        return []

    case_change(
        actor=actor,
        case_id=case_id,
        version=None,
        action="insurer_request",
        apply=apply,
        description="保険会社等に説明・資料の提出を求める（法第23条の12）",
    )
    return holder["r"]


def insurer_request_answer(
    *, actor: Actor, request_id: int, answer: str = "", refusal_reason: str = ""
) -> InsurerRequest:
    """The insurer answers, or refuses only with a justified reason (法23-12); answered once."""
    try:
        case_id = InsurerRequest.objects.values_list("case_id", flat=True).get(pk=request_id)
    except InsurerRequest.DoesNotExist as exc:
        raise NotFound(f"要求 {request_id} は見つかりません") from exc
    answer, refusal_reason = normalize(answer), normalize(refusal_reason)
    if not answer and not refusal_reason:
        raise RuleViolation(
            "回答又は提出を拒む正当な理由が必要です", act("第23条の12", "DP-12"), field="answer"
        )
    holder: dict[str, InsurerRequest] = {}

    def apply(case: Case) -> list[str]:
        guards.operator_or_party(actor, case)
        req = InsurerRequest.objects.select_for_update().get(pk=request_id)
        if req.answered_on is not None:
            raise RuleViolation("この要求には回答済みです", act("第23条の12", "DP-12"), field="answer")
        req.answer, req.refusal_reason, req.answered_on = answer, refusal_reason, today()
        req.save(update_fields=["answer", "refusal_reason", "answered_on"])
        holder["r"] = req
        return []

    case_change(
        actor=actor,
        case_id=case_id,
        version=None,
        action="insurer_answer",
        apply=apply,
        description="保険会社等から回答" + ("（提出拒否・理由あり）" if refusal_reason else ""),
    )
    return holder["r"]


def special_procedure_request(
    *, actor: Actor, case_id: int, kind: str, requested_by: str, reason: str
) -> SpecialProcedure:
    """A party asks for 鑑定 or another special procedure (DP-13, 規程15条4項)."""
    guards.operator(actor)
    kind, reason = normalize(kind), normalize(reason)
    if requested_by not in CaseParty.Side.values or not kind or not reason:
        raise RuleViolation(
            "手続の種類・申出た当事者・理由が必要です", rules("第15条第4項", "DP-13"), field="kind"
        )
    holder: dict[str, SpecialProcedure] = {}

    def apply(case: Case) -> list[str]:
        holder["p"] = SpecialProcedure.objects.create(
            case=case, kind=kind, requested_by=requested_by, requested_on=today(), reason=reason
        )
        return []

    case_change(
        actor=actor,
        case_id=case_id,
        version=None,
        action="special_request",
        apply=apply,
        description=f"特別の手続（{kind}）の申出（規程第15条第4項）",
    )
    return holder["p"]


def special_procedure_decide(
    *,
    actor: Actor,
    procedure_id: int,
    approve: bool,
    chief_id: int | None = None,
    cost_yen: int = 0,
    charged_to: str = "",
) -> SpecialProcedure:
    """The chief member decides; the cost is charged to a party and entered in the ledger
    (DP-13, 規程19条・令26条, DP-21)."""
    guards.operator(actor)
    try:
        case_id = SpecialProcedure.objects.values_list("case_id", flat=True).get(pk=procedure_id)
    except SpecialProcedure.DoesNotExist as exc:
        raise NotFound(f"特別の手続 {procedure_id} は見つかりません") from exc
    if approve and (cost_yen <= 0 or charged_to not in CaseParty.Side.values):
        raise RuleViolation(
            "実施する場合は費用と負担する当事者を定めてください", rules("第19条", "DP-13"), field="cost_yen"
        )
    holder: dict[str, SpecialProcedure] = {}

    def apply(case: Case) -> list[str]:
        proc = SpecialProcedure.objects.select_for_update().get(pk=procedure_id)
        if proc.decision != SpecialProcedure.Decision.PENDING:
            raise RuleViolation("この申出は判断済みです", rules("第15条第4項", "DP-13"), field="decision")
        proc.decided_by = chief_member(case, chief_id, "特別の手続の判断", "第15条第4項", "DP-13")
        proc.decision = SpecialProcedure.Decision.APPROVED if approve else SpecialProcedure.Decision.REJECTED
        proc.decided_on = today()
        proc.cost_yen, proc.charged_to = (cost_yen, charged_to) if approve else (0, "")
        proc.save(update_fields=["decided_by", "decision", "decided_on", "cost_yen", "charged_to"])
        holder["p"] = proc
        return []

    case_change(
        actor=actor,
        case_id=case_id,
        version=None,
        action="special_decide",
        apply=apply,
        party_cost_yen=cost_yen if approve else 0,
        description=(
            f"特別の手続を実施（{chief_named(chief_id)}の判断、費用 {cost_yen:,}円、"
            f"{CaseParty.Side(charged_to).label}負担、令第26条）"
            if approve
            else f"特別の手続を実施しない（{chief_named(chief_id)}の判断、規程第15条第4項）"
        ),
        chief=chief_id,
    )
    return holder["p"]
