"""Case state machine: final states are final, 打切り/取下げ open from every open state."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chotei.rules.errors import TransitionNotAllowed
from chotei.rules.states import (
    FINAL_STATES,
    OPEN_STATES,
    TRANSITIONS,
    Action,
    CaseState,
    allowed_actions,
    next_state,
    transition,
)


@given(st.lists(st.sampled_from(list(Action)), max_size=30))
def test_random_action_sequences_end_in_known_states_and_final_states_are_final(
    actions: list[Action],
) -> None:
    state = CaseState.RECEIVED
    for action in actions:
        if action in allowed_actions(state):
            state = next_state(state, action)
        else:
            with pytest.raises(TransitionNotAllowed):
                next_state(state, action)
        assert state in OPEN_STATES | FINAL_STATES | {CaseState.RESULT_NOTIFIED}
        if state in FINAL_STATES:
            assert allowed_actions(state) == []


def test_every_state_is_open_final_or_result_notified() -> None:
    assert OPEN_STATES.isdisjoint(FINAL_STATES)
    assert set(CaseState) == OPEN_STATES | FINAL_STATES | {CaseState.RESULT_NOTIFIED}


@pytest.mark.parametrize("state", sorted(FINAL_STATES))
def test_final_states_have_no_actions(state: CaseState) -> None:
    assert allowed_actions(state) == []


def test_dp19_withdraw_allowed_from_every_open_state_and_nowhere_else() -> None:
    for state in CaseState:
        if state in OPEN_STATES:
            assert next_state(state, Action.WITHDRAW) == CaseState.WITHDRAWN
        else:
            with pytest.raises(TransitionNotAllowed, match="規程第18条"):
                next_state(state, Action.WITHDRAW)


def test_dp18_only_a_sitting_panel_terminates() -> None:
    """規程17条: the chief member terminates, so only a case under review (its panel seated) can be;
    before acceptance a screening ground is a refusal."""
    for state in CaseState:
        if state == CaseState.UNDER_REVIEW:
            assert next_state(state, Action.TERMINATE) == CaseState.TERMINATED
        else:
            with pytest.raises(TransitionNotAllowed, match="規程第17条"):
                next_state(state, Action.TERMINATE)


def test_every_transition_article_has_an_obligation_id() -> None:
    for t in TRANSITIONS:
        assert t.article.obligation.startswith(("DP-", "CM-")), t


def test_transitions_are_unique_per_state_and_action() -> None:
    keys = [(t.source, t.action) for t in TRANSITIONS]
    assert len(keys) == len(set(keys))


@given(st.sampled_from(list(CaseState)), st.sampled_from(list(Action)))
def test_illegal_action_raises_transition_not_allowed_starting_with_the_article(
    state: CaseState, action: Action
) -> None:
    if action in allowed_actions(state):
        assert transition(state, action).source == state
        return
    with pytest.raises(TransitionNotAllowed) as excinfo:
        transition(state, action)
    assert str(excinfo.value).startswith(str(excinfo.value.article))
    assert excinfo.value.field == "state"
    assert state.label in str(excinfo.value)


def test_dp06_accept_from_received_refused_citing_rules() -> None:
    with pytest.raises(
        TransitionNotAllowed, match="^規程第5条第3項により「受付」の事案に「受理」はできません$"
    ):
        next_state(CaseState.RECEIVED, Action.ACCEPT)


def test_happy_path_reaches_closed() -> None:
    state = CaseState.RECEIVED
    for action in (
        Action.START_SCREENING,
        Action.ACCEPT,
        Action.APPOINT_PANEL,
        Action.RECORD_RESULT,
        Action.CLOSE,
    ):
        state = next_state(state, action)
    assert state is CaseState.CLOSED
