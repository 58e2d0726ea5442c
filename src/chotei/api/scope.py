"""What a token's user may reach (IM-01). Another organization's case answers 404, as if absent."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from chotei.accounts.models import Role
from chotei.accounts.permissions import NotPermitted, role_of
from chotei.disputes.models import Case, CaseParty
from chotei.disputes.selectors import cases_visible_to
from chotei.disputes.services.core import NotFound


def is_insurer(user: Any) -> bool:
    return role_of(user) == Role.INSURER


def visible_case(user: Any, case_id: int) -> Case:
    """The case if the user may see it; no audit event (the detail read audits via case_get)."""
    case = cases_visible_to(user).filter(pk=case_id).first()
    if case is None:
        raise NotFound(f"事案 {case_id} は見つかりません")
    return case


def visible_child(user: Any, model: type[Model], pk: int, label: str) -> int:
    """The case id of a meeting, request or procedure the user may reach; 404 otherwise."""
    case_id = model._default_manager.filter(pk=pk).values_list("case_id", flat=True).first()
    if case_id is None or not cases_visible_to(user).filter(pk=case_id).exists():
        raise NotFound(f"{label} {pk} は見つかりません")
    return int(case_id)


def insurer_sides(user: Any, case_id: int) -> set[str]:
    """The sides on which the insurer's or co-op's organization is a party in the case."""
    org = user.profile.organization_id
    if org is None:
        return set()
    return set(
        CaseParty.objects.filter(case_id=case_id, party__organization_id=org).values_list("side", flat=True)
    )


def require_own_side(user: Any, case_id: int, side: str) -> None:
    """An insurer acts only for its own side of the case, never for the other party."""
    if is_insurer(user) and side not in insurer_sides(user, case_id):
        raise NotPermitted("自らが当事者である立場についてのみ提出できます")


def document_sides(user: Any, case_id: int) -> set[str] | None:
    """The addressee sides of documents the user may see listed; ``None`` means every document.
    Mirrors documents.services.document_open, which decides the opening itself."""
    if not is_insurer(user):
        return None
    return insurer_sides(user, case_id)
