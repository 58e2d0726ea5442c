"""The meetings page (期日一覧): a member's upcoming meetings and those past without minutes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from chotei.accounts.models import Role
from chotei.disputes.selectors import meetings_for
from chotei.web.access import OPERATORS, desk_view

MEETING_ROLES = OPERATORS | {Role.MEMBER}


@desk_view(MEETING_ROLES)
def meeting_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    upcoming, overdue = meetings_for(request.user, today)
    return render(request, "desk/meetings.html", {"upcoming": upcoming, "overdue": overdue, "today": today})
