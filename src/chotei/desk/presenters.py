"""What the case page shows: the case read through case_get (audited, DP-22) and its action forms."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django import forms as dj_forms
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from chotei.desk import actions
from chotei.desk.timing import waiting_business_days
from chotei.disputes.models import Case, CaseParty, Panel, SpecialProcedure
from chotei.disputes.selectors import is_overdue, minutes_overdue
from chotei.disputes.services.records import notes_for
from chotei.documents import facts
from chotei.documents.mailing import dispatched_on
from chotei.documents.models import IssuedDocument
from chotei.documents.services.consent import consented
from chotei.rules import grades, screening, termination
from chotei.rules.notices.kinds import SPECS as NOTICE_SPECS
from chotei.rules.notices.kinds import NoticeKind
from chotei.rules.states import CaseState
from chotei.rules.step_notices import current_notices
from chotei.web.access import is_operator

# Shown after a step that queues notices: the task worker issues them a few seconds after the commit.
NOTICES_PENDING = "通知書を発出しています。数秒後に発出文書欄に表示されます"
# The documents section asks again every POLL_SECONDS until the new notices are there, for ~30 s.
POLL_SECONDS = 3
POLL_TRIES = 10


@dataclasses.dataclass
class ActionPanel:
    spec: actions.ActionSpec
    form: dj_forms.Form
    key: str

    @property
    def anchor(self) -> str:
        return f"act-{self.key}"


def pdf_url(document_id: int) -> str:
    try:
        return reverse("documents:pdf", args=[document_id])
    except NoReverseMatch:
        return f"/desk/documents/{document_id}/pdf/"


def document_title(kind: str) -> str:
    try:
        return NOTICE_SPECS[NoticeKind(kind)].title
    except ValueError:
        return kind


def notices_since(case_id: int) -> int:
    """The newest document of the case now; documents after it are the ones a step just queued."""
    last = IssuedDocument.objects.filter(case_id=case_id).order_by("-id").values_list("id", flat=True).first()
    return last or 0


def _previews(case: Case) -> list[dict[str, str]]:
    """The notices a case in its state calls for (rules.step_notices), offered as an unnumbered
    preview (CP-05); the amendment notice only once an amendment was allowed."""
    kinds = [
        k
        for k in current_notices(case.state_enum)
        if k is not NoticeKind.AMENDMENT or case.amendments.filter(accepted=True).exists()
    ]
    previews = []
    for kind in kinds:
        sides = CaseParty.Side.values if kind is NoticeKind.EXPLANATION else facts.ADDRESSEES[kind]
        for side in sides:
            previews.append(
                {
                    "label": f"{NOTICE_SPECS[kind].title}（{CaseParty.Side(side).label}宛）",
                    "url": reverse("documents:preview", args=[case.pk, kind.value, side]),
                }
            )
    return previews


def documents_section(case: Case, *, user: Any, since: int | None = None, tries: int = 0) -> dict[str, Any]:
    """The documents section: issued documents, previews for operators and, while notices a step
    queued (documents after ``since``) have not appeared yet, the next poll."""
    documents = list(
        IssuedDocument.objects.filter(case=case).select_related("mailing").order_by("issued_at", "id")
    )
    for d in documents:
        d.url, d.label = pdf_url(d.pk), document_title(d.kind)
        d.dispatched_on = dispatched_on(d)
    waiting = since is not None and not any(d.pk > since for d in documents)
    return {
        "case": case,
        "documents": documents,
        "previews": _previews(case) if is_operator(user) else [],
        "poll": {"since": since, "tries": tries + 1, "seconds": POLL_SECONDS}
        if waiting and tries < POLL_TRIES
        else None,
        "poll_gave_up": waiting and tries >= POLL_TRIES,
    }


def _parties(case: Case) -> list[CaseParty]:
    """Each party with its electronic-delivery answer (PN-04, PN-05): paper unless it consented."""
    parties = list(case.parties.all())
    for cp in parties:
        cp.consented = consented(cp.party)
    return parties


def _panel_of(case: Case) -> Panel | None:
    try:
        return case.panel
    except Panel.DoesNotExist:
        return None


def _form(
    name: str, case: Case, key: str, bound: tuple[str, dj_forms.Form] | None, **initial: Any
) -> ActionPanel:
    spec = actions.BY_NAME[name]
    if bound is not None and bound[0] == key:
        return ActionPanel(spec, bound[1], key)
    return ActionPanel(spec, spec.form(case=case, initial=initial), key)


@dataclasses.dataclass(frozen=True)
class ChecklistRow:
    """One refusal ground of 規程5条1項 beside the applicant's recorded answer to its question."""

    ground: screening.Ground
    question: str
    answer: str
    points_to_ground: bool


def screening_checklist(case: Case) -> list[ChecklistRow]:
    """DP-06: the grounds with the facts the online application recorded, so screening rests on them."""
    asked = {q.ground_number: q for q in screening.SCREENING_QUESTIONS}
    answers = case.screening_answers or {}
    flagged = {q.key for q in screening.screening_warnings(answers)}
    rows = []
    for g in screening.GROUNDS:
        if not g.code.startswith("R5-"):
            continue
        q = asked.get(g.number)
        answered = q is not None and q.key in answers
        rows.append(
            ChecklistRow(
                ground=g,
                question=q.question if q else "",
                answer=("はい" if answers[q.key] else "いいえ")
                if q and answered
                else ("未回答" if q else ""),
                points_to_ground=q is not None and q.key in flagged,
            )
        )
    return rows


def case_page(
    case: Case,
    *,
    user: Any,
    today: dt.date,
    bound: tuple[str, dj_forms.Form] | None = None,
    notices_after: int | None = None,
) -> dict[str, Any]:
    """The template context of the case page; ``bound`` is a submitted form to show with its errors,
    ``notices_after`` the newest document before a step that queued notices (see documents_section)."""
    operator = is_operator(user)
    state = case.state_enum
    panel = _panel_of(case)
    seats = list(panel.seats.select_related("member").order_by("-is_chief", "id")) if panel else []
    meetings = list(case.meetings.prefetch_related("attendance__member"))
    requests = list(case.insurer_requests.all())
    further = list(case.further_requests.all())
    for f in further:
        f.overdue = f.answered_on is None and f.due_on < today
    procedures = list(case.special_procedures.select_related("decided_by"))
    under_review = state == CaseState.UNDER_REVIEW
    if operator:
        for m in meetings:
            if m.recorded_at is None and m.cancelled_at is None and under_review:
                # Minutes are offered once the meeting's day has come (issue #9 item 3).
                if timezone.localdate(m.scheduled_for) <= today:
                    m.record_form = _form(
                        "meeting_record", case, f"meeting_record-{m.pk}", bound, meeting_id=m.pk
                    )
                m.move_form = _form("meeting_move", case, f"meeting_move-{m.pk}", bound, meeting_id=m.pk)
                m.cancel_form = _form(
                    "meeting_cancel", case, f"meeting_cancel-{m.pk}", bound, meeting_id=m.pk
                )
        for r in requests:
            if r.answered_on is None and state in actions.REVIEW:
                r.answer_form = _form(
                    "insurer_answer", case, f"insurer_answer-{r.pk}", bound, request_id=r.pk
                )
        for p in procedures:
            if p.decision == SpecialProcedure.Decision.PENDING and under_review:
                p.decide_form = _form(
                    "special_decide", case, f"special_decide-{p.pk}", bound, procedure_id=p.pk
                )
    for m in meetings:
        m.minutes_overdue = minutes_overdue(m, today)
    panels = [_form(s.name, case, s.name, bound) for s in actions.offered(case)] if operator else []
    refusal_ground = screening.ground(case.refusal_ground) if case.refusal_ground else None
    return {
        "screening_checklist": screening_checklist(case) if case.screening_answers else [],
        "overdue": is_overdue(case, today),
        "waiting": waiting_business_days(case, today),
        "amendment_deadline": case.amendment_due_on,
        "timeline": list(case.ledger.select_related("actor").order_by("id")),
        # Panel, requests and special procedures belong to an accepted case; hidden before that.
        "reviewing": case.acceptance_dispatched_on is not None or panel is not None,
        "panel": panel,
        "seats": seats,
        "meetings": meetings,
        "submissions": list(case.submissions.all()),
        "insurer_requests": requests,
        "further_requests": further,
        "procedures": procedures,
        "amendments": list(case.amendments.order_by("id")),
        "observers": list(case.observers.select_related("permitted_by")),
        "corrections": list(case.corrections.select_related("party", "by")),
        "notes": notes_for(user, case),
        "note_form": _form("note", case, "note", bound) if operator else None,
        # A record is corrected in any state, after the end too (令24条: the ledger is kept for good).
        "correction_form": _form("correction", case, "correction", bound) if operator else None,
        **documents_section(case, user=user, since=notices_after),
        "parties": _parties(case),
        "refusal_ground": refusal_ground,
        # DP-18/DP-17: the ground and the changed grade read as the notices state them.
        "termination_ground": (
            termination.ground_statement(termination.termination_ground(case.termination_ground))
            if case.termination_ground
            else None
        ),
        "grade_change": (
            grades.change_text(case.grade_before, case.grade_after) if case.grade_after else None
        ),
        "refusal_guidance": screening.guidance_for(refusal_ground) if refusal_ground else None,
        # DP-07: the route offered to an applicant refused on ground 9, shown before refusing.
        "ground9_guidance": screening.guidance_for(screening.ground("R5-1-9")),
        "action_panels": panels,
        "operator": operator,
        "suggest_panel": operator and state == CaseState.ACCEPTED,
    }
