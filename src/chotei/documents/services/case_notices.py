"""Dispute notices of the body: issued with the step that queues them, previewed, or recorded as failed
(DP-05..DP-21)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.models import Case, CaseParty
from chotei.disputes.services.core import NotFound, ledger_write, lock_case, today
from chotei.documents import facts
from chotei.documents.files import removed_on_error
from chotei.documents.models import (
    IssuedDocument,
)
from chotei.documents.services.common import (
    BODY_PREFIX,
    PREVIEW_NUMBER,
    Issue,
    actor_user,
    next_document_number,
    render_notice,
    store,
)
from chotei.documents.services.consent import delivery_channel
from chotei.rules.application import PartyRole
from chotei.rules.articles import rules
from chotei.rules.errors import RuleViolation
from chotei.rules.notices.data import NoticeData
from chotei.rules.notices.kinds import SPECS, NoticeKind


def _case_kind(kind: str) -> NoticeKind:
    parsed = NoticeKind(kind)
    if parsed not in facts.CASE_KINDS:
        raise ValueError(f"{parsed.value} は事案の通知ではありません")
    return parsed


def _dispatch_date(case: Case, kind: NoticeKind, dispatch_on: dt.date | None) -> dt.date:
    """The date deadlines count from: acceptance notices carry the recorded dispatch date (DP-09,
    DP-16), so the printed date and the computed deadlines cannot disagree."""
    if kind not in facts.ACCEPTANCE_KINDS:
        return dispatch_on or today()
    sent = case.acceptance_dispatched_on
    if sent is None:
        raise RuleViolation(
            "受理通知の発送日が記録されていないため発出できません",
            rules("第5条の2第2項", "DP-09"),
            "dispatch_on",
        )
    if dispatch_on is not None and dispatch_on != sent:
        raise RuleViolation(
            f"受理通知の発送日は{sent.isoformat()}として期限を計算しています（指定された発送日と異なります）",
            rules("第5条の2第2項", "DP-09"),
            "dispatch_on",
        )
    return sent


def _case_notice_data(
    case: Case, kind: NoticeKind, side: str, number: str, dispatch: dt.date, step_id: int | None = None
) -> tuple[NoticeData, CaseParty]:
    role = facts.case_party(case, side)
    data = NoticeData(
        document_number=number,
        issued_on=dispatch,
        sender_name=settings.CHOTEI_BODY["name"],
        sender_title=settings.CHOTEI_BODY["chair"],
        case_number=case.number,
        fields=facts.case_fields(case, kind, dispatch, side=side, step_id=step_id),
        contact=facts.body_contact(case),
        # A case against a co-op speaks of the 組合 and its 共済金等 (令10条, PN-07).
        coop=facts.case_party(case, "respondent").role == PartyRole.COOP,
        **facts.addressee(role.party, role.agent, side),
    )
    return data, role


def case_notices_issue(
    *,
    case_id: int,
    kinds: list[str],
    actor_id: int | None = None,
    channel: str | None = None,
    side: str | None = None,
    dispatch_on: dt.date | None = None,
    step_id: int | None = None,
) -> list[IssuedDocument]:
    """Issue the notices of ``kinds`` for the case, one per addressee (refusal, result and termination
    go to both parties; the explanation and a further request to ``side``). All or nothing: a notice missing an item or a
    glyph raises and nothing — number, document, ledger line, audit event — is kept.

    ``step_id`` is the ledger line of the step that queued them: a notice that step already has is
    returned as it is, not issued again (a worker killed after issuing, before marking its task
    done, runs the task again); the unique constraint ``doc_once_per_step`` backs this."""
    actor = actor_user(actor_id)
    parsed = [_case_kind(k) for k in kinds]
    issued: list[IssuedDocument] = []
    with removed_on_error(), transaction.atomic():
        # The case lock serialises re-issues, so two versions never get the same number.
        case = lock_case(case_id)
        done = _step_documents(step_id)
        for kind in parsed:
            dispatch = _dispatch_date(case, kind, dispatch_on)
            for addressee_side in facts.addressee_sides(kind, side):
                if (kind.value, addressee_side) in done:
                    issued.append(done[kind.value, addressee_side])
                    continue
                number = next_document_number(BODY_PREFIX, dispatch.year)
                data, role = _case_notice_data(case, kind, addressee_side, number, dispatch, step_id)
                party = role.party
                # An agent on record receives the notice (facts.addressee), so its consent decides
                # the channel; the document stays the party's (PN-04 opening by its organisation).
                channel_ = delivery_channel(role.agent or party, channel)
                issue = Issue(kind, data, party, addressee_side, channel_, dispatch, step_id)
                doc = store(issue, actor=actor, case=case)
                side_label = "" if role.agent is not None else f"{CaseParty.Side(addressee_side).label} "
                ledger_write(
                    case,
                    action="notice",
                    on=dispatch,
                    actor=actor,
                    description=(
                        f"{doc.title}（{doc.document_number}、第{doc.version}版）を"
                        f"{side_label}{doc.addressee}へ"
                        f"{doc.get_channel_display()}で発出（{SPECS[kind].article}）"
                    ),
                )
                issued.append(doc)
    return issued


def _step_documents(step_id: int | None) -> dict[tuple[str, str], IssuedDocument]:
    if step_id is None:
        return {}
    docs = IssuedDocument.objects.filter(step_id=step_id)
    return {(d.kind, d.addressee_side): d for d in docs}


def case_notices_failure_record(
    *, case_id: int, kinds: list[str], error: RuleViolation, step_id: int | None = None
) -> None:
    """A queued notice that could not be issued (a missing item, a character the font lacks) goes on
    the case's record — ledger line and audit event together — for staff to correct and re-issue,
    instead of passing unnoticed (DP-21, DP-22)."""
    titles = "・".join(SPECS[NoticeKind(k)].title for k in kinds)
    with transaction.atomic():
        case = Case.objects.filter(pk=case_id).first()
        if case is None:
            return
        ledger_write(
            case,
            action="notice_failed",
            description=f"{titles}を発出できませんでした（{error}）。登録内容を確認して再発行してください",
        )
        audit_record(
            event_type=AuditEvent.Type.CASE_CHANGED,
            case_id=case.pk,
            action="notice_failed",
            step=step_id,
            kinds=kinds,
            article=str(error.article),
            field=error.field,
            error=str(error),
        )


def case_notice_preview(case_id: int, kind: str, side: str) -> bytes:
    """The notice as it would be issued now, for the desk to check; nothing is stored or numbered."""
    parsed = _case_kind(kind)
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        raise NotFound(f"事案 {case_id} は見つかりません")
    if side not in facts.addressee_sides(parsed, side if parsed in facts.ONE_SIDE_KINDS else None):
        raise RuleViolation(
            f"{SPECS[parsed].title}は{CaseParty.Side(side).label}宛てには発出しません",
            SPECS[parsed].article,
            field="side",
        )
    dispatch = case.acceptance_dispatched_on if parsed in facts.ACCEPTANCE_KINDS else None
    data, _ = _case_notice_data(case, parsed, side, PREVIEW_NUMBER, dispatch or today())
    return render_notice(parsed, data)[0]
