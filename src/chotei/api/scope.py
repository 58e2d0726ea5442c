"""What a token's user may reach (IM-01). Another organization's case answers 404, as if absent."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from chotei.accounts.models import Role
from chotei.accounts.permissions import role_of
from chotei.disputes.selectors import cases_visible_to, organization_sides
from chotei.disputes.services.core import NotFound


def is_insurer(user: Any) -> bool:
    return role_of(user) == Role.INSURER


def visible_child(user: Any, model: type[Model], pk: int, label: str) -> int:
    """The case id of a meeting, request or procedure the user may reach; 404 otherwise."""
    case_id = model._default_manager.filter(pk=pk).values_list("case_id", flat=True).first()
    if case_id is None or not cases_visible_to(user).filter(pk=case_id).exists():
        raise NotFound(f"{label} {pk} は見つかりません", case_id=case_id)
    return int(case_id)


def document_sides(user: Any, case_id: int) -> set[str] | None:
    """The addressee sides of documents the user may see listed; ``None`` means every document.
    Mirrors documents.services.document_open, which decides the opening itself."""
    if not is_insurer(user):
        return None
    return organization_sides(user, case_id)
