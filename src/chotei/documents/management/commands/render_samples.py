"""``chotei render-samples OUTDIR``: one PDF of every notice kind, to look at.

When the database holds cases (the demo data set), each dispute notice is rendered from the first
case in a state that calls for it, exactly as the desk's preview renders it: unnumbered, and nothing
is written — no document number taken, nothing on a case's record. Otherwise, and for the payment
notices, which no case holds, realistic data held in memory is used; the payment samples are
computed by the standards like real ones. The command says which source each sample came from.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError

from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.models import Case
from chotei.documents import claim_facts, facts, services
from chotei.documents.models import IssuedDocument
from chotei.documents.pdf import render
from chotei.rules import screening
from chotei.rules.errors import RuleViolation
from chotei.rules.notices.compose import compose
from chotei.rules.notices.data import NoticeData
from chotei.rules.notices.kinds import NoticeKind, kind_label
from chotei.rules.payment import calc
from chotei.rules.states import CaseState

RECEIVED = dt.date(2026, 10, 1)
DISPATCH = dt.date(2026, 10, 15)
APPLICANT = {
    "addressee_name": "山田 太郎",
    "honorific": "様",
    "addressee_address": "東京都世田谷区桜丘三丁目12番5号",
    "addressee_postcode": "156-0054",
}
RESPONDENT = {
    "addressee_name": "あおば損害保険株式会社",
    "honorific": "御中",
    "addressee_address": "東京都千代田区丸の内一丁目1番1号",
    "addressee_postcode": "100-0005",
}
MATTERS = "後遺障害等級を非該当から第14級9号に変更することを求める"
REASONS = "画像所見及び治療経過から、神経症状の残存を医学的に説明できないため。"
# The after-effect part of a claim whose injury part was settled earlier: the sample shows a grade and
# a reduction and still fits on one page.
CLAIM: dict[str, Any] = {
    "accident_date": "2026-01-10",
    "kind": "after_effect",
    "victim_fault_percent": 75,
    "reduction_reason": "歩行者用信号が赤色の表示中に横断した",
    "after_effect": {
        "findings": [
            {"table": "2", "grade": 14, "item": 9, "reason": "頚部痛が残存し、神経学的所見と整合するため"}
        ]
    },
    "accident_summary": "令和8年1月10日、横断歩道を横断中に右折車両と接触した",
    "accident_details": "令和8年1月10日午後6時頃、東京都世田谷区内の交差点において、赤信号で横断中に右折車両と接触した",
}
NONPAYMENT = {
    "accident_date": "2026-01-10",
    "accident_summary": "令和8年1月10日、駐車場内で停止中の車両に歩行者が接触した",
    "no_liability_reason": "被保険自動車は停止しており、運行と事故との間に因果関係が認められないため",
}


# The payment side of the same accident: the guide at the claim, the decision, then the explanation
# the claimant asked for; the non-payment is another claim's.
EXPLANATION_ASKED = dt.date(2026, 9, 1)
PAYMENT_ISSUED: dict[NoticeKind, dt.date] = {
    NoticeKind.CLAIM_GUIDE: dt.date(2026, 7, 1),
    NoticeKind.PAYMENT: dt.date(2026, 8, 20),
    NoticeKind.PAYMENT_EXPLANATION: dt.date(2026, 9, 15),
    NoticeKind.NONPAYMENT: dt.date(2026, 3, 10),
}

NAMED = {"applicant_name": APPLICANT["addressee_name"], "applicant_honorific": APPLICANT["honorific"]}
Sample = tuple[dict[str, str], dt.date, dict[str, object]]


def _case_fields() -> dict[NoticeKind, Sample]:
    """Addressee, issue date and items of each dispute notice, on one coherent timeline: received
    10/1, accepted 10/15, amended 10/20, withdrawn 11/30 or terminated 12/1 or decided 12/10,
    explanation asked 2027/1/8. Each notice is issued on or after the day it reports."""
    terminated, withdrawn, result = dt.date(2026, 12, 1), dt.date(2026, 11, 30), dt.date(2026, 12, 10)
    explain_asked = dt.date(2027, 1, 8)
    return {
        NoticeKind.RECEIPT: (RESPONDENT, RECEIVED, {"received_on": RECEIVED, **NAMED}),
        NoticeKind.ACCEPTANCE_APPLICANT: (
            APPLICANT,
            DISPATCH,
            {
                "received_on": RECEIVED,
                "accepted_on": DISPATCH,
                "amendment_deadline": screening.amendment_deadline(DISPATCH),
            },
        ),
        NoticeKind.ACCEPTANCE_RESPONDENT: (
            RESPONDENT,
            DISPATCH,
            {"accepted_on": DISPATCH, **NAMED, "matters_sought": MATTERS},
        ),
        NoticeKind.REFUSAL: (
            APPLICANT,
            DISPATCH,
            {
                "received_on": RECEIVED,
                "ground": "R5-1-9",
                "ground_text": screening.refusal_message(screening.ground("R5-1-9")),
            },
        ),
        NoticeKind.AMENDMENT: (
            RESPONDENT,
            dt.date(2026, 10, 22),
            {
                **NAMED,
                "amendment_received_on": dt.date(2026, 10, 20),
                "amended_matters": "後遺障害等級を非該当から第12級13号に変更することを求める",
                "previous_matters": MATTERS,
            },
        ),
        NoticeKind.STATEMENT_REQUEST: (
            RESPONDENT,
            DISPATCH,
            {
                **NAMED,
                "deadline": screening.respondent_statement_deadline(DISPATCH),
                "submit_to": f"{settings.CHOTEI_BODY['name']} 本部 事務局",
            },
        ),
        NoticeKind.RESULT: (
            APPLICANT,
            result,
            {"result_text": facts.RESULT_TEXT["unchanged"], "reasons": REASONS},
        ),
        NoticeKind.EXPLANATION: (
            APPLICANT,
            dt.date(2027, 1, 15),
            {
                "requested_on": explain_asked,
                "result_text": facts.RESULT_TEXT["unchanged"],
                "explanation": f"紛争処理委員会は、次の理由により上記の結論に至りました。{REASONS}",
            },
        ),
        NoticeKind.TERMINATION: (
            APPLICANT,
            terminated,
            {
                "terminated_on": terminated,
                "ground": "R17-1",
                "reason": "訴訟が提起され、解決の見込みがないため",
            },
        ),
        NoticeKind.WITHDRAWAL: (
            RESPONDENT,
            terminated,
            {**NAMED, "withdrawn_on": withdrawn},
        ),
    }


def _payment_fields(kind: NoticeKind) -> dict[str, object]:
    if kind is NoticeKind.CLAIM_GUIDE:
        return facts.claim_guide_fields(dt.date.fromisoformat(CLAIM["accident_date"]))
    if kind is NoticeKind.NONPAYMENT:
        return claim_facts.payment_fields(kind, NONPAYMENT, None)
    calculation = calc.calculate_dict(claim_facts.split_claim(CLAIM)[0])
    fields = claim_facts.payment_fields(kind, CLAIM, calculation, APPLICANT["addressee_name"])
    if kind is NoticeKind.PAYMENT_EXPLANATION:
        fields["requested_on"] = EXPLANATION_ASKED
    return fields


def sample_data(kind: NoticeKind, number: int) -> NoticeData:
    """The in-memory sample of ``kind``, numbered ``number`` in its year."""
    body = settings.CHOTEI_BODY
    case_fields = _case_fields()
    if kind in case_fields:
        addressee, issued_on, fields = case_fields[kind]
        return NoticeData(
            document_number=f"紛処第{issued_on.year}-{number:06d}号",
            issued_on=issued_on,
            sender_name=body["name"],
            sender_title=body["chair"],
            case_number="2026東第00042号",
            fields=fields,
            contact=f"{body['name']}\n{body['address']}\n{body['contact']}",
            **addressee,
        )
    issued_on = PAYMENT_ISSUED[kind]
    return NoticeData(
        document_number=f"支通第{issued_on.year}-{number:06d}号",
        issued_on=issued_on,
        sender_name="あおば損害保険株式会社",
        sender_title="",
        case_number="AOB-2026-00871",
        fields=_payment_fields(kind),
        contact="あおば損害保険株式会社 自賠責損害サービス部\n東京都千代田区丸の内一丁目1番1号\n電話 03-1234-5678",
        **APPLICANT,
    )


# The states of a case whose record calls for each dispute notice; the first such case is used.
DEMO_STATES: dict[NoticeKind, tuple[CaseState, ...]] = {
    NoticeKind.RECEIPT: (CaseState.RECEIVED, CaseState.SCREENING),
    NoticeKind.ACCEPTANCE_APPLICANT: (CaseState.ACCEPTED,),
    NoticeKind.ACCEPTANCE_RESPONDENT: (CaseState.ACCEPTED,),
    NoticeKind.STATEMENT_REQUEST: (CaseState.ACCEPTED,),
    NoticeKind.REFUSAL: (CaseState.REFUSED,),
    NoticeKind.AMENDMENT: (CaseState.ACCEPTED, CaseState.UNDER_REVIEW),
    NoticeKind.RESULT: (CaseState.RESULT_NOTIFIED, CaseState.CLOSED),
    NoticeKind.EXPLANATION: (CaseState.RESULT_NOTIFIED, CaseState.CLOSED),
    NoticeKind.TERMINATION: (CaseState.TERMINATED,),
    NoticeKind.WITHDRAWAL: (CaseState.WITHDRAWN,),
}


def has_cases() -> bool:
    """Whether the database holds cases to render from; an unmigrated database holds none."""
    try:
        return Case.objects.exists()
    except DatabaseError:
        return False


def demo_case(kind: NoticeKind) -> Case | None:
    """The first case in a state that calls for ``kind`` (an amendment only once one was allowed)."""
    cases = Case.objects.filter(state__in=DEMO_STATES[kind])
    if kind is NoticeKind.AMENDMENT:
        cases = cases.filter(amendments__accepted=True)
    return cases.order_by("id").first()


def issued_pdf(kind: NoticeKind) -> tuple[bytes, str] | None:
    """The first notice of ``kind`` actually issued, exactly as stored (its number and date, not a
    re-render dated today); the reading is audited like any opening (DP-22)."""
    doc = IssuedDocument.objects.filter(kind=kind.value).order_by("id").first()
    if doc is None:
        return None
    audit_record(
        event_type=AuditEvent.Type.DOCUMENT_OPENED,
        case_id=doc.case_id,
        document=doc.pk,
        number=doc.document_number,
        kind=doc.kind,
        version=doc.version,
        channel="cli",
        purpose="render-samples",
    )
    return services.document_content(doc), doc.document_number


def demo_pdf(kind: NoticeKind) -> tuple[bytes, str] | None:
    """The notice of ``kind`` for the first fitting case, as the desk previews it (unnumbered, not
    stored), with that case's number; ``None`` when no case fits or its record cannot make one."""
    case = demo_case(kind) if kind in DEMO_STATES else None
    if case is None:
        return None
    side = facts.addressee_sides(kind, "applicant")[0]
    try:
        pdf = services.case_notice_preview(case.pk, kind.value, side)
    except RuleViolation:
        return None
    # Rendering a case's notice to disk reads personal data: it is logged like any opening (DP-22).
    audit_record(
        event_type=AuditEvent.Type.CASE_VIEWED,
        case_id=case.pk,
        channel="cli",
        purpose="render-samples",
        kind=kind.value,
    )
    return pdf, case.number


class Command(BaseCommand):
    help = (
        "すべての種類の通知書の見本PDFを OUTDIR/<種類>.pdf に出力します。データベースに事案（デモデータ）が"
        "あれば各状態の最初の事案から、なければ組み込みの見本データから作成します（データベースには書き込みません）"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("outdir", type=Path, help="出力先のディレクトリ")
        parser.add_argument(
            "--builtin",
            action="store_true",
            help="データベースの事案を使わず、組み込みの見本データだけで作成する",
        )

    def handle(self, *args: Any, outdir: Path, builtin: bool = False, **options: Any) -> None:
        outdir.mkdir(parents=True, exist_ok=True)
        use_db = not builtin and has_cases()
        from_db = 0
        for number, kind in enumerate(NoticeKind, start=1):
            path = outdir / f"{kind.value}.pdf"
            stored = issued_pdf(kind) if use_db else None
            made = demo_pdf(kind) if use_db and stored is None else None
            if stored is not None:
                path.write_bytes(stored[0])
                from_db += 1
                source = f"発出済みの文書 {stored[1]}"
            elif made is not None:
                path.write_bytes(made[0])
                from_db += 1
                source = f"事案 {made[1]}"
            else:
                data = sample_data(kind, number)
                path.write_bytes(render(compose(kind, data), data))
                source = "組み込みの見本データ"
            self.stdout.write(f"{path}　{kind_label(kind)}（{source}）")
        if use_db:
            summary = f"データベースの事案から {from_db} 種類、組み込みの見本データから {len(NoticeKind) - from_db} 種類"
        elif builtin:
            summary = "指定により、すべて組み込みの見本データから"
        else:
            summary = "データベースに事案がないため、すべて組み込みの見本データから"
        self.stdout.write(f"{len(NoticeKind)} 種類の見本を出力しました（{summary}作成）")
