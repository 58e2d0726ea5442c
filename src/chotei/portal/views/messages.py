"""My case's messages to and from the secretariat, with attachments (OD-01)."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy

from chotei.accounts.permissions import NotPermitted
from chotei.disputes.downloads import submission_file
from chotei.disputes.services import uploads
from chotei.portal import i18n, messaging
from chotei.portal.access import party_view
from chotei.portal.models import MessageAttachment
from chotei.portal.views.cases import own_case
from chotei.rules.errors import RuleViolation
from chotei.web.forms import JapaneseForm


class MessageForm(JapaneseForm):
    body = forms.CharField(
        label=gettext_lazy("メッセージ"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=messaging.MAX_CHARS,
    )
    file = forms.FileField(label=gettext_lazy("添付ファイル"), required=False)
    # Rendered once per page: a second submit of the same page is the same message.
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        body, file = self.fields["body"], self.fields["file"]
        body.help_text = gettext("%(count)s字まで。") % {"count": messaging.MAX_CHARS}
        body.error_messages["required"] = i18n.required(body.label)
        file.help_text = gettext("%(types)s（1ファイル%(size)sまで・任意）") % {
            "types": gettext(uploads.TYPES_LABEL),
            "size": uploads.MAX_LABEL,
        }


def uploads_of(form: forms.Form) -> list[messaging.Upload]:
    upload = form.cleaned_data.get("file")
    return [messaging.Upload(upload.name, upload.read())] if upload else []


@party_view
def thread(request: HttpRequest, case_id: int) -> HttpResponse:
    case, side = own_case(request, case_id)
    form = MessageForm(request.POST or None, request.FILES or None, initial={"token": uuid.uuid4()})
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                messaging.message_send(
                    user=request.user,
                    case_id=case.pk,
                    body=form.cleaned_data["body"],
                    attachments=uploads_of(form),
                    token=form.cleaned_data["token"],
                )
            except RuleViolation as exc:
                field = exc.field if exc.field in form.fields else None
                label = str(form.fields[field].label) if field else ""
                form.add_error(field, i18n.refusal(exc, label))
            except NotPermitted as exc:
                form.add_error(None, str(exc))
            else:
                flash.success(request, gettext("メッセージを送信しました。"))
                return redirect("portal:messages", case.pk)
    context = {
        "case": case,
        "form": form,
        "thread": messaging.party_thread_read(case.pk, side),
    }
    return render(request, "portal/messages.html", context, status=status)


@party_view
def attachment(request: HttpRequest, case_id: int, attachment_id: int) -> HttpResponse:
    """A file of this side's thread only: the other side's and other cases' are "not found" (IM-01)."""
    case, side = own_case(request, case_id)
    try:
        found, data = messaging.attachment_open(
            user=request.user, case_id=case.pk, attachment_id=attachment_id, side=side
        )
    except MessageAttachment.DoesNotExist as exc:
        raise Http404 from exc
    return submission_file(found, data)
