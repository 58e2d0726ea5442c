"""令3条 and 令7条 complete (issue 7 item 3): what the payment notice and the explanation state, read
from the rendered PDF (PN-02, PN-06)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from tests.documents.helpers import page_png, pdf_text
from tests.factories import stored

from chotei.documents import services
from chotei.documents.claim_facts import split_claim
from chotei.documents.models import IssuedDocument, PaymentClaim
from chotei.parties.models import Party
from chotei.rules.errors import RuleViolation
from chotei.rules.payment import calc

# Fault 85%: the injury before death is cut by 2割 (injury table), the death part by 3割.
DEATH: dict[str, Any] = {
    "accident_date": "2026-01-10",
    "kind": "death",
    "victim_name": "佐々木 健一",
    "vehicle": "横浜 300 さ 12-34",
    "victim_fault_percent": 85,
    "reduction_reason": "赤信号を無視して交差点に進入した",
    "injury": {
        "treatment_start": "2026-01-10",
        "treatment_end": "2026-01-19",
        "hospital_days": 10,
        "outpatient_days": 0,
        "medical_fees": 900_000,
    },
    "death": {
        "annual_income": 4_000_000,
        "working_years": 20,
        "supported_dependants": True,
        "bereaved_claimants": 2,
    },
    "accident_details": "令和8年1月10日午後9時頃、交差点で赤信号を無視して進入した自転車と衝突した",
    "interim_paid": 500_000,
    "provisional_paid": 2_900_000,
}


@pytest.fixture
def claimant(db: Any) -> Party:
    return Party.objects.create(name="佐々木 花子", address="神奈川県横浜市中区本町六丁目50番1号")


def _claim(world: Any, claimant: Party, data: dict[str, Any]) -> PaymentClaim:
    return services.claim_register(
        actor=world.users["admin"],
        insurer_id=world.insurer.pk,
        reference="AOB-2026-01234",
        data=data,
        claimant_party_id=claimant.pk,
    )


def _issue(world: Any, claim: PaymentClaim, kind: str) -> IssuedDocument:
    return services.claim_notice_issue(actor=world.users["admin"], claim_id=claim.pk, kind=kind)


def test_pn02_death_notice_states_each_parts_subtotal_and_reduction(
    world: Any, claimant: Party, doc_artifacts: Path
) -> None:
    doc = _issue(world, _claim(world, claimant, DEATH), "payment")
    page_png(stored(doc), doc_artifacts, "issue7-death-payment")
    text = pdf_text(stored(doc))
    # The injury part: 900,000 + 10 × 1,100 + 慰謝料 10日 × 4,300 = 954,000 → × 0.8 = 763,200.
    assert "小計（死亡に至るまでの傷害）763,200円" in text
    assert "減額2割" in text and "減額3割" in text
    assert "減額の割合死亡に至るまでの傷害2割、死亡3割" in text
    # Never a single ratio for the whole notice when the parts differ.
    assert "減額の割合3割" not in text


def test_pn02_notice_names_the_claim_the_victim_the_vehicle_and_the_standard(
    world: Any, claimant: Party
) -> None:
    text = pdf_text(stored(_issue(world, _claim(world, claimant, DEATH), "payment")))
    assert "請求番号AOB-2026-01234" in text
    assert "被害者佐々木健一" in text and "被保険自動車横浜300さ12-34" in text
    assert "適用した支払基準支払基準（平成13年金融庁・国土交通省告示第1号、令和2年4月1日以降の事故）" in text
    assert "（事故の年月日令和8年1月10日により適用）" in text


def test_pn02_amounts_already_paid_are_deducted_and_shown(world: Any, claimant: Party) -> None:
    claim = _claim(world, claimant, DEATH)
    text = pdf_text(stored(_issue(world, claim, "payment")))
    total = calc.calculate_dict(split_claim(DEATH)[0])["total"]
    assert f"合計{total:,}円" in text
    assert "既払額（内払金）△500,000円" in text and "既払額（仮渡金）△2,900,000円" in text
    assert f"今回のお支払額{total - 3_400_000:,}円" in text


def test_pn06_explanation_states_the_same_subtotals_and_deductions(world: Any, claimant: Party) -> None:
    claim = _claim(world, claimant, DEATH)
    text = pdf_text(stored(_issue(world, claim, "payment_explanation")))
    assert "小計（死亡）" in text and "今回のお支払額" in text and "適用した支払基準" in text


def test_pn02_paid_amounts_beyond_the_payment_are_refused(world: Any, claimant: Party) -> None:
    with pytest.raises(RuleViolation) as refused:
        _claim(world, claimant, {**DEATH, "interim_paid": 90_000_000})
    assert refused.value.field == "interim_paid" and "令第3条第2号" in str(refused.value)
    with pytest.raises(RuleViolation) as refused:
        _claim(world, claimant, {**DEATH, "provisional_paid": -1})
    assert refused.value.field == "provisional_paid"
    assert not PaymentClaim.objects.exists()


# 9級10号 + 13級: 併合8級 8,190,000円 capped at the sum 6,160,000 + 1,390,000 = 7,550,000円.
AFTER_EFFECT: dict[str, Any] = {
    "accident_date": "2026-01-10",
    "kind": "after_effect",
    "victim_name": "佐々木 花子",
    "vehicle": "横浜 300 さ 12-34",
    "accident_details": "令和8年1月10日、信号待ちで停車中に後方から追突された",
    "after_effect": {
        "findings": [
            {
                "table": "2",
                "grade": 9,
                "item": 10,
                "reason": "神経系統の機能に障害を残し就労が相当程度制限されるため",
            },
            {"table": "2", "grade": 13, "item": 2, "reason": "正面視以外で複視を残すため"},
        ],
        "basic_income": 3_000_000,
        "loss_years": 10,
    },
}


def test_pn06_after_effects_are_itemised_as_lost_earnings_and_consolation(
    world: Any, claimant: Party, doc_artifacts: Path
) -> None:
    doc = _issue(world, _claim(world, claimant, AFTER_EFFECT), "payment_explanation")
    page_png(stored(doc), doc_artifacts, "issue7-after-effect-explanation")
    text = pdf_text(stored(doc))
    # 3,000,000 × 45% (第8級) × 8.530 (10年・3%) = 11,515,500; 慰謝料 第8級 3,310,000.
    assert "後遺障害による逸失利益11,515,500円" in text
    assert (
        "基礎収入額3,000,000円（実収入）×労働能力喪失率45%（別表第2第8級）×ライプニッツ係数8.530（労働能力喪失期間10年・年3%）"
        in text
    )
    assert "後遺障害による慰謝料3,310,000円別表第2第8級の慰謝料3,310,000円" in text
    # The sum is cut to the 併合 amount capped at the sum of the grades' amounts.
    assert "支払限度額（後遺障害）による調整△7,275,500円" in text
    assert "合計7,550,000円" in text
    # A paragraph may run over a page: read it without the page footer 「1/2」.
    assert "併合別表第2第8級8,190,000円、各等級の合算額7,550,000円を限度" in re.sub(r"\d+/\d+", "", text)
    assert "保険金額750,000円" not in text


def test_pn02_a_finding_of_no_grade_is_stated_with_its_reason(world: Any, claimant: Party) -> None:
    data = {
        "accident_date": "2026-01-10",
        "kind": "after_effect",
        "injury": {
            "treatment_start": "2026-01-10",
            "treatment_end": "2026-03-31",
            "hospital_days": 0,
            "outpatient_days": 30,
            "medical_fees": 200_000,
        },
        "after_effect": {"not_applicable_reason": "画像上、神経症状の残存を裏付ける所見が認められないため"},
    }
    text = pdf_text(stored(_issue(world, _claim(world, claimant, data), "payment")))
    assert "後遺障害等級非該当" in text
    assert "後遺障害に該当しないと判断した理由画像上、神経症状の残存を裏付ける所見が認められないため" in text
    assert "該当すると判断した理由" not in text


def test_pn02_no_grade_with_a_grade_is_refused_naming_the_field(world: Any, claimant: Party) -> None:
    data = {
        "accident_date": "2026-01-10",
        "kind": "after_effect",
        "after_effect": {
            "not_applicable_reason": "所見なし",
            "findings": [{"table": "2", "grade": 14, "item": 9, "reason": "頚部痛"}],
        },
    }
    with pytest.raises(RuleViolation) as refused:
        _claim(world, claimant, data)
    assert refused.value.field == "after_effect.findings" and "非該当" in str(refused.value)


def test_pn06_an_income_without_the_years_lost_is_refused(world: Any, claimant: Party) -> None:
    data = {**AFTER_EFFECT, "after_effect": {**AFTER_EFFECT["after_effect"], "loss_years": None}}
    with pytest.raises(RuleViolation) as refused:
        _claim(world, claimant, data)
    assert refused.value.field == "after_effect.loss_years"


def test_pn01_claim_guide_summarises_the_standards_the_limitation_and_the_body(
    world: Any, claimant: Party
) -> None:
    from django.conf import settings

    doc = _issue(world, _claim(world, claimant, DEATH), "claim_guide")
    text = re.sub(r"\d+/\d+", "", pdf_text(stored(doc)))
    # The 2020 standard's day rates and flat amounts, chosen by the accident date.
    for figure in (
        "令和2年4月1日以降の事故",
        "入院中の諸雑費1日1,100円",
        "看護料入院1日4,200円・自宅又は通院1日2,100円（立証資料によりこれを超えることが明らかな場合は必要かつ妥当な実費）",
        "休業損害1日6,100円（立証により1日19,000円まで）",
        "慰謝料1日4,300円",
        "葬儀費100万円",
        "本人400万円",
        "遺族1名550万円・2名650万円・3名以上750万円",
        "8割以上9割未満は後遺障害・死亡3割、傷害2割",
    ):
        assert figure in text, figure
    assert "翌日から3年" in text and "異議申立て" in text
    for office in settings.CHOTEI_OFFICES.values():
        assert office["phone"] in text and office["address"] in text


def test_pn01_an_older_accident_gets_the_older_standard(world: Any, claimant: Party) -> None:
    data = {**DEATH, "accident_date": "2019-06-01"}
    text = pdf_text(stored(_issue(world, _claim(world, claimant, data), "claim_guide")))
    assert "令和2年3月31日以前の事故" in text and "休業損害1日5,700円" in text


def test_pn01_a_model_text_summary_without_substance_is_refused() -> None:
    """The completeness check reads the content: a summary that leaves out the limitation period or
    the body's phone is refused naming what is missing (令2条)."""
    from chotei.rules.errors import MissingItems
    from chotei.rules.notices.checks import check_notice
    from chotei.rules.notices.data import NoticeData
    from chotei.rules.notices.kinds import NoticeKind

    data = NoticeData(
        document_number="支通第2026-000001号",
        issued_on=dt.date(2026, 7, 1),
        addressee_name="佐々木 花子",
        honorific="様",
        addressee_address="横浜市",
        sender_name="あおば損害保険株式会社",
        sender_title="",
        case_number="AOB-1",
        fields={
            "procedure_summary": "請求書をご提出ください。",
            "dispute_body_summary": "指定紛争処理機関があります。",
        },
    )
    with pytest.raises(MissingItems) as refused:
        check_notice(NoticeKind.CLAIM_GUIDE, data)
    fields = {name: label for name, label, _ in refused.value.problems}
    assert "3年" in fields["procedure_summary"] and "異議申立て" in fields["procedure_summary"]
    assert "電話" in fields["dispute_body_summary"]
    assert "令第2条第2号" in str(refused.value)
