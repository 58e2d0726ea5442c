"""What each written notice must say, generated from the case — never typed by hand.

Dispute notices of the body (規程): receipt DP-05, acceptance/refusal DP-07/DP-08, amendment DP-09,
request for the respondent's statement DP-16, result and explanation DP-17, termination DP-18,
withdrawal DP-19. Payment notices of insurers and co-ops (令): claim-time documents PN-01, payment
PN-02, non-payment PN-03, detailed explanation PN-06, with the co-op wording of 令10条 (PN-07).

Each kind has a ``NoticeSpec`` (its required items with their articles) and a model text in
``DEFAULT_TEMPLATES`` (CP-05: reviewed fixed sentences). Templates are ``str.format`` text, one
paragraph a line. A line whose placeholders are all optional and empty is left out, so an optional
item (a grade, a reduction) appears only when the case has it; ``{no}`` numbers the kept lines of the
記 section in full-width digits and ``{table}`` marks where the itemised amounts go.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Literal

from chotei.rules.articles import ORDINANCE, RULES, Article, ordinance, rules
from chotei.rules.errors import MissingItems
from chotei.rules.screening import GROUND_CODES, GUIDANCE_ARTICLE, ground, guidance_for
from chotei.rules.wareki import to_wareki

Side = Literal["applicant", "respondent", "both", "claimant"]
Required = tuple[str, str, Article]


class NoticeKind(StrEnum):
    RECEIPT = "receipt"
    ACCEPTANCE_APPLICANT = "acceptance_applicant"
    ACCEPTANCE_RESPONDENT = "acceptance_respondent"
    REFUSAL = "refusal"
    AMENDMENT = "amendment"
    STATEMENT_REQUEST = "statement_request"
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
_GRADE_REASON = ordinance("第3条第3号", "PN-02")
_REDUCTION_REASON = ordinance("第3条第4号", "PN-02")

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
        ("guidance",),
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
    NoticeKind.RESULT: _spec(
        "紛争処理結果通知書",
        "紛争処理の結果について（通知）",
        rules("第16条第1項", "DP-17"),
        "both",
        (
            ("result_text", "紛争処理の結果", rules("第16条第1項", "DP-17")),
            ("reasons", "結果の理由", rules("第16条第1項", "DP-17")),
        ),
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
    ),
    NoticeKind.TERMINATION: _spec(
        "紛争処理打切り通知書",
        "紛争処理の打切りについて（通知）",
        rules("第17条第2項", "DP-18"),
        "both",
        (
            ("terminated_on", "打切り日", rules("第17条第1項", "DP-18")),
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
        ("grade", "reduction"),
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
        ("no_liability_reason", "no_damage_reason", "exemption_reason"),
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
        ("items", "grade", "reduction", "no_liability_reason", "no_damage_reason", "exemption_reason"),
    ),
}

# Reasons a non-payment can rest on (令4条2-4号); at least one must be given (PN-03).
_NONPAYMENT_REASONS = ("no_liability_reason", "no_damage_reason", "exemption_reason")

LITIGATION_GUIDANCE = (
    "本件紛争の解決のためには、訴訟手続、裁判所における民事調停手続等の利用をご検討ください。"
)

# Model texts of items that read the same in every notice (CP-05); a case value replaces them.
DEFAULT_FIELDS: dict[NoticeKind, dict[str, str]] = {
    NoticeKind.TERMINATION: {"guidance": LITIGATION_GUIDANCE},
    NoticeKind.CLAIM_GUIDE: {
        "standards_summary": (
            "保険金等は、国土交通大臣及び内閣総理大臣が定める支払基準に従い、傷害、後遺障害及び死亡の別に"
            "算定してお支払いします。傷害による損害は120万円、死亡による損害は3,000万円、後遺障害による損害は"
            "等級に応じて75万円から4,000万円までを限度とします。"
        ),
        "procedure_summary": (
            "請求書に交通事故証明書、診断書、診療報酬明細書等の必要書類を添えて保険会社にご提出ください。"
            "保険会社は、損害の調査の結果に基づいてお支払の可否及び金額を決定し、その内容を書面でお知らせします。"
            "お支払の内容について詳細な説明を書面で求めることができます。"
        ),
        "dispute_body_summary": (
            "保険金等の支払に関する判断に不服がある場合は、自動車損害賠償保障法に基づき指定された指定紛争処理機関"
            "（一般財団法人自賠責保険・共済紛争処理機構）に紛争処理（調停）を申請することができます。"
            "紛争処理に要する費用は、鑑定等特別な手続を除き、同機構が負担します。"
        ),
    },
}

_ITEMS_OPEN = "記"
_ITEMS_CLOSE = "以上"

DEFAULT_TEMPLATES: dict[NoticeKind, str] = {
    NoticeKind.RECEIPT: """\
　{applicant_name}{applicant_honorific}から、{you}を相手方とする紛争処理の申請がありましたので、紛争処理業務規程第4条の2の規定に基づき、下記のとおり通知いたします。
　なお、本申請を受理するか否かについては、審査のうえ、改めて文書により通知いたします。

記

{no}　事案番号　{case_number}
{no}　申請者　{applicant_name}
{no}　申請受付日　{received_on}

以上""",
    NoticeKind.ACCEPTANCE_APPLICANT: """\
　{received_on}付けで受け付けました紛争処理の申請について、審査の結果、これを受理しましたので、紛争処理業務規程第5条第3項及び第5項の規定に基づき、下記のとおり通知いたします。
　紛争処理を求める事項を変更される場合は、同規程第5条の2の規定により、下記の期限までに、郵送又は電子情報処理組織を使用する方法により変更申請を行ってください。
　なお、ご提出いただいた申請書等は、原則として返却いたしませんので、あらかじめご了承ください。

記

{no}　事案番号　{case_number}
{no}　申請受付日　{received_on}
{no}　受理日　{accepted_on}
{no}　変更申請の期限　{amendment_deadline}

以上""",
    NoticeKind.ACCEPTANCE_RESPONDENT: """\
　{applicant_name}{applicant_honorific}から申請のありました{you}を相手方とする紛争処理について、審査の結果、これを受理しましたので、紛争処理業務規程第5条第3項及び第4項の規定に基づき、下記のとおり通知いたします。

記

{no}　事案番号　{case_number}
{no}　申請者　{applicant_name}
{no}　受理日　{accepted_on}
{no}　紛争処理を求める事項　{matters_sought}

以上""",
    NoticeKind.REFUSAL: """\
　{received_on}付けで受け付けました紛争処理の申請（事案番号　{case_number}）について、審査の結果、{ground_article}に該当するため、これを受理しないこととしましたので、紛争処理業務規程第5条第3項の規定に基づき、下記のとおり通知いたします。

記

{no}　事案番号　{case_number}
{no}　不受理の根拠　{ground_article}（{ground_label}）
{no}　不受理の理由　{ground_text}
{no}　解決のための方法　{guidance}

以上""",
    NoticeKind.AMENDMENT: """\
　{applicant_name}{applicant_honorific}から申請のありました{you}を相手方とする紛争処理（事案番号　{case_number}）について、{amendment_received_on}付けで申請者から紛争処理を求める事項の変更の申請を受け付けましたので、紛争処理業務規程第5条の2第3項の規定に基づき、下記のとおり通知いたします。

記

{no}　事案番号　{case_number}
{no}　変更申請の受付日　{amendment_received_on}
{no}　変更後の紛争処理を求める事項　{amended_matters}
{no}　変更前の紛争処理を求める事項　{previous_matters}

以上""",
    NoticeKind.STATEMENT_REQUEST: """\
　{applicant_name}{applicant_honorific}から申請のありました{you}を相手方とする紛争処理（事案番号　{case_number}）について、紛争処理業務規程第15条第7項の規定に基づき、下記のとおり通知いたします。
　本件について意見陳述及び証拠資料の提出の意思があるときは、下記の期限までに、文書により提出してください（同条第5項）。
　なお、必要に応じ、追加の意見陳述及び証拠資料の提出をお願いすることがあります（同条第9項）。

記

{no}　事案番号　{case_number}
{no}　提出期限　{deadline}
{no}　提出先　{submit_to}

以上""",
    NoticeKind.RESULT: """\
　事案番号{case_number}の紛争処理について、紛争処理委員会において審理した結果、下記のとおり結論を得ましたので、紛争処理業務規程第16条第1項の規定に基づき通知いたします。
　本結果について説明を求められる場合は、下記の問い合わせ先までお申し出ください。文書により説明いたします（同条第2項）。

記

{no}　事案番号　{case_number}
{no}　結論　{result_text}
{no}　理由　{reasons}

以上""",
    NoticeKind.EXPLANATION: """\
　{requested_on}付けで{you}から説明を求められました事案番号{case_number}の紛争処理の結果について、紛争処理業務規程第16条第2項の規定に基づき、下記のとおり説明いたします。

記

{no}　事案番号　{case_number}
{no}　紛争処理の結果　{result_text}
{no}　説明　{explanation}

以上""",
    NoticeKind.TERMINATION: """\
　事案番号{case_number}の紛争処理について、紛争処理業務規程第17条第1項の規定に基づき、{terminated_on}をもって紛争処理を打ち切ることとしましたので、同条第2項の規定に基づき、下記のとおり通知いたします。

記

{no}　事案番号　{case_number}
{no}　打切り日　{terminated_on}
{no}　打切りの理由　{reason}
{no}　解決のための方法　{guidance}

以上""",
    NoticeKind.WITHDRAWAL: """\
　{applicant_name}{applicant_honorific}から申請のありました{you}を相手方とする紛争処理（事案番号　{case_number}）について、{withdrawn_on}付けで申請者から申請を取り下げる旨の申出がありました。これにより本件の紛争処理手続は終結しましたので、紛争処理業務規程第18条第2項の規定に基づき通知いたします。

記

{no}　事案番号　{case_number}
{no}　取下げ日　{withdrawn_on}
{no}　手続の状況　申請の取下げにより、紛争処理手続は終結しました。

以上""",
    NoticeKind.CLAIM_GUIDE: """\
　保険金等のご請求にあたり、下記の事項を書面によりお知らせいたします。

記

{no}　支払基準の概要　{standards_summary}
{no}　保険金等の支払の手続の概要　{procedure_summary}
{no}　指定紛争処理機関の概要　{dispute_body_summary}

以上""",
    NoticeKind.PAYMENT: """\
　{accident_date}に発生した事故に係る保険金等のご請求について、下記のとおりお支払額を決定しましたので、お知らせいたします。
　お支払の内容について、詳細な説明を書面で求めることができます。また、この判断に不服がある場合は、指定紛争処理機関に紛争処理を申請することができます。

記

{no}　事故の年月日　{accident_date}
{no}　損害ごとの支払金額{table}
{no}　後遺障害等級　{grade_text}
{no}　後遺障害等級に該当すると判断した理由　{grade_reason}
{no}　減額の割合　{reduction_ratio}
{no}　減額を行うことと判断した理由　{reduction_reason}

以上""",
    NoticeKind.NONPAYMENT: """\
　{accident_date}に発生した事故に係る保険金等のご請求について、下記の理由により、保険金等をお支払できないこととなりましたので、お知らせいたします。
　この判断について、詳細な説明を書面で求めることができます。また、この判断に不服がある場合は、指定紛争処理機関に紛争処理を申請することができます。

記

{no}　事故の年月日　{accident_date}
{no}　事故の状況の概要　{accident_summary}
{no}　被保険者に損害賠償の責任がないと判断した理由　{no_liability_reason}
{no}　事故により損害が発生していないと判断した理由　{no_damage_reason}
{no}　自動車損害賠償保障法第14条の規定により保険会社が損害のてん補の責を免れると判断した理由　{exemption_reason}

以上""",
    NoticeKind.PAYMENT_EXPLANATION: """\
　{requested_on}付けでご請求のありました保険金等の支払に関する説明について、下記のとおりご説明いたします。

記

{no}　事故の状況の詳細　{accident_details}
{no}　損害の細目及び積算の詳細{table}
{no}　後遺障害等級　{grade_text}
{no}　後遺障害等級に該当すると判断した理由の詳細　{grade_reason}
{no}　減額の割合　{reduction_ratio}
{no}　減額の割合の判断をした理由の詳細　{reduction_reason}
{no}　被保険者に損害賠償の責任がないと判断した理由の詳細　{no_liability_reason}
{no}　事故により損害が発生していないと判断した理由の詳細　{no_damage_reason}
{no}　自動車損害賠償保障法第14条の規定により保険会社が損害のてん補の責を免れると判断した理由の詳細　{exemption_reason}

以上""",
}

# 令10条: the same notices of a co-op read 共済金等 / 組合 / 被共済者 (PN-07).
COOP_TERMS: tuple[tuple[str, str], ...] = (
    ("保険金等", "共済金等"),
    ("保険会社", "組合"),
    ("被保険者", "被共済者"),
)

_SOURCE_NAMES: dict[str, str] = {
    RULES: "紛争処理業務規程",
    ORDINANCE: "支払適正化命令（平成13年内閣府・国土交通省令第2号）",
}

TABLE_HEADER: tuple[str, str, str] = ("損害の区分", "支払金額", "算定の内容")
_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass(slots=True)
class NoticeData:
    """The case facts a notice is made of. ``sender_title`` is the signer line, e.g. 「理事長　山田太郎」.

    Names and addresses are printed exactly as registered; nothing here normalises them.
    """

    document_number: str
    issued_on: date
    addressee_name: str
    honorific: str
    addressee_address: str
    sender_name: str
    sender_title: str
    case_number: str
    fields: dict[str, object] = field(default_factory=dict)
    contact: str = ""
    addressee_postcode: str = ""
    coop: bool = False


@dataclass(frozen=True, slots=True)
class ComposedNotice:
    kind: NoticeKind
    title: str
    subject: str
    paragraphs: list[str]
    table: list[tuple[str, str, str]]
    table_header: tuple[str, str, str]
    # Index into ``paragraphs`` before which the table is placed.
    table_at: int
    basis: str
    article: Article


def coop_wording(text: str) -> str:
    """Read ``text`` as a co-op's notice: 令10条 replaces 保険金等, 保険会社 and 被保険者 (PN-07)."""
    for insurer_term, coop_term in COOP_TERMS:
        text = text.replace(insurer_term, coop_term)
    return text


def yen(amount: int) -> str:
    """``1,234,567円``; a negative amount (a deduction line) is written with △ as in Japanese accounts."""
    return f"△{-amount:,}円" if amount < 0 else f"{amount:,}円"


def basis_text(article: Article, coop: bool = False) -> str:
    """The provision a notice rests on, spelled out for the reader: 紛争処理業務規程第16条第1項."""
    name = _SOURCE_NAMES.get(article.source, article.source)
    if coop and article.source == ORDINANCE:
        return f"{name}第10条において準用する同令{article.ref}"
    return f"{name}{article.ref}"


def _absent(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | tuple | dict) and not value


def _with_defaults(kind: NoticeKind, fields: Mapping[str, object]) -> dict[str, object]:
    merged: dict[str, object] = {**DEFAULT_FIELDS.get(kind, {}), **fields}
    # DP-07: a refusal for ground 9 tells the applicant a suitable route unless staff wrote one.
    code = merged.get("ground")
    if (
        kind is NoticeKind.REFUSAL
        and isinstance(code, str)
        and code in GROUND_CODES
        and "guidance" not in fields
    ):
        guidance = guidance_for(ground(code))
        if guidance:
            merged["guidance"] = guidance
    return merged


def _base_problems(spec: NoticeSpec, data: NoticeData) -> list[Required]:
    article = spec.article
    problems: list[Required] = []
    base = (
        ("document_number", "文書番号", data.document_number),
        ("addressee_name", "宛名", data.addressee_name),
        ("addressee_address", "送付先住所", data.addressee_address),
        ("sender_name", "差出人", data.sender_name),
    )
    problems.extend((name, label, article) for name, label, value in base if _absent(value))
    if data.honorific not in ("様", "御中"):
        problems.append(("honorific", "敬称（様又は御中）", article))
    if not spec.is_payment and _absent(data.case_number):
        problems.append(("case_number", "事案番号", article))
    return problems


def _item_problems(kind: NoticeKind, items: object) -> list[Required]:
    """PN-02 / PN-06: every damage item has a label and an amount; an explanation also its calculation."""
    amounts = ordinance("第3条第2号", "PN-02")
    formulas = ordinance("第7条第2号", "PN-06")
    if not isinstance(items, list | tuple):
        return [("items", "損害ごとの支払金額", amounts)]
    problems: list[Required] = []
    for i, item in enumerate(items):
        entry = item if isinstance(item, dict) else {}
        if _absent(entry.get("label")):
            problems.append((f"items[{i}].label", f"損害の区分（{i + 1}行目）", amounts))
        if not isinstance(entry.get("amount"), int) or isinstance(entry.get("amount"), bool):
            problems.append((f"items[{i}].amount", f"支払金額（{i + 1}行目）", amounts))
        if kind is NoticeKind.PAYMENT_EXPLANATION and _absent(entry.get("formula")):
            problems.append((f"items[{i}].formula", f"積算の詳細（{i + 1}行目）", formulas))
    return problems


def _grade_problems(kind: NoticeKind, grade: object, reduction: object) -> list[Required]:
    """PN-02 / PN-06: a grade states why; a reduction states its ratio and why."""
    explain = kind is NoticeKind.PAYMENT_EXPLANATION
    grade_art = ordinance("第7条第3号", "PN-06") if explain else _GRADE_REASON
    reduction_art = ordinance("第7条第4号", "PN-06") if explain else _REDUCTION_REASON
    problems: list[Required] = []
    if not _absent(grade):
        entry = grade if isinstance(grade, dict) else {}
        if _absent(entry.get("grade")):
            problems.append(("grade.grade", "後遺障害等級", grade_art))
        if _absent(entry.get("reason")):
            problems.append(("grade.reason", "後遺障害等級に該当すると判断した理由", grade_art))
    if not _absent(reduction):
        entry = reduction if isinstance(reduction, dict) else {}
        if _absent(entry.get("ratio")):
            problems.append(("reduction.ratio", "減額の割合", reduction_art))
        if _absent(entry.get("reason")):
            problems.append(("reduction.reason", "減額を行うことと判断した理由", reduction_art))
    return problems


def _kind_problems(kind: NoticeKind, fields: Mapping[str, object]) -> list[Required]:
    problems: list[Required] = []
    code = fields.get("ground")
    # DP-06: only a listed ground; ground() refuses any other code naming 規程第5条第1項.
    needs_guidance = kind is NoticeKind.REFUSAL and not _absent(code) and ground(str(code)).needs_guidance
    if needs_guidance and _absent(fields.get("guidance")):
        problems.append(("guidance", "解決のために適当と思われる方法の教示", GUIDANCE_ARTICLE))
    if kind is NoticeKind.PAYMENT and not _absent(fields.get("items")):
        problems.extend(_item_problems(kind, fields["items"]))
    if kind is NoticeKind.PAYMENT_EXPLANATION:
        # A non-payment explanation has no items; otherwise each item needs its calculation (令7条2号).
        denied = any(not _absent(fields.get(r)) for r in _NONPAYMENT_REASONS)
        if _absent(fields.get("items")) and not denied:
            problems.append(("items", "損害の細目及び積算の詳細", ordinance("第7条第2号", "PN-06")))
        elif not _absent(fields.get("items")):
            problems.extend(_item_problems(kind, fields["items"]))
    if kind in (NoticeKind.PAYMENT, NoticeKind.PAYMENT_EXPLANATION):
        problems.extend(_grade_problems(kind, fields.get("grade"), fields.get("reduction")))
    if kind is NoticeKind.NONPAYMENT and all(_absent(fields.get(r)) for r in _NONPAYMENT_REASONS):
        problems.append(
            (
                "reasons",
                "支払わない理由（責任がない理由、損害が発生していない理由又は法第14条による免責の理由）",
                ordinance("第4条第2号から第4号まで", "PN-03"),
            )
        )
    return problems


def check_notice(kind: NoticeKind, data: NoticeData) -> None:
    """Refuse a notice with missing items, naming every one with its article (MissingItems)."""
    spec = SPECS[kind]
    fields = _with_defaults(kind, data.fields)
    problems = _base_problems(spec, data)
    problems.extend(req for req in spec.required if _absent(fields.get(req[0])))
    problems.extend(_kind_problems(kind, fields))
    if problems:
        raise MissingItems(problems)


def _text(value: object) -> str:
    if isinstance(value, date):
        return to_wareki(value)
    if value is None:
        return ""
    return str(value)


def _ratio_text(ratio: object) -> str:
    """0.2 → 2割, 0.25 → 25%; a string is taken as already written."""
    if isinstance(ratio, str):
        return ratio
    if not isinstance(ratio, int | float | Decimal | Fraction):
        return str(ratio)
    value = ratio if isinstance(ratio, Fraction) else Fraction(str(ratio))
    # A ratio above 1 is taken as already in percent (20 → 20%).
    percent = value * 100 if value <= 1 else value
    if percent > 100:
        raise ValueError(f"減額の割合が100%を超えています: {ratio}")
    if percent.denominator == 1 and percent.numerator % 10 == 0:
        return f"{percent.numerator // 10}割"
    return f"{float(percent):g}%"


def _grade_text(grade: Mapping[str, object]) -> str:
    table = _text(grade.get("table"))
    if table and not table.startswith("別表"):
        table = f"別表第{table}"
    number = grade.get("grade")
    level = f"第{number}級" if isinstance(number, int) else _text(number)
    label = _text(grade.get("label"))
    head = f"自動車損害賠償保障法施行令{table}　{level}" if table else level
    return f"{head}（{label}）" if label else head


def _table_rows(items: object) -> list[tuple[str, str, str]]:
    if not isinstance(items, list | tuple) or not items:
        return []
    rows: list[tuple[str, str, str]] = []
    total = 0
    for item in items:
        if not isinstance(item, dict):
            continue
        amount = item.get("amount")
        value = amount if isinstance(amount, int) else 0
        total += value
        rows.append((_text(item.get("label")), yen(value), _text(item.get("formula"))))
    rows.append(("合計", yen(total), ""))
    return rows


def _values(kind: NoticeKind, data: NoticeData, fields: Mapping[str, object]) -> dict[str, str]:
    values = {name: _text(value) for name, value in fields.items() if isinstance(value, str | int | date)}
    values.update(
        case_number=data.case_number,
        addressee_name=data.addressee_name,
        sender_name=data.sender_name,
        issued_on=to_wareki(data.issued_on),
        you="貴社" if data.honorific == "御中" else "貴殿",
        applicant_honorific=applicant_honorific(fields.get("applicant_honorific")),
    )
    code = fields.get("ground")
    if kind is NoticeKind.REFUSAL and isinstance(code, str):
        refused = ground(code)
        values["ground_article"] = basis_text(refused.article)
        values["ground_label"] = refused.label
    grade = fields.get("grade")
    if isinstance(grade, dict) and grade:
        values["grade_text"] = _grade_text(grade)
        values["grade_reason"] = _text(grade.get("reason"))
    reduction = fields.get("reduction")
    if isinstance(reduction, dict) and reduction:
        values["reduction_ratio"] = _ratio_text(reduction.get("ratio"))
        values["reduction_reason"] = _text(reduction.get("reason"))
    return values


def placeholders(kind: NoticeKind) -> frozenset[str]:
    """Names a template of ``kind`` may use; a reviewed model text (CP-05) is checked against them."""
    spec = SPECS[kind]
    names = {req[0] for req in spec.required} | set(spec.optional)
    names |= {"case_number", "addressee_name", "sender_name", "issued_on", "you", "no"}
    if "applicant_name" in names:
        names.add("applicant_honorific")
    if {"grade", "reduction"} & names:
        names |= {"grade_text", "grade_reason", "reduction_ratio", "reduction_reason"}
    if "items" in names:
        names.add("table")
    if kind is NoticeKind.REFUSAL:
        names |= {"ground_article", "ground_label"}
    return frozenset(names)


def applicant_honorific(party_honorific: object) -> str:
    """The applicant named in running text: 「石井 沙織 様から」 for a person (the party's 様), nothing
    for an organization, whose 御中 belongs on an address, not in a sentence."""
    return " 様" if party_honorific == "様" else ""


# What each placeholder prints, for the people who write model texts (CP-05). A kind's own required
# items (NoticeSpec.required) take precedence, e.g. {requested_on} of an explanation.
PLACEHOLDER_LABELS: dict[str, str] = {
    "case_number": "事案番号（保険金等の通知では請求番号）",
    "addressee_name": "宛先の氏名又は名称",
    "sender_name": "差出人（機構又は保険会社等）の名称",
    "issued_on": "発出日（和暦）",
    "you": "宛先を指す語（個人は「貴殿」、法人は「貴社」）",
    "no": "記の項目番号（全角数字、空の行は数えない）",
    "table": "損害ごとの支払金額の表を置く位置",
    "applicant_name": "申請者の氏名又は名称",
    "applicant_honorific": "申請者の敬称（個人は「 様」、法人は空欄）",
    "received_on": "申請受付日",
    "accepted_on": "受理日",
    "amendment_deadline": "紛争処理を求める事項の変更申請の期限",
    "matters_sought": "紛争処理を求める事項",
    "ground": "不受理の事由のコード（例 R5-1-9）",
    "ground_article": "不受理の根拠規定（例 紛争処理業務規程第5条第1項第9号）",
    "ground_label": "不受理の事由の名称",
    "ground_text": "不受理の理由",
    "guidance": "解決のための方法の教示",
    "amendment_received_on": "変更申請の受付日",
    "amended_matters": "変更後の紛争処理を求める事項",
    "previous_matters": "変更前の紛争処理を求める事項",
    "deadline": "意見陳述及び証拠資料の提出期限",
    "submit_to": "提出先",
    "result_text": "紛争処理の結果（変更又は非変更）",
    "reasons": "結果の理由",
    "requested_on": "説明を求められた日",
    "explanation": "説明の内容",
    "terminated_on": "打切り日",
    "reason": "打切りの理由",
    "withdrawn_on": "取下げ日",
    "standards_summary": "支払基準の概要",
    "procedure_summary": "保険金等の支払の手続の概要",
    "dispute_body_summary": "指定紛争処理機関の概要",
    "accident_date": "事故の年月日",
    "accident_summary": "事故の状況の概要",
    "accident_details": "事故の状況の詳細",
    "items": "損害ごとの支払金額（文中には出力されず、{table} の位置に表で出力）",
    "grade": "後遺障害等級（文中には出力されず、{grade_text} と {grade_reason} を使用）",
    "grade_text": "後遺障害等級（別表・等級・障害の内容）",
    "grade_reason": "後遺障害等級に該当すると判断した理由",
    "reduction": "減額（文中には出力されず、{reduction_ratio} と {reduction_reason} を使用）",
    "reduction_ratio": "減額の割合（例 2割）",
    "reduction_reason": "減額を行うことと判断した理由",
    "no_liability_reason": "被保険者に損害賠償の責任がないと判断した理由",
    "no_damage_reason": "事故により損害が発生していないと判断した理由",
    "exemption_reason": "法第14条により保険会社が損害のてん補の責を免れると判断した理由",
}


def placeholder_legend(kind: NoticeKind) -> list[tuple[str, str]]:
    """The placeholders a model text of ``kind`` may use with what each prints: those of the
    standard text in the order it uses them, then the rest."""
    own = {name: label for name, label, _ in SPECS[kind].required}
    allowed = placeholders(kind)
    used = [n for _, n, _, _ in string.Formatter().parse(DEFAULT_TEMPLATES[kind]) if n]
    order = list(dict.fromkeys(n for n in used if n in allowed)) + sorted(allowed - set(used))
    return [(name, own.get(name) or PLACEHOLDER_LABELS[name]) for name in order]


_SIDE_LABELS: dict[str, str] = {"applicant": "申請人宛", "respondent": "被申請人宛"}


def kind_label(kind: NoticeKind) -> str:
    """The title, with the addressee where two kinds share one (the two acceptance notices)."""
    spec = SPECS[kind]
    shared = sum(1 for other in SPECS.values() if other.title == spec.title) > 1
    side = _SIDE_LABELS.get(spec.addressee_side)
    return f"{spec.title}（{side}）" if shared and side else spec.title


def check_template(kind: NoticeKind, template: str) -> None:
    """Refuse a model text that uses a placeholder the notice cannot fill (ValueError naming it)."""
    used = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    unknown = sorted(used - placeholders(kind))
    if unknown:
        raise ValueError(f"文例に使用できない差込項目があります: {'、'.join(unknown)}")


class _Blank(dict[str, str]):
    """An optional item the case lacks reads as empty instead of failing the whole notice."""

    def __missing__(self, key: str) -> str:
        return ""


def _fill(template: str, values: Mapping[str, str], has_table: bool) -> tuple[list[str], int]:
    """Format line by line, dropping lines whose placeholders are empty; return paragraphs and table slot."""
    paragraphs: list[str] = []
    table_at = -1
    number = 0
    for line in template.splitlines():
        names = [n for _, n, _, _ in string.Formatter().parse(line) if n]
        filled = [n for n in names if n not in ("no", "table")]
        if filled and all(not values.get(n) for n in filled):
            continue
        if "table" in names and not has_table:
            continue
        if "no" in names:
            number += 1
        text = line.format_map(_Blank(values, no=str(number).translate(_FULLWIDTH_DIGITS), table=""))
        paragraphs.extend(text.split("\n"))
        if "table" in names:
            table_at = len(paragraphs)
    return paragraphs, table_at


def compose(kind: NoticeKind, data: NoticeData, template: str | None = None) -> ComposedNotice:
    """The notice of ``kind`` for ``data``; refuses (MissingItems) when a required item is absent.

    ``template`` is a reviewed model text (CP-05) replacing ``DEFAULT_TEMPLATES[kind]``. A co-op's
    payment notice (``data.coop``) is reworded per 令10条 (PN-07).
    """
    check_notice(kind, data)
    text = DEFAULT_TEMPLATES[kind] if template is None else template
    check_template(kind, text)
    spec = SPECS[kind]
    fields = _with_defaults(kind, data.fields)
    rows = _table_rows(fields.get("items")) if "items" in placeholders(kind) else []
    paragraphs, table_at = _fill(text, _values(kind, data, fields), bool(rows))
    if rows and table_at < 0:
        table_at = len(paragraphs)
    notice = ComposedNotice(
        kind=kind,
        title=spec.title,
        subject=spec.subject,
        paragraphs=paragraphs,
        table=rows,
        table_header=TABLE_HEADER,
        table_at=table_at,
        basis=basis_text(spec.article, data.coop and spec.is_payment),
        article=spec.article,
    )
    return _coop(notice) if data.coop and spec.is_payment else notice


def _coop(notice: ComposedNotice) -> ComposedNotice:
    return ComposedNotice(
        kind=notice.kind,
        title=coop_wording(notice.title),
        subject=coop_wording(notice.subject),
        paragraphs=[coop_wording(p) for p in notice.paragraphs],
        table=[(coop_wording(a), b, coop_wording(c)) for a, b, c in notice.table],
        table_header=notice.table_header,
        table_at=notice.table_at,
        basis=notice.basis,
        article=notice.article,
    )
