"""Submitted files through the API (DP-03, DP-22): an insurer or co-op reaches only its own cases'
(IM-01); served with the stored type and the original Japanese name (RFC 5987), digest-checked."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import quote

from chotei.audit.models import AuditEvent
from chotei.disputes.models import Submission
from chotei.rules.states import CaseState
from tests.api.conftest import Api
from tests.factories import stored_replace

CONTENT = "診断書の内容".encode()
NAME = "診断書 2026年.txt"


def _upload(api: Api, case: Any, side: str = "applicant") -> int:
    response = api.post(
        f"/cases/{case.pk}/submissions",
        {
            "side": side,
            "kind": "evidence",
            "channel": "upload",
            "title": "診断書",
            "file_name": NAME,
            "content_base64": base64.b64encode(CONTENT).decode(),
            "content_type": "text/plain; charset=utf-8",
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["content_type"] == "text/plain; charset=utf-8"
    return int(response.json()["id"])


def test_dp22_insurer_downloads_its_own_cases_submission(
    world: Any, staff_api: Api, insurer_api: Api
) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    sub_id = _upload(staff_api, case)
    response = insurer_api.get(f"/cases/{case.pk}/submissions/{sub_id}/file")
    assert response.status_code == 200 and response.content == CONTENT
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(NAME)}"
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.SUBMISSION_OPENED)
    assert event.actor == world.users["insurer"] and event.payload["submission"] == sub_id


def test_im01_another_organizations_submission_is_404(
    world: Any, staff_api: Api, insurer_api: Api, coop_case: Any
) -> None:
    sub_id = _upload(staff_api, coop_case)
    response = insurer_api.get(f"/cases/{coop_case.pk}/submissions/{sub_id}/file")
    assert response.status_code == 404 and CONTENT not in response.content
    assert "見つかりません" in response.json()["detail"]
    assert not AuditEvent.objects.filter(event_type=AuditEvent.Type.SUBMISSION_OPENED).exists()


def test_dp22_tampered_file_is_409_in_japanese(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    sub_id = _upload(staff_api, case)
    stored_replace(Submission.objects.get(pk=sub_id), b"replaced")
    response = staff_api.get(f"/cases/{case.pk}/submissions/{sub_id}/file")
    assert response.status_code == 409
    assert "受領時の記録（SHA-256）と一致しない" in response.json()["detail"]


def test_im01_download_needs_a_token(world: Any, staff_api: Api) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    sub_id = _upload(staff_api, case)
    assert Api(staff_api.client, None).get(f"/cases/{case.pk}/submissions/{sub_id}/file").status_code == 401
