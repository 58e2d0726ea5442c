"""A submission's file from the case page (DP-03, DP-22): submission_open checks visibility (IM-01),
the digest, and audits the opening."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chotei.disputes.downloads import submission_file
from chotei.disputes.services.evidence import DigestMismatch, submission_open
from chotei.web.access import desk_view


@desk_view()
def submission_download(request: HttpRequest, case_id: int, submission_id: int) -> HttpResponse:
    try:
        sub, data = submission_open(request.user, submission_id, case_id)
    except DigestMismatch as exc:
        context = {"title": "ファイルを提供できません", "message": str(exc)}
        return render(request, "desk/error.html", context, status=409)
    return submission_file(sub, data)
