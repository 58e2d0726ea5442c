"""POST of an action form: the service decides; the desk shows its answer (issue #2 item 4).

RuleViolation → a form error naming the article (422; 409 for a step the state does not allow),
Conflict → a reload message (409), NotPermitted → 403, NotFound → 404. Success redirects (PRG).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from chotei.desk.actions import BY_NAME, CONFIRM, ITEM_ACTIONS
from chotei.desk.presenters import NOTICES_PENDING, case_page, notices_since
from chotei.disputes import selectors
from chotei.disputes.models import CaseParty
from chotei.disputes.services.core import Conflict
from chotei.documents.facts import ADDRESSEES
from chotei.rules.errors import RuleViolation, TransitionNotAllowed
from chotei.rules.notices.kinds import SPECS as NOTICE_SPECS
from chotei.rules.step_notices import notices_of
from chotei.rules.wareki import to_wareki
from chotei.web.access import OPERATORS, desk_view, not_found

# Services name a few fields differently from the desk's forms.
FIELD_ALIASES = {"ground": "ground_code"}


def after_notices(request: HttpRequest, case_id: int, since: int) -> HttpResponse:
    """The case page, its documents section polling until the queued notices appear. The newest
    document before the step rides in the session, read once by the next view of the case page."""
    request.session[notices_key(case_id)] = since
    return redirect("desk:case_detail", case_id=case_id)


def notices_key(case_id: int) -> str:
    return f"desk:notices_after:{case_id}"


def attach_error(form: forms.Form, exc: RuleViolation) -> None:
    """Put the refusal, article included, on the field it concerns (or above the form)."""
    field = exc.field if exc.field in form.fields else FIELD_ALIASES.get(exc.field, exc.field)
    form.add_error(field if field in form.fields else None, str(exc))


def _item_key(name: str, form: forms.Form) -> str:
    if name not in ITEM_ACTIONS:
        return name
    id_field = next((f for f in form.fields if f.endswith("_id")), None)
    return f"{name}-{form.data.get(id_field, '')}" if id_field else name


def confirmation(request: HttpRequest, case: Any, spec: Any, form: forms.Form) -> HttpResponse:
    """What the step will do, with the values entered and the notices it will send (each one a
    preview away), and the same form again to confirm it."""
    shown = []
    for field in form.visible_fields():
        value = form.cleaned_data.get(field.name)
        choices = dict(getattr(field.field, "choices", []) or [])
        if isinstance(value, list):
            text = "、".join(str(choices.get(v, v)) for v in value)
        elif isinstance(value, dt.date):
            text = to_wareki(value)
        else:
            text = str(choices.get(value, value)) if value not in (None, "") else "（空欄）"
        shown.append((field.label, text))
    notices = [
        {
            "title": f"{NOTICE_SPECS[kind].title}（{CaseParty.Side(side).label}宛）",
            "url": reverse("documents:preview", args=[case.pk, kind.value, side]),
        }
        for kind in notices_of(spec.name)
        for side in ADDRESSEES.get(kind, ())
    ]
    hidden = [(k, v) for k in request.POST for v in request.POST.getlist(k) if k != "csrfmiddlewaretoken"]
    context = {
        "case": case,
        "spec": spec,
        "consequence": CONFIRM[spec.name],
        "shown": shown,
        "notices": notices,
        "hidden": hidden,
    }
    return render(request, "desk/action_confirm.html", context)


@desk_view(OPERATORS)
@require_http_methods(["GET", "POST"])
def case_action(request: HttpRequest, case_id: int, name: str) -> HttpResponse:
    case = selectors.case_visible(request.user, case_id)
    spec = BY_NAME.get(name)
    if spec is None:
        return not_found(request, f"操作「{name}」はありません")
    if request.method == "GET":
        # A reload or a bookmark of the action's address lands on the case page, never on a 405.
        return redirect(reverse("desk:case_detail", args=[case.pk]) + f"#act-{spec.name}")
    form = spec.form(request.POST, request.FILES, case=case)
    status, conflict = 422, ""
    if form.is_valid() and spec.name in CONFIRM and request.POST.get("confirmed") != "1":
        return confirmation(request, case, spec, form)
    if form.is_valid():
        # Whether notices follow is the step's answer (rules.step_notices), not the desk's guess.
        since = notices_since(case.pk) if notices_of(spec.name) else None
        try:
            done = spec.run(request.user, case, dict(form.cleaned_data))
        except Conflict as exc:
            status, conflict = 409, str(exc)
        except RuleViolation as exc:
            attach_error(form, exc)
            status = 409 if isinstance(exc, TransitionNotAllowed) else 422
        else:
            if since is None or not getattr(done, "queued_notices", ()):
                messages.success(request, spec.done)
                return redirect("desk:case_detail", case_id=case.pk)
            messages.success(request, f"{spec.done}。{NOTICES_PENDING}")
            return after_notices(request, case.pk, since)
    return _rerender(request, case_id, status, conflict, None if conflict else (_item_key(name, form), form))


def _rerender(
    request: HttpRequest, case_id: int, status: int, conflict: str, bound: tuple[str, Any] | None
) -> HttpResponse:
    """The case page as it is now, with the refused form (or, after a conflict, fresh forms)."""
    case = selectors.case_get(user=request.user, case_id=case_id)
    context = case_page(case, user=request.user, today=timezone.localdate(), bound=bound)
    # The errors are repeated at the top: the refused action may not be offered in the current state.
    errors = [str(e) for errs in bound[1].errors.values() for e in errs] if bound else []
    context.update(conflict=conflict, form_errors=errors, error_anchor=f"act-{bound[0]}" if bound else "")
    return render(request, "desk/case_detail.html", context, status=status)
