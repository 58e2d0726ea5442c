"""My case (マイページ): a party's own cases in plain words, its next deadline."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from chotei import clock
from chotei.disputes.models import Case
from chotei.portal import content
from chotei.portal.access import party_view
from chotei.portal.deadlines import next_deadline
from chotei.portal.selectors import account_case, account_cases


@party_view
def my_cases(request: HttpRequest) -> HttpResponse:
    account = request.party_account  # type: ignore[attr-defined]
    return render(
        request,
        "portal/my_cases.html",
        {"cases": account_cases(account), "drafts": account.drafts.filter(case__isnull=True)},
    )


def own_case(request: HttpRequest, case_id: int) -> tuple[Case, str]:
    """IM-01: another party's case is "not found", never "forbidden" (it reveals nothing)."""
    found = account_case(request.party_account, case_id)  # type: ignore[attr-defined]
    if found is None:
        raise Http404
    return found


@party_view
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    case, side = own_case(request, case_id)
    return render(
        request,
        "portal/case.html",
        {
            "case": case,
            "side": side,
            "plain_state": content.STATE_PLAIN[case.state_enum],
            "deadline": next_deadline(case, side, clock.today()),
        },
    )
