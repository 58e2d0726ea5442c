"""担当職員: which clerk carries a case (DP-10: someone answers for each case's progress)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from chotei.accounts.models import Role
from chotei.accounts.permissions import Actor
from chotei.disputes.models import Case
from chotei.disputes.services import guards
from chotei.disputes.services.core import case_change
from chotei.rules.articles import act
from chotei.rules.errors import RuleViolation

CLERK_ROLES = (Role.SECRETARIAT, Role.CHAIR)
ASSIGN = "assign_clerk"


def clerks() -> Any:
    """The staff a case can be assigned to: the secretariat and the chair, active ones only."""
    return (
        get_user_model()
        .objects.filter(is_active=True, profile__role__in=CLERK_ROLES)
        .order_by("last_name", "first_name", "username")
    )


def person_name(user: Any) -> str:
    """A person as the desk names them: full name, else the login ID (never shown where a name is)."""
    return name_of(user.last_name, user.first_name, user.username)


def name_of(last_name: str, first_name: str, username: str) -> str:
    return f"{last_name} {first_name}".strip() or str(username)


def case_assign(*, actor: Actor, case_id: int, version: int | None, clerk_id: int | None) -> Case:
    """Assign (or, with ``clerk_id=None``, unassign) the case's clerk: case, ledger and audit together."""
    guards.operator(actor)
    clerk = None
    if clerk_id is not None:
        clerk = clerks().filter(pk=clerk_id).first()
        if clerk is None:
            raise RuleViolation(
                "担当職員には事務局の職員を選んでください", act("第23条の10", "DP-10"), field="clerk"
            )
    name = person_name(clerk) if clerk else "なし"

    def apply(case: Case) -> list[str]:
        case.assigned_clerk = clerk
        return ["assigned_clerk"]

    return case_change(
        actor=actor,
        case_id=case_id,
        version=version,
        action=ASSIGN,
        description=f"担当職員の指定（{name}）",
        apply=apply,
        notify=False,
        clerk=name,
    )
