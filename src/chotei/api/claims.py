"""Payment claims of insurers and co-ops and their written notices (PN-01..PN-03, PN-06, PN-07).

An insurer's or co-op's token registers claims and issues notices for its own organization only;
another organization's claim answers 404, as if absent (IM-01). The amounts printed come from the
payment standards, never from the request (PN-02).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import AfterValidator, Field

from chotei.api.auth import ApiRequest
from chotei.api.cases import PDF_ANSWER, document_pdf_answer
from chotei.api.schemas import ERRORS, DocumentOut
from chotei.api.types import Day, Id, text
from chotei.disputes.services.party_links import PartyInput
from chotei.documents import services
from chotei.documents.claim_facts import is_nonpayment
from chotei.documents.models import IssuedDocument, PaymentClaim
from chotei.documents.selectors import claim_get, claims_visible_to
from chotei.parties.models import Party

router = Router(tags=["保険金等の支払"])

CLAIM_DATA_MAX = 20_000  # characters of JSON; a claim with every section is ~2,000


def _storable_json(value: dict[str, Any]) -> dict[str, Any]:
    """PostgreSQL's jsonb refuses NUL and lone surrogates; refuse them here with a 422, not a 500."""
    try:
        encoded = json.dumps(value, ensure_ascii=False)
        encoded.encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError) as exc:
        raise ValueError("請求内容にUTF-8で表せない文字が含まれています") from exc
    if "\\u0000" in encoded or "\x00" in encoded:
        raise ValueError("NUL文字は使用できません")
    if len(encoded) > CLAIM_DATA_MAX:
        raise ValueError(f"請求内容はJSONで{CLAIM_DATA_MAX}文字以内にしてください")
    return value


ClaimData = Annotated[dict[str, Any], AfterValidator(_storable_json)]
NoticeKindName = Literal["claim_guide", "payment", "nonpayment", "payment_explanation"]


class ClaimantIn(Schema):
    """The addressee of the notices: a new person, or ``party_id`` of a claimant of an earlier claim."""

    name: text(200) = Field("", title="請求者の氏名又は名称")  # type: ignore[valid-type]
    address: text(300) = Field("", title="請求者の住所")  # type: ignore[valid-type]
    postcode: text(10) = Field("", title="郵便番号")  # type: ignore[valid-type]
    kind: Party.Kind = Field(Party.Kind.PERSON, title="種別（person / organization）")
    party_id: Id | None = Field(None, title="登録済みの請求者", description="自社の過去の請求の請求者に限る")


class ClaimIn(Schema):
    insurer_id: Id | None = Field(
        None, title="保険会社・共済組合", description="省略時はトークンの利用者の所属組織"
    )
    claimant: ClaimantIn = Field(title="請求者")
    reference: text(50) = Field(title="請求番号")  # type: ignore[valid-type]
    data: ClaimData = Field(
        title="請求内容", description="支払基準による計算の入力（docs/samples/claim-*.json）又は不払の理由"
    )
    coop: bool | None = Field(None, title="共済", description="省略時は組織の登録どおり")


class ClaimOut(Schema):
    id: int
    insurer_id: int
    insurer_name: str = Field(alias="insurer.name")
    claimant_id: int
    claimant_name: str = Field(alias="claimant.name")
    reference: str
    coop: bool
    nonpayment: bool
    data: dict[str, Any]
    created_at: dt.datetime

    @staticmethod
    def resolve_nonpayment(obj: PaymentClaim) -> bool:
        return is_nonpayment(obj.data)


class ClaimFilterIn(Schema):
    before: Id | None = Field(None, title="このIDより前の請求（前のページの最後のID）")
    limit: int = Field(50, ge=1, le=200, title="件数")


class ClaimNoticeIn(Schema):
    kind: NoticeKindName = Field(
        title="書面の種類",
        description="claim_guide（令2条）/ payment（令3条）/ nonpayment（令4条）/ payment_explanation",
    )
    channel: Literal["", "post", "electronic"] = Field("", title="送付方法（空欄は承諾の有無による）")
    requested_on: Day | None = Field(None, title="説明の求めのあった日（payment_explanation）")
    dispatch_on: Day | None = Field(None, title="発送日（空欄は本日）")


@router.post("/claims", response={201: ClaimOut, **ERRORS}, summary="保険金等の請求の登録")
def claim_create(request: ApiRequest, body: ClaimIn) -> Status[PaymentClaim]:
    claimant = body.claimant
    claim = services.claim_register(
        actor=request.auth,
        insurer_id=body.insurer_id,
        reference=body.reference,
        data=body.data,
        coop=body.coop,
        claimant_party_id=claimant.party_id,
        claimant=PartyInput(
            name=claimant.name, address=claimant.address, postcode=claimant.postcode, kind=claimant.kind
        ),
    )
    return Status(201, claim_get(request.auth, claim.pk))


@router.get("/claims", response={200: list[ClaimOut], **ERRORS}, summary="保険金等の請求の一覧（新しい順）")
def claim_list(request: ApiRequest, filters: Query[ClaimFilterIn]) -> QuerySet[PaymentClaim]:
    claims = claims_visible_to(request.auth).select_related("insurer", "claimant").order_by("-id")
    if filters.before is not None:
        claims = claims.filter(pk__lt=filters.before)
    return claims[: filters.limit]


@router.get("/claims/{claim_id}", response={200: ClaimOut, **ERRORS}, summary="保険金等の請求")
def claim_detail(request: ApiRequest, claim_id: Id) -> PaymentClaim:
    return claim_get(request.auth, claim_id)


@router.post(
    "/claims/{claim_id}/notices",
    response={201: DocumentOut, **ERRORS},
    summary="支払に関する書面の発出（PN-01..PN-03, PN-06）",
)
def claim_notice_create(request: ApiRequest, claim_id: Id, body: ClaimNoticeIn) -> Status[IssuedDocument]:
    claim_get(request.auth, claim_id)
    doc = services.claim_notice_issue(
        actor=request.auth,
        claim_id=claim_id,
        kind=body.kind,
        channel=body.channel or None,
        requested_on=body.requested_on,
        dispatch_on=body.dispatch_on,
    )
    return Status(201, doc)


@router.get(
    "/claims/{claim_id}/notices",
    response={200: list[DocumentOut], **ERRORS},
    summary="請求について発出した書面",
)
def claim_notice_list(request: ApiRequest, claim_id: Id) -> QuerySet[IssuedDocument]:
    return claim_get(request.auth, claim_id).documents.order_by("id")


@router.get(
    "/claims/{claim_id}/notices/{document_id}/pdf",
    response=ERRORS,
    summary="支払に関する書面のPDF（閲覧を記録）",
    openapi_extra=PDF_ANSWER,
)
def claim_notice_pdf(request: ApiRequest, claim_id: Id, document_id: Id) -> HttpResponse:
    """document_open audits the opening and refuses another organization's notice (IM-01)."""
    claim_get(request.auth, claim_id)
    return document_pdf_answer(request.auth, document_id, claim_id=claim_id)
