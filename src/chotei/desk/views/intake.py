"""受付: the secretariat enters an application received by post or online (DP-02, DP-03)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chotei.desk.intake_form import ApplicationForm
from chotei.desk.presenters import NOTICES_PENDING
from chotei.desk.views.operations import after_notices
from chotei.disputes.services.intake import case_receive
from chotei.disputes.services.party_links import NameMatchToConfirm
from chotei.rules.errors import MissingItems, RuleViolation
from chotei.web.access import OPERATORS, desk_view


@desk_view(OPERATORS)
def case_new(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                case = case_receive(actor=request.user, data=form.to_input())
            except MissingItems as exc:
                # DP-02: each missing item is named, with its article, at its own field.
                form.add_error(None, str(exc))
                for field, label, article in exc.problems:
                    form.add_error(
                        field if field in form.fields else None, f"{label}がありません（{article}）"
                    )
            except NameMatchToConfirm as exc:
                # DP-02: the clerk confirms the registered organisation the typed name matched.
                form.propose(exc.field, exc.organization)
                form.add_error(exc.field, str(exc))
            except RuleViolation as exc:
                # DP-02: a rule's refusal is read at the top of the form and at the field it names.
                form.add_error(None, str(exc))
                if exc.field in form.fields:
                    form.add_error(exc.field, str(exc))
            else:
                # DP-05: the receipt notice to the respondent is queued with the case.
                messages.success(request, f"事案 {case.number} として受け付けました。{NOTICES_PENDING}")
                return after_notices(request, case.pk, 0)
    return render(request, "desk/case_new.html", {"form": form}, status=status)
