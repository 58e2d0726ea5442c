"""名簿: the secretariat's and the chair's roster pages (issue #6 item 3, CM-01..CM-05).

Each POST calls one committee service. A refusal comes back on the page with its article (422); a
change that would take the roster below 令第17条's minimums is shown with the counts it would leave
and saved only once confirmed (CM-01); success redirects (PRG).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from chotei.accounts.models import Role
from chotei.accounts.permissions import role_of
from chotei.committee import forms as roster_forms
from chotei.committee import services
from chotei.committee.models import Appointment, BoardMeeting, CommitteeMember, InterestDeclaration
from chotei.desk.templatetags.desk import ymd
from chotei.desk.views.cases import render_part
from chotei.desk.views.operations import attach_error
from chotei.rules import offices
from chotei.rules.errors import RuleViolation
from chotei.rules.roster import MIN_BRANCH, MIN_MAIN, MIN_TOTAL, RosterCounts
from chotei.web.access import OPERATORS, desk_view, not_found

Done = tuple[str, int | None]  # the success message, and the member whose page to show (else the roster)


@dataclasses.dataclass(frozen=True)
class RosterAction:
    name: str
    title: str
    form: type[forms.Form]
    run: Callable[[Any, dict[str, Any]], Done]


def _appoint(actor: Any, d: dict[str, Any], **extra: Any) -> Appointment:
    return services.appointment_request(
        actor=actor,
        kind=Appointment.Kind.APPOINT,
        name=d["name"],
        name_kana=d["name_kana"],
        office=d["office"],
        qualification=d["qualification"],
        career=d["career"],
        effective_on=d["effective_on"],
        reason=d["reason"],
        **extra,
    ).appointment


def _request(actor: Any, d: dict[str, Any]) -> Done:
    appointment = _appoint(actor, d, board_meeting_id=d["board_meeting"])
    return f"{appointment.member.name}の選任について行政庁の認可申請を記録しました", None


def _emergency(actor: Any, d: dict[str, Any]) -> Done:
    appointment = _appoint(actor, d, emergency=True)
    return (
        f"{appointment.member.name}を緊急に選任し委嘱しました。委嘱後の最初の理事会で追認を受けてください",
        None,
    )


def _dismiss(actor: Any, d: dict[str, Any]) -> Done:
    outcome = services.appointment_request(
        actor=actor,
        kind=Appointment.Kind.DISMISS,
        member_id=d["member_id"],
        career=d["career"],
        effective_on=d["effective_on"],
        reason=d["reason"],
        board_meeting_id=d["board_meeting"],
        confirm_roster=d["confirm_roster"],
    )
    return f"{outcome.appointment.member.name}の解任について行政庁の認可申請を記録しました", d["member_id"]


def _approve(actor: Any, d: dict[str, Any]) -> Done:
    a = services.appointment_approve(
        actor=actor,
        appointment_id=d["appointment_id"],
        approved_on=d["approved_on"],
        commissioned_on=d["commissioned_on"],
        confirm_roster=d["confirm_roster"],
    )
    return f"{a.member.name}の{a.get_kind_display()}について行政庁の認可を記録しました", None


def _reject(actor: Any, d: dict[str, Any]) -> Done:
    a = services.appointment_reject(
        actor=actor,
        appointment_id=d["appointment_id"],
        rejected_on=d["rejected_on"],
        confirm_roster=d["confirm_roster"],
    )
    return f"{a.member.name}の{a.get_kind_display()}について不認可を記録しました", None


def _ratify(actor: Any, d: dict[str, Any]) -> Done:
    a = services.appointment_ratify(actor=actor, appointment_id=d["appointment_id"], meeting_id=d["meeting"])
    return f"{a.member.name}の緊急の選任について理事会の追認を記録しました", None


def _meeting(actor: Any, d: dict[str, Any]) -> Done:
    m = services.board_meeting_record(actor=actor, held_on=d["held_on"], name=d["name"], kind=d["kind"])
    return f"{m.name}を記録しました", None


def _declare(actor: Any, d: dict[str, Any]) -> Done:
    services.interest_declare(
        actor=actor,
        member_id=d["member_id"],
        kind=d["kind"],
        organization_id=d["organization"],
        party_id=d["party"],
        description=d["description"],
        declared_on=d["declared_on"] or timezone.localdate(),
    )
    return "利害関係の申告を記録しました", d["member_id"]


def _withdraw(actor: Any, d: dict[str, Any]) -> Done:
    decl = services.interest_withdraw(
        actor=actor, declaration_id=d["declaration_id"], withdrawn_on=d["withdrawn_on"], reason=d["reason"]
    )
    return "利害関係の申告の取下げを記録しました", decl.member_id


ACTIONS = {
    a.name: a
    for a in (
        RosterAction("request", "選任の認可申請", roster_forms.AppointmentRequestForm, _request),
        RosterAction(
            "emergency", "緊急の選任・委嘱（理事長）", roster_forms.EmergencyAppointmentForm, _emergency
        ),
        RosterAction("dismiss", "解任の認可申請", roster_forms.DismissalRequestForm, _dismiss),
        RosterAction("approve", "行政庁の認可", roster_forms.ApproveForm, _approve),
        RosterAction("reject", "行政庁の不認可", roster_forms.RejectForm, _reject),
        RosterAction("ratify", "理事会の追認", roster_forms.RatifyForm, _ratify),
        RosterAction("meeting", "理事会の記録", roster_forms.BoardMeetingForm, _meeting),
        RosterAction("declare", "利害関係の申告", roster_forms.DeclareForm, _declare),
        RosterAction("withdraw", "利害関係の申告の取下げ", roster_forms.WithdrawForm, _withdraw),
    )
}
MEMBER_ACTIONS = frozenset({"dismiss", "declare", "withdraw"})  # answered on the member's page


def _status(member: Any) -> str:
    """在任 / 委嘱前 / 認可申請中 / 退任 — what the DP-11 panel check will make of the member today."""
    if member.serving:
        return "在任"
    if member.active:
        return f"委嘱前（{ymd(member.commissioned_on)}委嘱）"
    return "認可申請中" if member.pending else "退任"


def _members(office: str = "") -> list[CommitteeMember]:
    today = timezone.localdate()
    qs = CommitteeMember.objects.with_serving(today)
    if office:
        qs = qs.filter(office=office)
    pending = set(
        Appointment.objects.filter(approval=Appointment.Approval.PENDING).values_list("member_id", flat=True)
    )
    rows = list(qs)
    for m in rows:
        m.pending = m.pk in pending
        m.status = _status(m)
    return rows


def _counts_table(before: RosterCounts, after: RosterCounts | None = None) -> list[dict[str, Any]]:
    """CM-01: each count with its minimum, and what it would become."""
    rows = []
    for label, attr, minimum in (
        ("紛争処理委員の総数", "total", MIN_TOTAL),
        (offices.OFFICE_LABELS[offices.MAIN], "main", MIN_MAIN),
        (offices.OFFICE_LABELS[offices.BRANCH], "branch", MIN_BRANCH),
    ):
        now = getattr(before, attr)
        then = getattr(after or before, attr)
        rows.append({"label": label, "now": now, "after": then, "minimum": minimum, "short": then < minimum})
    return rows


def _item_form(form: type[forms.Form], key: str, pk: int) -> forms.Form:
    """A form about one row; its own ids, since the page lists many rows."""
    return form(initial={key: pk}, auto_id=f"id_{key}_{pk}_%s")


def _roster_context(request: HttpRequest) -> dict[str, Any]:
    office = request.GET.get("office", "")
    pending = list(
        Appointment.objects.filter(approval=Appointment.Approval.PENDING)
        .select_related("member", "resolved_by")
        .order_by("created_at", "id")
    )
    for a in pending:
        a.approve_form = _item_form(roster_forms.ApproveForm, "appointment_id", a.pk)
        a.reject_form = _item_form(roster_forms.RejectForm, "appointment_id", a.pk)
    return {
        "counts": _counts_table(services.roster_counts()),
        "problems": services.roster_problems(),
        "members": _members(office if office in offices.OFFICE_SHORT else ""),
        "office": office,
        "office_choices": offices.OFFICE_CHOICES,
        "pending": pending,
        "unratified": [
            (u, _item_form(roster_forms.RatifyForm, "appointment_id", u.appointment.pk))
            for u in services.unratified_appointments()
        ],
        "meetings": BoardMeeting.objects.all()[:20],
        "is_chair": role_of(request.user) == Role.CHAIR,
        "forms": {
            "request": roster_forms.AppointmentRequestForm(auto_id="id_request_%s"),
            "emergency": roster_forms.EmergencyAppointmentForm(auto_id="id_emergency_%s"),
            "meeting": roster_forms.BoardMeetingForm(auto_id="id_meeting_%s"),
        },
    }


def _member_context(request: HttpRequest, member_id: int) -> dict[str, Any]:
    try:
        member = CommitteeMember.objects.with_serving(timezone.localdate()).get(pk=member_id)
    except CommitteeMember.DoesNotExist as exc:
        raise services.RosterNotFound(f"紛争処理委員 {member_id} は見つかりません") from exc
    member.pending = member.appointments.filter(approval=Appointment.Approval.PENDING).exists()
    member.status = _status(member)
    return {
        "member": member,
        "appointments": member.appointments.select_related("resolved_by", "ratified_by"),
        "interests": [
            (d, None if d.withdrawn_on else _item_form(roster_forms.WithdrawForm, "declaration_id", d.pk))
            for d in member.interests.select_related("organization", "party")
        ],
        "forms": {
            "dismiss": _item_form(roster_forms.DismissalRequestForm, "member_id", member.pk),
            "declare": roster_forms.DeclareForm(initial={"member_id": member.pk}, auto_id="id_declare_%s"),
        },
    }


@desk_view(OPERATORS)
def roster(request: HttpRequest) -> HttpResponse:
    context = _roster_context(request)
    return render_part(request, "desk/_roster_table.html", "desk/roster.html", context)


@desk_view(OPERATORS)
def roster_member(request: HttpRequest, member_id: int) -> HttpResponse:
    return render(request, "desk/roster_member.html", _member_context(request, member_id))


def _page(request: HttpRequest, spec: RosterAction, form: forms.Form, status: int) -> HttpResponse:
    """The page the action belongs to, the refused form shown at the top with its errors."""
    data = getattr(form, "cleaned_data", {})
    member_id = data.get("member_id")
    if spec.name == "withdraw":
        member_id = (
            InterestDeclaration.objects.filter(pk=data.get("declaration_id") or 0)
            .values_list("member_id", flat=True)
            .first()
        )
    if member_id is not None:
        context, template = _member_context(request, member_id), "desk/roster_member.html"
    else:
        context, template = _roster_context(request), "desk/roster.html"
    context.update(refused=spec, refused_form=form)
    return render(request, template, context, status=status)


def _confirm(
    request: HttpRequest, spec: RosterAction, exc: services.RosterConfirmationNeeded
) -> HttpResponse:
    """CM-01: nothing is saved yet; the counts it would leave, and the same POST again to confirm."""
    fields = [
        (k, v)
        for k, values in request.POST.lists()
        for v in values
        if k not in ("csrfmiddlewaretoken", "confirm_roster")
    ]
    context = {
        "spec": spec,
        "counts": _counts_table(exc.before, exc.after),
        "warnings": exc.warnings,
        "fields": fields,
        "action_url": reverse("desk:roster_action", args=[spec.name]),
    }
    return render(request, "desk/roster_confirm.html", context)


@desk_view(OPERATORS)
@require_POST
def roster_action(request: HttpRequest, name: str) -> HttpResponse:
    spec = ACTIONS.get(name)
    if spec is None:
        return not_found(request, f"操作「{name}」はありません")
    # Shown only when refused, above the page's own forms: its ids must differ from theirs.
    form = spec.form(request.POST, auto_id="id_refused_%s")
    if not form.is_valid():
        return _page(request, spec, form, 422)
    try:
        message, member_id = spec.run(request.user, dict(form.cleaned_data))
    except services.RosterConfirmationNeeded as exc:
        return _confirm(request, spec, exc)
    except RuleViolation as exc:
        attach_error(form, exc)
        return _page(request, spec, form, 422)
    messages.success(request, message)
    if member_id is not None and name in MEMBER_ACTIONS:
        return redirect("desk:roster_member", member_id=member_id)
    return redirect("desk:roster")
