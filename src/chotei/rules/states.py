"""Case states and the actions that move between them (受付 → 受理審査 → 受理/不受理 → 審理 → 結果通知 → 終了).

打切り (terminate) and 取下げ (withdraw) are open from every open state. Each action carries the
article that allows it so a refusal can say which rule was broken.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chotei.rules.articles import Article, act, rules
from chotei.rules.errors import TransitionNotAllowed


class CaseState(StrEnum):
    RECEIVED = "received"
    SCREENING = "screening"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    UNDER_REVIEW = "under_review"
    RESULT_NOTIFIED = "result_notified"
    CLOSED = "closed"
    TERMINATED = "terminated"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS: dict[CaseState, str] = {
    CaseState.RECEIVED: "受付",
    CaseState.SCREENING: "受理審査",
    CaseState.ACCEPTED: "受理",
    CaseState.REFUSED: "不受理",
    CaseState.UNDER_REVIEW: "審理",
    CaseState.RESULT_NOTIFIED: "結果通知",
    CaseState.CLOSED: "終了",
    CaseState.TERMINATED: "打切り",
    CaseState.WITHDRAWN: "取下げ",
}

OPEN_STATES: frozenset[CaseState] = frozenset(
    {CaseState.RECEIVED, CaseState.SCREENING, CaseState.ACCEPTED, CaseState.UNDER_REVIEW}
)
FINAL_STATES: frozenset[CaseState] = frozenset(
    {CaseState.REFUSED, CaseState.CLOSED, CaseState.TERMINATED, CaseState.WITHDRAWN}
)


class Action(StrEnum):
    START_SCREENING = "start_screening"
    ACCEPT = "accept"
    REFUSE = "refuse"
    APPOINT_PANEL = "appoint_panel"
    RECORD_RESULT = "record_result"
    CLOSE = "close"
    TERMINATE = "terminate"
    WITHDRAW = "withdraw"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[Action, str] = {
    Action.START_SCREENING: "受理審査開始",
    Action.ACCEPT: "受理",
    Action.REFUSE: "不受理",
    Action.APPOINT_PANEL: "紛争処理委員会の指名",
    Action.RECORD_RESULT: "審理結果の通知",
    Action.CLOSE: "終了",
    Action.TERMINATE: "打切り",
    Action.WITHDRAW: "取下げ",
}


@dataclass(frozen=True, slots=True)
class Transition:
    action: Action
    source: CaseState
    target: CaseState
    article: Article


def _open(action: Action, target: CaseState, article: Article) -> list[Transition]:
    return [Transition(action, s, target, article) for s in sorted(OPEN_STATES)]


TRANSITIONS: tuple[Transition, ...] = (
    Transition(Action.START_SCREENING, CaseState.RECEIVED, CaseState.SCREENING, rules("第5条第1項", "DP-06")),
    Transition(Action.ACCEPT, CaseState.SCREENING, CaseState.ACCEPTED, rules("第5条第3項", "DP-08")),
    Transition(Action.REFUSE, CaseState.SCREENING, CaseState.REFUSED, rules("第5条第1項", "DP-06")),
    Transition(
        Action.APPOINT_PANEL, CaseState.ACCEPTED, CaseState.UNDER_REVIEW, act("第23条の7第2項", "DP-11")
    ),
    Transition(
        Action.RECORD_RESULT, CaseState.UNDER_REVIEW, CaseState.RESULT_NOTIFIED, rules("第16条", "DP-17")
    ),
    Transition(Action.CLOSE, CaseState.RESULT_NOTIFIED, CaseState.CLOSED, rules("第16条", "DP-17")),
    # 打切り is the panel's chief member's decision (規程17条): only once a panel sits; before
    # acceptance a screening ground is a refusal (不受理) instead.
    Transition(Action.TERMINATE, CaseState.UNDER_REVIEW, CaseState.TERMINATED, rules("第17条", "DP-18")),
    *_open(Action.WITHDRAW, CaseState.WITHDRAWN, rules("第18条", "DP-19")),
)

_BY_KEY: dict[tuple[CaseState, Action], Transition] = {(t.source, t.action): t for t in TRANSITIONS}


def transition(state: CaseState, action: Action) -> Transition:
    """The transition for ``action`` from ``state``; refuses with the action's article otherwise."""
    found = _BY_KEY.get((state, action))
    if found is None:
        article = next((t.article for t in TRANSITIONS if t.action == action), rules("第5条"))
        raise TransitionNotAllowed(
            f"「{state.label}」の事案に「{action.label}」はできません", article, field="state"
        )
    return found


def next_state(state: CaseState, action: Action) -> CaseState:
    return transition(state, action).target


def allowed_actions(state: CaseState) -> list[Action]:
    return [t.action for t in TRANSITIONS if t.source == state]


# DP-10 (法23-10): the body must proceed without delay; these targets, in business days from
# entering the state, are what the desk marks as overdue. They are the body's own service targets.
STEP_TARGET_BUSINESS_DAYS: dict[CaseState, int] = {
    CaseState.RECEIVED: 5,
    CaseState.SCREENING: 15,
    CaseState.ACCEPTED: 10,
    CaseState.UNDER_REVIEW: 90,
    CaseState.RESULT_NOTIFIED: 20,
}


# DP-10: what a case in each state waits for, as the worklist's 次の手続 column says it.
WAITS_FOR: dict[CaseState, str] = {
    CaseState.RECEIVED: "受理審査の開始",
    CaseState.SCREENING: "受理・不受理の判断",
    CaseState.ACCEPTED: "紛争処理委員の指名",
    CaseState.UNDER_REVIEW: "審理・結果の記録",
    CaseState.RESULT_NOTIFIED: "事案の終了",
}
