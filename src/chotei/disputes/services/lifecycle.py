"""The procedure's steps, each one ``case_step`` call (DP-06..DP-09, DP-17..DP-19); the notices a
step issues are queued inside it, from the table of ``rules.step_notices``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from chotei import clock
from chotei.accounts.permissions import Actor, NotPermitted, role_of
from chotei.disputes.models import Amendment, Case, CaseParty
from chotei.disputes.services import guards
from chotei.disputes.services.core import case_change, case_step, today
from chotei.disputes.services.panels import chief_member, chief_named
from chotei.rules import application, grades, screening, termination
from chotei.rules.articles import rules
from chotei.rules.errors import RuleViolation
from chotei.rules.states import Action, CaseState
from chotei.rules.step_notices import AMEND, EXPLAIN


def case_start_screening(*, actor: Actor, case_id: int, version: int) -> Case:
    guards.operator(actor)
    return case_step(actor=actor, case_id=case_id, version=version, action=Action.START_SCREENING)


def case_accept(*, actor: Actor, case_id: int, version: int, dispatch_on: dt.date | None = None) -> Case:
    """受理: both parties are told (DP-08); the respondent gets its statement deadline (DP-16)."""
    guards.operator(actor)
    dispatch = dispatch_on or today()

    def apply(case: Case) -> list[str]:
        case.acceptance_dispatched_on = dispatch
        case.statement_due_on = screening.respondent_statement_deadline(dispatch)
        return ["acceptance_dispatched_on", "statement_due_on"]

    case = case_step(
        actor=actor,
        case_id=case_id,
        version=version,
        action=Action.ACCEPT,
        apply=apply,
        description="受理（規程第5条第3項）、答弁書提出期限を通知（規程第15条第7項）",
    )
    return case


def case_refuse(*, actor: Actor, case_id: int, version: int, ground_code: str) -> Case:
    """不受理 on a ground of 規程5条1項 / 令15条 (DP-06), with DP-07 guidance on ground 9."""
    guards.operator(actor)
    ground = screening.ground(ground_code)
    message = screening.refusal_message(ground)

    def apply(case: Case) -> list[str]:
        case.refusal_ground = ground.code
        case.end_reason = message
        return ["refusal_ground", "end_reason"]

    case = case_step(
        actor=actor,
        case_id=case_id,
        version=version,
        action=Action.REFUSE,
        apply=apply,
        # DP-07: on ground 9 the ledger shows the route the applicant was pointed to.
        description="\n".join(filter(None, [message, screening.guidance_for(ground)])),
        ground=ground.code,
    )
    return case


def case_amend(
    *,
    actor: Actor,
    case_id: int,
    version: int,
    matters_sought: str,
    requested_on: dt.date | None = None,
    refuse_reason: str = "",
) -> Case:
    """求める事項の変更 (DP-09, 規程5条の2): only that item, before the deadline; the respondent is told.

    The secretariat records an amendment received on paper; the applicant amends online itself
    (portal, OD-01), and only the secretariat may refuse one. A refusal (it would greatly delay the
    procedure) is recorded with its reason and changes nothing."""
    by_party = actor is not None and role_of(actor) is None
    if not by_party:
        guards.operator(actor)
    elif refuse_reason:
        raise NotPermitted("変更を認めない判断は事務局のみ行えます")
    after = application.normalize(matters_sought)
    if not after:
        raise RuleViolation(
            "変更後の求める事項がありません", rules("第5条の2", "DP-09"), field="matters_sought"
        )
    requested = requested_on or today()

    def apply(case: Case) -> list[str]:
        if by_party:
            guards.operator_or_party(actor, case, CaseParty.Side.APPLICANT)
        if case.state not in (CaseState.ACCEPTED, CaseState.UNDER_REVIEW):
            raise RuleViolation(
                f"「{case.state_label}」の事案の求める事項は変更できません",
                rules("第5条の2", "DP-09"),
                field="state",
            )
        screening.check_amendment(case.acceptance_dispatched_on, requested)
        Amendment.objects.create(
            case=case,
            before=case.matters_sought,
            after=after,
            requested_on=requested,
            accepted=not refuse_reason,
            refusal_reason=refuse_reason,
        )
        if refuse_reason:
            return []
        case.matters_sought = after
        return ["matters_sought"]

    case = case_change(
        actor=actor,
        case_id=case_id,
        version=version,
        action=AMEND,
        apply=apply,
        description=("求める事項の変更を認めない（規程第5条の2）: " + refuse_reason)
        if refuse_reason
        else "求める事項の変更（規程第5条の2）",
        notify=not refuse_reason,
    )
    return case


def case_record_result(
    *,
    actor: Actor,
    case_id: int,
    version: int,
    result: str,
    reasons: str,
    grade_before: str = "",
    grade_after: str = "",
) -> Case:
    """審理結果 (DP-17, 規程16条): 変更 / 非変更 of the insurer's decision, with reasons, decided at a
    meeting of the panel with a quorum present (規程12条). A 変更 of the after-effect grade records the
    grade (or 非該当) found before and the one the panel found (issue #7 item 4)."""
    guards.operator(actor)
    reasons = application.normalize(reasons)
    if result not in Case.Result.values:
        raise RuleViolation("審理結果は「変更」又は「非変更」です", rules("第16条", "DP-17"), field="result")
    if not reasons:
        raise RuleViolation("審理結果の理由がありません", rules("第16条", "DP-17"), field="reasons")
    grade_before, grade_after = _grade_change(result, grade_before, grade_after)

    def guard(case: Case) -> None:
        if not case.meetings.filter(recorded_at__isnull=False).exists():
            raise RuleViolation(
                "定足数を満たした委員会の期日調書がないため審理結果を記録できません",
                rules("第12条", "DP-11"),
                field="meeting",
            )

    def apply(case: Case) -> list[str]:
        case.result, case.result_reasons = result, reasons
        case.grade_before, case.grade_after = grade_before, grade_after
        return ["result", "result_reasons", "grade_before", "grade_after"]

    case = case_step(
        actor=actor,
        case_id=case_id,
        version=version,
        action=Action.RECORD_RESULT,
        guard=guard,
        apply=apply,
        description=f"審理結果「{Case.Result(result).label}」を通知（規程第16条）"
        + (f" 等級 {grades.change_text(grade_before, grade_after)}" if grade_after else ""),
    )
    return case


def case_explain_result(*, actor: Actor, case_id: int, version: int, side: str) -> Case:
    """On a party's request, the result is explained in writing (DP-17, 規程16条)."""
    guards.operator(actor)
    if side not in CaseParty.Side.values:
        raise RuleViolation("説明を求めた当事者を選んでください", rules("第16条", "DP-17"), field="side")

    def apply(case: Case) -> list[str]:
        if case.state not in (CaseState.RESULT_NOTIFIED, CaseState.CLOSED) or not case.result:
            raise RuleViolation(
                "審理結果の通知前は説明書を発出できません", rules("第16条", "DP-17"), field="state"
            )
        return []

    return case_change(
        actor=actor,
        case_id=case_id,
        version=version,
        action=EXPLAIN,
        apply=apply,
        description=f"審理結果の説明を書面で行う（{CaseParty.Side(side).label}の求め、規程第16条）",
        notice_side=side,
    )


def case_close(*, actor: Actor, case_id: int, version: int) -> Case:
    """終了 — not while a meeting that has sat lacks its record (DP-20, 規程20条; issue #9 item 3)."""
    guards.operator(actor)

    def guard(case: Case) -> None:
        unrecorded = case.meetings.filter(
            cancelled_at__isnull=True, recorded_at__isnull=True, scheduled_for__lte=clock.now()
        ).first()
        if unrecorded is not None:
            raise RuleViolation(
                f"{timezone.localtime(unrecorded.scheduled_for):%Y-%m-%d %H:%M}の期日の調書がないため終了できません",
                rules("第20条", "DP-20"),
                field="meeting",
            )

    return case_step(actor=actor, case_id=case_id, version=version, action=Action.CLOSE, guard=guard)


def _grade_change(result: str, before: str, after: str) -> tuple[str, str]:
    """DP-17: a grade change is a 変更 between two different findings, both given; none otherwise."""
    before, after = application.normalize(before), application.normalize(after)
    if not before and not after:
        return "", ""
    article = rules("第16条第1項", "DP-17")
    if result != Case.Result.CHANGED:
        raise RuleViolation("等級の変更は審理結果が「変更」のときに記録します", article, field="grade_after")
    for field, code in (("grade_before", before), ("grade_after", after)):
        if not code:
            raise RuleViolation("変更前と変更後の等級を共に指定してください", article, field=field)
        grades.finding_label(code, field)
    if before == after:
        raise RuleViolation("変更後の等級が変更前と同じです", article, field="grade_after")
    return before, after


def case_terminate(
    *, actor: Actor, case_id: int, version: int, ground: str, reason: str, chief_id: int | None = None
) -> Case:
    """打切り (DP-18, 規程17条): the panel's chief member decides, on a screening ground or no prospect
    of resolution; the secretariat records it in the chief's name, never its own, and the notice
    points the parties to litigation and other routes."""
    guards.operator(actor)
    # DP-18: the ground is one of 規程第17条第1項's, so the notice can cite its provision.
    chosen = termination.termination_ground(application.normalize(ground))
    reason = application.normalize(reason)
    if not reason:
        raise RuleViolation("打切りの理由がありません", rules("第17条", "DP-18"), field="reason")

    def apply(case: Case) -> list[str]:
        chief_member(case, chief_id, "紛争処理の打切り", "第17条", "DP-18")
        case.termination_ground = chosen.code
        case.end_reason = reason
        return ["termination_ground", "end_reason"]

    case = case_step(
        actor=actor,
        case_id=case_id,
        version=version,
        action=Action.TERMINATE,
        apply=apply,
        description=(
            f"紛争処理の打切り（{chief_named(chief_id)}の判断、規程第17条）: "
            f"{termination.ground_statement(chosen)} {reason}"
        ),
        chief=chief_id,
    )
    return case


def case_withdraw(
    *, actor: Actor, case_id: int, version: int, channel: str = "post", requested_on: dt.date | None = None
) -> Case:
    """取下げ (DP-19, 規程18条): at any time, in writing or electronically; the respondent is told.
    The secretariat records a withdrawal received; the applicant withdraws online itself (portal)."""
    by_party = actor is not None and role_of(actor) is None
    if by_party:
        channel = Case.Channel.ONLINE
    else:
        guards.operator(actor)
    if channel not in Case.Channel.values:
        raise RuleViolation("取下げは書面又は電子により行います", rules("第18条", "DP-19"), field="channel")
    on = requested_on or today()

    def apply(case: Case) -> list[str]:
        if by_party:
            guards.operator_or_party(actor, case, CaseParty.Side.APPLICANT)
        case.end_reason = f"申請人による取下げ（{Case.Channel(channel).label}、{on.isoformat()}）"
        return ["end_reason"]

    case = case_step(
        actor=actor,
        case_id=case_id,
        version=version,
        action=Action.WITHDRAW,
        apply=apply,
        description="申請の取下げ（規程第18条）",
    )
    return case
