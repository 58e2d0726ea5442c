"""Submitted files (DP-03, DP-22): an insurer's or co-op's token reaches only its own cases' (IM-01)."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Router, Status

from chotei.api.auth import ApiRequest
from chotei.api.schemas import ERRORS
from chotei.api.types import Id
from chotei.disputes.downloads import submission_file
from chotei.disputes.services.evidence import DigestMismatch, submission_open

router = Router(tags=["審理"])


@router.get(
    "/cases/{case_id}/submissions/{submission_id}/file",
    response=ERRORS,
    summary="提出書類のファイル（閲覧を記録、DP-22）",
    description="受領時のファイルの種類とファイル名（RFC 5987）で返します。受領時の SHA-256 と一致しない"
    "ファイルは提供せず 409 を返します。",
    openapi_extra={
        "responses": {
            "200": {
                "description": "提出されたファイル",
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def submission_download(
    request: ApiRequest, case_id: Id, submission_id: Id
) -> HttpResponse | Status[dict[str, str]]:
    try:
        sub, data = submission_open(request.auth, submission_id, case_id)
    except DigestMismatch as exc:
        return Status(409, {"detail": str(exc)})
    return submission_file(sub, data)
