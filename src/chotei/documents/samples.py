"""The built-in samples of ``chotei render-samples`` (issue #7 item 6): one consistent set of facts per
person, so that every sample naming a person gives the same accident, insurer, vehicle, grade, office
and case, and each person's dates run accident → insurer's decision → application → receipt → result.

A case ends one way only, so the other endings (refusal, termination, withdrawal) are other people's
cases. Payment amounts are computed by the standards like real ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from chotei.documents import claim_facts, facts
from chotei.rules import screening
from chotei.rules.notices.data import NoticeData
from chotei.rules.notices.kinds import NoticeKind
from chotei.rules.payment import calc
from chotei.rules.termination import LAWSUIT_PENDING

INSURER = {
    "addressee_name": "あおば損害保険株式会社",
    "honorific": "御中",
    "addressee_address": "東京都千代田区丸の内一丁目1番1号",
    "addressee_postcode": "100-0005",
}
INSURER_CONTACT = (
    "あおば損害保険株式会社 自賠責損害サービス部\n東京都千代田区丸の内一丁目1番1号\n電話 03-1234-5678"
)
OFFICE = "tokyo"  # the 東 of the case numbers


@dataclass(frozen=True, slots=True)
class Person:
    """A victim and what happened to them; None where that step never happened."""

    name: str
    postcode: str
    address: str
    accident_date: dt.date
    vehicle: str
    insurer: str = INSURER["addressee_name"]
    claim_reference: str | None = None
    decided_on: dt.date | None = None  # the insurer's payment or non-payment notice
    grade: str | None = None
    case_number: str | None = None
    received_on: dt.date | None = None

    @property
    def addressee(self) -> dict[str, str]:
        return {
            "addressee_name": self.name,
            "honorific": "様",
            "addressee_address": self.address,
            "addressee_postcode": self.postcode,
        }

    @property
    def named(self) -> dict[str, str]:
        return {"applicant_name": self.name, "applicant_honorific": "様"}


# The after-effect decision disputed: 第14級9号 found, the applicant seeks 第12級13号.
YAMADA = Person(
    name="山田 太郎",
    postcode="156-0054",
    address="東京都世田谷区桜丘三丁目12番5号",
    accident_date=dt.date(2026, 1, 10),
    vehicle="品川 330 あ 12-34",
    claim_reference="AOB-2026-00871",
    decided_on=dt.date(2026, 8, 20),
    grade="第14級9号",
    case_number="2026東第00042号",
    received_on=dt.date(2026, 10, 1),
)
# Not paid: the insured car was parked; no dispute was brought.
SATO = Person(
    name="佐藤 花子",
    postcode="160-0022",
    address="東京都新宿区新宿五丁目8番10号",
    accident_date=dt.date(2026, 2, 3),
    vehicle="練馬 500 さ 56-78",
    claim_reference="AOB-2026-00905",
    decided_on=dt.date(2026, 3, 10),
)
# Applied before claiming from the insurer: refused on the curable ground 第8号.
SUZUKI = Person(
    name="鈴木 一郎",
    postcode="330-0063",
    address="埼玉県さいたま市浦和区高砂二丁目4番1号",
    accident_date=dt.date(2026, 5, 20),
    vehicle="大宮 300 た 90-12",
    case_number="2026東第00040号",
    received_on=dt.date(2026, 9, 24),
)
# Sued the insurer's insured while the case was under review: terminated on the lawsuit ground.
TAKAHASHI = Person(
    name="高橋 誠",
    postcode="222-0033",
    address="神奈川県横浜市港北区新横浜三丁目7番18号",
    accident_date=dt.date(2025, 11, 2),
    vehicle="横浜 500 な 34-56",
    claim_reference="AOB-2026-00412",
    decided_on=dt.date(2026, 6, 1),
    case_number="2026東第00031号",
    received_on=dt.date(2026, 7, 15),
)
# Settled with the insurer and withdrew.
ITO = Person(
    name="伊藤 由美",
    postcode="264-0025",
    address="千葉県千葉市若葉区都賀三丁目15番2号",
    accident_date=dt.date(2026, 3, 15),
    vehicle="千葉 330 ま 78-90",
    claim_reference="AOB-2026-00633",
    decided_on=dt.date(2026, 7, 30),
    case_number="2026東第00044号",
    received_on=dt.date(2026, 10, 5),
)
PEOPLE: tuple[Person, ...] = (YAMADA, SATO, SUZUKI, TAKAHASHI, ITO)

MATTERS = "後遺障害等級を第14級9号から第12級13号に変更することを求める"
AMENDED = (
    "後遺障害等級を第14級9号から第12級13号に変更すること及び重大な過失による2割の減額を行わないことを求める"
)
REASONS = (
    "頚部の神経症状は、画像所見上の異常が認められず他覚的に証明されるものとはいえないため第12級13号には"
    "該当せず、局部に神経症状を残すもの（第14級9号）とした判断は妥当である。また、被害者の過失割合を75%と"
    "して2割を減額した判断も支払基準に従ったものである。"
)
ACCEPTED = dt.date(2026, 10, 15)
FURTHER_ASKED = dt.date(2026, 11, 16)
# 山田's claim: the after-effect part, whose injury part was settled earlier; it shows a grade and a
# reduction and still fits on one page.
CLAIM: dict[str, Any] = {
    "accident_date": YAMADA.accident_date.isoformat(),
    "kind": "after_effect",
    "victim_name": YAMADA.name,
    "vehicle": YAMADA.vehicle,
    "victim_fault_percent": 75,
    "reduction_reason": "歩行者用信号が赤色の表示中に、横断歩道の手前の車道を斜めに横断した",
    "after_effect": {
        "findings": [
            {"table": "2", "grade": 14, "item": 9, "reason": "頚部痛が残存し、神経学的所見と整合するため"}
        ]
    },
    "accident_summary": "令和8年1月10日、横断歩道を横断中に右折車両と接触した",
    "accident_details": "令和8年1月10日午後6時頃、東京都世田谷区内の交差点において、赤信号で横断中に右折車両と接触した",
}
NONPAYMENT: dict[str, Any] = {
    "accident_date": SATO.accident_date.isoformat(),
    "victim_name": SATO.name,
    "vehicle": SATO.vehicle,
    "accident_summary": "令和8年2月3日、駐車場内で停止中の車両に歩行者が接触した",
    "no_liability_reason": "被保険自動車は停止しており、運行と事故との間に因果関係が認められないため",
}
EXPLANATION_ASKED = dt.date(2026, 9, 1)


@dataclass(frozen=True, slots=True)
class Sample:
    """One notice of the samples: about whom, to whom, when, and its items."""

    person: Person
    to_insurer: bool
    issued_on: dt.date
    fields: dict[str, object] = field(default_factory=dict)


def _payment(kind: NoticeKind) -> dict[str, object]:
    if kind is NoticeKind.CLAIM_GUIDE:
        return facts.claim_guide_fields(YAMADA.accident_date)
    if kind is NoticeKind.NONPAYMENT:
        return claim_facts.payment_fields(kind, NONPAYMENT, None)
    calculation = calc.calculate_dict(claim_facts.split_claim(CLAIM)[0])
    fields = claim_facts.payment_fields(kind, CLAIM, calculation, YAMADA.name)
    if kind is NoticeKind.PAYMENT_EXPLANATION:
        fields["requested_on"] = EXPLANATION_ASKED
    return fields


def samples() -> dict[NoticeKind, Sample]:
    """Every kind's sample; each notice is issued on or after the day it reports."""
    refused = screening.ground("R5-1-8")
    result, explain_asked = dt.date(2026, 12, 10), dt.date(2027, 1, 8)
    terminated, withdrawn = dt.date(2026, 11, 20), dt.date(2026, 11, 30)
    return {
        NoticeKind.CLAIM_GUIDE: Sample(YAMADA, False, dt.date(2026, 7, 1), _payment(NoticeKind.CLAIM_GUIDE)),
        NoticeKind.PAYMENT: Sample(YAMADA, False, dt.date(2026, 8, 20), _payment(NoticeKind.PAYMENT)),
        NoticeKind.PAYMENT_EXPLANATION: Sample(
            YAMADA, False, dt.date(2026, 9, 15), _payment(NoticeKind.PAYMENT_EXPLANATION)
        ),
        NoticeKind.NONPAYMENT: Sample(SATO, False, dt.date(2026, 3, 10), _payment(NoticeKind.NONPAYMENT)),
        NoticeKind.RECEIPT: Sample(
            YAMADA, True, dt.date(2026, 10, 1), {"received_on": YAMADA.received_on, **YAMADA.named}
        ),
        NoticeKind.ACCEPTANCE_APPLICANT: Sample(
            YAMADA,
            False,
            ACCEPTED,
            {
                "received_on": YAMADA.received_on,
                "accepted_on": ACCEPTED,
                "amendment_deadline": screening.amendment_deadline(ACCEPTED),
            },
        ),
        NoticeKind.ACCEPTANCE_RESPONDENT: Sample(
            YAMADA, True, ACCEPTED, {"accepted_on": ACCEPTED, **YAMADA.named, "matters_sought": MATTERS}
        ),
        NoticeKind.STATEMENT_REQUEST: Sample(
            YAMADA,
            True,
            ACCEPTED,
            {
                **YAMADA.named,
                "deadline": screening.respondent_statement_deadline(ACCEPTED),
                "submit_to": facts.office_address(OFFICE),
            },
        ),
        # The panel asks 山田 for his treatment records before it meets (規程15条9項).
        NoticeKind.FURTHER_REQUEST: Sample(
            YAMADA,
            False,
            FURTHER_ASKED,
            {
                "requested_matters": "事故後の通院状況が分かる診療録（令和7年11月から令和8年5月まで）の写し",
                "deadline": screening.further_request_deadline(FURTHER_ASKED, None),
                "submit_to": facts.office_address(OFFICE),
            },
        ),
        NoticeKind.AMENDMENT: Sample(
            YAMADA,
            True,
            dt.date(2026, 10, 22),
            {
                **YAMADA.named,
                "amendment_received_on": dt.date(2026, 10, 20),
                "amended_matters": AMENDED,
                "previous_matters": MATTERS,
            },
        ),
        NoticeKind.RESULT: Sample(
            YAMADA,
            False,
            result,
            {
                "matters_sought": AMENDED,
                "decision_notified_on": YAMADA.decided_on,
                "result_text": facts.RESULT_TEXT["unchanged"],
                "reasons": REASONS,
                "next_step": facts.NEXT_STEPS["unchanged"],
            },
        ),
        NoticeKind.EXPLANATION: Sample(
            YAMADA,
            False,
            dt.date(2027, 1, 15),
            {
                "requested_on": explain_asked,
                "insurer_decision": "後遺障害を第14級9号と認定し、被害者の過失割合75%により2割を減額した"
                "600,000円を支払う旨を令和8年8月20日に通知した。",
                "applicant_claim": "頚部痛は画像所見と整合し第12級13号に該当する。また、2割の減額は不当である。",
                "explanation": f"紛争処理委員会の判断は次のとおりです。{REASONS}",
                "result_text": facts.RESULT_TEXT["unchanged"],
            },
        ),
        NoticeKind.REFUSAL: Sample(
            SUZUKI,
            False,
            dt.date(2026, 10, 8),
            {
                "received_on": SUZUKI.received_on,
                "ground": refused.code,
                "ground_text": screening.refusal_message(refused),
            },
        ),
        NoticeKind.TERMINATION: Sample(
            TAKAHASHI,
            False,
            terminated,
            {
                "terminated_on": terminated,
                "ground": LAWSUIT_PENDING,
                "reason": "申請者が令和8年11月5日、本件と同一の紛争について横浜地方裁判所に訴訟を提起したため",
            },
        ),
        NoticeKind.WITHDRAWAL: Sample(
            ITO, True, dt.date(2026, 12, 1), {**ITO.named, "withdrawn_on": withdrawn}
        ),
    }


def sample_data(kind: NoticeKind, number: int) -> NoticeData:
    """The built-in sample of ``kind``, numbered ``number`` in its year."""
    sample = samples()[kind]
    person, issued_on = sample.person, sample.issued_on
    if kind in facts.CASE_KINDS:
        body = settings.CHOTEI_BODY
        return NoticeData(
            document_number=f"紛処第{issued_on.year}-{number:06d}号",
            issued_on=issued_on,
            sender_name=body["name"],
            sender_title=body["chair"],
            case_number=str(person.case_number),
            fields=sample.fields,
            contact=facts.office_contact(OFFICE),
            **(INSURER if sample.to_insurer else person.addressee),
        )
    return NoticeData(
        document_number=f"支通第{issued_on.year}-{number:06d}号",
        issued_on=issued_on,
        sender_name=person.insurer,
        sender_title="",
        case_number=str(person.claim_reference),
        fields=sample.fields,
        contact=INSURER_CONTACT,
        **person.addressee,
    )
