"""Notice contents as rules: DP-05, DP-07, DP-08, DP-09, DP-16 … DP-19, PN-01 … PN-03, PN-06, PN-07, CP-05."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from chotei.rules.errors import MissingItems, RuleViolation
from chotei.rules.grades import change_text
from chotei.rules.notices.claim_guide import dispute_body_summary
from chotei.rules.notices.compose import compose
from chotei.rules.notices.coop import coop_wording
from chotei.rules.notices.data import NoticeData
from chotei.rules.notices.kinds import SPECS, NoticeKind
from chotei.rules.notices.placeholders import check_template
from chotei.rules.notices.texts import DEFAULT_TEMPLATES
from chotei.rules.notices.wording import yen

ITEMS: list[dict[str, Any]] = [
    {"label": "治療関係費", "amount": 312_450, "formula": "診療報酬明細書による実費 312,450円"},
    {"label": "休業損害", "amount": 366_000, "formula": "6,100円×60日"},
    {"label": "慰謝料", "amount": 430_000, "formula": "4,300円×100日（実治療日数50日×2）"},
    {"label": "後遺障害", "amount": 750_000, "formula": "別表第2第14級の保険金額"},
]
GRADE = {
    "table": "別表第2",
    "grade": 14,
    "label": "局部に神経症状を残すもの",
    "reason": "頚部痛が残存し医学的に説明可能なため",
}
REDUCTION = {"ratio": 0.2, "reason": "被害者に7割以上8割未満の過失があるため"}

# Every required and optional item of each kind, with values a test can look for in the output.
FULL_FIELDS: dict[NoticeKind, dict[str, object]] = {
    NoticeKind.RECEIPT: {"received_on": date(2025, 10, 1), "applicant_name": "山田 太郎"},
    NoticeKind.ACCEPTANCE_APPLICANT: {
        "received_on": date(2025, 10, 1),
        "accepted_on": date(2025, 10, 15),
        "amendment_deadline": date(2025, 10, 29),
    },
    NoticeKind.ACCEPTANCE_RESPONDENT: {
        "accepted_on": date(2025, 10, 15),
        "applicant_name": "山田 太郎",
        "matters_sought": "後遺障害等級を非該当から第14級9号に変更することを求める",
    },
    NoticeKind.REFUSAL: {
        "received_on": date(2025, 10, 1),
        "ground": "R5-1-1",
        "ground_text": "令和7年9月30日に当事者間で示談が成立しているため",
    },
    NoticeKind.AMENDMENT: {
        "applicant_name": "山田 太郎",
        "amendment_received_on": date(2025, 10, 20),
        "amended_matters": "後遺障害等級を第12級13号に変更することを求める",
        "previous_matters": "後遺障害等級を第14級9号に変更することを求める",
    },
    NoticeKind.STATEMENT_REQUEST: {
        "applicant_name": "山田 太郎",
        "deadline": date(2025, 11, 12),
        "submit_to": "本部 事務局",
    },
    NoticeKind.FURTHER_REQUEST: {
        "requested_matters": "事故後の通院状況が分かる診療録の写し",
        "deadline": date(2025, 12, 8),
        "submit_to": "本部 事務局",
    },
    NoticeKind.RESULT: {
        "result_text": "保険会社の判断は妥当である（非変更）",
        "reasons": "提出された画像所見から神経症状の残存を医学的に証明できないため",
    },
    NoticeKind.EXPLANATION: {
        "requested_on": date(2026, 1, 5),
        "result_text": "保険会社の判断は妥当である（非変更）",
        "explanation": "MRI画像上、神経根の圧迫所見が認められず、第12級13号には該当しない",
    },
    NoticeKind.TERMINATION: {
        "terminated_on": date(2025, 12, 1),
        "ground": "R17-1",
        "reason": "訴訟が提起されたため解決の見込みがない",
    },
    NoticeKind.WITHDRAWAL: {"applicant_name": "山田 太郎", "withdrawn_on": date(2025, 11, 30)},
    NoticeKind.CLAIM_GUIDE: {
        "dispute_body_summary": dispute_body_summary(
            "一般財団法人 自賠責保険・共済紛争処理機構", ["本部事務局（電話 0120-159-700）"]
        )
    },
    NoticeKind.PAYMENT: {
        "accident_date": date(2025, 1, 10),
        "items": ITEMS,
        "grade": GRADE,
        "reduction": REDUCTION,
    },
    NoticeKind.NONPAYMENT: {
        "accident_date": date(2025, 1, 10),
        "accident_summary": "駐車場内で歩行者と接触したとされる事故",
        "no_liability_reason": "被保険者の車両は停止中であり、運行起因性が認められないため",
        "no_damage_reason": "事故と症状との間に因果関係が認められないため",
        "exemption_reason": "被保険者の悪意による事故であるため",
    },
    NoticeKind.PAYMENT_EXPLANATION: {
        "requested_on": date(2025, 6, 1),
        "accident_details": "交差点で信号待ち停車中に後続車に追突された",
        "items": ITEMS,
        "grade": GRADE,
        "reduction": REDUCTION,
    },
}

# The value of each required item as it must read in the notice (dates in 和暦).
EXPECTED_TEXT: dict[NoticeKind, list[str]] = {
    NoticeKind.RECEIPT: ["令和7年10月1日", "山田 太郎"],
    NoticeKind.ACCEPTANCE_APPLICANT: ["令和7年10月1日", "令和7年10月15日", "令和7年10月29日"],
    NoticeKind.ACCEPTANCE_RESPONDENT: ["令和7年10月15日", "山田 太郎", "第14級9号に変更することを求める"],
    NoticeKind.REFUSAL: ["紛争処理業務規程第5条第1項第1号", "示談が成立している"],
    NoticeKind.AMENDMENT: ["令和7年10月20日", "第12級13号に変更することを求める", "山田 太郎"],
    NoticeKind.STATEMENT_REQUEST: ["令和7年11月12日", "山田 太郎"],
    NoticeKind.FURTHER_REQUEST: ["令和7年12月8日", "診療録の写し", "第15条第9項", "期限までに提出がない場合"],
    NoticeKind.RESULT: ["非変更", "神経症状の残存を医学的に証明できない"],
    NoticeKind.EXPLANATION: ["令和8年1月5日", "非変更", "神経根の圧迫所見"],
    NoticeKind.TERMINATION: ["令和7年12月1日", "紛争処理業務規程第17条第1項", "訴訟が提起された", "訴訟手続"],
    NoticeKind.WITHDRAWAL: ["令和7年11月30日", "山田 太郎", "終結"],
    NoticeKind.CLAIM_GUIDE: ["支払基準の概要", "支払の手続の概要", "指定紛争処理機関"],
    NoticeKind.PAYMENT: ["令和7年1月10日", "第14級", "頚部痛が残存", "2割", "7割以上8割未満"],
    NoticeKind.NONPAYMENT: ["駐車場内で歩行者", "運行起因性", "因果関係", "悪意"],
    NoticeKind.PAYMENT_EXPLANATION: ["令和7年6月1日", "後続車に追突", "第14級", "頚部痛が残存", "2割"],
}


def make_data(kind: NoticeKind, **changes: Any) -> NoticeData:
    payment = SPECS[kind].is_payment
    data = NoticeData(
        document_number="東紛第2025-0123号",
        issued_on=date(2025, 11, 22),
        addressee_name="あおば損害保険株式会社" if not payment else "山田 太郎",
        honorific="御中" if not payment else "様",
        addressee_address="東京都千代田区丸の内一丁目2番3号",
        addressee_postcode="100-0005",
        sender_name="一般財団法人 自賠責保険・共済紛争処理機構" if not payment else "あおば損害保険株式会社",
        sender_title="理事長　鈴木 一郎" if not payment else "代表取締役社長　佐藤 次郎",
        case_number="東2025-0123",
        fields=copy.deepcopy(FULL_FIELDS[kind]),
        contact="事務局 審査課　電話 03-1234-5678（平日9時～17時）",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def _all_text(kind: NoticeKind, data: NoticeData) -> str:
    notice = compose(kind, data)
    cells = [cell for row in notice.table for cell in row]
    return "\n".join([notice.title, notice.subject, notice.basis, *notice.paragraphs, *cells])


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_each_kind_composes_with_its_required_items(kind: NoticeKind) -> None:
    """DP-05/07/08/09/16/17/18/19, PN-01/02/03/06: each notice carries its items and article."""
    text = _all_text(kind, make_data(kind))
    for expected in EXPECTED_TEXT[kind]:
        assert expected in text, expected
    assert SPECS[kind].article.ref in text
    assert "{" not in text and "}" not in text


def test_every_kind_has_spec_and_model_text() -> None:
    """CP-05: every kind has reviewed fixed sentences that use only placeholders it can fill."""
    assert set(SPECS) == set(DEFAULT_TEMPLATES) == set(NoticeKind)
    for kind, template in DEFAULT_TEMPLATES.items():
        check_template(kind, template)


def _required_cases() -> list[tuple[NoticeKind, str, str]]:
    return [(kind, name, str(article)) for kind, spec in SPECS.items() for name, _, article in spec.required]


@pytest.mark.parametrize(("kind", "name", "article"), _required_cases())
def test_missing_required_item_is_refused_naming_field_and_article(
    kind: NoticeKind, name: str, article: str
) -> None:
    """DP-02-style refusal for notices: the error names the missing item and its article."""
    data = make_data(kind)
    data.fields[name] = ""
    with pytest.raises(MissingItems) as caught:
        compose(kind, data)
    assert name in [field for field, _, _ in caught.value.problems]
    assert article in str(caught.value)


@pytest.mark.parametrize(
    ("attribute", "label"),
    [("addressee_address", "送付先住所"), ("addressee_name", "宛名"), ("document_number", "文書番号")],
)
def test_dp05_notice_without_dispatch_address_is_not_generated(attribute: str, label: str) -> None:
    data = make_data(NoticeKind.RECEIPT, **{attribute: " "})
    with pytest.raises(MissingItems, match=f"{label}（規程第4条の2）"):
        compose(NoticeKind.RECEIPT, data)


def test_all_missing_items_are_named_at_once() -> None:
    data = make_data(NoticeKind.ACCEPTANCE_RESPONDENT, addressee_address="", fields={})
    with pytest.raises(MissingItems) as caught:
        compose(NoticeKind.ACCEPTANCE_RESPONDENT, data)
    fields = [field for field, _, _ in caught.value.problems]
    assert fields == ["addressee_address", "accepted_on", "applicant_name", "matters_sought"]
    assert "紛争処理を求める事項（規程第5条第4項）" in str(caught.value)


def test_dp08_respondent_acceptance_states_matters_sought_applicant_the_receipt_date() -> None:
    respondent = _all_text(NoticeKind.ACCEPTANCE_RESPONDENT, make_data(NoticeKind.ACCEPTANCE_RESPONDENT))
    applicant = _all_text(NoticeKind.ACCEPTANCE_APPLICANT, make_data(NoticeKind.ACCEPTANCE_APPLICANT))
    assert "紛争処理を求める事項　後遺障害等級を非該当から第14級9号に変更することを求める" in respondent
    assert "申請受付日　令和7年10月1日" in applicant


def test_dp09_applicant_acceptance_states_the_amendment_deadline() -> None:
    assert "変更申請の期限　令和7年10月29日" in _all_text(
        NoticeKind.ACCEPTANCE_APPLICANT, make_data(NoticeKind.ACCEPTANCE_APPLICANT)
    )


def test_dp07_ground_9_refusal_carries_guidance() -> None:
    data = make_data(NoticeKind.REFUSAL)
    data.fields["ground"] = "R5-1-9"
    text = _all_text(NoticeKind.REFUSAL, data)
    assert "紛争処理業務規程第5条第1項第9号" in text
    assert "解決のための方法" in text and "異議申立て" in text


def test_dp07_refusal_on_other_grounds_has_no_guidance_line() -> None:
    text = _all_text(NoticeKind.REFUSAL, make_data(NoticeKind.REFUSAL))
    assert "解決のための方法" not in text


def test_dp07_ground_9_with_blanked_guidance_is_refused() -> None:
    data = make_data(NoticeKind.REFUSAL)
    data.fields.update(ground="R5-1-9", guidance="")
    with pytest.raises(MissingItems, match="規程第5条第2項"):
        compose(NoticeKind.REFUSAL, data)


def test_dp06_refusal_on_an_unlisted_ground_is_refused() -> None:
    data = make_data(NoticeKind.REFUSAL)
    data.fields["ground"] = "R5-1-10"
    with pytest.raises(RuleViolation, match="規程第5条第1項"):
        compose(NoticeKind.REFUSAL, data)


def test_dp18_termination_points_to_litigation_by_default() -> None:
    text = _all_text(NoticeKind.TERMINATION, make_data(NoticeKind.TERMINATION))
    assert "訴訟手続" in text and "規程第17条第2項" in text


@pytest.mark.parametrize(
    ("code", "stated"),
    [
        ("R17-1", "打切りの事由　紛争処理による解決の見込みがない（紛争処理業務規程第17条第1項）"),
        (
            "R5-1-1",
            "打切りの事由　当事者間の紛争が解決している（紛争処理業務規程第17条第1項、同規程第5条第1項第1号該当）",
        ),
    ],
)
def test_dp18_termination_states_its_ground_with_the_provision(code: str, stated: str) -> None:
    data = make_data(NoticeKind.TERMINATION)
    data.fields["ground"] = code
    assert any(p.endswith(stated) for p in compose(NoticeKind.TERMINATION, data).paragraphs)


@pytest.mark.parametrize(
    ("code", "resolved_in"),
    [
        ("R5-1-9S", "係属中の訴訟手続において解決"),
        ("R5-1-2", "他の機関における斡旋、調停等の手続において解決"),
    ],
)
def test_dp18_termination_with_a_pending_procedure_does_not_advise_a_lawsuit(
    code: str, resolved_in: str
) -> None:
    data = make_data(NoticeKind.TERMINATION)
    data.fields["ground"] = code
    text = _all_text(NoticeKind.TERMINATION, data)
    assert resolved_in in text
    assert "訴訟手続、裁判所における民事調停手続等の利用をご検討ください" not in text


def test_dp18_termination_on_another_ground_keeps_the_litigation_guidance() -> None:
    data = make_data(NoticeKind.TERMINATION)
    data.fields["ground"] = "R5-1-9"
    text = _all_text(NoticeKind.TERMINATION, data)
    assert "訴訟手続、裁判所における民事調停手続等の利用をご検討ください" in text
    assert "において解決が図られる" not in text


def test_dp18_termination_without_a_listed_ground_is_refused() -> None:
    data = make_data(NoticeKind.TERMINATION)
    data.fields["ground"] = ""
    with pytest.raises(MissingItems, match="打切りの事由"):
        compose(NoticeKind.TERMINATION, data)
    data.fields["ground"] = "O15-1"
    with pytest.raises(RuleViolation, match="規程第17条第1項"):
        compose(NoticeKind.TERMINATION, data)


def test_dp17_a_changed_grade_has_its_own_line_in_the_result() -> None:
    data = make_data(NoticeKind.RESULT)
    assert not any("変更後の等級" in p for p in compose(NoticeKind.RESULT, data).paragraphs)
    data.fields["grade_change"] = change_text("2-12", "2-9")
    paragraphs = compose(NoticeKind.RESULT, data).paragraphs
    assert any(p.endswith("変更後の等級　別表第2第9級（変更前　別表第2第12級）") for p in paragraphs)


def test_items_are_numbered_without_gaps_when_optional_lines_drop() -> None:
    """An absent optional item (no grade, no reduction, no victim, vehicle or standard) leaves no
    gap in the numbering of 記: the claim reference, the accident date and the amounts remain."""
    data = make_data(NoticeKind.PAYMENT)
    del data.fields["grade"], data.fields["reduction"]
    notice = compose(NoticeKind.PAYMENT, data)
    numbered = [p[:3] for p in notice.paragraphs if p[:1] in "１２３４５６７" and p[:1]]
    assert numbered == ["１　請", "２　事", "３　損"]
    assert not any("後遺障害等級" in p or "減額" in p for p in notice.paragraphs)


def test_pn02_payment_lists_amount_per_damage_with_total() -> None:
    notice = compose(NoticeKind.PAYMENT, make_data(NoticeKind.PAYMENT))
    assert notice.table[:2] == [
        ("治療関係費", "312,450円", "診療報酬明細書による実費 312,450円"),
        ("休業損害", "366,000円", "6,100円×60日"),
    ]
    assert notice.table[-1] == ("合計", "1,858,450円", "")
    assert notice.paragraphs[notice.table_at - 1].endswith("損害ごとの支払金額")


@pytest.mark.parametrize(
    ("part", "key", "field", "article"),
    [
        ("grade", "reason", "grade.reason", "令第3条第3号"),
        ("grade", "grade", "grade.grade", "令第3条第3号"),
        ("reduction", "reason", "reduction.reason", "令第3条第4号"),
        ("reduction", "ratio", "reduction.ratio", "令第3条第4号"),
    ],
)
def test_pn02_grade_or_reduction_without_reason_is_refused(
    part: str, key: str, field: str, article: str
) -> None:
    data = make_data(NoticeKind.PAYMENT)
    part_value = data.fields[part]
    assert isinstance(part_value, dict)
    part_value[key] = ""
    with pytest.raises(MissingItems) as caught:
        compose(NoticeKind.PAYMENT, data)
    assert [p[0] for p in caught.value.problems] == [field]
    assert article in str(caught.value)


def test_pn02_item_without_amount_is_refused() -> None:
    data = make_data(NoticeKind.PAYMENT)
    data.fields["items"] = [{"label": "治療関係費", "amount": None, "formula": ""}]
    with pytest.raises(MissingItems, match="令第3条第2号"):
        compose(NoticeKind.PAYMENT, data)


def test_pn06_explanation_needs_each_items_calculation() -> None:
    data = make_data(NoticeKind.PAYMENT_EXPLANATION)
    data.fields["items"] = [{"label": "休業損害", "amount": 366_000, "formula": ""}]
    with pytest.raises(MissingItems) as caught:
        compose(NoticeKind.PAYMENT_EXPLANATION, data)
    assert caught.value.problems[0][0] == "items[0].formula"
    assert "令第7条第2号" in str(caught.value)


def test_pn06_explanation_of_a_denial_needs_no_items() -> None:
    data = make_data(NoticeKind.PAYMENT_EXPLANATION)
    data.fields = {
        "requested_on": date(2025, 6, 1),
        "accident_details": "駐車場内の接触事故",
        "no_liability_reason": "運行起因性が認められない",
    }
    notice = compose(NoticeKind.PAYMENT_EXPLANATION, data)
    assert notice.table == []
    assert any("運行起因性が認められない" in p for p in notice.paragraphs)
    data.fields.pop("no_liability_reason")
    with pytest.raises(MissingItems, match="令第7条第2号"):
        compose(NoticeKind.PAYMENT_EXPLANATION, data)


def test_pn03_nonpayment_needs_at_least_one_reason() -> None:
    data = make_data(NoticeKind.NONPAYMENT)
    for name in ("no_liability_reason", "no_damage_reason", "exemption_reason"):
        data.fields.pop(name)
    with pytest.raises(MissingItems, match="令第4条第2号から第4号まで"):
        compose(NoticeKind.NONPAYMENT, data)


def test_pn07_coop_wording_switch() -> None:
    """PN-07 (令10条): 保険金等→共済金等, 保険会社→組合, 被保険者→被共済者 for a co-op."""
    assert coop_wording("保険会社は被保険者に保険金等を支払う") == "組合は被共済者に共済金等を支払う"
    insurer = compose(NoticeKind.NONPAYMENT, make_data(NoticeKind.NONPAYMENT))
    coop = compose(NoticeKind.NONPAYMENT, make_data(NoticeKind.NONPAYMENT, coop=True))
    insurer_text = "".join([insurer.title, *insurer.paragraphs])
    coop_text = "".join([coop.title, *coop.paragraphs])
    assert "保険金等" in insurer_text and "被保険者" in insurer_text and "保険会社" in insurer_text
    assert coop.title == "共済金等不払通知書"
    for term in ("保険金等", "保険会社", "被保険者"):
        assert term not in coop_text
    assert "被共済者" in coop_text and "組合" in coop_text
    assert "第10条において準用する" in coop.basis


def test_pn07_dispute_notices_of_a_coop_case_speak_of_the_coop_on_the_rules_basis() -> None:
    """Issue 7 item 2: the body's notices in a case against a co-op read 組合, not 保険会社; they
    still rest on the body's rules, not on 令10条."""
    data = make_data(NoticeKind.RESULT, coop=True)
    data.fields["reasons"] = "保険会社の判断に誤りはない"
    notice = compose(NoticeKind.RESULT, data)
    assert any("組合の判断に誤りはない" in p for p in notice.paragraphs)
    assert not any("保険会社" in p for p in notice.paragraphs)
    assert notice.basis == "紛争処理業務規程第16条第1項"


def test_cp05_reviewed_template_replaces_default_and_unknown_placeholders_are_refused() -> None:
    data = make_data(NoticeKind.RECEIPT)
    notice = compose(
        NoticeKind.RECEIPT, data, template="　{applicant_name}様の申請を{received_on}に受け付けました。"
    )
    assert notice.paragraphs == ["　山田 太郎様の申請を令和7年10月1日に受け付けました。"]
    with pytest.raises(ValueError, match="secret"):
        compose(NoticeKind.RECEIPT, data, template="{secret}")


@pytest.mark.parametrize(("amount", "text"), [(0, "0円"), (1_234_567, "1,234,567円"), (-50_000, "△50,000円")])
def test_yen_format(amount: int, text: str) -> None:
    assert yen(amount) == text


@pytest.mark.parametrize(("ratio", "text"), [(0.3, "3割"), (0.25, "25%"), (50, "5割"), ("2割", "2割")])
def test_pn02_reduction_ratio_wording(ratio: object, text: str) -> None:
    data = make_data(NoticeKind.PAYMENT)
    data.fields["reduction"] = {"ratio": ratio, "reason": "重過失"}
    assert f"減額の割合　{text}\n" in "\n".join(compose(NoticeKind.PAYMENT, data).paragraphs)


@pytest.mark.parametrize(
    ("honorific", "kind", "name", "word"),
    [
        ("様", "", "山田 太郎", "貴殿"),
        ("御中", "insurer", "あおば損害保険株式会社", "貴社"),
        ("御中", "coop", "みなと共済協同組合", "貴組合"),
        ("御中", "coop", "全国共済農業協同組合連合会", "貴会"),
        ("御中", "", "全国労働者共済生活協同組合連合会", "貴会"),
        ("御中", "", "みどり運送株式会社", "貴社"),
        ("御中", "", "みどり", ""),
    ],
)
def test_issue7_organisations_are_addressed_by_their_kind(
    honorific: str, kind: str, name: str, word: str
) -> None:
    from chotei.rules.notices.wording import you_word

    assert you_word(honorific, kind, name) == word


def test_issue7_a_federation_reads_kikai_in_the_text() -> None:
    data = make_data(NoticeKind.RECEIPT, addressee_name="全国共済農業協同組合連合会")
    text = "".join(compose(NoticeKind.RECEIPT, data).paragraphs)
    assert "貴会を相手方とする" in text and "貴社" not in text


def test_issue7_an_organisation_of_unknown_kind_is_refused_not_called_kisha() -> None:
    data = make_data(NoticeKind.RECEIPT, addressee_name="みどり")
    with pytest.raises(MissingItems) as caught:
        compose(NoticeKind.RECEIPT, data)
    assert caught.value.field == "you" and "規程第4条の2" in str(caught.value)
