"""The guided application (OD-01, DP-02): step by step, saved at each step, reviewed, submitted."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from chotei.accounts.permissions import NotPermitted
from chotei.disputes.services.party_links import NameMatchToConfirm
from chotei.portal import application, services
from chotei.portal.access import applicant_view
from chotei.portal.i18n import cite, refusal
from chotei.portal.models import ApplicationDraft
from chotei.rules.errors import MissingItems, RuleViolation


def _draft(request: HttpRequest, draft_id: int) -> ApplicationDraft:
    # IM-01: a draft is only ever its own account's; another's is "not found".
    return get_object_or_404(ApplicationDraft, pk=draft_id, account=request.party_account)  # type: ignore[attr-defined]


def _steps_context(draft: ApplicationDraft, current: str) -> dict[str, object]:
    return {"draft": draft, "steps": application.STEPS, "current": current}


@applicant_view
@require_POST
def apply_start(request: HttpRequest) -> HttpResponse:
    draft = services.draft_start(request.party_account)  # type: ignore[attr-defined]
    return redirect("portal:apply_step", draft.pk, draft.step)


@applicant_view
def apply_step(request: HttpRequest, draft_id: int, key: str) -> HttpResponse:
    draft = _draft(request, draft_id)
    if draft.case is not None:
        return redirect("portal:case", draft.case.pk)
    step = application.step(key)
    if step is None:
        raise Http404
    form = step.form(request.POST or None, initial=draft.data)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            before = {q.key for q in application.warnings(draft.data)}
            draft = services.draft_save(draft, key, form.answers())
            # DP-06: an answer pointing to a refusal ground is told at once, and does not stop.
            for q in application.warnings(draft.data):
                if q.key not in before:
                    text = {"message": gettext(q.warning), "article": cite(q.ground.article)}
                    messages.warning(request, gettext("%(message)s（%(article)s）") % text)
            following = application.next_step(key)
            return (
                redirect("portal:apply_step", draft.pk, following)
                if following
                else redirect("portal:apply_review", draft.pk)
            )
        status = 422
    return render(
        request,
        "portal/apply_step.html",
        {**_steps_context(draft, key), "step": step, "form": form},
        status=status,
    )


def _review(
    request: HttpRequest, draft: ApplicationDraft, problems: list[tuple[str, str]], status: int
) -> HttpResponse:
    rows = []
    for step in application.STEPS:
        form = step.form(initial=draft.data)
        rows.append(
            (step, [(form[name].label, *_shown(form, name, draft.data.get(name))) for name in form.fields])
        )
    return render(
        request,
        "portal/apply_review.html",
        {
            **_steps_context(draft, "review"),
            "rows": rows,
            "warnings": application.warnings(draft.data),
            "problems": problems,
        },
        status=status,
    )


def _shown(form: application.StepForm, name: str, value: object) -> tuple[str, bool]:
    """The answer as shown, and whether it is the party's own words (kept in Japanese, OD-03)
    rather than one of the form's choices (shown in the chosen language)."""
    field = form.fields[name]
    choices = dict(getattr(field, "choices", []) or [])
    if value in (None, ""):
        return gettext("（未入力）"), False
    if isinstance(value, bool):
        return (gettext("はい") if value else gettext("いいえ")), False
    if name == "respondent_organization":
        return str(next((label for key, label in choices.items() if str(key) == str(value)), value)), True
    return str(choices.get(value, value)), value not in choices


@applicant_view
def apply_review(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = _draft(request, draft_id)
    if draft.case is not None:
        return redirect("portal:case", draft.case.pk)
    return _review(request, draft, [], 200)


@applicant_view
@require_POST
def apply_submit(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = _draft(request, draft_id)
    try:
        case = services.draft_submit(draft)
    except MissingItems as exc:
        # DP-02: each missing item named, with its article, and a link to the step that asks it.
        problems = [
            (
                gettext("%(label)sがありません（%(article)s）")
                % {"label": gettext(label), "article": cite(article)},
                application.FIELD_STEP.get(field, "others"),
            )
            for field, label, article in exc.problems
        ]
        return _review(request, draft, problems, 422)
    except (NameMatchToConfirm, RuleViolation, NotPermitted) as exc:
        field = getattr(exc, "field", "") or ""
        text = refusal(exc, application.field_label(field))
        return _review(request, draft, [(text, application.FIELD_STEP.get(field, "others"))], 422)
    messages.success(
        request,
        gettext("申請を受け付けました。事案番号は %(number)s、受付日は %(date)s です。")
        % {"number": case.number, "date": date_format(case.received_on, gettext("Y年n月j日"))},
    )
    return redirect("portal:case", case.pk)
