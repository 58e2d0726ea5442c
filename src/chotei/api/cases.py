"""Cases: list (keyset pages), create (DP-02), detail, panel proposals and issued PDFs (DP-22)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.errors import HttpError

from chotei.accounts.permissions import require_operator
from chotei.api.auth import ApiRequest
from chotei.api.schemas import (
    ERRORS,
    CaseCreateIn,
    CaseDetailOut,
    CaseFilterIn,
    CaseOut,
    CasePageOut,
    PartyIn,
    ProposalOut,
)
from chotei.api.types import FIRST_DAY, LAST_DAY, MAX_ID, Id
from chotei.disputes import selectors
from chotei.disputes.models import Case
from chotei.disputes.services import intake, panels
from chotei.disputes.services.core import NotFound
from chotei.disputes.services.party_links import PartyInput
from chotei.documents import services as documents_services
from chotei.documents.models import IssuedDocument
from chotei.documents.views import pdf_response
from chotei.parties.models import Party

router = Router(tags=["事案"])


def _cursor(case: Case) -> str:
    return f"{case.received_on.isoformat()}.{case.pk}"


def _after_cursor(qs: QuerySet[Case], before: str) -> QuerySet[Case]:
    """Rows after ``before`` in the list order (newest received first, then by id descending)."""
    day_text, _, pk_text = before.partition(".")
    try:
        day, pk = dt.date.fromisoformat(day_text), int(pk_text)
    except ValueError:
        day, pk = None, 0
    if day is None or not (FIRST_DAY <= day <= LAST_DAY and 1 <= pk <= MAX_ID):
        raise HttpError(422, "before の値が不正です（前のページの next_before を指定してください）")
    return qs.filter(Q(received_on__lt=day) | Q(received_on=day, pk__lt=pk))


@router.get("/cases", response={200: CasePageOut, **ERRORS}, summary="事案の一覧")
def case_list(request: ApiRequest, filters: Query[CaseFilterIn]) -> dict[str, Any]:
    qs = selectors.case_list(
        user=request.auth,
        filters=selectors.CaseFilter(
            state=filters.state or "",
            office=filters.office or "",
            member=filters.member,
            overdue=filters.overdue,
            fiscal_year=filters.fiscal_year,
            q=filters.q.strip(),
        ),
        today=timezone.localdate(),
    )
    if filters.before:
        qs = _after_cursor(qs, filters.before)
    rows = list(qs[: filters.limit + 1])
    page = rows[: filters.limit]
    return {"items": page, "next_before": _cursor(page[-1]) if len(rows) > filters.limit else None}


def _party_input(data: PartyIn) -> PartyInput:
    """A registered party's own name and address stand when the request leaves them empty."""
    name, address = data.name, data.address
    if data.party_id is not None:
        party = Party.objects.filter(pk=data.party_id).first()
        if party is None:
            raise HttpError(422, f"当事者 {data.party_id} は登録されていません")
        name, address = name or party.name, address or party.address
    return PartyInput(
        name=name,
        address=address,
        kind=data.kind or "",
        postcode=data.postcode,
        organization_id=data.organization_id,
        party_id=data.party_id,
    )


@router.post("/cases", response={201: CaseOut, **ERRORS}, summary="申請の受付（DP-02）")
def case_create(request: ApiRequest, body: CaseCreateIn) -> Status[Case]:
    fields = body.model_dump(exclude={"applicant", "respondent", "applicant_agent", "respondent_agent"})
    data = intake.ApplicationInput(
        applicant=_party_input(body.applicant),
        respondent=_party_input(body.respondent),
        applicant_agent=_party_input(body.applicant_agent) if body.applicant_agent else None,
        respondent_agent=_party_input(body.respondent_agent) if body.respondent_agent else None,
        **fields,
    )
    return Status(201, intake.case_receive(actor=request.auth, data=data))


@router.get("/cases/{case_id}", response={200: CaseDetailOut, **ERRORS}, summary="事案の詳細")
def case_detail(request: ApiRequest, case_id: Id) -> Case:
    """Every opening is audited by case_get (DP-22)."""
    return selectors.case_get(user=request.auth, case_id=case_id)


@router.get(
    "/cases/{case_id}/panel-suggestions",
    response={200: list[ProposalOut], **ERRORS},
    summary="紛争処理委員会の候補（DP-11）",
)
def panel_suggestions(request: ApiRequest, case_id: Id) -> list[dict[str, Any]]:
    selectors.case_visible(request.auth, case_id)
    require_operator(request.auth)
    return [
        {
            "member_ids": [m.id for m in p.members],
            "names": [m.name for m in p.members],
            "chief_id": p.chief.id,
        }
        for p in panels.panel_suggest(case_id=case_id)
    ]


PDF_ANSWER: dict[str, Any] = {
    "responses": {
        "200": {
            "description": "PDF",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get(
    "/cases/{case_id}/documents/{document_id}/pdf",
    response=ERRORS,
    summary="発出文書のPDF（閲覧を記録、DP-22）",
    openapi_extra=PDF_ANSWER,
)
def document_pdf(request: ApiRequest, case_id: Id, document_id: Id) -> HttpResponse:
    """DP-22: document_open stamps the first opening, audits every one and refuses an insurer the
    notices addressed to the other side (IM-01)."""
    selectors.case_visible(request.auth, case_id)
    return document_pdf_answer(request.auth, document_id, case_id=case_id)


def document_pdf_answer(user: Any, document_id: int, **belongs_to: int) -> HttpResponse:
    """The PDF of a document of the case or claim named in ``belongs_to``, opened through
    document_open (audited, DP-22); a document of another case or claim is 404."""
    if not IssuedDocument.objects.filter(pk=document_id, **belongs_to).exists():
        raise NotFound(f"文書 {document_id} は見つかりません", case_id=belongs_to.get("case_id"))
    doc = documents_services.document_open(user, document_id)
    return pdf_response(documents_services.document_content(doc), f"{doc.document_number}.pdf")
