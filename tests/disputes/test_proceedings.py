"""Materials of the review: submissions, insurer requests, special procedures (DP-03, DP-12..DP-14, DP-21)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.db.models import ProtectedError

from chotei.accounts.permissions import NotPermitted
from chotei.disputes.models import InsurerRequest, LedgerLine, SpecialProcedure, Submission
from chotei.disputes.services import proceedings
from chotei.disputes.services.core import NotFound, today
from chotei.rules import calendar
from chotei.rules.errors import RuleViolation
from chotei.rules.states import CaseState
from tests.disputes.conftest import submission
from tests.factories import stored as stored_bytes

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7 \xe8\xa8\xba\xe6\x96\xad\xe6\x9b\xb8 evidence"
_submit = submission


def test_dp03_upload_keeps_content_and_sha256(world, make_case):
    case = make_case(CaseState.ACCEPTED)
    sub = _submit(world, case)
    stored = Submission.objects.get(pk=sub.pk)
    assert stored_bytes(stored) == PDF and stored.file.name.startswith("submissions/")
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert stored.recorded_by == world.staff and stored.form == Submission.Form.WRITTEN
    line = LedgerLine.objects.filter(case=case).last()
    assert (
        line.action == "submission"
        and line.description == "申請人の証拠書類を受領: 後遺障害診断書（アップロード）"
    )


def test_dp03_upload_without_file_refused(world, make_case):
    case = make_case(CaseState.ACCEPTED)
    with pytest.raises(RuleViolation, match="規程第4条第3項"):
        _submit(world, case, content=None)
    assert not Submission.objects.exists()


def test_dp03_post_needs_receipt_logged(world, make_case):
    case = make_case(CaseState.ACCEPTED)
    with pytest.raises(RuleViolation) as exc:
        _submit(world, case, channel="post", content=None, postal_receipt="　")
    assert "規程第4条第3項" in str(exc.value) and exc.value.field == "postal_receipt"
    sub = _submit(
        world,
        case,
        channel="post",
        content=None,
        postal_receipt="書留 １２３４－５６７８",
        received_on=dt.date(2026, 10, 9),
    )
    assert sub.postal_receipt == "書留 1234-5678" and sub.received_on == dt.date(2026, 10, 9)


def test_dp03_unknown_channel_refused(world, make_case):
    case = make_case(CaseState.ACCEPTED)
    with pytest.raises(RuleViolation, match="規程第4条第3項"):
        _submit(world, case, channel="fax")


def test_dp14_other_form_only_with_the_chiefs_permission(world, make_case):
    accepted = make_case(CaseState.ACCEPTED)
    with pytest.raises(RuleViolation, match="紛争処理委員会が指名されていません"):
        _submit(world, accepted, form="other", title="録音データ")
    review = make_case(CaseState.UNDER_REVIEW)
    with pytest.raises(RuleViolation) as exc:
        _submit(world, review, form="other", title="録音データ", chief_id=world.members["田中"].pk)
    assert str(exc.value) == "規程第15条第5項により書面以外の方法による主張・証拠の許可は主任委員が行います"
    assert not Submission.objects.exists()
    sub = _submit(world, review, form="other", title="録音データ", chief_id=world.members["高橋"].pk)
    assert sub.form == Submission.Form.OTHER


def test_dp14_unknown_form_refused(world, make_case):
    with pytest.raises(RuleViolation, match="規程第15条第5項"):
        _submit(world, make_case(CaseState.ACCEPTED), form="video")


def test_dp20_submissions_are_kept_not_returned(world, make_case):
    case = make_case(CaseState.ACCEPTED)
    _submit(world, case)
    with pytest.raises(ProtectedError):
        case.delete()


def test_dp12_insurer_request_has_a_business_day_due_date(world, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    req = proceedings.insurer_request_create(actor=world.staff, case_id=case.pk, request="支払判断の根拠資料")
    assert req.requested_on == today()
    assert req.due_on == calendar.add_business_days(today(), proceedings.INSURER_ANSWER_BUSINESS_DAYS)
    assert "法第23条の12" in LedgerLine.objects.filter(case=case).last().description
    with pytest.raises(RuleViolation, match="法第23条の12"):
        proceedings.insurer_request_create(actor=world.staff, case_id=case.pk, request="　")


def test_dp12_insurer_answers_once_and_never_overwrites(world, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    req = proceedings.insurer_request_create(actor=world.staff, case_id=case.pk, request="画像資料一式")
    proceedings.insurer_request_answer(actor=world.staff, request_id=req.pk, answer="ＣＤ－Ｒで提出")
    with pytest.raises(RuleViolation, match="回答済み"):
        proceedings.insurer_request_answer(actor=world.staff, request_id=req.pk, answer="差替え")
    req.refresh_from_db()
    assert req.answer == "CD-Rで提出" and req.answered_on == today() and not req.refusal_reason


def test_dp12_refusal_needs_a_reason(world, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    req = proceedings.insurer_request_create(actor=world.staff, case_id=case.pk, request="調査報告書")
    with pytest.raises(RuleViolation) as exc:
        proceedings.insurer_request_answer(
            actor=world.staff, request_id=req.pk, answer=" ", refusal_reason="　"
        )
    assert "法第23条の12" in str(exc.value) and "正当な理由" in str(exc.value)
    assert InsurerRequest.objects.get(pk=req.pk).answered_on is None
    proceedings.insurer_request_answer(
        actor=world.staff, request_id=req.pk, refusal_reason="第三者の個人情報を含む"
    )
    assert "提出拒否・理由あり" in LedgerLine.objects.filter(case=case).last().description


def test_dp12_unknown_request_not_found(world):
    with pytest.raises(NotFound):
        proceedings.insurer_request_answer(actor=world.staff, request_id=9999, answer="x")


def _special(world, case):
    return proceedings.special_procedure_request(
        actor=world.staff, case_id=case.pk, kind="医学鑑定", requested_by="applicant", reason="因果関係"
    )


def test_dp13_chief_approves_and_party_cost_is_in_the_ledger(world, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    proc = _special(world, case)
    assert proc.decision == SpecialProcedure.Decision.PENDING
    proceedings.special_procedure_decide(
        actor=world.staff,
        procedure_id=proc.pk,
        approve=True,
        chief_id=world.members["高橋"].pk,
        cost_yen=150_000,
        charged_to="applicant",
    )
    proc.refresh_from_db()
    assert proc.decision == SpecialProcedure.Decision.APPROVED and proc.decided_by == world.members["高橋"]
    assert (proc.cost_yen, proc.charged_to) == (150_000, "applicant")
    line = LedgerLine.objects.filter(case=case).last()
    assert line.party_cost_yen == 150_000
    assert (
        line.description
        == "特別の手続を実施（主任委員 高橋 花子の判断、費用 150,000円、申請人負担、令第26条）"
    )


def test_dp13_only_the_chief_decides_and_only_once(world, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    proc = _special(world, case)
    with pytest.raises(RuleViolation, match="規程第15条第4項により特別の手続の判断は主任委員が行います"):
        proceedings.special_procedure_decide(
            actor=world.staff, procedure_id=proc.pk, approve=False, chief_id=world.members["伊藤"].pk
        )
    chief = world.members["高橋"].pk
    proceedings.special_procedure_decide(
        actor=world.staff, procedure_id=proc.pk, approve=False, chief_id=chief
    )
    with pytest.raises(RuleViolation, match="判断済み"):
        proceedings.special_procedure_decide(
            actor=world.staff,
            procedure_id=proc.pk,
            approve=True,
            chief_id=chief,
            cost_yen=1,
            charged_to="respondent",
        )
    proc.refresh_from_db()
    assert proc.decision == SpecialProcedure.Decision.REJECTED and proc.cost_yen == 0
    assert LedgerLine.objects.filter(case=case, party_cost_yen__gt=0).count() == 0


def test_dp13_approval_needs_cost_and_payer(world, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    proc = _special(world, case)
    with pytest.raises(RuleViolation, match="規程第19条"):
        proceedings.special_procedure_decide(
            actor=world.staff, procedure_id=proc.pk, approve=True, cost_yen=0
        )
    with pytest.raises(RuleViolation, match="規程第15条第4項"):
        proceedings.special_procedure_request(
            actor=world.staff, case_id=case.pk, kind="鑑定", requested_by="court", reason="x"
        )


@pytest.mark.parametrize("role", ["member", "insurer", "auditor"])
def test_im01_wrong_role_may_not_record_materials(world, make_case, role):
    case = make_case(CaseState.UNDER_REVIEW)
    with pytest.raises(NotPermitted):
        _submit(world, case, actor=world.users[role])
    with pytest.raises(NotPermitted):
        proceedings.insurer_request_create(actor=world.users[role], case_id=case.pk, request="資料")
    assert not Submission.objects.exists() and not InsurerRequest.objects.exists()
