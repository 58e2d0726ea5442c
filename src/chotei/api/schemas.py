"""Request and response bodies of the JSON API (snake_case; labels in Japanese next to codes)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.utils import timezone
from ninja import Schema
from pydantic import Field

from chotei.api import scope
from chotei.api.types import Day, Id, Moment, Office, Version, Yen, text
from chotei.disputes.models import Amendment, Case, Panel, Submission
from chotei.disputes.selectors import is_overdue
from chotei.documents.models import IssuedDocument
from chotei.parties.models import Party
from chotei.rules.application import PartyRole
from chotei.rules.states import CaseState

Side = Literal["applicant", "respondent"]

# DP-02: every free-text item has a stated bound (maxLength in the OpenAPI schema), realistic for what
# it holds — an A4 page of Japanese is about 1,600 characters. Names and codes take their column's.
MATTERS = 4_000  # 求める事項
STATEMENT = 4_000  # 問題点・請求の内容・事故の状況・その他の事実・要求
HISTORY = 8_000  # 交渉経過・結果の理由・回答
REASON = 2_000  # 理由
OTHER_BODIES = 1_000  # 他の機関での相談等
MINUTES = 20_000  # 期日調書
# Evidence of up to 20 MB as base64 (4 characters per 3 bytes); the request limit is 30 MB.
CONTENT_BASE64 = 28_000_000


class ErrorOut(Schema):
    detail: str
    article: str | None = None
    obligation: str | None = None
    field: str | None = None
    problems: list[Any] | None = None
    current_version: int | None = None
    errors: list[Any] | None = None


ERRORS: dict[int, Any] = {code: ErrorOut for code in (400, 401, 403, 404, 409, 415, 422)}


# --- cases ---------------------------------------------------------------------------------------


class CaseFilterIn(Schema):
    state: CaseState | None = None
    office: Office | None = None
    member: Id | None = None
    overdue: bool = False
    fiscal_year: int | None = Field(None, ge=1900, le=2200)
    q: text(200) = ""  # type: ignore[valid-type]
    before: text(40) = Field("", description="前のページの next_before（キーセット方式）")  # type: ignore[valid-type]
    limit: int = Field(50, ge=1, le=200)


class CaseOut(Schema):
    id: int
    number: str
    office: str
    office_label: str
    state: str
    state_label: str
    version: int
    category: str
    channel: str
    applicant_name: str
    respondent_name: str
    received_on: dt.date
    fiscal_year: int
    due_on: dt.date | None
    overdue: bool
    ended_on: dt.date | None

    @staticmethod
    def resolve_office_label(obj: Case) -> str:
        return obj.get_office_display()

    @staticmethod
    def resolve_overdue(obj: Case) -> bool:
        return is_overdue(obj, timezone.localdate())


class CasePageOut(Schema):
    items: list[CaseOut]
    next_before: str | None = Field(description="次のページを取得するときの before（なければ null）")


class PartyIn(Schema):
    name: text(200) = ""  # type: ignore[valid-type]
    address: text(300) = ""  # type: ignore[valid-type]
    kind: Party.Kind | None = Field(
        None, description="省略時は、登録組織に紐付くときは法人・団体、それ以外は個人"
    )
    postcode: text(10) = ""  # type: ignore[valid-type]
    organization_id: Id | None = Field(
        None,
        description="登録組織。保険会社・共済組合の立場では、これを指定するか、登録どおりの名称（空白・株式会社/(株)の違いは問わない）を name に指定する",
    )
    party_id: Id | None = Field(None, description="登録済みの当事者（保険会社等）を指定する場合")


class CaseCreateIn(Schema):
    """The application (DP-02, 令13条・規程4条1項). Items left empty are named in the 422 answer."""

    applicant: PartyIn
    respondent: PartyIn
    applicant_role: text(20) = ""  # type: ignore[valid-type]
    respondent_role: PartyRole
    category: Case.Category
    channel: Case.Channel
    office: Office
    applied_on: Day | None = None
    matters_sought: text(MATTERS) = ""  # type: ignore[valid-type]
    issues: text(STATEMENT) = ""  # type: ignore[valid-type]
    negotiation_history: text(HISTORY) = ""  # type: ignore[valid-type]
    claim: text(STATEMENT) = ""  # type: ignore[valid-type]
    accident_summary: text(STATEMENT) = ""  # type: ignore[valid-type]
    other_bodies: text(OTHER_BODIES) = Field("", description="他の機関での相談・斡旋等（なければ「なし」）")  # type: ignore[valid-type]
    accident_date: Day | None = None
    other_facts: text(STATEMENT) = ""  # type: ignore[valid-type]
    decision_notified_on: Day | None = None
    negotiator_case: bool = False
    negotiator_consent: bool = False
    applicant_agent: PartyIn | None = None
    respondent_agent: PartyIn | None = None
    received_on: Day | None = None


class AgentOut(Schema):
    id: int
    name: str
    address: str


class PartyOut(Schema):
    side: str
    role: str
    party_id: int
    name: str = Field(alias="party.name")
    kind: str = Field(alias="party.kind")
    postcode: str = Field(alias="party.postcode")
    address: str = Field(alias="party.address")
    organization_id: int | None = Field(alias="party.organization_id")
    agent: AgentOut | None


class DeadlinesOut(Schema):
    due_on: dt.date | None
    acceptance_dispatched_on: dt.date | None
    amendment_due_on: dt.date | None
    statement_due_on: dt.date | None


class SeatOut(Schema):
    member_id: int
    name: str = Field(alias="member.name")
    qualification: str = Field(alias="member.qualification")
    is_chief: bool


class PanelOut(Schema):
    appointed_on: dt.date
    seats: list[SeatOut]


class DocumentOut(Schema):
    id: int
    kind: str
    title: str
    document_number: str
    addressee: str
    addressee_side: str
    version: int
    channel: str
    dispatch_date: dt.date
    sha256: str
    first_opened_at: dt.datetime | None


class LedgerOut(Schema):
    on: dt.date
    at: dt.datetime
    action: str
    description: str
    state: str
    members: str
    party_cost_yen: int


class MeetingOut(Schema):
    id: int
    case_id: int
    scheduled_for: dt.datetime
    place: str
    recorded_at: dt.datetime | None
    minutes: str
    cancelled_at: dt.datetime | None = None
    cancel_reason: str = ""


class CorrectionOut(Schema):
    id: int
    case_id: int
    party_id: int | None
    item: str
    before: str
    after: str
    reason: str
    at: dt.datetime


class SubmissionOut(Schema):
    id: int
    case_id: int
    side: str
    kind: str
    channel: str
    form: str
    title: str
    received_on: dt.date
    postal_receipt: str
    file_name: str
    content_type: str
    sha256: str


class FurtherRequestOut(Schema):
    id: int
    case_id: int
    side: str
    matters: str
    requested_on: dt.date
    due_on: dt.date
    answered_on: dt.date | None


class InsurerRequestOut(Schema):
    id: int
    case_id: int
    request: str
    requested_on: dt.date
    due_on: dt.date
    answered_on: dt.date | None
    answer: str
    refusal_reason: str


class SpecialProcedureOut(Schema):
    id: int
    case_id: int
    kind: str
    requested_by: str
    requested_on: dt.date
    reason: str
    decision: str
    decided_on: dt.date | None
    decided_by_id: int | None
    cost_yen: int
    charged_to: str


class ObserverOut(Schema):
    id: int
    case_id: int
    name: str
    reason: str
    permitted_on: dt.date
    permitted_by_id: int


class AmendmentOut(Schema):
    before: str
    after: str
    requested_on: dt.date
    accepted: bool
    refusal_reason: str


class CaseDetailOut(CaseOut):
    applicant_role: str
    applied_on: dt.date
    matters_sought: str
    issues: str
    negotiation_history: str
    claim: str
    accident_summary: str
    accident_date: dt.date | None
    other_facts: str
    other_bodies: str
    decision_notified_on: dt.date | None
    negotiator_case: bool
    refusal_ground: str
    result: str
    result_reasons: str
    end_reason: str
    parties: list[PartyOut]
    deadlines: DeadlinesOut
    panel: PanelOut | None
    documents: list[DocumentOut]
    ledger: list[LedgerOut]
    meetings: list[MeetingOut]
    submissions: list[SubmissionOut]
    insurer_requests: list[InsurerRequestOut]
    special_procedures: list[SpecialProcedureOut]
    observers: list[ObserverOut]
    amendments: list[AmendmentOut]

    @staticmethod
    def resolve_deadlines(obj: Case) -> dict[str, Any]:
        return {
            "due_on": obj.due_on,
            "acceptance_dispatched_on": obj.acceptance_dispatched_on,
            "amendment_due_on": obj.amendment_due_on,
            "statement_due_on": obj.statement_due_on,
        }

    @staticmethod
    def resolve_panel(obj: Case) -> Panel | None:
        return Panel.objects.filter(case=obj).prefetch_related("seats__member").first()

    @staticmethod
    def resolve_documents(obj: Case, context: dict[str, Any]) -> list[IssuedDocument]:
        # An insurer sees the notices addressed to its own side only.
        docs = IssuedDocument.objects.filter(case=obj)
        sides = scope.document_sides(context["request"].auth, obj.pk)
        return list(docs if sides is None else docs.filter(addressee_side__in=sides))

    @staticmethod
    def resolve_submissions(obj: Case) -> list[Submission]:
        return list(obj.submissions.all())

    @staticmethod
    def resolve_amendments(obj: Case) -> list[Amendment]:
        return list(obj.amendments.order_by("id"))


# --- actions and proceedings ---------------------------------------------------------------------

ActionName = Literal[
    "start_screening",
    "accept",
    "refuse",
    "amend",
    "appoint_panel",
    "record_result",
    "explain",
    "close",
    "terminate",
    "withdraw",
]


class ActionIn(Schema):
    """``version`` is the one the client read (stale → 409); the other fields serve some actions."""

    version: Version
    dispatch_on: Day | None = Field(None, description="accept: 受理通知の発送日")
    ground_code: text(10) = Field("", description="refuse: 不受理事由（GET /grounds）")  # type: ignore[valid-type]
    matters_sought: text(MATTERS) = Field("", description="amend: 変更後の求める事項")  # type: ignore[valid-type]
    requested_on: Day | None = Field(None, description="amend / withdraw: 申出日")
    refuse_reason: text(REASON) = Field("", description="amend: 変更を認めない理由")  # type: ignore[valid-type]
    member_ids: list[Id] = Field(default_factory=list, max_length=50, description="appoint_panel")
    chief_id: Id | None = Field(
        None, description="appoint_panel: 主任委員 / terminate: 打ち切った主任委員（規程第17条）"
    )
    result: text(10) = Field("", description="record_result: changed / unchanged")  # type: ignore[valid-type]
    reasons: text(HISTORY) = Field("", description="record_result: 理由")  # type: ignore[valid-type]
    grade_before: text(10) = Field(  # type: ignore[valid-type]
        "", description="record_result（変更）: 変更前の等級（例 2-12 = 別表第2第12級、none = 非該当）"
    )
    grade_after: text(10) = Field(  # type: ignore[valid-type]
        "", description="record_result（変更）: 変更後の等級（例 2-9、none = 非該当）"
    )
    side: text(20) = Field("", description="explain: 説明を求めた当事者")  # type: ignore[valid-type]
    termination_ground: text(10) = Field(  # type: ignore[valid-type]
        "",
        description="terminate: 打切りの事由（規程第5条第1項各号 R5-1-1〜R5-1-9、又は解決の見込みなし R17-1）",
    )
    reason: text(REASON) = Field("", description="terminate: 打切りの理由")  # type: ignore[valid-type]
    channel: text(10) = Field("post", description="withdraw: post / online")  # type: ignore[valid-type]


class MeetingIn(Schema):
    scheduled_for: Moment
    place: text(200)  # type: ignore[valid-type]


class MeetingMoveIn(Schema):
    """期日の変更 (issue #9 item 3): the new time, optionally a new place, and why."""

    scheduled_for: Moment
    place: text(200) = ""  # type: ignore[valid-type]
    reason: text(300)  # type: ignore[valid-type]


class MeetingCancelIn(Schema):
    reason: text(300)  # type: ignore[valid-type]


class CorrectionIn(Schema):
    """訂正 of one registered item of the case or of a party (rules.corrections), with its reason."""

    item: text(40)  # type: ignore[valid-type]
    after: text(MINUTES) = ""  # type: ignore[valid-type]
    reason: text(300)  # type: ignore[valid-type]
    party_id: Id | None = None


class MeetingRecordIn(Schema):
    present_member_ids: list[Id] = Field(max_length=50)
    minutes: text(MINUTES)  # type: ignore[valid-type]


class SubmissionIn(Schema):
    """A statement or evidence (DP-03, DP-14): uploaded as base64, or a postal receipt logged."""

    side: Side
    kind: Submission.Kind
    channel: Submission.Channel
    title: text(200)  # type: ignore[valid-type]
    received_on: Day | None = None
    postal_receipt: text(100) = ""  # type: ignore[valid-type]
    file_name: text(200) = ""  # type: ignore[valid-type]
    content_base64: str = Field(
        "", max_length=CONTENT_BASE64, description="アップロードするファイルの内容（base64、20MBまで）"
    )
    content_type: text(100) = Field("", description="ファイルの種類（空欄はファイル名から判断）")  # type: ignore[valid-type]
    form: Submission.Form = Submission.Form.WRITTEN
    chief_id: Id | None = None


class FurtherRequestIn(Schema):
    side: Side
    matters: text(STATEMENT)  # type: ignore[valid-type]
    due_on: Day | None = None


class InsurerRequestIn(Schema):
    request: text(STATEMENT)  # type: ignore[valid-type]
    due_on: Day | None = None


class InsurerAnswerIn(Schema):
    answer: text(HISTORY) = ""  # type: ignore[valid-type]
    refusal_reason: text(REASON) = ""  # type: ignore[valid-type]


class SpecialProcedureIn(Schema):
    kind: text(100)  # type: ignore[valid-type]
    requested_by: Side
    reason: text(REASON)  # type: ignore[valid-type]


class SpecialDecisionIn(Schema):
    approve: bool
    chief_id: Id | None = None
    cost_yen: Yen = 0
    charged_to: Literal["", "applicant", "respondent"] = ""


class ObserverIn(Schema):
    name: text(100)  # type: ignore[valid-type]
    reason: text(300)  # type: ignore[valid-type]
    chief_id: Id | None = None


# --- reference data ------------------------------------------------------------------------------


class MemberOut(Schema):
    id: int
    name: str
    name_kana: str
    office: str
    qualification: str
    qualification_label: str
    active: bool

    @staticmethod
    def resolve_qualification_label(obj: Any) -> str:
        return str(obj.get_qualification_display())


class ProposalOut(Schema):
    member_ids: list[int]
    names: list[str]
    chief_id: int


class GroundOut(Schema):
    code: str
    number: int
    label: str
    article: str
    obligation: str
    needs_guidance: bool
