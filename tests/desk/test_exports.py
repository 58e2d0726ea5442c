"""The ledger and audit pages: exports from the page, case links, filters (issue #9 item 6;
DP-21 令24条 printable on demand, DP-22 / IM-02 audit log)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from chotei.audit.models import AuditEvent
from chotei.disputes.services.core import fiscal_year_of
from chotei.rules.states import CaseState

pytestmark = pytest.mark.django_db


def test_dp21_ledger_page_links_cases_and_exports_csv_and_pdf(
    world: Any, as_role: Any, make_case: Any
) -> None:
    case = make_case(CaseState.ACCEPTED)
    fy = fiscal_year_of(case.received_on)
    client = as_role("secretariat")
    html = client.get("/desk/ledger/").content.decode()
    assert f'<a href="/desk/cases/{case.pk}/">{case.number}</a>' in html
    assert f"/desk/ledger/download/?fiscal_year={fy}&amp;format=pdf" in html
    response = client.get("/desk/ledger/download/", {"fiscal_year": fy, "format": "csv"})
    assert (
        response.status_code == 200
        and response["Content-Disposition"] == f'attachment; filename="ledger-{fy}.csv"'
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff事案番号,受付年月日") and case.number in text
    pdf = client.get("/desk/ledger/download/", {"fiscal_year": fy, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert case.number in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    exports = AuditEvent.objects.filter(event_type=AuditEvent.Type.LEDGER_EXPORTED, actor=world.staff)
    assert sorted(e.payload["format"] for e in exports) == ["csv", "pdf"]
    assert client.get("/desk/ledger/download/", {"format": "csv"}).status_code == 400
    assert (
        as_role("member").get("/desk/ledger/download/", {"fiscal_year": fy, "format": "csv"}).status_code
        == 403
    )


def test_audit_filter_panel_appointed_shows_the_appointment(world: Any, as_role: Any, make_case: Any) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    make_case(CaseState.ACCEPTED)
    response = as_role("auditor").get("/desk/audit/", {"event_type": AuditEvent.Type.PANEL_APPOINTED})
    rows = response.context["rows"]
    assert [e.case_id for e in rows] == [case.pk]
    assert f'<a href="/desk/cases/{case.pk}/">{case.number}</a>' in response.content.decode()


def test_audit_filters_each_narrow_the_log(world: Any, as_role: Any, make_case: Any) -> None:
    case, other = make_case(CaseState.ACCEPTED), make_case()
    client = as_role("auditor")
    by_case = client.get("/desk/audit/", {"case_id": case.pk}).context["rows"]
    assert by_case and {e.case_id for e in by_case} == {case.pk}
    by_user = client.get("/desk/audit/", {"username": "secretariat"}).context["rows"]
    assert by_user and {e.actor.username for e in by_user} == {"secretariat"}
    by_type = client.get("/desk/audit/", {"event_type": AuditEvent.Type.CASE_CREATED}).context["rows"]
    assert {e.case_id for e in by_type} == {case.pk, other.pk}


def test_audit_export_follows_the_filter_and_is_audited(world: Any, as_role: Any, make_case: Any) -> None:
    case, other = make_case(CaseState.ACCEPTED), make_case()
    client = as_role("auditor")
    page = client.get("/desk/audit/", {"case_id": case.pk}).content.decode()
    assert f"/desk/audit/download/?case_id={case.pk}&amp;format=csv" in page
    response = client.get("/desk/audit/download/", {"case_id": case.pk, "format": "csv"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff日時,種別,利用者,事案番号,内容")
    assert case.number in text and other.number not in text and "事案受付" in text
    pdf = client.get("/desk/audit/download/", {"case_id": case.pk, "format": "pdf"})
    page_text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "監査ログ" in page_text and case.number in page_text
    event = AuditEvent.objects.filter(event_type=AuditEvent.Type.AUDIT_EXPORTED).order_by("-id").first()
    assert event.actor == world.users["auditor"] and event.payload["filters"] == {"case_id": str(case.pk)}
    # IM-02: those whose acts the log records do not export it.
    assert as_role("secretariat").get("/desk/audit/download/", {"format": "csv"}).status_code == 403
