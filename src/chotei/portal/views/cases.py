"""My case (マイページ): a party's own cases in plain words."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chotei.portal.access import party_view
from chotei.portal.selectors import account_cases


@party_view
def my_cases(request: HttpRequest) -> HttpResponse:
    account = request.party_account  # type: ignore[attr-defined]
    return render(
        request,
        "portal/my_cases.html",
        {"cases": account_cases(account), "drafts": account.drafts.filter(case__isnull=True)},
    )
