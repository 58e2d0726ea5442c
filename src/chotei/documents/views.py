"""Desk pages of documents: open a PDF (audited), record a delivery consent, review model texts.

Thin: every check and write is in services.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from chotei.documents import services
from chotei.documents.forms import ConsentForm, TemplateProposeForm
from chotei.documents.models import DeliveryConsent, NoticeTemplate
from chotei.parties.models import Party
from chotei.rules.errors import RuleViolation
from chotei.rules.notices.kinds import SPECS, NoticeKind, kind_label
from chotei.rules.notices.placeholders import placeholder_legend
from chotei.rules.notices.texts import DEFAULT_TEMPLATES
from chotei.web.access import OPERATORS, desk_view, not_found, refusals_answered


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@refusals_answered
def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The issued PDF inline; the opening is stamped and audited (PN-04, DP-22), a refusal too (IM-01)."""
    doc = services.document_open(request.user, pk)
    return pdf_response(services.document_content(doc), f"{doc.document_number}.pdf")


@desk_view(OPERATORS)
def case_preview(request: HttpRequest, case_id: int, kind: str, side: str) -> HttpResponse:
    """The notice as it would be issued now, unnumbered and not stored, for checking (CP-05)."""
    try:
        pdf = services.case_notice_preview(case_id, kind, side)
    except (RuleViolation, ValueError) as exc:
        return render(
            request, "desk/error.html", {"title": "文書を作成できません", "message": str(exc)}, status=422
        )
    return pdf_response(pdf, f"preview-{kind}-{side}.pdf")


@desk_view(OPERATORS)
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, party_id: int) -> HttpResponse:
    """PN-05: the method and file format are shown, then the party's answer is recorded."""
    party = Party.objects.filter(pk=party_id).first()
    if party is None:
        return not_found(request, f"当事者 {party_id} は見つかりません")
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(
                actor=request.user,
                party_id=party.pk,
                consented=form.cleaned_data["answer"],
                method=services.CONSENT_METHOD,
                file_format=services.CONSENT_FORMAT,
            )
        except RuleViolation as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "電磁的方法による提供についての回答を記録しました")
            return redirect("documents:consent", party_id=party.pk)
    context = {
        "party": party,
        "form": form,
        "offer": services.consent_offer_text(),
        "method": services.CONSENT_METHOD,
        "file_format": services.CONSENT_FORMAT,
        "article": services.CONSENT_ARTICLE,
        "history": DeliveryConsent.objects.filter(party=party).select_related("recorded_by"),
        "current": services.consented(party),
        # Only an insurer's or co-op's users can fetch a PDF (through the API); warn before consent.
        "reachable": party.organization_id is not None,
    }
    return render(request, "documents/consent.html", context, status=422 if form.errors else 200)


def _kinds(user: Any) -> list[dict[str, Any]]:
    templates: dict[str, list[NoticeTemplate]] = {}
    for t in NoticeTemplate.objects.select_related("created_by", "approved_by").order_by("kind", "-version"):
        templates.setdefault(t.kind, []).append(t)
    rows = []
    for kind in NoticeKind:
        versions = templates.get(kind.value, [])
        effective = next((t for t in versions if t.approved_at is not None), None)
        for t in versions:
            t.effective = t is effective
            t.can_approve = t.approved_at is None and t.created_by_id != user.pk
        rows.append(
            {
                "kind": kind,
                "label": kind_label(kind),
                "spec": SPECS[kind],
                "versions": versions,
                "effective": effective,
            }
        )
    return rows


@desk_view(services.TEMPLATE_ROLES)
@require_http_methods(["GET", "POST"])
def template_list(request: HttpRequest) -> HttpResponse:
    """CP-05: model texts per kind with their versions; a new version is proposed here and takes
    effect once another person approves it."""
    initial_kind = request.GET.get("kind", NoticeKind.RECEIPT.value)
    if initial_kind not in NoticeKind.__members__.values():
        initial_kind = NoticeKind.RECEIPT.value
    form = TemplateProposeForm(
        request.POST or None,
        initial={"kind": initial_kind, "text": DEFAULT_TEMPLATES[NoticeKind(initial_kind)]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            t = services.template_propose(
                actor=request.user, kind=form.cleaned_data["kind"], text=form.cleaned_data["text"]
            )
        except RuleViolation as exc:
            form.add_error("text", str(exc))
        else:
            messages.success(
                request, f"{kind_label(NoticeKind(t.kind))}の文例 第{t.version}版を登録しました（承認待ち）"
            )
            return redirect("documents:templates")
    selected = (
        form["kind"].value() if form["kind"].value() in NoticeKind.__members__.values() else initial_kind
    )
    context = {
        "form": form,
        "kinds": _kinds(request.user),
        "article": services.GUIDELINE_REVIEW,
        # CP-05: what each placeholder prints, per kind, beside the editor.
        "legends": [
            {
                "kind": k.value,
                "label": kind_label(k),
                "items": placeholder_legend(k),
                "shown": k.value == selected,
            }
            for k in NoticeKind
        ],
    }
    return render(request, "documents/templates.html", context, status=422 if form.errors else 200)


@desk_view(services.TEMPLATE_ROLES)
@require_POST
def template_approve(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        t = services.template_approve(actor=request.user, template_id=pk)
    except RuleViolation as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{kind_label(NoticeKind(t.kind))}の文例 第{t.version}版を承認しました")
    return redirect("documents:templates")
