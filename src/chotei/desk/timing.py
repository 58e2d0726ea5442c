"""DP-10 (法23-10): how long a case has waited in its step."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from chotei.disputes.selectors import DUE_STATES, InStep
from chotei.rules import calendar


def waiting_business_days(case: InStep, today: dt.date) -> int | None:
    """DP-10/DP-25: business days since the case entered its current step; None once it has ended."""
    if case.state not in DUE_STATES:
        return None
    return calendar.business_days_between(timezone.localdate(case.state_changed_at), today)
