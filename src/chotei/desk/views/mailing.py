"""The mailing batch page: the day's paper notices, their labels and the 発送簿 (issue #9 item 7)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from chotei.documents import mailing, mailing_pdf
from chotei.documents.models import IssuedDocument
from chotei.rules.errors import RuleViolation
from chotei.rules.wareki import to_wareki
from chotei.web.access import OPERATORS, desk_view
from chotei.web.forms import JapaneseForm, date_field


class DayForm(JapaneseForm):
    on = date_field("発送日")


def _day(request: HttpRequest) -> dt.date:
    form = DayForm(request.GET or request.POST or None)
    on = form.cleaned_data.get("on") if form.is_valid() else None
    return on or mailing.today()


def _address(doc: IssuedDocument) -> mailing_pdf.Address:
    party = doc.addressee_party
    return mailing_pdf.Address(
        postcode=party.postcode if party else "",
        address=party.address if party else "",
        name=party.name if party else doc.addressee,
        honorific=party.honorific if party else "様",
        reference=f"{doc.case.number if doc.case else ''} {doc.document_number}",
    )


@desk_view(OPERATORS)
def batch(request: HttpRequest) -> HttpResponse:
    on = _day(request)
    status = 200
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("documents") if i.isdigit()]
        numbers = {i: request.POST.get(f"number-{i}", "") for i in ids}
        try:
            done = mailing.record_mailing(actor=request.user, document_ids=ids, mailed_on=on, numbers=numbers)
        except RuleViolation as exc:
            messages.error(request, str(exc))
            status = 422
        else:
            messages.success(request, f"{len(done)}通の発送を{on:%Y年%-m月%-d日}付で記録しました")
            return redirect(f"{reverse('desk:mailing')}?on={on.isoformat()}")
    context = {
        "on": on,
        "on_wareki": to_wareki(on),
        "form": DayForm(initial={"on": on}),
        "pending": list(mailing.pending(on)),
        "mailed": list(mailing.mailed(on)),
    }
    for doc in context["pending"]:
        doc.label = mailing.title_of(doc)
    return render(request, "desk/mailing.html", context, status=status)


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@desk_view(OPERATORS)
@require_GET
def labels(request: HttpRequest) -> HttpResponse:
    """Labels for the day's batch: what still waits to be posted, then what was posted that day."""
    on = _day(request)
    docs = [*mailing.pending(on), *(m.document for m in mailing.mailed(on))]
    sender = settings.CHOTEI_BODY["name"]
    return _pdf(mailing_pdf.labels([_address(d) for d in docs], sender=sender), f"labels-{on.isoformat()}")


@desk_view(OPERATORS)
@require_GET
def book(request: HttpRequest) -> HttpResponse:
    on = _day(request)
    entries = [
        mailing_pdf.Entry(
            mailed_on=to_wareki(m.mailed_on),
            document_number=m.document.document_number,
            case_number=m.document.case.number if m.document.case else "",
            title=mailing.title_of(m.document),
            addressee=m.document.addressee,
            address=_address(m.document).address,
            registered_number=m.registered_number,
            recorded_by=(m.recorded_by.get_full_name() or m.recorded_by.username) if m.recorded_by else "",
        )
        for m in mailing.mailed(on)
    ]
    heading = f"発送簿　{to_wareki(on)}発送分"
    content = mailing_pdf.book(entries, sender=settings.CHOTEI_BODY["name"], heading=heading)
    return _pdf(content, f"mailing-{on.isoformat()}")
