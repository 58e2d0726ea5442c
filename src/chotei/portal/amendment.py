"""Whether my case offers the applicant its amendment of the matters sought (DP-09, 規程5条の2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chotei.disputes.models import Case
from chotei.rules.states import CaseState

AMENDABLE_STATES = (CaseState.ACCEPTED, CaseState.UNDER_REVIEW)


@dataclass(frozen=True, slots=True)
class Window:
    due_on: dt.date
    open: bool


def amendment_window(case: Case, today: dt.date) -> Window | None:
    """The deadline once the acceptance notice went out, while the case is under way; whether it
    has passed is shown, and the service itself refuses a late amendment with the article."""
    due = case.amendment_due_on
    if due is None or case.state_enum not in AMENDABLE_STATES:
        return None
    return Window(due, today <= due)
