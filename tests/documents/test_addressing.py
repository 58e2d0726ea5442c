"""Notices a lawyer would sign (issue 7 item 1): addressed by the organisation's kind, to the agent on
record naming the party, with the handling office's own contact block (DP-05, DP-08, DP-24)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from tests.documents.helpers import flat, page_png, pdf_text
from tests.factories import stored

from chotei.disputes.services.intake import PartyInput
from chotei.documents import services
from chotei.documents.models import IssuedDocument
from chotei.parties.models import Party
from chotei.rules import offices
from chotei.rules.errors import RuleViolation
from chotei.rules.notices.kinds import NoticeKind
from chotei.rules.states import CaseState

TOKYO_PHONE = "0120-159-700"


def _text(case: Any, kind: NoticeKind, side: str) -> str:
    doc = IssuedDocument.objects.filter(case=case, kind=kind.value, addressee_side=side).latest("version")
    return pdf_text(stored(doc))


def _coop_case(make_case: Any, world: Any, state: str = CaseState.RECEIVED, **changes: Any) -> Any:
    coop = Party.objects.filter(organization=world.coop).earliest("pk")
    respondent = PartyInput(
        name=coop.name, address=coop.address, party_id=coop.pk, kind=Party.Kind.ORGANIZATION
    )
    return make_case(state, respondent=respondent, respondent_role="coop", **changes)


def test_dp05_a_coop_is_addressed_as_kikumiai_never_kisha(
    make_case: Any, world: Any, doc_artifacts: Path
) -> None:
    case = _coop_case(make_case, world)
    text = _text(case, NoticeKind.RECEIPT, "respondent")
    page_png(
        stored(IssuedDocument.objects.get(case=case, kind="receipt")), doc_artifacts, "issue7-coop-receipt"
    )
    assert "みなと共済協同組合御中" in text
    assert "貴組合を相手方とする紛争処理の申請" in text
    assert "貴社" not in text


def test_dp05_an_insurer_stays_kisha(make_case: Any) -> None:
    case = make_case(CaseState.RECEIVED)
    assert "貴社を相手方とする" in _text(case, NoticeKind.RECEIPT, "respondent")


def test_dp24_a_branch_case_carries_the_branch_contact_not_the_head_office(
    make_case: Any, doc_artifacts: Path
) -> None:
    from django.conf import settings

    case = make_case(CaseState.ACCEPTED, office=offices.BRANCH)
    osaka = settings.CHOTEI_OFFICES[offices.BRANCH]
    tokyo = settings.CHOTEI_OFFICES[offices.MAIN]
    for kind, side in ((NoticeKind.RECEIPT, "respondent"), (NoticeKind.STATEMENT_REQUEST, "respondent")):
        text = _text(case, kind, side)
        assert flat(osaka["address"]) in text and osaka["phone"] in text and "大阪支部事務局" in text
        assert flat(tokyo["address"]) not in text and tokyo["phone"] not in text
    # The statement goes to the branch, at the branch's address (DP-16).
    assert f"提出先{flat(settings.CHOTEI_BODY['name'])}大阪支部事務局（〒{osaka['postcode']}" in _text(
        case, NoticeKind.STATEMENT_REQUEST, "respondent"
    )
    doc = IssuedDocument.objects.get(case=case, kind="statement_request")
    page_png(stored(doc), doc_artifacts, "issue7-branch-statement-request")


def test_dp24_a_head_office_case_carries_the_head_office_contact(make_case: Any) -> None:
    text = _text(make_case(CaseState.RECEIVED), NoticeKind.RECEIPT, "respondent")
    assert TOKYO_PHONE in text and "本部事務局" in text and "大阪" not in text


def test_dp24_an_office_without_its_contact_is_refused_before_issue(make_case: Any) -> None:
    from django.conf import settings

    case = make_case(CaseState.ACCEPTED, office=offices.BRANCH)
    before = IssuedDocument.objects.count()
    offices_ = {
        **settings.CHOTEI_OFFICES,
        offices.BRANCH: {**settings.CHOTEI_OFFICES[offices.BRANCH], "phone": ""},
    }
    with override_settings(CHOTEI_OFFICES=offices_), pytest.raises(RuleViolation) as refused:
        services.case_notices_issue(case_id=case.pk, kinds=["receipt"])
    assert refused.value.field == "office" and "電話番号" in str(refused.value)
    assert "第7条" in str(refused.value.article)
    assert IssuedDocument.objects.count() == before


def test_dp08_a_represented_applicant_is_written_to_at_the_agents_office(
    make_case: Any, doc_artifacts: Path
) -> None:
    agent = PartyInput(name="弁護士 鈴木 一郎", address="東京都港区虎ノ門一丁目2番3号", postcode="105-0001")
    case = make_case(CaseState.ACCEPTED, applicant_agent=agent)
    text = _text(case, NoticeKind.ACCEPTANCE_APPLICANT, "applicant")
    page_png(
        stored(IssuedDocument.objects.get(case=case, kind="acceptance_applicant")),
        doc_artifacts,
        "issue7-represented-acceptance",
    )
    # The agent's address and name, the party named above it; never only the party's home.
    assert "〒105-0001東京都港区虎ノ門一丁目2番3号申請人山田太郎代理人弁護士鈴木一郎様" in text
    assert "世田谷区桜丘" not in text


def test_dp17_running_text_names_the_represented_party_not_kiden(make_case: Any, world: Any) -> None:
    agent = PartyInput(name="弁護士 鈴木 一郎", address="東京都港区虎ノ門一丁目2番3号")
    case = make_case(CaseState.RESULT_NOTIFIED, applicant_agent=agent)
    (doc,) = services.case_notices_issue(case_id=case.pk, kinds=["explanation"], side="applicant")
    text = pdf_text(stored(doc))
    assert "付けで山田太郎様から説明を求められました" in text and "貴殿" not in text
