"""The body's documents tell the recipient what happens next (issue 7 item 4; DP-06..DP-08, DP-16,
DP-17), read from the rendered PDFs."""

from __future__ import annotations

from typing import Any

import pytest
from tests.documents.helpers import pdf_text
from tests.factories import stored
from tests.rules.test_notices import make_data

from chotei.disputes.models import Case
from chotei.disputes.services import lifecycle
from chotei.documents import services
from chotei.documents.facts import case_fields
from chotei.documents.models import IssuedDocument
from chotei.rules.notices.compose import compose
from chotei.rules.notices.kinds import NoticeKind
from chotei.rules.states import CaseState


def _text(case: Case, kind: str, side: str) -> str:
    doc = IssuedDocument.objects.filter(case=case, kind=kind, addressee_side=side).latest("version")
    return pdf_text(stored(doc))


def _refused(make_case: Any, world: Any, committed: Any, code: str) -> Case:
    case = make_case(CaseState.SCREENING)
    with committed():
        lifecycle.case_refuse(actor=world.staff, case_id=case.pk, version=case.version, ground_code=code)
    return case


@pytest.mark.parametrize(
    ("code", "cure"),
    [
        ("R5-1-8", "支払に関する判断の通知を受けた後、改めて紛争処理の申請をすることができます"),
        ("R5-1-2", "その旨を本機構に連絡いただいた後、改めて紛争処理の申請をすることができます"),
    ],
)
def test_dp08_a_curable_refusal_says_how_to_cure_it_and_that_a_new_application_is_possible(
    make_case: Any, world: Any, committed: Any, code: str, cure: str
) -> None:
    text = _text(_refused(make_case, world, committed, code), "refusal", "applicant")
    assert "改めて申請するには" in text and cure in text


def test_dp08_a_refusal_for_a_dispute_already_processed_states_the_one_application_rule(
    make_case: Any, world: Any, committed: Any
) -> None:
    text = _text(_refused(make_case, world, committed, "R5-1-7"), "refusal", "applicant")
    assert "一回限りであり、改めて申請することはできません（規程第5条第1項第7号）" in text


def test_dp16_the_statement_request_says_what_follows_a_missing_statement(make_case: Any) -> None:
    text = _text(make_case(CaseState.ACCEPTED), "statement_request", "respondent")
    assert (
        "期限までに提出がない場合は、申請者から提出された資料その他本機構が入手した資料に基づいて審理を進め"
        in text
    )


def test_dp17_the_result_restates_the_matters_sought_and_what_follows(make_case: Any) -> None:
    case = make_case(CaseState.RESULT_NOTIFIED)
    text = _text(case, "result", "applicant")
    assert f"紛争処理を求める事項{case.matters_sought}" in text
    assert "保険会社等の支払に関する判断の通知日令和8年9月20日" in text
    assert "今後の手続本件の紛争処理手続は終了しました。同一の紛争について" in text


def test_dp17_a_changed_result_says_the_insurer_will_act_on_it() -> None:
    data = make_data(NoticeKind.RESULT)
    data.fields.update(
        result_text="保険会社等の支払に関する判断を変更することが相当である（変更）",
        next_step="保険会社等は、本結果を踏まえて支払に関する判断を見直し、その内容を申請者に通知します。",
    )
    text = "".join(compose(NoticeKind.RESULT, data).paragraphs)
    assert "今後の手続　保険会社等は、本結果を踏まえて支払に関する判断を見直し" in text


def test_dp17_the_explanation_follows_the_published_structure(make_case: Any) -> None:
    case = make_case(CaseState.RESULT_NOTIFIED)
    (doc,) = services.case_notices_issue(case_id=case.pk, kinds=["explanation"], side="applicant")
    text = pdf_text(stored(doc))
    heads = ["自賠責の判断", "申請人の主張", "機構の判断", "結論"]
    positions = [text.index(h) for h in heads]
    assert positions == sorted(positions)
    assert "自賠責の判断令和8年8月に非該当の通知を受け" in text
    assert "申請人の主張事故後一貫して頚部痛を訴え" in text


def test_dp17_a_changed_grade_is_read_from_the_case_into_the_result(make_case: Any) -> None:
    case = make_case(CaseState.RESULT_NOTIFIED)
    assert case_fields(case, NoticeKind.RESULT, case.received_on)["grade_change"] is None
    Case.objects.filter(pk=case.pk).update(result="changed", grade_before="none", grade_after="2-14")
    case.refresh_from_db()
    fields = case_fields(case, NoticeKind.RESULT, case.received_on)
    assert fields["grade_change"] == "別表第2第14級（変更前　非該当）"


def test_dp18_a_termination_for_a_pending_lawsuit_does_not_advise_bringing_one(
    make_case: Any, world: Any, committed: Any
) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    _, chief = world.panel_ids()
    with committed():
        lifecycle.case_terminate(
            actor=world.staff,
            case_id=case.pk,
            version=Case.objects.get(pk=case.pk).version,
            ground="R5-1-9S",
            reason="申請人が同一の事案について訴訟を提起したため",
            chief_id=chief,
        )
    for side in ("applicant", "respondent"):
        text = _text(case, "termination", side)
        assert (
            "同一の紛争について訴訟が係属している（紛争処理業務規程第17条第1項、同規程第5条第1項第9号該当）"
            in text
        )
        assert "係属中の訴訟手続において解決が図られることとなります" in text
        assert "訴訟手続、裁判所における民事調停手続等の利用をご検討ください" not in text
