"""The ledger and audit pages: exports from the page, case links, filters (issue #9 item 6;
DP-21 令24条 printable on demand, DP-22 / IM-02 audit log)."""

from __future__ import annotations

import io
import re
from typing import Any
from urllib.parse import urlencode

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
    by_case = client.get("/desk/audit/", {"case_number": case.number}).context["rows"]
    assert by_case and {e.case_id for e in by_case} == {case.pk}
    by_user = client.get("/desk/audit/", {"username": "secretariat"}).context["rows"]
    assert by_user and {e.actor.username for e in by_user} == {"secretariat"}
    by_type = client.get("/desk/audit/", {"event_type": AuditEvent.Type.CASE_CREATED}).context["rows"]
    assert {e.case_id for e in by_type} == {case.pk, other.pk}


def test_audit_export_follows_the_filter_and_is_audited(world: Any, as_role: Any, make_case: Any) -> None:
    case, other = make_case(CaseState.ACCEPTED), make_case()
    client = as_role("auditor")
    page = client.get("/desk/audit/", {"case_number": case.number}).content.decode()
    assert f"/desk/audit/download/?{urlencode({'case_number': case.number})}&amp;format=csv" in page
    response = client.get("/desk/audit/download/", {"case_number": case.number, "format": "csv"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff日時,種別,利用者,事案番号,内容")
    assert case.number in text and other.number not in text and "事案受付" in text
    pdf = client.get("/desk/audit/download/", {"case_number": case.number, "format": "pdf"})
    page_text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "監査ログ" in page_text and case.number in page_text
    event = AuditEvent.objects.filter(event_type=AuditEvent.Type.AUDIT_EXPORTED).order_by("-id").first()
    assert event.actor == world.users["auditor"] and event.payload["filters"] == {"case_number": case.number}
    # IM-02: those whose acts the log records do not export it.
    assert as_role("secretariat").get("/desk/audit/download/", {"format": "csv"}).status_code == 403


def test_dp22_audit_log_found_by_case_number_in_any_usual_form(
    world: Any, as_role: Any, make_case: Any
) -> None:
    case = make_case(CaseState.ACCEPTED)
    make_case()
    m = re.fullmatch(r"(\d{4})(.)第(\d+)号", case.number)
    assert m
    year, office, serial = m.groups()
    wide = serial.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    client = as_role("auditor")
    for typed in (
        case.number,
        f"{year}{office}{serial}",
        serial.lstrip("0"),
        f"第{wide}号",
        f" {year}{office}{wide} ",
    ):
        rows = client.get("/desk/audit/", {"case_number": typed}).context["rows"]
        assert rows and {e.case_id for e in rows} == {case.pk}, typed


def test_dp22_audit_log_refuses_what_is_no_case_number_and_shows_nothing(
    world: Any, as_role: Any, make_case: Any
) -> None:
    make_case()
    response = as_role("auditor").get("/desk/audit/", {"case_number": "山田"})
    assert response.context["rows"] == []
    assert "事案番号は「2026東第00017号」" in response.content.decode()


def test_dp22_audit_entries_show_japanese_labels_and_values(world: Any, as_role: Any, make_case: Any) -> None:
    from chotei.audit.services import audit_record

    case = make_case(CaseState.REFUSED)
    audit_record(
        event_type=AuditEvent.Type.CASE_VIEWED,
        actor=world.staff,
        case_id=case.pk,
        claim=None,
        side="respondent",
        consented=False,
    )
    text = as_role("auditor").get("/desk/audit/", {"case_number": case.number}).content.decode()
    assert "不受理事由: 本機構が紛争処理を行うに適当でない（規程第5条第1項第9号）" in text
    assert "立場: 相手方" in text and "承諾: いいえ" in text
    for raw in ("R5-1-9", "respondent", "None", "請求ID"):
        assert raw not in text, raw
