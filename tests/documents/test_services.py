"""Dispute notices issued through the real lifecycle (DP-05, DP-07..DP-09, DP-16..DP-21)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from tests.documents.helpers import flat, page_png, pdf_text
from tests.factories import stored

from chotei.audit.models import AuditEvent
from chotei.disputes.models import Case, LedgerLine
from chotei.disputes.services import lifecycle
from chotei.disputes.services.intake import PartyInput
from chotei.documents import services
from chotei.documents.models import DocumentNumberSequence, IssuedDocument
from chotei.rules import screening
from chotei.rules.errors import MissingItems, RuleViolation
from chotei.rules.notices.kinds import NoticeKind
from chotei.rules.notices.texts import LITIGATION_GUIDANCE
from chotei.rules.states import CaseState
from chotei.rules.wareki import to_wareki

NUMBER = re.compile(r"紛処第(\d{4})-\d{6}号")


def _docs(case: Case, kind: NoticeKind) -> list[IssuedDocument]:
    return list(
        IssuedDocument.objects.filter(case=case, kind=kind.value).order_by("addressee_side", "version")
    )


def _one(case: Case, kind: NoticeKind, side: str) -> IssuedDocument:
    (doc,) = [d for d in _docs(case, kind) if d.addressee_side == side]
    return doc


def _check_common(doc: IssuedDocument, case: Case, folder: Path) -> str:
    """What every dispute notice carries: number, dispatch date, case number, registered addressee."""
    pdf = stored(doc)
    text = pdf_text(pdf)
    match = NUMBER.fullmatch(doc.document_number)
    assert match and int(match.group(1)) == doc.dispatch_date.year
    assert doc.document_number in text
    assert to_wareki(doc.dispatch_date) in text
    assert flat(case.number) in text
    party = case.party(doc.addressee_side)
    assert party is not None
    assert flat(f"{party.party.name}{party.party.honorific}") in text
    assert flat(party.party.address) in text
    assert "一般財団法人自賠責保険・共済紛争処理機構" in text
    assert hashlib.sha256(pdf).hexdigest() == doc.sha256
    page_png(pdf, folder, f"{doc.kind}-{doc.addressee_side}")
    return text


def test_dp05_receipt_notice_goes_to_the_respondent(
    make_case: Any, doc_artifacts: Path, today: dt.date
) -> None:
    case = make_case(CaseState.RECEIVED)
    (doc,) = _docs(case, NoticeKind.RECEIPT)
    assert doc.addressee_side == "respondent"
    assert doc.addressee == "あおば損害保険株式会社　御中"
    assert doc.dispatch_date == today
    assert doc.channel == IssuedDocument.Channel.POST
    assert doc.template is None and doc.template_version == 0
    text = _check_common(doc, case, doc_artifacts)
    assert "山田太郎" in text
    assert flat(f"申請受付日{to_wareki(case.received_on)}") in text
    assert "規程第4条の2" in text


def test_dp08_acceptance_notices_state_matters_and_receipt_date(make_case: Any, doc_artifacts: Path) -> None:
    case = make_case(CaseState.ACCEPTED)
    respondent = _one(case, NoticeKind.ACCEPTANCE_RESPONDENT, "respondent")
    applicant = _one(case, NoticeKind.ACCEPTANCE_APPLICANT, "applicant")
    r_text = _check_common(respondent, case, doc_artifacts)
    a_text = _check_common(applicant, case, doc_artifacts)
    assert flat(case.matters_sought) in r_text
    assert flat(f"申請受付日{to_wareki(case.received_on)}") in a_text
    # DP-09: the amendment deadline counts from the dispatch date printed on the notice.
    assert applicant.dispatch_date == case.acceptance_dispatched_on
    deadline = screening.amendment_deadline(case.acceptance_dispatched_on)
    assert flat(f"変更申請の期限{to_wareki(deadline)}") in a_text
    assert _docs(case, NoticeKind.ACCEPTANCE_APPLICANT)[0].addressee_side != "respondent"


def test_dp16_statement_request_states_the_deadline(make_case: Any, doc_artifacts: Path) -> None:
    case = make_case(CaseState.ACCEPTED)
    doc = _one(case, NoticeKind.STATEMENT_REQUEST, "respondent")
    text = _check_common(doc, case, doc_artifacts)
    assert case.statement_due_on == screening.respondent_statement_deadline(doc.dispatch_date)
    assert flat(f"提出期限{to_wareki(case.statement_due_on)}") in text
    assert "規程第15条第7項" in text


def test_dp07_refusal_goes_to_both_citing_ground_9_and_guidance(make_case: Any, doc_artifacts: Path) -> None:
    case = make_case(CaseState.REFUSED)
    docs = _docs(case, NoticeKind.REFUSAL)
    assert [d.addressee_side for d in docs] == ["applicant", "respondent"]
    for doc in docs:
        text = _check_common(doc, case, doc_artifacts)
        assert "規程第5条第1項第9号" in text
        assert "規程第5条第2項" in text
        assert "異議申立て" in text and "民事調停" in text


def test_dp09_amendment_notice_to_the_respondent(
    make_case: Any, world: Any, committed: Any, doc_artifacts: Path
) -> None:
    case = make_case(CaseState.ACCEPTED)
    before = case.matters_sought
    with committed():
        lifecycle.case_amend(
            actor=world.staff,
            case_id=case.pk,
            version=case.version,
            matters_sought="後遺障害等級を非該当から第12級13号に変更することを求める",
        )
    case.refresh_from_db()
    (doc,) = _docs(case, NoticeKind.AMENDMENT)
    assert doc.addressee_side == "respondent"
    text = _check_common(doc, case, doc_artifacts)
    assert "第12級13号に変更することを求める" in text
    assert flat(before) in text
    assert "規程第5条の2第3項" in text


def test_dp17_result_to_both_and_explanation_to_the_asking_side(
    make_case: Any, world: Any, committed: Any, doc_artifacts: Path
) -> None:
    case = make_case(CaseState.RESULT_NOTIFIED)
    docs = _docs(case, NoticeKind.RESULT)
    assert [d.addressee_side for d in docs] == ["applicant", "respondent"]
    for doc in docs:
        text = _check_common(doc, case, doc_artifacts)
        assert "非変更" in text
        assert flat(case.result_reasons) in text
    with committed():
        lifecycle.case_explain_result(
            actor=world.staff, case_id=case.pk, version=case.version, side="applicant"
        )
    (explanation,) = _docs(case, NoticeKind.EXPLANATION)
    assert explanation.addressee_side == "applicant"
    text = _check_common(explanation, case, doc_artifacts)
    assert flat(case.result_reasons) in text
    assert "規程第16条第2項" in text


def test_dp18_termination_to_both_with_litigation_guidance(make_case: Any, doc_artifacts: Path) -> None:
    case = make_case(CaseState.TERMINATED)
    docs = _docs(case, NoticeKind.TERMINATION)
    assert [d.addressee_side for d in docs] == ["applicant", "respondent"]
    for doc in docs:
        text = _check_common(doc, case, doc_artifacts)
        assert "解決の見込みがない" in text
        assert flat("打切りの事由紛争処理による解決の見込みがない（紛争処理業務規程第17条第1項）") in text
        assert flat(LITIGATION_GUIDANCE) in text
        assert flat(f"打切り日{to_wareki(case.ended_on)}") in text


def test_dp19_withdrawal_notice_to_the_respondent(make_case: Any, doc_artifacts: Path) -> None:
    case = make_case(CaseState.WITHDRAWN)
    (doc,) = _docs(case, NoticeKind.WITHDRAWAL)
    assert doc.addressee_side == "respondent"
    text = _check_common(doc, case, doc_artifacts)
    assert flat(f"取下げ日{to_wareki(case.ended_on)}") in text
    assert "手続の終結" in text


def test_dp20_issued_document_is_immutable(make_case: Any) -> None:
    case = make_case(CaseState.RECEIVED)
    (doc,) = _docs(case, NoticeKind.RECEIPT)
    doc.title = "改ざん"
    with pytest.raises(PermissionError):
        doc.save()
    doc.refresh_from_db()
    assert doc.title == "紛争処理申請受付通知書"


def test_dp20_reissue_makes_version_2_and_keeps_version_1(make_case: Any, world: Any) -> None:
    case = make_case(CaseState.RECEIVED)
    (first,) = _docs(case, NoticeKind.RECEIPT)
    (second,) = services.case_notices_issue(
        case_id=case.pk, kinds=["receipt"], actor_id=world.staff.pk, dispatch_on=dt.date(2026, 12, 1)
    )
    assert second.version == 2
    assert second.document_number != first.document_number
    assert second.dispatch_date == dt.date(2026, 12, 1)
    assert "令和8年12月1日" in pdf_text(stored(second))
    kept = IssuedDocument.objects.get(pk=first.pk)
    assert kept.version == 1 and kept.sha256 == first.sha256 and stored(kept) == stored(first)


def test_dp21_issue_writes_ledger_line_and_audit_event(make_case: Any) -> None:
    case = make_case(CaseState.RECEIVED)
    (doc,) = _docs(case, NoticeKind.RECEIPT)
    line = LedgerLine.objects.get(case=case, action="notice")
    assert doc.document_number in line.description and "郵送" in line.description
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.DOCUMENT_ISSUED, case_id=case.pk)
    assert event.payload["document"] == doc.pk and event.payload["sha256"] == doc.sha256


def test_dp21_document_numbers_follow_one_sequence_per_year(make_case: Any) -> None:
    case = make_case(CaseState.ACCEPTED)
    numbers = sorted(IssuedDocument.objects.filter(case=case).values_list("document_number", flat=True))
    serials = [int(n.split("-")[1].rstrip("号")) for n in numbers]
    assert len(set(numbers)) == len(numbers) == 4
    assert serials == list(range(serials[0], serials[0] + 4))


def test_dp08_acceptance_dispatch_date_cannot_diverge(make_case: Any) -> None:
    case = make_case(CaseState.ACCEPTED)
    with pytest.raises(RuleViolation, match="発送日"):
        services.case_notices_issue(
            case_id=case.pk, kinds=["acceptance_applicant"], dispatch_on=dt.date(2030, 1, 1)
        )


def test_dp16_missing_item_refuses_and_stores_nothing(make_case: Any) -> None:
    case = make_case(CaseState.RECEIVED)
    before = (IssuedDocument.objects.count(), LedgerLine.objects.count())
    # The result notice of a case with no result names the missing items.
    with pytest.raises(MissingItems) as caught:
        services.case_notices_issue(case_id=case.pk, kinds=["receipt", "result"])
    assert "紛争処理の結果" in str(caught.value) and "規程第16条第1項" in str(caught.value)
    assert (IssuedDocument.objects.count(), LedgerLine.objects.count()) == before


def test_dp05_unsupported_character_refused_before_issue_naming_it(make_case: Any) -> None:
    case = make_case(
        CaseState.RECEIVED,
        applicant=PartyInput(
            name="𠮷田 太郎", address="東京都世田谷区桜丘三丁目12番5号", postcode="156-0054"
        ),
    )
    # The receipt task failed: nothing issued, the failure is on the case's record for staff.
    assert not _docs(case, NoticeKind.RECEIPT)
    failed = LedgerLine.objects.get(case=case, action="notice_failed")
    assert "𠮷" in failed.description
    sequences = list(DocumentNumberSequence.objects.values_list("last", flat=True))
    with pytest.raises(RuleViolation, match="𠮷"):
        services.case_notices_issue(case_id=case.pk, kinds=["receipt"])
    assert not IssuedDocument.objects.filter(case=case).exists()
    assert list(DocumentNumberSequence.objects.values_list("last", flat=True)) == sequences


def test_dp05_a_represented_party_is_written_to_through_its_agent(make_case: Any) -> None:
    """Issue 7: the notice goes to the agent on record, naming the party; the document stays the
    party's (PN-04 opening by its organisation)."""
    from chotei.disputes.models import CaseParty
    from chotei.parties.models import Party

    case = make_case(CaseState.RECEIVED)
    agent = Party.objects.create(name="弁護士 鈴木 一郎", address="東京都港区虎ノ門一丁目2番3号")
    CaseParty.objects.filter(case=case, side="respondent").update(agent=agent)
    (doc,) = services.case_notices_issue(case_id=case.pk, kinds=["receipt"])
    assert doc.addressee == "被申請人　あおば損害保険株式会社　代理人　弁護士 鈴木 一郎　様"
    assert doc.addressee_party.name == "あおば損害保険株式会社"
    line = LedgerLine.objects.filter(case=case, action="notice").latest("id")
    assert "代理人　弁護士 鈴木 一郎　様へ" in line.description


def test_cp05_preview_renders_without_storing(make_case: Any) -> None:
    case = make_case(CaseState.ACCEPTED)
    count = IssuedDocument.objects.count()
    pdf = services.case_notice_preview(case.pk, "acceptance_respondent", "respondent")
    text = pdf_text(pdf)
    assert "（発出時に付番）" in text and flat(case.matters_sought) in text
    assert IssuedDocument.objects.count() == count
    with pytest.raises(RuleViolation):
        services.case_notice_preview(case.pk, "acceptance_respondent", "applicant")


def test_dp22_preview_view_is_for_operators(make_case: Any, client: Any, world: Any) -> None:
    case = make_case(CaseState.ACCEPTED)
    url = f"/desk/documents/cases/{case.pk}/preview/statement_request/respondent/"
    client.force_login(world.users["auditor"])
    assert client.get(url).status_code == 403
    client.force_login(world.staff)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_dp05_applicant_named_with_sama_in_the_body_an_organization_without(make_case: Any) -> None:
    """Official style: 「山田 太郎 様から申請のありました」 for a person; an organization's 御中 belongs
    on an address, so its name stands bare in a sentence."""
    from chotei.parties.models import Party

    person = make_case(CaseState.ACCEPTED)
    receipt = pdf_text(stored(_one(person, NoticeKind.RECEIPT, "respondent")))
    accepted = pdf_text(stored(_one(person, NoticeKind.ACCEPTANCE_RESPONDENT, "respondent")))
    assert "山田太郎様から、貴社を相手方とする" in receipt
    assert "山田太郎様から申請のありました" in accepted
    # The itemised 記 lists the name as registered.
    assert "申請者山田太郎" in flat(receipt) and "申請者山田太郎様" not in receipt
    company = make_case(
        CaseState.RECEIVED,
        applicant=PartyInput(
            name="株式会社みどり運送",
            address="東京都江東区新木場一丁目5番3号",
            kind=Party.Kind.ORGANIZATION,
        ),
    )
    text = pdf_text(stored(_one(company, NoticeKind.RECEIPT, "respondent")))
    assert "株式会社みどり運送から、貴社を相手方とする" in text
    assert "株式会社みどり運送様" not in text and "株式会社みどり運送御中" not in text
