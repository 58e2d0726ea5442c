"""Reference lists: the committee roster and the screening grounds (DP-06)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from ninja import Router

from chotei.accounts.permissions import SEE_ALL, require_role
from chotei.api.auth import ApiRequest
from chotei.api.schemas import ERRORS, GroundOut, MemberOut
from chotei.committee.models import CommitteeMember
from chotei.rules import screening

router = Router(tags=["参照"])


@router.get("/members", response={200: list[MemberOut], **ERRORS}, summary="紛争処理委員の名簿")
def member_list(request: ApiRequest) -> QuerySet[CommitteeMember]:
    require_role(request.auth, *SEE_ALL)
    return CommitteeMember.objects.all()


@router.get("/grounds", response={200: list[GroundOut], **ERRORS}, summary="不受理事由（DP-06）")
def ground_list(request: ApiRequest) -> list[dict[str, Any]]:
    return [
        {
            "code": g.code,
            "number": g.number,
            "label": g.label,
            "article": str(g.article),
            "obligation": g.article.obligation,
            "needs_guidance": g.needs_guidance,
        }
        for g in screening.GROUNDS
    ]
