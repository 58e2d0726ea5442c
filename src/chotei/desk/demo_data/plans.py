"""Which cases the demo holds: how many in each state, received when, about what, by whom."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from chotei.desk.demo_data.people import ADDRESSES, GIVEN_NAMES, ORGANIZATIONS, SURNAMES
from chotei.desk.demo_data.scenarios import OTHER_SCENARIOS, SCENARIOS, Scenario
from chotei.parties.models import Organization
from chotei.rules import calendar, offices
from chotei.rules.states import CaseState

# State → (how many cases, received this many calendar days ago: low, high).
PLAN: dict[CaseState, tuple[int, int, int]] = {
    CaseState.RECEIVED: (4, 1, 9),
    CaseState.SCREENING: (5, 10, 30),
    CaseState.ACCEPTED: (5, 25, 45),
    CaseState.REFUSED: (4, 40, 420),
    CaseState.UNDER_REVIEW: (10, 60, 200),
    CaseState.RESULT_NOTIFIED: (5, 105, 135),
    CaseState.CLOSED: (12, 170, 590),
    CaseState.TERMINATED: (2, 100, 500),
    CaseState.WITHDRAWN: (3, 30, 400),
}
REFUSAL_GROUNDS = ("R5-1-1", "R5-1-8", "R5-1-9", "R5-1-2")
# (ground, reason): a lawsuit filed makes the body's processing unsuitable (規程第5条第1項第9号), not
# ground 2, which concerns another body's mediation (issue #7 item 4); its own code keeps the notice
# from advising the lawsuit already pending.
TERMINATION_REASONS = (
    ("R5-1-9S", "申請人が同一の事案について訴訟を提起し、本機構が紛争処理を行うに適当でないため"),
    ("R17-1", "当事者双方の主張が大きく隔たり、紛争処理による解決の見込みがないため"),
)


@dataclasses.dataclass
class _CasePlan:
    state: CaseState
    received: dt.date
    scenario: Scenario
    office: str
    respondent: str
    applicant: tuple[str, str, str]  # name, postcode, address
    agent: bool
    index: int


def _plans(rng: random.Random, today: dt.date) -> list[_CasePlan]:
    plans: list[_CasePlan] = []
    names = rng.sample(
        [f"{s} {g}" for s in SURNAMES for g in GIVEN_NAMES], sum(n for n, _, _ in PLAN.values())
    )
    insurers = [n for n, k, _, _ in ORGANIZATIONS if k in (Organization.Kind.INSURER, Organization.Kind.COOP)]
    i = 0
    for state, (count, low, high) in PLAN.items():
        for _ in range(count):
            # About 9 in 10 applications are about after-effect grades (domain notes).
            scenario = rng.choice(OTHER_SCENARIOS) if i % 10 == 9 else rng.choice(SCENARIOS)
            postcode, address = rng.choice(ADDRESSES)
            # Osaka takes about a quarter of the cases, mostly from Kansai.
            office = offices.BRANCH if postcode[0] in "56" and rng.random() < 0.9 else offices.MAIN
            plans.append(
                _CasePlan(
                    state=state,
                    received=_business_day_on_or_before(today - dt.timedelta(days=rng.randint(low, high))),
                    scenario=scenario,
                    office=office,
                    respondent=insurers[0] if i % 4 == 0 else rng.choice(insurers),
                    applicant=(names[i], postcode, address),
                    agent=rng.random() < 0.3,
                    index=i,
                )
            )
            i += 1
    return sorted(plans, key=lambda p: (p.received, p.index))


def _business_day_on_or_before(d: dt.date) -> dt.date:
    while not calendar.is_business_day(d):
        d -= dt.timedelta(days=1)
    return d
