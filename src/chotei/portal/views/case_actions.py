"""What a party does on its case (OD-01): consent to electronic delivery (PN-05), read notices
(PN-04), submit statements and evidence (DP-16, DP-03), withdraw (DP-19)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from chotei.accounts.permissions import NotPermitted, acting
from chotei.disputes.models import Submission
from chotei.disputes.services import uploads
from chotei.disputes.services.core import Conflict, NotFound
from chotei.disputes.services.lifecycle import case_withdraw
from chotei.disputes.services.proceedings import insurer_request_answer
from chotei.documents import services as documents
from chotei.documents.models import IssuedDocument
from chotei.documents.views import pdf_response
from chotei.portal import services
from chotei.portal.access import party_view
from chotei.portal.i18n import refusal, term
from chotei.portal.views.cases import own_case
from chotei.rules.errors import RuleViolation
from chotei.web.forms import JapaneseForm


class SubmissionForm(JapaneseForm):
    kind = forms.ChoiceField(
        label=_("書類の種類"),
        choices=[(Submission.Kind.STATEMENT, _("主張書面")), (Submission.Kind.EVIDENCE, _("証拠書類"))],
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("表題（例：診断書 2026年5月1日付）"), max_length=200)
    file = forms.FileField(
        label=_("ファイル"),
        help_text=format_lazy(
            _("{types}（1ファイル{size}まで）。郵送で提出することもできます。"),
            types=term(uploads.TYPES_LABEL),
            size=uploads.MAX_LABEL,
        ),
    )


@party_view
@require_POST
def consent(request: HttpRequest, case_id: int) -> HttpResponse:
    """PN-05: the party answers the offer it was shown (method and format) for its own party record."""
    case, side = own_case(request, case_id)
    link = case.party(side)
    if link is None:
        raise Http404
    # Notices are addressed to the party; an agent answers for the party it represents. An
    # insurer's or co-op's answer is recorded by the secretariat, as before.
    try:
        documents.consent_record(
            actor=acting(request.user),
            party_id=link.party_id,
            consented=request.POST.get("consented") == "yes",
            method=documents.CONSENT_METHOD,
            file_format=documents.CONSENT_FORMAT,
        )
    except NotPermitted as exc:
        return render(request, "portal/refused.html", {"reason": str(exc)}, status=403)
    messages.success(request, gettext("電子交付についてのお返事を記録しました。"))
    return redirect("portal:case", case.pk)


@party_view
def notice_pdf(request: HttpRequest, case_id: int, document_id: int) -> HttpResponse:
    """PN-04: the notice as issued, to read and save; the addressee's first opening is recorded."""
    own_case(request, case_id)
    if not IssuedDocument.objects.filter(pk=document_id, case_id=case_id).exists():
        raise Http404
    try:
        doc = documents.document_open(request.user, document_id)
        pdf = documents.document_content(doc)
    except NotFound as exc:
        raise Http404 from exc
    except NotPermitted as exc:
        return render(request, "portal/refused.html", {"reason": str(exc)}, status=403)
    return pdf_response(pdf, f"{doc.document_number}.pdf")


@party_view
def submit(request: HttpRequest, case_id: int) -> HttpResponse:
    case, side = own_case(request, case_id)
    form = SubmissionForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                services.party_submit(
                    user=request.user,
                    case_id=case.pk,
                    side=side,
                    kind=form.cleaned_data["kind"],
                    title=form.cleaned_data["title"],
                    file_name=upload.name,
                    content=upload.read(),
                )
            except RuleViolation as exc:
                form.add_error(
                    "file" if exc.field in ("file", "content_type") else None,
                    refusal(exc, str(form.fields["file"].label)),
                )
            except NotPermitted as exc:
                form.add_error(None, str(exc))
            else:
                title = form.cleaned_data["title"]
                messages.success(request, gettext("「%(title)s」を提出しました。") % {"title": title})
                return redirect("portal:case", case.pk)
    return render(request, "portal/submit.html", {"case": case, "form": form}, status=status)


@party_view
def withdraw(request: HttpRequest, case_id: int) -> HttpResponse:
    """DP-19: the applicant withdraws after confirming on a page that says what it means."""
    case, side = own_case(request, case_id)
    if side != "applicant":
        raise Http404
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            case_withdraw(
                actor=acting(request.user), case_id=case.pk, version=int(request.POST.get("version", "0"))
            )
        except (RuleViolation, Conflict, NotPermitted) as exc:
            error = refusal(exc)
            return render(request, "portal/withdraw.html", {"case": case, "error": error}, status=409)
        messages.success(request, gettext("申請を取り下げました。相手方にもお知らせします。"))
        return redirect("portal:case", case.pk)
    return render(request, "portal/withdraw.html", {"case": case})


class MandateForm(JapaneseForm):
    file = forms.FileField(
        label=_("委任状（申請人が署名・押印したもの）"),
        help_text=format_lazy(
            _("{types}（{size}まで）。"), types=term(uploads.TYPES_LABEL), size=uploads.MAX_LABEL
        ),
    )


@party_view
def mandate(request: HttpRequest, case_id: int) -> HttpResponse:
    case, side = own_case(request, case_id)
    form = MandateForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            upload = form.cleaned_data["file"]
            draft = getattr(case, "portal_draft", None)
            try:
                services.mandate_record(
                    user=request.user,
                    case_id=case.pk,
                    agent_kind=(draft.data.get("agent_kind", "") if draft else ""),
                    file_name=upload.name,
                    content=upload.read(),
                )
            except RuleViolation as exc:
                form.add_error("file", refusal(exc, str(form.fields["file"].label)))
            except NotPermitted as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, gettext("委任状を提出しました。"))
                return redirect("portal:case", case.pk)
    return render(request, "portal/mandate.html", {"case": case, "form": form}, status=status)


class AnswerForm(JapaneseForm):
    answer = forms.CharField(label="回答", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    refusal_reason = forms.CharField(
        label="提出を拒む場合の正当な理由（法第23条の12）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


@party_view
@require_POST
def answer_request(request: HttpRequest, case_id: int, request_id: int) -> HttpResponse:
    """法23-12: the insurer or co-op answers the body's request for explanation and material."""
    case, _ = own_case(request, case_id)
    if not case.insurer_requests.filter(pk=request_id).exists():
        raise Http404
    form = AnswerForm(request.POST)
    form.is_valid()
    try:
        insurer_request_answer(actor=acting(request.user), request_id=request_id, **form.cleaned_data)
    except (RuleViolation, NotPermitted) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, gettext("回答を提出しました。"))
    return redirect("portal:case", case.pk)
