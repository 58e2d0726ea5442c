"""The reviewed model texts (CP-05) of every notice: ``str.format`` text, one paragraph a line.

A line whose placeholders are all optional and empty is left out, so an optional item (a grade, a
reduction) appears only when the case has it; ``{no}`` numbers the kept lines of the 記 section in
full-width digits and ``{table}`` marks where the itemised amounts go.
"""

from __future__ import annotations

from chotei.rules.notices.claim_guide import PROCEDURE_SUMMARY, standards_summary
from chotei.rules.notices.kinds import NoticeKind
from chotei.rules.payment.standards import STANDARDS

LITIGATION_GUIDANCE = (
    "本件紛争の解決のためには、訴訟手続、裁判所における民事調停手続等の利用をご検討ください。"
)

# Model texts of items that read the same in every notice (CP-05); a case value replaces them.
DEFAULT_FIELDS: dict[NoticeKind, dict[str, str]] = {
    NoticeKind.TERMINATION: {"guidance": LITIGATION_GUIDANCE},
    # The body's summary needs its offices' addresses and phones, which the issuer supplies.
    NoticeKind.CLAIM_GUIDE: {
        "standards_summary": standards_summary(STANDARDS[-1]),
        "procedure_summary": PROCEDURE_SUMMARY,
    },
}

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
{no}　改めて申請するには　{cure}

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
　期限までに提出がない場合は、申請者から提出された資料その他本機構が入手した資料に基づいて審理を進め、結論を出します。

記

{no}　事案番号　{case_number}
{no}　提出期限　{deadline}
{no}　提出先　{submit_to}

以上""",
    NoticeKind.FURTHER_REQUEST: """\
　事案番号　{case_number}の紛争処理について、紛争処理業務規程第15条第9項の規定に基づき、下記のとおり追加の意見陳述及び証拠資料の提出をお願いいたします。
　下記の期限までに、文書により提出してください（同条第5項）。期限までに提出することが難しい事情があるときは、期限前に下記の問い合わせ先までお申し出ください。
　期限までに提出がない場合は、それまでに提出された資料その他本機構が入手した資料に基づいて審理を進め、結論を出します。

記

{no}　事案番号　{case_number}
{no}　求める意見陳述又は証拠資料　{requested_matters}
{no}　提出期限　{deadline}
{no}　提出先　{submit_to}

以上""",
    NoticeKind.RESULT: """\
　事案番号{case_number}の紛争処理について、紛争処理委員会において審理した結果、下記のとおり結論を得ましたので、紛争処理業務規程第16条第1項の規定に基づき通知いたします。
　本結果について説明を求められる場合は、下記の問い合わせ先までお申し出ください。文書により説明いたします（同条第2項）。

記

{no}　事案番号　{case_number}
{no}　紛争処理を求める事項　{matters_sought}
{no}　保険会社等の支払に関する判断の通知日　{decision_notified_on}
{no}　結論　{result_text}
{no}　変更後の等級　{grade_change}
{no}　理由　{reasons}
{no}　今後の手続　{next_step}

以上""",
    NoticeKind.EXPLANATION: """\
　{requested_on}付けで{you}から説明を求められました事案番号{case_number}の紛争処理の結果について、紛争処理業務規程第16条第2項の規定に基づき、下記のとおり説明いたします。

記

{no}　事案番号　{case_number}
{no}　自賠責の判断　{insurer_decision}
{no}　申請人の主張　{applicant_claim}
{no}　機構の判断　{explanation}
{no}　結論　{result_text}

以上""",
    NoticeKind.TERMINATION: """\
　事案番号{case_number}の紛争処理について、紛争処理業務規程第17条第1項の規定に基づき、{terminated_on}をもって紛争処理を打ち切ることとしましたので、同条第2項の規定に基づき、下記のとおり通知いたします。

記

{no}　事案番号　{case_number}
{no}　打切り日　{terminated_on}
{no}　打切りの事由　{ground_statement}
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

{no}　請求番号　{case_number}
{no}　被害者　{victim_name}
{no}　被保険自動車　{vehicle}
{no}　事故の年月日　{accident_date}
{no}　適用した支払基準　{standard}
{no}　損害ごとの支払金額{table}
{no}　後遺障害等級　{grade_text}
{no}　後遺障害等級に該当すると判断した理由　{grade_reason}
{no}　後遺障害に該当しないと判断した理由　{no_grade_reason}
{no}　減額の割合　{reduction_ratio}
{no}　減額を行うことと判断した理由　{reduction_reason}

以上""",
    NoticeKind.NONPAYMENT: """\
　{accident_date}に発生した事故に係る保険金等のご請求について、下記の理由により、保険金等をお支払できないこととなりましたので、お知らせいたします。
　この判断について、詳細な説明を書面で求めることができます。また、この判断に不服がある場合は、指定紛争処理機関に紛争処理を申請することができます。

記

{no}　請求番号　{case_number}
{no}　被害者　{victim_name}
{no}　被保険自動車　{vehicle}
{no}　事故の年月日　{accident_date}
{no}　事故の状況の概要　{accident_summary}
{no}　被保険者に損害賠償の責任がないと判断した理由　{no_liability_reason}
{no}　事故により損害が発生していないと判断した理由　{no_damage_reason}
{no}　自動車損害賠償保障法第14条の規定により保険会社が損害のてん補の責を免れると判断した理由　{exemption_reason}

以上""",
    NoticeKind.PAYMENT_EXPLANATION: """\
　{requested_on}付けでご請求のありました保険金等の支払に関する説明について、下記のとおりご説明いたします。

記

{no}　請求番号　{case_number}
{no}　被害者　{victim_name}
{no}　被保険自動車　{vehicle}
{no}　適用した支払基準　{standard}
{no}　事故の状況の詳細　{accident_details}
{no}　損害の細目及び積算の詳細{table}
{no}　後遺障害等級　{grade_text}
{no}　後遺障害等級に該当すると判断した理由の詳細　{grade_reason}
{no}　後遺障害に該当しないと判断した理由の詳細　{no_grade_reason}
{no}　減額の割合　{reduction_ratio}
{no}　減額の割合の判断をした理由の詳細　{reduction_reason}
{no}　被保険者に損害賠償の責任がないと判断した理由の詳細　{no_liability_reason}
{no}　事故により損害が発生していないと判断した理由の詳細　{no_damage_reason}
{no}　自動車損害賠償保障法第14条の規定により保険会社が損害のてん補の責を免れると判断した理由の詳細　{exemption_reason}

以上""",
}
