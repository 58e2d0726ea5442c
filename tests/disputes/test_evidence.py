"""Opening uploaded statements and evidence (DP-03, DP-22, IM-01): visible exactly as the case is,
every opening audited, the stored SHA-256 verified before the file is handed out."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client

from chotei.audit.models import AuditEvent
from chotei.disputes.models import Submission
from chotei.rules.errors import RuleViolation
from chotei.rules.states import CaseState
from tests.disputes.conftest import submission
from tests.factories import stored_replace

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7 evidence \xe8\xa8\xba"
NAME = "後遺障害診断書（写し）.pdf"


def _upload(world: Any, case: Any, **kw: Any) -> Submission:
    return submission(world, case, **{"file_name": NAME, "content": PDF, **kw})


def _desk(world: Any, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def _url(sub: Submission) -> str:
    return f"/desk/cases/{sub.case_id}/submissions/{sub.pk}/file/"


def _openings(sub: Submission) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(event_type=AuditEvent.Type.SUBMISSION_OPENED, payload__submission=sub.pk)
    )


def test_dp03_content_type_is_kept_as_declared_or_guessed(world, make_case):
    case = make_case(CaseState.ACCEPTED)
    assert _upload(world, case).content_type == "application/pdf"
    declared = _upload(world, case, file_name="memo", content_type="text/plain; charset=utf-8")
    assert declared.content_type == "text/plain; charset=utf-8"
    assert _upload(world, case, file_name="blob").content_type == "application/octet-stream"
    with pytest.raises(RuleViolation) as exc:
        _upload(world, case, content_type="text/html\r\nSet-Cookie: x=1")
    assert exc.value.field == "content_type" and exc.value.obligation == "DP-03"


@pytest.mark.parametrize("role", ["secretariat", "chair", "member"])
def test_dp22_desk_serves_the_file_with_its_type_and_japanese_name_and_audits(world, make_case, role):
    case = make_case(CaseState.UNDER_REVIEW)  # 高橋 (the member user) sits on this panel
    sub = _upload(world, case)
    page = _desk(world, role).get(f"/desk/cases/{case.pk}/").content.decode()
    assert f'href="{_url(sub)}"' in page
    response = _desk(world, role).get(_url(sub))
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(NAME)}"
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
    (event,) = _openings(sub)
    assert event.actor == world.users[role] and event.case_id == case.pk
    assert event.payload["intact"] is True and event.payload["sha256"] == sub.sha256


def test_im01_member_off_the_panel_gets_404_and_nothing_is_served(world, make_case):
    case = make_case(CaseState.ACCEPTED)  # no panel yet: the member user sits on none
    sub = _upload(world, case)
    response = _desk(world, "member").get(_url(sub))
    assert response.status_code == 404 and PDF not in response.content
    assert not _openings(sub)


def test_im01_submission_of_another_case_is_not_reached_through_this_case(world, make_case):
    sub = _upload(world, make_case(CaseState.ACCEPTED))
    other = make_case(CaseState.ACCEPTED)
    response = _desk(world, "secretariat").get(f"/desk/cases/{other.pk}/submissions/{sub.pk}/file/")
    assert response.status_code == 404


def test_dp22_a_file_whose_digest_no_longer_matches_is_refused_in_japanese(world, make_case):
    case = make_case(CaseState.ACCEPTED)
    sub = _upload(world, case)
    stored_replace(sub, b"%PDF-1.7 altered")
    response = _desk(world, "secretariat").get(_url(sub))
    assert response.status_code == 409
    text = response.content.decode()
    assert "受領時の記録（SHA-256）と一致しない" in text and "altered" not in text
    (event,) = _openings(sub)
    assert event.payload["intact"] is False


def test_dp03_a_postal_submission_has_no_file(world, make_case):
    case = make_case(CaseState.ACCEPTED)
    sub = _upload(world, case, channel="post", content=None, file_name="", postal_receipt="書留 1")
    response = _desk(world, "secretariat").get(_url(sub))
    assert response.status_code == 404 and "郵送で提出された書類" in response.content.decode()
