"""The cases a party account may see, through the same scoping the desk and the API use."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from chotei.disputes.models import Case, CaseParty
from chotei.disputes.selectors import cases_visible_to, party_sides


def account_cases(user: Any) -> QuerySet[Case]:
    return cases_visible_to(user).order_by("-received_on", "-pk")


def account_case(user: Any, case_id: int) -> tuple[Case, str] | None:
    """The case and the side this account stands on, or None when it is not this account's."""
    sides = party_sides(user, case_id)
    if not sides:
        return None
    # An account on both sides of one case cannot happen through the portal; take the applicant's.
    return Case.objects.get(pk=case_id), sorted(sides)[0]


def mandate_needed(user: Any, link: CaseParty | None) -> bool:
    """The agent's account has not yet filed the party's mandate (委任状) on this case."""
    if link is None or link.agent_id is None:
        return False
    is_agent = link.agent.portal_accounts.filter(user=user).exists()  # type: ignore[union-attr]
    return is_agent and not link.mandates.exists()
