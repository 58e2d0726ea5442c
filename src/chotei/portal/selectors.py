"""The cases a party account may see: those where one of its parties is a party or an agent."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from chotei.disputes.models import Case, CaseParty
from chotei.portal.models import PartyAccount


def account_cases(account: PartyAccount) -> QuerySet[Case]:
    parties = account.parties.all()
    return (
        Case.objects.filter(Q(parties__party__in=parties) | Q(parties__agent__in=parties))
        .distinct()
        .order_by("-received_on", "-pk")
    )


def account_case(account: PartyAccount, case_id: int) -> tuple[Case, str] | None:
    """The case and the side this account stands on, or None when it is not this account's."""
    parties = list(account.parties.values_list("pk", flat=True))
    link = (
        CaseParty.objects.select_related("case")
        .filter(Q(party_id__in=parties) | Q(agent_id__in=parties), case_id=case_id)
        .first()
    )
    return (link.case, link.side) if link else None
