"""The placeholders a model text (CP-05) may use, what each prints, and the check of a text."""

from __future__ import annotations

import string

from chotei.rules.notices.kinds import SPECS, NoticeKind
from chotei.rules.notices.texts import DEFAULT_TEMPLATES


def placeholders(kind: NoticeKind) -> frozenset[str]:
    """Names a template of ``kind`` may use; a reviewed model text (CP-05) is checked against them."""
    spec = SPECS[kind]
    names = {req[0] for req in spec.required} | set(spec.optional)
    names |= {"case_number", "addressee_name", "sender_name", "issued_on", "you", "no"}
    if "applicant_name" in names:
        names.add("applicant_honorific")
    if {"grade", "reduction"} & names:
        names |= {"grade_text", "grade_reason", "no_grade_reason", "reduction_ratio", "reduction_reason"}
    if "items" in names:
        names.add("table")
    if kind is NoticeKind.REFUSAL:
        names |= {"ground_article", "ground_label"}
    if kind is NoticeKind.TERMINATION:
        names.add("ground_statement")
    return frozenset(names)


# What each placeholder prints, for the people who write model texts (CP-05). A kind's own required
# items (NoticeSpec.required) take precedence, e.g. {requested_on} of an explanation.
PLACEHOLDER_LABELS: dict[str, str] = {
    "case_number": "事案番号（保険金等の通知では請求番号）",
    "addressee_name": "宛先の氏名又は名称",
    "sender_name": "差出人（機構又は保険会社等）の名称",
    "issued_on": "発出日（和暦）",
    "you": "宛先を指す語（個人は「貴殿」、会社は「貴社」、組合は「貴組合」、連合会は「貴会」、代理人宛ては当事者の名称）",
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
    "ground_statement": "打切りの事由とその根拠規定（規程第17条第1項）",
    "guidance": "解決のための方法の教示",
    "cure": "不受理の事由を解消して改めて申請する方法（又は再申請ができない旨）",
    "decision_notified_on": "保険会社等の支払に関する判断の通知日",
    "next_step": "結果を受けて今後行われる手続",
    "grade_change": "変更後の等級と変更前の等級（等級を変更する結果のとき）",
    "insurer_decision": "自賠責（保険会社等）の判断",
    "applicant_claim": "申請人の主張",
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
    "victim_name": "被害者の氏名",
    "vehicle": "被保険自動車（登録番号等）",
    "standard": "適用した支払基準（告示及び事故日により選んだ版）",
    "accident_summary": "事故の状況の概要",
    "accident_details": "事故の状況の詳細",
    "items": "損害ごとの支払金額（文中には出力されず、{table} の位置に表で出力）",
    "grade": "後遺障害等級（文中には出力されず、{grade_text} と {grade_reason} を使用）",
    "grade_text": "後遺障害等級（別表・等級・障害の内容）",
    "grade_reason": "後遺障害等級に該当すると判断した理由",
    "no_grade_reason": "後遺障害に該当しない（非該当）と判断した理由",
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


def check_template(kind: NoticeKind, template: str) -> None:
    """Refuse a model text that uses a placeholder the notice cannot fill (ValueError naming it)."""
    used = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    unknown = sorted(used - placeholders(kind))
    if unknown:
        raise ValueError(f"文例に使用できない差込項目があります: {'、'.join(unknown)}")
