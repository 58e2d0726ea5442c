"""The applicant amends the matters sought from my case online (OD-01; DP-09, 規程5条の2), after a
confirmation step, through the same service the desk uses; a late one is refused with the article."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy

from chotei import clock
from chotei.accounts.permissions import NotPermitted, acting
from chotei.disputes.models import CaseParty
from chotei.disputes.services.core import Conflict
from chotei.disputes.services.lifecycle import case_amend
from chotei.portal import i18n
from chotei.portal.access import party_view
from chotei.portal.amendment import amendment_window
from chotei.portal.views.cases import own_case
from chotei.rules.errors import RuleViolation
from chotei.web.forms import JapaneseForm


class AmendForm(JapaneseForm):
    matters_sought = forms.CharField(
        label=gettext_lazy("変更後の求める事項"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["matters_sought"]
        field.error_messages["required"] = i18n.required(field.label)


@party_view
def amend(request: HttpRequest, case_id: int) -> HttpResponse:
    case, side = own_case(request, case_id)
    if side != CaseParty.Side.APPLICANT:
        raise Http404
    form = AmendForm(request.POST or None, initial={"matters_sought": case.matters_sought})
    context = {"case": case, "form": form, "window": amendment_window(case, clock.today())}
    if request.method != "POST" or not form.is_valid():
        return render(request, "portal/amend.html", context, status=422 if form.errors else 200)
    if request.POST.get("confirm") != "yes":
        return render(request, "portal/amend.html", {**context, "confirming": "confirm" not in request.POST})
    try:
        case_amend(
            actor=acting(request.user),
            case_id=case.pk,
            version=int(request.POST.get("version") or case.version),
            matters_sought=form.cleaned_data["matters_sought"],
        )
    except (RuleViolation, Conflict, NotPermitted) as exc:
        error = i18n.refusal(exc)
        return render(request, "portal/amend.html", {**context, "error": error}, status=409)
    messages.success(request, gettext("求める事項を変更しました。相手方にもお知らせします。"))
    return redirect("portal:case", case.pk)
