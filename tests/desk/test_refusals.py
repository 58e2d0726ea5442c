"""IM-01, IM-06 (法23条の9): a refused desk or documents page leaves an audit event the auditor can
filter, and a user refused too often within an hour is flagged once per hour."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from chotei import clock
from chotei.audit.models import AuditEvent
from chotei.audit.services import refusal_window
from chotei.rules.states import CaseState

pytestmark = pytest.mark.django_db

REFUSED = AuditEvent.Type.ACCESS_REFUSED
FLAGGED = AuditEvent.Type.ACCESS_FLAGGED


def refusals(user: Any) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=REFUSED, actor=user).order_by("id"))


def test_im01_member_asking_for_a_case_outside_their_panels_is_recorded(as_role, make_case, world) -> None:
    case = make_case(CaseState.RECEIVED)  # no panel yet, so not the member's
    assert as_role("member").get(f"/desk/cases/{case.pk}/").status_code == 404
    (event,) = refusals(world.users["member"])
    assert event.case_id == case.pk
    assert event.payload == {
        "channel": "desk",
        "method": "GET",
        "path": f"/desk/cases/{case.pk}/",
        "status": 404,
        "reason": f"事案 {case.pk} は見つかりません",
    }
    # Refused is not read: no opening of the case is recorded.
    assert not AuditEvent.objects.filter(event_type=AuditEvent.Type.CASE_VIEWED, actor=event.actor).exists()


def test_im01_refused_pdf_names_the_documents_case(as_role, make_case, world, issue_document) -> None:
    case = make_case(CaseState.RECEIVED)
    doc = issue_document(case)
    assert as_role("member").get(f"/desk/documents/{doc.pk}/pdf/").status_code == 404
    (event,) = refusals(world.users["member"])
    assert (event.case_id, event.payload["path"]) == (case.pk, f"/desk/documents/{doc.pk}/pdf/")


@pytest.mark.parametrize(
    ("role", "path", "reason"),
    [
        ("member", "/desk/audit/", "このページを表示する権限がありません"),
        ("insurer", "/desk/", "保険会社・共済組合の方は API をご利用ください"),
        ("auditor", "/desk/cases/new/", "このページを表示する権限がありません"),
    ],
)
def test_im01_403_pages_are_recorded(as_role, world, role: str, path: str, reason: str) -> None:
    assert as_role(role).get(path).status_code == 403
    (event,) = refusals(world.users[role])
    assert event.payload["status"] == 403 and event.payload["path"] == path
    assert event.payload["reason"].startswith(reason)


def test_im01_refused_write_on_the_desk_is_recorded(as_role, make_case, world) -> None:
    """A member posting a step: 403, nothing changed, the attempt kept with the case the path names."""
    case = make_case(CaseState.RECEIVED)
    response = as_role("member").post(f"/desk/cases/{case.pk}/actions/start_screening/", {"version": 1})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED
    (event,) = refusals(world.users["member"])
    assert event.payload["method"] == "POST" and event.case_id == case.pk


def test_im01_an_impossible_case_id_is_recorded_without_it(as_role, world) -> None:
    """Beyond a bigint: the path keeps what was asked; the case column stays empty (no 500 on PostgreSQL)."""
    huge = "9" * 25
    assert as_role("member").get(f"/desk/cases/{huge}/").status_code == 404
    (event,) = refusals(world.users["member"])
    assert event.case_id is None and huge in event.payload["path"]


def test_im06_auditor_filters_refused_accesses(as_role, make_case, world) -> None:
    case = make_case(CaseState.RECEIVED)
    as_role("member").get(f"/desk/cases/{case.pk}/")
    auditor = as_role("auditor")
    auditor.get(f"/desk/cases/{case.pk}/")  # an opening, not a refusal
    page = auditor.get("/desk/audit/", {"event_type": REFUSED.value}).content.decode()
    assert "拒否されたアクセス" in page and f"/desk/cases/{case.pk}/" in page
    assert "事案閲覧" not in page.split("<tbody>")[1]
    assert (
        auditor.get("/desk/audit/", {"event_type": REFUSED.value, "username": "auditor"}).context["rows"]
        == []
    )


def test_im06_user_over_the_hourly_threshold_is_flagged_once_per_hour(
    as_role, make_case, world, settings
) -> None:
    settings.CHOTEI_REFUSALS_PER_HOUR_ALERT = 3
    member, user = as_role("member"), world.users["member"]
    case = make_case(CaseState.RECEIVED)
    for _ in range(2):
        member.get(f"/desk/cases/{case.pk}/")
    assert not AuditEvent.objects.filter(event_type=FLAGGED).exists()
    for _ in range(3):
        member.get(f"/desk/cases/{case.pk}/")
    (flag,) = AuditEvent.objects.filter(event_type=FLAGGED)
    assert flag.actor == user and flag.payload["refusals"] == 3 and flag.payload["threshold"] == 3

    page = as_role("auditor").get("/desk/audit/").content.decode()
    flagged = page.split('id="flagged"')[1].split("</table>")[0]
    assert "拒否が多い利用者（過去7日間）" in flagged
    assert "member" in flagged and "3回（基準 3回）" in flagged

    # An hour later the count starts again, and the next window is flagged on its own.
    with clock.replaying_at(timezone.now() + dt.timedelta(hours=1)):
        for _ in range(3):
            member.get(f"/desk/cases/{case.pk}/")
    assert AuditEvent.objects.filter(event_type=FLAGGED, actor=user).count() == 2


def test_im06_refusal_window_is_the_japanese_clock_hour() -> None:
    at = dt.datetime(2026, 12, 4, 5, 59, 59, tzinfo=dt.UTC)
    assert refusal_window(at).isoformat() == "2026-12-04T14:00:00+09:00"
