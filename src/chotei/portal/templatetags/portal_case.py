"""My case's sections added beside the page's own: messages (OD-01) and the amendment (DP-09)."""

from __future__ import annotations

from typing import Any

from django import template

from chotei import clock
from chotei.disputes.models import Case, CaseParty
from chotei.portal.amendment import amendment_window
from chotei.portal.models import Message

register = template.Library()


@register.inclusion_tag("portal/_case_messages.html")
def case_messages(case: Case, side: str) -> dict[str, Any]:
    unread = Message.objects.filter(case=case, side=side, from_secretariat=True, read_at__isnull=True).count()
    return {"case": case, "unread": unread}


@register.inclusion_tag("portal/_case_amendment.html")
def case_amendment(case: Case, side: str) -> dict[str, Any]:
    window = amendment_window(case, clock.today()) if side == CaseParty.Side.APPLICANT else None
    return {"case": case, "window": window}
