"""What a notice says, read from the records — never typed by hand (DP-05..DP-19, PN-01..PN-07).

Dispute notices read the case, its parties and its ledger; payment notices read the claim and the
payment computed from it by the standards (``calc.calculate_dict``), so no amount is ever entered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings

from chotei.accounts.models import Role
from chotei.disputes.models import Case, CaseParty, LedgerLine
from chotei.parties.models import Organization, Party
from chotei.rules import grades, offices
from chotei.rules.articles import rules
from chotei.rules.errors import RuleViolation
from chotei.rules.notices.claim_guide import dispute_body_summary, standards_summary
from chotei.rules.notices.kinds import SPECS, NoticeKind
from chotei.rules.notices.wording import applicant_honorific, you_word
from chotei.rules.payment.standards import standard_for
from chotei.rules.screening import ONE_APPLICATION_TEXT
from chotei.rules.states import Action

# Who each dispute notice goes to; "both" means one document for each party.
ADDRESSEES: dict[NoticeKind, tuple[str, ...]] = {
    NoticeKind.RECEIPT: ("respondent",),
    NoticeKind.ACCEPTANCE_APPLICANT: ("applicant",),
    NoticeKind.ACCEPTANCE_RESPONDENT: ("respondent",),
    NoticeKind.STATEMENT_REQUEST: ("respondent",),
    NoticeKind.AMENDMENT: ("respondent",),
    NoticeKind.WITHDRAWAL: ("respondent",),
    NoticeKind.REFUSAL: ("applicant", "respondent"),
    NoticeKind.RESULT: ("applicant", "respondent"),
    NoticeKind.TERMINATION: ("applicant", "respondent"),
}
# Notices that go to the one party a step names: the explanation to the side that asked (DP-17), a
# further request to the side asked (DP-16).
ONE_SIDE_KINDS = frozenset({NoticeKind.EXPLANATION, NoticeKind.FURTHER_REQUEST})
CASE_KINDS = frozenset(ADDRESSEES) | ONE_SIDE_KINDS
# Deadlines of these notices count from the acceptance notice's dispatch (DP-09, DP-16).
ACCEPTANCE_KINDS = frozenset(
    {NoticeKind.ACCEPTANCE_APPLICANT, NoticeKind.ACCEPTANCE_RESPONDENT, NoticeKind.STATEMENT_REQUEST}
)

# What follows the result (issue 7): on 変更 the insurer acts on it; on 非変更 the procedure has
# ended and the same dispute cannot come back (規程第5条第1項第7号).
NEXT_STEPS = {
    Case.Result.CHANGED: "保険会社等は、本結果を踏まえて支払に関する判断を見直し、その内容を申請者に通知します。",
    Case.Result.UNCHANGED: f"本件の紛争処理手続は終了しました。{ONE_APPLICATION_TEXT}",
}
RESULT_TEXT = {
    Case.Result.CHANGED: "保険会社等の支払に関する判断を変更することが相当である（変更）",
    Case.Result.UNCHANGED: "保険会社等の支払に関する判断は妥当である（非変更）",
}


def addressee_sides(kind: NoticeKind, side: str | None) -> tuple[str, ...]:
    """The sides a notice of ``kind`` goes to; a one-side notice to the side its step names."""
    if kind in ONE_SIDE_KINDS:
        if side not in CaseParty.Side.values:
            raise RuleViolation(
                "宛先の当事者（申請人又は被申請人）を指定してください",
                SPECS[kind].article,
                field="side",
            )
        return (str(side),)
    return ADDRESSEES[kind]


def case_party(case: Case, side: str) -> CaseParty:
    found = next((cp for cp in case.parties.all() if cp.side == side), None)
    if found is None:
        raise RuleViolation(
            f"事案 {case.number} に{CaseParty.Side(side).label}が登録されていません",
            rules("第4条第1項", "DP-02"),
            field="parties",
        )
    return found


def _ledger_date(case: Case, action: str) -> dt.date | None:
    line = case.ledger.filter(action=action).order_by("-id").first()
    return line.on if line is not None else None


def _latest_amendment(case: Case) -> Any:
    amendment = case.amendments.filter(accepted=True).order_by("-id").first()
    if amendment is None:
        raise RuleViolation(
            "認められた求める事項の変更がありません", rules("第5条の2第3項", "DP-09"), field="amendment"
        )
    return amendment


def _further_request(case: Case, side: str | None, step_id: int | None) -> Any:
    """The request the step made; for a preview (no step), the side's latest."""
    requests = case.further_requests.all()
    found = (
        requests.filter(step_id=step_id).first()
        if step_id is not None
        else requests.filter(side=side).order_by("-id").first()
    )
    if found is None:
        raise RuleViolation(
            "追加の意見陳述及び証拠資料の提出の求めが記録されていません",
            rules("第15条第9項", "DP-16"),
            field="further_request",
        )
    return found


def case_fields(
    case: Case, kind: NoticeKind, dispatch: dt.date, side: str | None = None, step_id: int | None = None
) -> dict[str, object]:
    """The items of ``kind`` from the case as registered; a missing fact stays missing so that
    ``check_notice`` refuses the notice naming it. ``side`` and ``step_id`` pick the request a
    further-request notice states."""
    applicant = case_party(case, "applicant").party
    # The body names the applicant with 様 when a person (see notices.applicant_honorific).
    named = {"applicant_name": applicant.name, "applicant_honorific": applicant.honorific}
    result_text = RESULT_TEXT.get(Case.Result(case.result)) if case.result else None
    if kind is NoticeKind.RECEIPT:
        return {"received_on": case.received_on, **named}
    if kind is NoticeKind.ACCEPTANCE_APPLICANT:
        return {
            "received_on": case.received_on,
            "accepted_on": _ledger_date(case, Action.ACCEPT),
            "amendment_deadline": case.amendment_due_on,
        }
    if kind is NoticeKind.ACCEPTANCE_RESPONDENT:
        return {
            "accepted_on": _ledger_date(case, Action.ACCEPT),
            **named,
            "matters_sought": case.matters_sought,
        }
    if kind is NoticeKind.STATEMENT_REQUEST:
        return {
            **named,
            "deadline": case.statement_due_on,
            "submit_to": office_address(case.office),
        }
    if kind is NoticeKind.FURTHER_REQUEST:
        request = _further_request(case, side, step_id)
        return {
            "requested_matters": request.matters,
            "deadline": request.due_on,
            "submit_to": office_address(case.office),
        }
    if kind is NoticeKind.REFUSAL:
        return {
            "received_on": case.received_on,
            "ground": case.refusal_ground,
            "ground_text": case.end_reason,
        }
    if kind is NoticeKind.AMENDMENT:
        amendment = _latest_amendment(case)
        return {
            **named,
            "amendment_received_on": amendment.requested_on,
            "amended_matters": amendment.after,
            "previous_matters": amendment.before,
        }
    if kind is NoticeKind.RESULT:
        return {
            "matters_sought": case.matters_sought,
            "decision_notified_on": case.decision_notified_on,
            "result_text": result_text,
            "grade_change": grades.change_text(case.grade_before, case.grade_after)
            if case.grade_after
            else None,
            "reasons": case.result_reasons,
            "next_step": NEXT_STEPS.get(Case.Result(case.result)) if case.result else None,
        }
    if kind is NoticeKind.EXPLANATION:
        # The body's published structure (規程16条2項): 自賠責の判断 → 申請人の主張 → 機構の判断 → 結論.
        return {
            "requested_on": _ledger_date(case, "explain") or dispatch,
            "insurer_decision": case.negotiation_history,
            "applicant_claim": case.claim,
            "explanation": case.result_reasons,
            "result_text": result_text,
        }
    if kind is NoticeKind.TERMINATION:
        return {"terminated_on": case.ended_on, "ground": case.termination_ground, "reason": case.end_reason}
    if kind is NoticeKind.WITHDRAWAL:
        return {**named, "withdrawn_on": case.ended_on}
    raise ValueError(f"{kind} は事案の通知ではありません")


OFFICE_ARTICLE = rules("第7条", "DP-24")
_OFFICE_ITEMS = (
    ("label", "名称"),
    ("postcode", "郵便番号"),
    ("address", "所在地"),
    ("phone", "電話番号"),
    ("hours", "受付時間"),
)


def _office(office: str) -> Mapping[str, str]:
    """The office's registered contact; one that lacks an item refuses the notice rather than
    printing another office's block or a blank (issue 7)."""
    entry = settings.CHOTEI_OFFICES.get(office) or {}
    missing = [label for key, label in _OFFICE_ITEMS if not str(entry.get(key) or "").strip()]
    if missing:
        name = offices.OFFICE_LABELS.get(office, office or "（未設定）")
        raise RuleViolation(
            f"事務所「{name}」の{'・'.join(missing)}が登録されていないため、問い合わせ先を記載できません",
            OFFICE_ARTICLE,
            field="office",
        )
    return entry


def office_address(office: str) -> str:
    """Where a party sends its papers: the body and the handling office with its postal address."""
    entry = _office(office)
    return f"{settings.CHOTEI_BODY['name']} {entry['label']}（〒{entry['postcode']}　{entry['address']}）"


def body_contact(case: Case) -> str:
    """The contact block of the office handling the case (DP-24): its own address, phone and hours,
    the handling section and, once a clerk has acted on the case, the person to ask for by name
    (issue #9 item 10)."""
    return office_contact(case.office, handling_clerk(case))


def office_contact(office: str, clerk: str = "") -> str:
    """An office's contact block: the body, the office and the clerk to ask for, address, phone, hours."""
    entry = _office(office)
    return "\n".join(
        (
            f"{settings.CHOTEI_BODY['name']}　{entry['label']}",
            f"担当　{entry['label']}" + (f"　{clerk}" if clerk else ""),
            f"〒{entry['postcode']}　{entry['address']}",
            f"電話 {entry['phone']}（{entry['hours']}）",
        )
    )


def handling_clerk(case: Case) -> str:
    """The clerk to ask for by name (never a login id): the case's assigned clerk (担当職員), else the
    secretariat clerk who last acted on it."""
    clerk = case.assigned_clerk
    if clerk is None:
        line = (
            LedgerLine.objects.filter(case=case, actor__profile__role=Role.SECRETARIAT)
            .select_related("actor")
            .order_by("-id")
            .first()
        )
        clerk = line.actor if line is not None else None
    return f"{clerk.last_name} {clerk.first_name}".strip() if clerk is not None else ""


def insurer_contact(org: Organization) -> str:
    lines = [org.name, f"〒{org.postcode}　{org.address}" if org.postcode else org.address]
    if org.phone:
        lines.append(f"電話 {org.phone}")
    return "\n".join(line for line in lines if line)


def addressee(party: Party, agent: Party | None = None, side: str = "") -> dict[str, str]:
    """Name and address exactly as registered, with 様 or 御中, and how the text refers to the
    addressee: an organisation by its registered kind (貴組合 / 貴会 for co-ops, never 貴社 to all).

    A party with an agent on record (代理人) is written to at the agent's address: the notice is
    addressed to the agent and names the party (「申請人　山田 太郎　代理人」), and the running text
    names the party instead of 「貴殿」 (the body's practice, docs/decisions.md)."""
    org_kind = party.organization.kind if party.organization_id and party.organization else ""
    if agent is None:
        return {
            "addressee_name": party.name,
            "honorific": party.honorific,
            "addressee_address": party.address,
            "addressee_postcode": party.postcode,
            "you": you_word(party.honorific, org_kind, party.name),
        }
    side_label = CaseParty.Side(side).label if side in CaseParty.Side.values else ""
    return {
        "addressee_name": agent.name,
        "honorific": agent.honorific,
        "addressee_address": agent.address,
        "addressee_postcode": agent.postcode,
        "represented": "　".join(p for p in (side_label, party.name, "代理人") if p),
        "you": f"{party.name}{applicant_honorific(party.honorific)}",
    }


def claim_guide_fields(on: dt.date) -> dict[str, object]:
    """PN-01 (令2条): the standards in force on ``on`` (the accident date where known) and the body
    with each office's address, phone and hours."""
    contacts = []
    for office in settings.CHOTEI_OFFICES:
        entry = _office(office)
        contacts.append(
            f"{entry['label']}（〒{entry['postcode']}　{entry['address']}、電話 {entry['phone']}、{entry['hours']}）"
        )
    return {
        "standards_summary": standards_summary(standard_for(on)),
        "dispute_body_summary": dispute_body_summary(settings.CHOTEI_BODY["name"], contacts),
    }
