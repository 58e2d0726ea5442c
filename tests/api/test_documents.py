"""DP-22: opening an issued PDF through the API stamps its first opening and is audited; IM-01: an
insurer opens only the notices addressed to its own side."""

from __future__ import annotations

from typing import Any

import pytest

from chotei.audit.models import AuditEvent
from chotei.documents.models import IssuedDocument
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db


def test_dp22_pn04_pdf_is_served_and_only_the_addressees_first_opening_recorded(
    world: Any, staff_api: Api, insurer_api: Api, issue_document: Any
) -> None:
    """DP-22: every opening is audited; PN-04: first_opened_at is the addressee's first opening."""
    case = world.make_case()
    doc = issue_document(case, side="respondent")
    IssuedDocument.objects.filter(pk=doc.pk).update(addressee_party=case.party("respondent").party)
    response = staff_api.get(f"/cases/{case.pk}/documents/{doc.pk}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == b"%PDF-1.4\n% test\n"
    assert IssuedDocument.objects.get(pk=doc.pk).first_opened_at is None
    assert insurer_api.get(f"/cases/{case.pk}/documents/{doc.pk}/pdf").status_code == 200
    first = IssuedDocument.objects.get(pk=doc.pk).first_opened_at
    assert first is not None
    insurer_api.get(f"/cases/{case.pk}/documents/{doc.pk}/pdf")
    assert IssuedDocument.objects.get(pk=doc.pk).first_opened_at == first
    opened = AuditEvent.objects.filter(event_type=AuditEvent.Type.DOCUMENT_OPENED, case_id=case.pk)
    assert opened.count() == 3


def test_dp22_document_of_another_case_is_404(world: Any, staff_api: Api, issue_document: Any) -> None:
    case, other = world.make_case(), world.make_case()
    doc = issue_document(other)
    assert staff_api.get(f"/cases/{case.pk}/documents/{doc.pk}/pdf").status_code == 404
    assert not AuditEvent.objects.filter(event_type=AuditEvent.Type.DOCUMENT_OPENED).exists()


def test_im01_insurer_opens_only_notices_to_its_side(
    world: Any, insurer_api: Api, issue_document: Any
) -> None:
    case = world.make_case()  # あおば損害保険 is the respondent
    to_applicant = issue_document(case, "applicant")
    to_respondent = issue_document(case, "respondent")
    assert insurer_api.get(f"/cases/{case.pk}/documents/{to_applicant.pk}/pdf").status_code == 404
    assert insurer_api.get(f"/cases/{case.pk}/documents/{to_respondent.pk}/pdf").status_code == 200
    listed = insurer_api.get(f"/cases/{case.pk}").json()["documents"]
    assert [d["id"] for d in listed] == [to_respondent.pk]
