"""The cases a party account may see, through the same scoping the desk and the API use."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from chotei.disputes.models import Case
from chotei.disputes.selectors import account_sides, cases_visible_to


def account_cases(user: Any) -> QuerySet[Case]:
    return cases_visible_to(user).order_by("-received_on", "-pk")


def account_case(user: Any, case_id: int) -> tuple[Case, str] | None:
    """The case and the side this account stands on, or None when it is not this account's."""
    sides = account_sides(user, case_id)
    if not sides:
        return None
    # An account on both sides of one case cannot happen through the portal; take the applicant's.
    return Case.objects.get(pk=case_id), sorted(sides)[0]
