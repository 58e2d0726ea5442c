"""Which written notices each step of the procedure issues (通知), defined once.

The services queue exactly these with the step (DP-05, DP-08, DP-09, DP-16..DP-19); the desk offers
their previews and waits for them from the same table. A step is named as its ledger line is
(帳簿の処理, DP-21): a transition's ``Action`` value, or ``receive`` / ``amend`` / ``explain`` /
``further_request`` for the recorded changes that keep the state.
"""

from __future__ import annotations

from dataclasses import dataclass

from chotei.rules.articles import Article, rules
from chotei.rules.notices.kinds import NoticeKind
from chotei.rules.states import Action, CaseState

RECEIVE = "receive"
AMEND = "amend"
EXPLAIN = "explain"
FURTHER_REQUEST = "further_request"


@dataclass(frozen=True, slots=True)
class StepNotices:
    """The notices of one step and the article that requires them.

    ``current_in``: the states in which they are the case's latest notices, so the desk offers them
    as an unnumbered preview (CP-05) while the case is there."""

    step: str
    kinds: tuple[NoticeKind, ...]
    article: Article
    current_in: frozenset[CaseState]


REVIEW = frozenset({CaseState.ACCEPTED, CaseState.UNDER_REVIEW})
RESULT = frozenset({CaseState.RESULT_NOTIFIED, CaseState.CLOSED})

STEP_NOTICES: tuple[StepNotices, ...] = (
    StepNotices(
        RECEIVE,
        (NoticeKind.RECEIPT,),
        rules("第4条の2", "DP-05"),
        frozenset({CaseState.RECEIVED, CaseState.SCREENING}),
    ),
    # DP-16: the respondent's statement deadline goes out with the acceptance (規程15条7項).
    StepNotices(
        Action.ACCEPT,
        (NoticeKind.ACCEPTANCE_APPLICANT, NoticeKind.ACCEPTANCE_RESPONDENT, NoticeKind.STATEMENT_REQUEST),
        rules("第5条第3項", "DP-08"),
        frozenset({CaseState.ACCEPTED}),
    ),
    # DP-16: further statements or evidence asked of one party, with their own deadline (規程15条9項).
    # Never the case's standing notice: each request is its own, so the desk offers no preview of it.
    StepNotices(FURTHER_REQUEST, (NoticeKind.FURTHER_REQUEST,), rules("第15条第9項", "DP-16"), frozenset()),
    StepNotices(
        Action.REFUSE, (NoticeKind.REFUSAL,), rules("第5条第3項", "DP-08"), frozenset({CaseState.REFUSED})
    ),
    # Only an allowed amendment is notified; one refused as delaying the procedure is only recorded.
    StepNotices(AMEND, (NoticeKind.AMENDMENT,), rules("第5条の2第3項", "DP-09"), REVIEW),
    StepNotices(Action.RECORD_RESULT, (NoticeKind.RESULT,), rules("第16条第1項", "DP-17"), RESULT),
    StepNotices(EXPLAIN, (NoticeKind.EXPLANATION,), rules("第16条第2項", "DP-17"), RESULT),
    StepNotices(
        Action.TERMINATE,
        (NoticeKind.TERMINATION,),
        rules("第17条第2項", "DP-18"),
        frozenset({CaseState.TERMINATED}),
    ),
    StepNotices(
        Action.WITHDRAW,
        (NoticeKind.WITHDRAWAL,),
        rules("第18条第2項", "DP-19"),
        frozenset({CaseState.WITHDRAWN}),
    ),
)
BY_STEP: dict[str, StepNotices] = {s.step: s for s in STEP_NOTICES}


def notices_of(step: str) -> tuple[NoticeKind, ...]:
    """The notices ``step`` issues; none for a step that tells nobody (e.g. 受理審査開始)."""
    entry = BY_STEP.get(step)
    return entry.kinds if entry is not None else ()


def current_notices(state: CaseState) -> tuple[NoticeKind, ...]:
    """The notices a case in ``state`` has most recently called for, in the order of the procedure."""
    return tuple(k for s in STEP_NOTICES if state in s.current_in for k in s.kinds)
