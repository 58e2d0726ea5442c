"""The cases a party account may see: those where one of its parties is a party or an agent."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from chotei.disputes.models import Case
from chotei.portal.models import PartyAccount


def account_cases(account: PartyAccount) -> QuerySet[Case]:
    parties = account.parties.all()
    return (
        Case.objects.filter(Q(parties__party__in=parties) | Q(parties__agent__in=parties))
        .distinct()
        .order_by("-received_on", "-pk")
    )
