"""``chotei render-samples OUTDIR``: one PDF of every notice kind, from realistic data held in memory.

Nothing is read from or written to the database: sample notices must never take a document number
or appear in a case's record. Payment samples are computed by the standards like real ones.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from chotei.documents import facts
from chotei.documents.pdf import render
from chotei.rules import screening
from chotei.rules.notices import NoticeData, NoticeKind, compose
from chotei.rules.payment import calc

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
CLAIM: dict[str, Any] = {
    "accident_date": "2026-01-10",
    "kind": "after_effect",
    "victim_fault_percent": 75,
    "reduction_reason": "歩行者用信号が赤色の表示中に横断した",
    "injury": {
        "treatment_start": "2026-01-10",
        "treatment_end": "2026-06-30",
        "hospital_days": 5,
        "outpatient_days": 60,
        "medical_fees": 450_000,
        "absence_days": 30,
    },
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


def _case_fields() -> dict[NoticeKind, tuple[dict[str, str], dict[str, object]]]:
    received = dt.date(2026, 10, 1)
    return {
        NoticeKind.RECEIPT: (RESPONDENT, {"received_on": received, "applicant_name": "山田 太郎"}),
        NoticeKind.ACCEPTANCE_APPLICANT: (
            APPLICANT,
            {
                "received_on": received,
                "accepted_on": DISPATCH,
                "amendment_deadline": screening.amendment_deadline(DISPATCH),
            },
        ),
        NoticeKind.ACCEPTANCE_RESPONDENT: (
            RESPONDENT,
            {"accepted_on": DISPATCH, "applicant_name": "山田 太郎", "matters_sought": MATTERS},
        ),
        NoticeKind.REFUSAL: (
            APPLICANT,
            {
                "received_on": received,
                "ground": "R5-1-9",
                "ground_text": screening.refusal_message(screening.ground("R5-1-9")),
            },
        ),
        NoticeKind.AMENDMENT: (
            RESPONDENT,
            {
                "applicant_name": "山田 太郎",
                "amendment_received_on": dt.date(2026, 10, 20),
                "amended_matters": "後遺障害等級を非該当から第12級13号に変更することを求める",
                "previous_matters": MATTERS,
            },
        ),
        NoticeKind.STATEMENT_REQUEST: (
            RESPONDENT,
            {
                "applicant_name": "山田 太郎",
                "deadline": screening.respondent_statement_deadline(DISPATCH),
                "submit_to": f"{settings.CHOTEI_BODY['name']} 本部 事務局",
            },
        ),
        NoticeKind.RESULT: (
            APPLICANT,
            {"result_text": facts.RESULT_TEXT["unchanged"], "reasons": REASONS},
        ),
        NoticeKind.EXPLANATION: (
            APPLICANT,
            {
                "requested_on": dt.date(2027, 1, 8),
                "result_text": facts.RESULT_TEXT["unchanged"],
                "explanation": f"紛争処理委員会は、次の理由により上記の結論に至りました。{REASONS}",
            },
        ),
        NoticeKind.TERMINATION: (
            APPLICANT,
            {"terminated_on": dt.date(2026, 12, 1), "reason": "訴訟が提起され、解決の見込みがないため"},
        ),
        NoticeKind.WITHDRAWAL: (
            RESPONDENT,
            {"applicant_name": "山田 太郎", "withdrawn_on": dt.date(2026, 11, 30)},
        ),
    }


def _payment_fields(kind: NoticeKind) -> dict[str, object]:
    if kind is NoticeKind.CLAIM_GUIDE:
        return {}
    if kind is NoticeKind.NONPAYMENT:
        return facts.payment_fields(kind, NONPAYMENT, None)
    calculation = calc.calculate_dict(facts.split_claim(CLAIM)[0])
    fields = facts.payment_fields(kind, CLAIM, calculation)
    if kind is NoticeKind.PAYMENT_EXPLANATION:
        fields["requested_on"] = dt.date(2026, 9, 1)
    return fields


def sample_data(kind: NoticeKind, number: int) -> NoticeData:
    body = settings.CHOTEI_BODY
    case_fields = _case_fields()
    if kind in case_fields:
        addressee, fields = case_fields[kind]
        return NoticeData(
            document_number=f"紛処第{DISPATCH.year}-{number:06d}号",
            issued_on=DISPATCH,
            sender_name=body["name"],
            sender_title=body["chair"],
            case_number="2026東第00042号",
            fields=fields,
            contact=f"{body['name']}\n{body['address']}\n{body['contact']}",
            **addressee,
        )
    return NoticeData(
        document_number=f"支通第{DISPATCH.year}-{number:06d}号",
        issued_on=DISPATCH,
        sender_name="あおば損害保険株式会社",
        sender_title="",
        case_number="AOB-2026-00871",
        fields=_payment_fields(kind),
        contact="あおば損害保険株式会社 自賠責損害サービス部\n東京都千代田区丸の内一丁目1番1号\n電話 03-1234-5678",
        **APPLICANT,
    )


class Command(BaseCommand):
    help = "すべての種類の通知書の見本PDFを OUTDIR/<種類>.pdf に出力します（データベースは使いません）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("outdir", type=Path, help="出力先のディレクトリ")

    def handle(self, *args: Any, outdir: Path, **options: Any) -> None:
        outdir.mkdir(parents=True, exist_ok=True)
        for number, kind in enumerate(NoticeKind, start=1):
            data = sample_data(kind, number)
            path = outdir / f"{kind.value}.pdf"
            path.write_bytes(render(compose(kind, data), data))
            self.stdout.write(f"{path}")
        self.stdout.write(f"{len(NoticeKind)} 種類の見本を出力しました")
