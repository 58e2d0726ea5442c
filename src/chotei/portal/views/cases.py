"""My case (マイページ): a party's own cases in plain words, its next deadline."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from chotei import clock
from chotei.disputes.models import Case, CaseParty
from chotei.documents import services as documents
from chotei.portal import content
from chotei.portal.access import party_view
from chotei.portal.deadlines import next_deadline
from chotei.portal.selectors import account_case, account_cases, mandate_needed
from chotei.rules.states import Action, CaseState, allowed_actions


@party_view
def my_cases(request: HttpRequest) -> HttpResponse:
    account = request.party_account  # type: ignore[attr-defined]
    return render(
        request,
        "portal/my_cases.html",
        {
            "cases": account_cases(request.user),
            "drafts": account.drafts.filter(case__isnull=True) if account else [],
            "organization_user": account is None,
        },
    )


def own_case(request: HttpRequest, case_id: int) -> tuple[Case, str]:
    """IM-01: another party's case is "not found", never "forbidden" (it reveals nothing)."""
    found = account_case(request.user, case_id)
    if found is None:
        raise Http404
    return found


WITHDRAWABLE = {s for s in CaseState if Action.WITHDRAW in allowed_actions(s)}


@party_view
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    case, side = own_case(request, case_id)
    link = case.party(side)
    party = link.party if link else None
    return render(
        request,
        "portal/case.html",
        {
            "case": case,
            "side": side,
            "plain_state": gettext(content.STATE_PLAIN[case.state_enum]),
            "deadline": next_deadline(case, side, clock.today()),
            # PN-04/PN-05: the notices addressed to this side, readable once the party consented.
            # The list shows titles and dates; the PDFs and files are read only when opened.
            "notices": case.documents.filter(addressee_side=side).order_by("issued_at", "id"),
            # Insurers and co-ops read their notices as through the API; a person after PN-05 consent.
            "consented": request.party_account is None  # type: ignore[attr-defined]
            or (party is not None and documents.consented(party)),
            "organization_user": request.party_account is None,  # type: ignore[attr-defined]
            "requests": case.insurer_requests.all() if request.party_account is None else [],  # type: ignore[attr-defined]
            "mandate_needed": mandate_needed(request.user, link),
            "offer": documents.consent_offer_text(),
            "submissions": case.submissions.filter(side=side).order_by("received_on", "id"),
            "withdrawable": side == CaseParty.Side.APPLICANT and case.state_enum in WITHDRAWABLE,
        },
    )
