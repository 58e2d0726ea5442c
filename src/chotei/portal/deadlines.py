"""The next deadline a party must meet on its case, counted in business days (DP-09, DP-16)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext

from chotei.disputes.models import Case, CaseParty
from chotei.disputes.selectors import further_requests_open
from chotei.rules.calendar import business_days_between


@dataclass(frozen=True, slots=True)
class Deadline:
    what: str
    on: dt.date
    business_days_left: int


def next_deadline(case: Case, side: str, today: dt.date) -> Deadline | None:
    """The nearest of: DP-16 for the respondent (its statement and evidence); DP-09 for the applicant
    (amending the matters sought); a further request made of the party and not yet answered (DP-16).
    A passed deadline is not shown as next."""
    if side == CaseParty.Side.RESPONDENT:
        what, on = gettext("主張書面・証拠の提出期限"), case.statement_due_on
    else:
        what, on = gettext("紛争処理を求める事項を変更できる期限"), case.amendment_due_on
    # What the body asked of this party further (DP-16, 規程15条9項) and it has not yet sent.
    asked = [
        (gettext("追加の意見陳述・証拠資料の提出期限"), r.due_on)
        for r in further_requests_open(case, side, today)
    ]
    upcoming = sorted((due, label) for label, due in [(what, on), *asked] if due is not None and due >= today)
    if not upcoming:
        return None
    on, what = upcoming[0]
    return Deadline(what, on, business_days_between(today, on))
