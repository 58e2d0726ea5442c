"""The case page's card of messages with the parties (OD-01): how many are unread, and a link to
the threads. The messages themselves are read on their own page, where the reading is audited."""

from __future__ import annotations

from typing import Any

from django import template

from chotei.disputes.models import Case
from chotei.portal import messaging

register = template.Library()


@register.inclusion_tag("desk/_messages_card.html")
def messages_card(case: Case, operator: bool) -> dict[str, Any]:
    return {
        "case": case,
        "operator": operator,
        "total": case.messages.count(),
        "unread": messaging.unread_for_staff(case.pk).count(),
    }
