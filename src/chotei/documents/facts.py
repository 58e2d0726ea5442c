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
from chotei.rules import offices
from chotei.rules.articles import rules
from chotei.rules.errors import RuleViolation
from chotei.rules.notices import NoticeKind
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
CASE_KINDS = frozenset(ADDRESSEES) | {NoticeKind.EXPLANATION}
# Deadlines of these notices count from the acceptance notice's dispatch (DP-09, DP-16).
ACCEPTANCE_KINDS = frozenset(
    {NoticeKind.ACCEPTANCE_APPLICANT, NoticeKind.ACCEPTANCE_RESPONDENT, NoticeKind.STATEMENT_REQUEST}
)

RESULT_TEXT = {
    Case.Result.CHANGED: "保険会社等の支払に関する判断を変更することが相当である（変更）",
    Case.Result.UNCHANGED: "保険会社等の支払に関する判断は妥当である（非変更）",
}

# Keys of a claim's data that the notices read but the standards do not compute with.
NOTICE_KEYS = frozenset(
    {
        "accident_summary",
        "accident_details",
        "no_liability_reason",
        "no_damage_reason",
        "exemption_reason",
    }
)
NONPAYMENT_REASONS = ("no_liability_reason", "no_damage_reason", "exemption_reason")


def addressee_sides(kind: NoticeKind, side: str | None) -> tuple[str, ...]:
    """The sides a notice of ``kind`` goes to; the explanation goes to the side that asked (DP-17)."""
    if kind is NoticeKind.EXPLANATION:
        if side not in CaseParty.Side.values:
            raise RuleViolation(
                "説明を求めた当事者（申請人又は被申請人）を指定してください",
                rules("第16条第2項", "DP-17"),
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


def case_fields(case: Case, kind: NoticeKind, dispatch: dt.date) -> dict[str, object]:
    """The items of ``kind`` from the case as registered; a missing fact stays missing so that
    ``check_notice`` refuses the notice naming it."""
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
            "submit_to": f"{settings.CHOTEI_BODY['name']} {offices.OFFICE_LABELS[case.office]} 事務局",
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
        return {"result_text": result_text, "reasons": case.result_reasons}
    if kind is NoticeKind.EXPLANATION:
        return {
            "requested_on": _ledger_date(case, "explain") or dispatch,
            "result_text": result_text,
            "explanation": f"紛争処理委員会は、次の理由により上記の結論に至りました。{case.result_reasons}"
            if case.result_reasons
            else "",
        }
    if kind is NoticeKind.TERMINATION:
        return {"terminated_on": case.ended_on, "reason": case.end_reason}
    if kind is NoticeKind.WITHDRAWAL:
        return {**named, "withdrawn_on": case.ended_on}
    raise ValueError(f"{kind} は事案の通知ではありません")


def body_contact(case: Case | None = None) -> str:
    """The contact block: the handling section and, once a clerk has acted on the case, the person
    to ask for by name (issue #9 item 10)."""
    body = settings.CHOTEI_BODY
    lines = [body["name"], body["address"], body["contact"]]
    if case is not None:
        clerk = handling_clerk(case)
        lines.insert(
            1, f"担当　{offices.OFFICE_LABELS[case.office]} 事務局" + (f"　{clerk}" if clerk else "")
        )
    return "\n".join(lines)


def handling_clerk(case: Case) -> str:
    """The secretariat clerk who last acted on the case, by name (never a login id)."""
    line = (
        LedgerLine.objects.filter(case=case, actor__profile__role=Role.SECRETARIAT)
        .select_related("actor")
        .order_by("-id")
        .first()
    )
    return (line.actor.get_full_name() if line is not None and line.actor is not None else "") or ""


def insurer_contact(org: Organization) -> str:
    lines = [org.name, f"〒{org.postcode}　{org.address}" if org.postcode else org.address]
    if org.phone:
        lines.append(f"電話 {org.phone}")
    return "\n".join(line for line in lines if line)


def addressee(party: Party) -> dict[str, str]:
    """Name and address exactly as registered, with 様 or 御中."""
    return {
        "addressee_name": party.name,
        "honorific": party.honorific,
        "addressee_address": party.address,
        "addressee_postcode": party.postcode,
    }


def split_claim(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The claim's data as (input to the standards, facts only the notices state)."""
    calc_input = {k: v for k, v in data.items() if k not in NOTICE_KEYS}
    notes = {k: v for k, v in data.items() if k in NOTICE_KEYS}
    return calc_input, notes


def is_nonpayment(data: Mapping[str, Any]) -> bool:
    return any(str(data.get(k) or "").strip() for k in NONPAYMENT_REASONS)


def _grade(grade: Mapping[str, Any] | None) -> dict[str, object] | None:
    """PN-02 令3条3号: the grade and why, from the findings; one finding without a reason leaves the
    reason empty so the notice is refused rather than printed without it."""
    if not grade:
        return None
    findings = list(grade.get("findings") or [])
    reasons = [str(f.get("reason") or "").strip() for f in findings]
    if len(findings) == 1:
        reason = reasons[0]
    else:
        reason = (
            "、".join(f"{f['label']}：{r}" for f, r in zip(findings, reasons, strict=True))
            if all(reasons)
            else ""
        )
    return {
        "table": grade.get("table"),
        "grade": grade.get("grade"),
        "label": "、".join(f"{f['label']}　{f['description']}" for f in findings),
        "reason": reason,
    }


def payment_fields(
    kind: NoticeKind, data: Mapping[str, Any], calculation: Mapping[str, Any] | None
) -> dict[str, object]:
    """The items of a payment notice: amounts, grade and reduction as ``calc`` computed them (PN-02,
    PN-06); accident facts and non-payment reasons as the insurer recorded them (PN-03)."""
    fields: dict[str, object] = {}
    accident = data.get("accident_date")
    if isinstance(accident, str):
        fields["accident_date"] = dt.date.fromisoformat(accident)
    for key in NOTICE_KEYS:
        if key in data:
            fields[key] = data[key]
    if calculation is not None and kind in (NoticeKind.PAYMENT, NoticeKind.PAYMENT_EXPLANATION):
        fields["items"] = [
            {"label": i["label"], "amount": i["amount"], "formula": i["formula"]}
            for i in calculation["items"]
        ]
        grade = _grade(calculation.get("grade"))
        if grade:
            fields["grade"] = grade
        reduction = calculation.get("reduction")
        if reduction:
            fields["reduction"] = {"ratio": reduction["ratio"], "reason": reduction["reason"]}
    return fields
