"""The notices there are and what each must state: a ``NoticeSpec`` per kind, its required items
with their articles (DP-05..DP-19, PN-01..PN-07)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from chotei.rules.articles import ORDINANCE, Article, ordinance, rules

Side = Literal["applicant", "respondent", "both", "claimant"]
Required = tuple[str, str, Article]


class NoticeKind(StrEnum):
    RECEIPT = "receipt"
    ACCEPTANCE_APPLICANT = "acceptance_applicant"
    ACCEPTANCE_RESPONDENT = "acceptance_respondent"
    REFUSAL = "refusal"
    AMENDMENT = "amendment"
    STATEMENT_REQUEST = "statement_request"
    FURTHER_REQUEST = "further_request"
    RESULT = "result"
    EXPLANATION = "explanation"
    TERMINATION = "termination"
    WITHDRAWAL = "withdrawal"
    CLAIM_GUIDE = "claim_guide"
    PAYMENT = "payment"
    NONPAYMENT = "nonpayment"
    PAYMENT_EXPLANATION = "payment_explanation"


@dataclass(frozen=True, slots=True)
class NoticeSpec:
    title: str
    subject: str
    article: Article
    obligation: str
    addressee_side: Side
    required: tuple[Required, ...]
    optional: tuple[str, ...] = ()

    @property
    def is_payment(self) -> bool:
        """Payment notices of insurers/co-ops (令2-9条), the ones 令10条 rewords for co-ops."""
        return self.article.source == ORDINANCE


def _spec(
    title: str,
    subject: str,
    article: Article,
    side: Side,
    required: tuple[Required, ...],
    optional: tuple[str, ...] = (),
) -> NoticeSpec:
    return NoticeSpec(title, subject, article, article.obligation, side, required, optional)


_APPLICANT: Required = ("applicant_name", "申請者の氏名又は名称", rules("第4条第1項第1号"))

# What the recipient quotes back (the claim reference is the notice's case_number): the victim, the
# insured vehicle, and the version of the standards the amounts follow (issue 7 item 3).
CLAIM_REFERENCES = ("victim_name", "vehicle", "standard")

SPECS: dict[NoticeKind, NoticeSpec] = {
    NoticeKind.RECEIPT: _spec(
        "紛争処理申請受付通知書",
        "紛争処理の申請の受付について（通知）",
        rules("第4条の2", "DP-05"),
        "respondent",
        (("received_on", "申請受付日", rules("第4条の2", "DP-05")), _APPLICANT),
    ),
    NoticeKind.ACCEPTANCE_APPLICANT: _spec(
        "紛争処理申請受理通知書",
        "紛争処理の申請の受理について（通知）",
        rules("第5条第3項", "DP-08"),
        "applicant",
        (
            ("received_on", "申請受付日", rules("第5条第5項", "DP-08")),
            ("accepted_on", "受理日", rules("第5条第3項", "DP-08")),
            ("amendment_deadline", "紛争処理を求める事項の変更申請の期限", rules("第5条の2第2項", "DP-09")),
        ),
    ),
    NoticeKind.ACCEPTANCE_RESPONDENT: _spec(
        "紛争処理申請受理通知書",
        "紛争処理の申請の受理について（通知）",
        rules("第5条第3項", "DP-08"),
        "respondent",
        (
            ("accepted_on", "受理日", rules("第5条第3項", "DP-08")),
            _APPLICANT,
            ("matters_sought", "紛争処理を求める事項", rules("第5条第4項", "DP-08")),
        ),
    ),
    NoticeKind.REFUSAL: _spec(
        "紛争処理申請不受理通知書",
        "紛争処理の申請を受理しないことについて（通知）",
        rules("第5条第3項", "DP-08"),
        "both",
        (
            ("received_on", "申請受付日", rules("第5条第3項", "DP-08")),
            ("ground", "不受理の事由", rules("第5条第1項", "DP-06")),
            ("ground_text", "不受理の理由", rules("第5条第1項", "DP-06")),
        ),
        ("guidance", "cure"),
    ),
    NoticeKind.AMENDMENT: _spec(
        "紛争処理申請内容変更通知書",
        "紛争処理を求める事項の変更について（通知）",
        rules("第5条の2第3項", "DP-09"),
        "respondent",
        (
            _APPLICANT,
            ("amendment_received_on", "変更申請の受付日", rules("第5条の2第3項", "DP-09")),
            ("amended_matters", "変更後の紛争処理を求める事項", rules("第5条の2第1項", "DP-09")),
        ),
        ("previous_matters",),
    ),
    NoticeKind.STATEMENT_REQUEST: _spec(
        "意見陳述及び証拠資料の提出について",
        "意見陳述及び証拠資料の提出期限について（通知）",
        rules("第15条第7項", "DP-16"),
        "respondent",
        (_APPLICANT, ("deadline", "意見陳述及び証拠資料の提出期限", rules("第15条第7項", "DP-16"))),
        ("submit_to",),
    ),
    NoticeKind.FURTHER_REQUEST: _spec(
        "追加の意見陳述及び証拠資料の提出について",
        "追加の意見陳述及び証拠資料の提出について（依頼）",
        rules("第15条第9項", "DP-16"),
        "both",  # the party the panel asks (documents.facts.addressee_sides)
        (
            ("requested_matters", "求める意見陳述又は証拠資料", rules("第15条第9項", "DP-16")),
            ("deadline", "提出期限", rules("第15条第9項", "DP-16")),
        ),
        ("submit_to",),
    ),
    NoticeKind.RESULT: _spec(
        "紛争処理結果通知書",
        "紛争処理の結果について（通知）",
        rules("第16条第1項", "DP-17"),
        "both",
        (
            ("result_text", "紛争処理の結果", rules("第16条第1項", "DP-17")),
            ("reasons", "結果の理由", rules("第16条第1項", "DP-17")),
        ),
        ("matters_sought", "decision_notified_on", "grade_change", "next_step"),
    ),
    NoticeKind.EXPLANATION: _spec(
        "紛争処理結果説明書",
        "紛争処理の結果に関する説明について",
        rules("第16条第2項", "DP-17"),
        "both",
        (
            ("requested_on", "説明を求められた日", rules("第16条第2項", "DP-17")),
            ("result_text", "紛争処理の結果", rules("第16条第1項", "DP-17")),
            ("explanation", "説明の内容", rules("第16条第2項", "DP-17")),
        ),
        ("insurer_decision", "applicant_claim"),
    ),
    NoticeKind.TERMINATION: _spec(
        "紛争処理打切り通知書",
        "紛争処理の打切りについて（通知）",
        rules("第17条第2項", "DP-18"),
        "both",
        (
            ("terminated_on", "打切り日", rules("第17条第1項", "DP-18")),
            ("ground", "打切りの事由", rules("第17条第1項", "DP-18")),
            ("reason", "打切りの理由", rules("第17条第1項", "DP-18")),
        ),
        ("guidance",),
    ),
    NoticeKind.WITHDRAWAL: _spec(
        "紛争処理申請取下げ通知書",
        "紛争処理の申請の取下げ及び手続の終結について（通知）",
        rules("第18条第2項", "DP-19"),
        "respondent",
        (_APPLICANT, ("withdrawn_on", "取下げ日", rules("第18条第1項", "DP-19"))),
    ),
    NoticeKind.CLAIM_GUIDE: _spec(
        "保険金等のご請求に関するご案内",
        "支払基準、支払の手続及び指定紛争処理機関の概要について",
        ordinance("第2条", "PN-01"),
        "claimant",
        (
            ("standards_summary", "支払基準の概要", ordinance("第2条第1号", "PN-01")),
            ("procedure_summary", "保険金等の支払の手続の概要", ordinance("第2条第2号", "PN-01")),
            ("dispute_body_summary", "指定紛争処理機関の概要", ordinance("第2条第3号", "PN-01")),
        ),
    ),
    NoticeKind.PAYMENT: _spec(
        "保険金等支払通知書",
        "保険金等のお支払について",
        ordinance("第3条", "PN-02"),
        "claimant",
        (
            ("accident_date", "事故の年月日", ordinance("第3条第1号", "PN-02")),
            ("items", "損害ごとの支払金額", ordinance("第3条第2号", "PN-02")),
        ),
        ("grade", "reduction", *CLAIM_REFERENCES),
    ),
    NoticeKind.NONPAYMENT: _spec(
        "保険金等不払通知書",
        "保険金等をお支払できないことについて",
        ordinance("第4条", "PN-03"),
        "claimant",
        (
            ("accident_date", "事故の年月日", ordinance("第4条第1号", "PN-03")),
            ("accident_summary", "事故の状況の概要", ordinance("第4条第1号", "PN-03")),
        ),
        ("no_liability_reason", "no_damage_reason", "exemption_reason", "victim_name", "vehicle"),
    ),
    NoticeKind.PAYMENT_EXPLANATION: _spec(
        "保険金等の支払に関する説明書",
        "保険金等の支払に関する詳細なご説明",
        ordinance("第7条", "PN-06"),
        "claimant",
        (
            ("requested_on", "説明の請求日", ordinance("第7条", "PN-06")),
            ("accident_details", "事故の状況の詳細", ordinance("第7条第1号", "PN-06")),
        ),
        (
            "items",
            "grade",
            "reduction",
            "no_liability_reason",
            "no_damage_reason",
            "exemption_reason",
            *CLAIM_REFERENCES,
        ),
    ),
}


# Reasons a non-payment can rest on (令4条2-4号); at least one must be given (PN-03).
NONPAYMENT_REASONS = ("no_liability_reason", "no_damage_reason", "exemption_reason")

_SIDE_LABELS: dict[str, str] = {"applicant": "申請人宛", "respondent": "被申請人宛"}


def kind_label(kind: NoticeKind) -> str:
    """The title, with the addressee where two kinds share one (the two acceptance notices)."""
    spec = SPECS[kind]
    shared = sum(1 for other in SPECS.values() if other.title == spec.title) > 1
    side = _SIDE_LABELS.get(spec.addressee_side)
    return f"{spec.title}（{side}）" if shared and side else spec.title
