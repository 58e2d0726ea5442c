"""The secretariat reads the parties' messages on a case and answers them (OD-01); reading them
is audited (DP-22, IM-06), and so is opening an attachment."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from chotei.disputes import selectors
from chotei.disputes.downloads import submission_file
from chotei.disputes.models import CaseParty
from chotei.disputes.services import uploads
from chotei.disputes.services.core import NotFound
from chotei.portal import messaging
from chotei.portal.models import Message, MessageAttachment
from chotei.portal.views.messages import uploads_of
from chotei.rules.errors import RuleViolation
from chotei.web.access import OPERATORS, desk_view
from chotei.web.forms import JapaneseForm


class ReplyForm(JapaneseForm):
    body = forms.CharField(
        label="返信", widget=forms.Textarea(attrs={"rows": 4}), max_length=messaging.MAX_CHARS
    )
    file = forms.FileField(
        label="添付ファイル",
        required=False,
        help_text=f"{uploads.TYPES_LABEL}（1ファイル{uploads.MAX_LABEL}まで・任意）",
    )
    token = forms.UUIDField(widget=forms.HiddenInput)


@dataclass
class Side:
    value: str
    label: str
    form: ReplyForm
    thread: list[Message] = field(default_factory=list)


@desk_view(OPERATORS)
def case_messages(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_visible(request.user, case_id)
    posted = request.POST.get("side") if request.method == "POST" else None
    sides = []
    for value, label in CaseParty.Side.choices:
        bound = value == posted
        form = ReplyForm(
            request.POST if bound else None,
            request.FILES if bound else None,
            prefix=value,
            initial={"token": uuid.uuid4()},
        )
        sides.append(Side(value, label, form))
    status = 200
    for side in sides:
        if side.value != posted:
            continue
        status = 422
        if side.form.is_valid():
            try:
                messaging.message_reply(
                    actor=request.user,
                    case_id=case.pk,
                    side=side.value,
                    body=side.form.cleaned_data["body"],
                    attachments=uploads_of(side.form),
                    token=side.form.cleaned_data["token"],
                )
            except RuleViolation as exc:
                side.form.add_error(exc.field if exc.field in side.form.fields else None, str(exc))
            else:
                flash.success(request, f"{side.label}に返信しました。")
                return redirect("desk:case_messages", case.pk)
    unread = set(messaging.unread_for_staff(case.pk).values_list("pk", flat=True))
    threads = messaging.staff_threads_read(request.user, case.pk)
    for side in sides:
        side.thread = threads[side.value]
    context = {"case": case, "sides": sides, "unread_ids": unread}
    return render(request, "desk/messages.html", context, status=status)


@desk_view(OPERATORS)
def message_attachment(request: HttpRequest, case_id: int, attachment_id: int) -> HttpResponse:
    case = selectors.case_visible(request.user, case_id)
    try:
        found, data = messaging.attachment_open(
            user=request.user, case_id=case.pk, attachment_id=attachment_id
        )
    except MessageAttachment.DoesNotExist as exc:
        raise NotFound("添付ファイルは見つかりません", case_id=case.pk) from exc
    return submission_file(found, data)
