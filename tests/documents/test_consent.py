"""Electronic delivery (PN-04, PN-05) and opening issued documents (DP-22)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.factories import stored

from chotei.accounts.permissions import NotPermitted
from chotei.audit.models import AuditEvent
from chotei.disputes.services.core import NotFound
from chotei.documents import services
from chotei.documents.models import DeliveryConsent, IssuedDocument
from chotei.rules.errors import RuleViolation
from chotei.rules.states import CaseState


def _respondent(case: Any) -> Any:
    return case.party("respondent").party


def _consent(world: Any, party: Any, consented: bool) -> DeliveryConsent:
    return services.consent_record(
        actor=world.staff,
        party_id=party.pk,
        consented=consented,
        method=services.CONSENT_METHOD,
        file_format=services.CONSENT_FORMAT,
    )


def test_pn05_offer_shows_method_and_file_format() -> None:
    text = services.consent_offer_text()
    assert services.CONSENT_METHOD in text and services.CONSENT_FORMAT in text
    assert "PDF" in text and "印刷" in text and "閲覧" in text and "保存" in text
    assert "郵送" in text  # paper stays the default without consent


def test_pn05_offered_method_is_one_recipients_can_use() -> None:
    """PN-05: the method shown is the one that exists — the API insurers and co-ops log into — not
    the staff-only desk, which no recipient can open."""
    assert "GET /api/v1/cases/{事案ID}/documents/{文書ID}/pdf" in services.CONSENT_METHOD
    assert "ダウンロード" in services.CONSENT_METHOD and "令第5条第1項第1号ロ" in services.CONSENT_METHOD
    assert "デスク" not in services.CONSENT_METHOD and "ポータル" not in services.CONSENT_METHOD
    assert "フォント埋め込み" in services.CONSENT_FORMAT
    # The method is stored with every answer; it must fit the column.
    assert len(services.CONSENT_METHOD) <= DeliveryConsent._meta.get_field("method").max_length


def test_pn04_paper_without_consent_electronic_with_it(make_case: Any, world: Any) -> None:
    case = make_case(CaseState.RECEIVED)
    (paper,) = IssuedDocument.objects.filter(case=case)
    assert paper.channel == IssuedDocument.Channel.POST
    _consent(world, _respondent(case), True)
    (electronic,) = services.case_notices_issue(case_id=case.pk, kinds=["receipt"])
    assert electronic.channel == IssuedDocument.Channel.ELECTRONIC
    # The latest answer decides: a later refusal puts the party back on paper.
    _consent(world, _respondent(case), False)
    (again,) = services.case_notices_issue(case_id=case.pk, kinds=["receipt"])
    assert again.channel == IssuedDocument.Channel.POST


def test_pn05_electronic_refused_without_consent(make_case: Any) -> None:
    case = make_case(CaseState.RECEIVED)
    with pytest.raises(RuleViolation, match="承諾") as caught:
        services.case_notices_issue(case_id=case.pk, kinds=["receipt"], channel="electronic")
    assert caught.value.article.obligation == "PN-05"
    assert IssuedDocument.objects.filter(case=case).count() == 1


def test_pn05_refusal_is_recorded_and_audited(make_case: Any, world: Any) -> None:
    case = make_case(CaseState.RECEIVED)
    consent = _consent(world, _respondent(case), False)
    assert consent.consented is False and consent.method == services.CONSENT_METHOD
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.CONSENT)
    assert event.payload["consented"] is False and event.payload["party"] == _respondent(case).pk


def test_pn05_consent_to_another_method_is_refused(make_case: Any, world: Any) -> None:
    case = make_case(CaseState.RECEIVED)
    with pytest.raises(RuleViolation, match="方法"):
        services.consent_record(
            actor=world.staff,
            party_id=_respondent(case).pk,
            consented=True,
            method="電子メールに添付",
            file_format="Word",
        )
    with pytest.raises(NotPermitted):
        services.consent_record(
            actor=world.users["member"],
            party_id=_respondent(case).pk,
            consented=True,
            method=services.CONSENT_METHOD,
            file_format=services.CONSENT_FORMAT,
        )
    assert not DeliveryConsent.objects.exists()


def test_pn05_consent_page_shows_method_before_the_choice(make_case: Any, world: Any, client: Any) -> None:
    case = make_case(CaseState.RECEIVED)
    party = _respondent(case)
    client.force_login(world.staff)
    url = f"/desk/documents/consent/{party.pk}/"
    page = client.get(url).content.decode()
    assert services.CONSENT_METHOD in page and services.CONSENT_FORMAT in page
    assert page.index(services.CONSENT_METHOD) < page.index('name="answer"')
    assert "API による閲覧ができません" not in page  # the insurer can fetch its PDFs
    applicant = case.party("applicant").party
    assert (
        "API による閲覧ができません"
        in client.get(f"/desk/documents/consent/{applicant.pk}/").content.decode()
    )
    response = client.post(url, {"answer": "yes"})
    assert response.status_code == 302
    assert DeliveryConsent.objects.get(party=party).consented is True
    assert services.consented(party)


def test_pn04_only_the_addressees_opening_stamps_first_opened_at(make_case: Any, world: Any) -> None:
    """PN-04: first_opened_at is when the recipient first opened the notice, so staff opening it
    leave it empty; the addressee (the insurer, whose organization is the respondent) stamps it
    once. Every opening is audited all the same (DP-22)."""
    case = make_case(CaseState.RECEIVED)
    (doc,) = IssuedDocument.objects.filter(case=case)  # the receipt, to the respondent
    assert doc.first_opened_at is None
    assert services.document_open(world.staff, doc.pk).first_opened_at is None
    assert services.document_open(world.users["auditor"], doc.pk).first_opened_at is None
    assert IssuedDocument.objects.get(pk=doc.pk).first_opened_at is None
    first = services.document_open(world.users["insurer"], doc.pk).first_opened_at
    assert first is not None
    assert services.document_open(world.users["insurer"], doc.pk).first_opened_at == first
    assert services.document_open(world.staff, doc.pk).first_opened_at == first
    opened = AuditEvent.objects.filter(event_type=AuditEvent.Type.DOCUMENT_OPENED, case_id=case.pk)
    assert opened.count() == 5
    assert {e.actor.username for e in opened} == {"secretariat", "auditor", "insurer"}


def test_pn04_is_addressee_only_for_the_addressee_partys_organization(make_case: Any, world: Any) -> None:
    case = make_case(CaseState.REFUSED)
    docs = {d.addressee_side: d for d in IssuedDocument.objects.filter(case=case, kind="refusal")}
    assert services.is_addressee(world.users["insurer"], docs["respondent"])
    assert not services.is_addressee(world.users["insurer"], docs["applicant"])
    for role in ("secretariat", "chair", "auditor", "admin", "member"):
        assert not services.is_addressee(world.users[role], docs["respondent"]), role


def test_dp22_who_may_open_a_document(make_case: Any, world: Any) -> None:
    case = make_case(CaseState.REFUSED)
    docs = {d.addressee_side: d for d in IssuedDocument.objects.filter(case=case, kind="refusal")}
    # The member is not on a panel of a refused case.
    with pytest.raises(NotFound):
        services.document_open(world.users["member"], docs["applicant"].pk)
    # The insurer is the respondent: its own notice only, never the applicant's.
    services.document_open(world.users["insurer"], docs["respondent"].pk)
    with pytest.raises(NotFound):
        services.document_open(world.users["insurer"], docs["applicant"].pk)
    for role in ("secretariat", "chair", "auditor", "admin"):
        services.document_open(world.users[role], docs["applicant"].pk)


def test_dp22_panel_member_may_open_the_case_documents(make_case: Any, world: Any) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    doc = IssuedDocument.objects.filter(case=case).first()
    assert services.document_open(world.users["member"], doc.pk).pk == doc.pk


def test_dp22_pdf_view_serves_inline_and_needs_login(make_case: Any, world: Any, client: Any) -> None:
    case = make_case(CaseState.RECEIVED)
    (doc,) = IssuedDocument.objects.filter(case=case)
    url = f"/desk/documents/{doc.pk}/pdf/"
    assert client.get(url).status_code == 302
    client.force_login(world.staff)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response.content == stored(doc)
    client.force_login(world.users["member"])
    assert client.get(url).status_code == 404
    assert client.get("/desk/documents/999999/pdf/").status_code == 404
