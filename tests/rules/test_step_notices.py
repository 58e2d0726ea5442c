"""Which notices each step issues, defined once (DP-05, DP-08, DP-09, DP-16..DP-19)."""

from __future__ import annotations

from chotei.rules.notices.kinds import SPECS, NoticeKind
from chotei.rules.states import TRANSITIONS, Action, CaseState
from chotei.rules.step_notices import (
    AMEND,
    EXPLAIN,
    FURTHER_REQUEST,
    RECEIVE,
    STEP_NOTICES,
    current_notices,
    notices_of,
)


def test_every_dispute_notice_is_issued_by_exactly_one_step() -> None:
    issued = [k for s in STEP_NOTICES for k in s.kinds]
    dispute_kinds = [k for k in NoticeKind if not SPECS[k].is_payment]
    assert sorted(issued) == sorted(dispute_kinds)


def test_each_step_cites_the_article_of_one_of_its_notices() -> None:
    for s in STEP_NOTICES:
        assert s.article in {SPECS[k].article for k in s.kinds}, s.step
        assert s.article.obligation in {"DP-05", "DP-08", "DP-09", "DP-16", "DP-17", "DP-18", "DP-19"}


def test_steps_are_transitions_or_the_recorded_changes() -> None:
    targets = {t.action: t.target for t in TRANSITIONS}
    for s in STEP_NOTICES:
        assert s.step in {*Action, RECEIVE, AMEND, EXPLAIN, FURTHER_REQUEST}
        if s.step in targets:
            # A transition's notices are the current ones of the state it leads to.
            assert targets[Action(s.step)] in s.current_in, s.step


def test_dp08_dp16_acceptance_tells_both_parties_and_asks_for_the_statement() -> None:
    assert notices_of(Action.ACCEPT) == (
        NoticeKind.ACCEPTANCE_APPLICANT,
        NoticeKind.ACCEPTANCE_RESPONDENT,
        NoticeKind.STATEMENT_REQUEST,
    )
    assert notices_of("accept") == notices_of(Action.ACCEPT)


def test_steps_that_tell_nobody_have_no_notices() -> None:
    for step in (Action.START_SCREENING, Action.APPOINT_PANEL, Action.CLOSE, "submission", "notice"):
        assert notices_of(step) == ()


def test_current_notices_follow_the_procedure() -> None:
    assert current_notices(CaseState.SCREENING) == (NoticeKind.RECEIPT,)
    assert current_notices(CaseState.ACCEPTED) == (*notices_of(Action.ACCEPT), NoticeKind.AMENDMENT)
    assert current_notices(CaseState.UNDER_REVIEW) == (NoticeKind.AMENDMENT,)
    assert current_notices(CaseState.CLOSED) == (NoticeKind.RESULT, NoticeKind.EXPLANATION)
    assert current_notices(CaseState.WITHDRAWN) == (NoticeKind.WITHDRAWAL,)
