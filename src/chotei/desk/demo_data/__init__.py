"""A realistic demo data set (``chotei demo``), built through the services like real work.

34 committee members at both offices (CM-01), insurers and co-ops, one user per role and about 50
anonymised cases in every state. Each case is replayed at its own dates (received over the last
~20 months, each step some business days after the previous), so the ledger (DP-21), the audit log,
the issued notices and the overdue marks (DP-10) read like a year and a half of real work.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from django.contrib.auth.models import User
from django.db.models import Count
from django.utils import timezone

from chotei.accounts.models import Role, StaffProfile
from chotei.accounts.services import token_issue
from chotei.committee.models import CommitteeMember
from chotei.desk.demo_data.people import INSURER_USER_ORG
from chotei.desk.demo_data.plans import _plans
from chotei.desk.demo_data.reference import _reference_data, _users, password_for
from chotei.desk.demo_data.replay import _Replay
from chotei.disputes.models import Case

__all__ = ["INSURER_USER_ORG", "Loaded", "insurer_token_issue", "load", "logins", "password_for"]

SEED = 2025


@dataclasses.dataclass
class Loaded:
    cases: int
    members: int
    token: str = ""


def logins() -> list[tuple[str, str, str]]:
    """(role label, username, password) of the demo users."""
    return [(r.label, r.value, password_for(r.value)) for r in Role]


def insurer_token_issue() -> str:
    """A fresh API token for the demo insurer user: tokens are stored hashed, so a lost one can only
    be replaced. Raises ``User.DoesNotExist`` when the database holds no demo data."""
    user = User.objects.get(username=Role.INSURER.value, profile__role=Role.INSURER)
    # Through the service, so the demo's token is on the audit log like any other (IM-01).
    _, token = token_issue(actor=None, username=user.username, name="デモ用トークン")
    return token


def load(today: dt.date | None = None) -> Loaded:
    """Create the whole data set in an empty database; returns what was made and the API token."""
    today = today or timezone.localdate()
    rng = random.Random(SEED)  # noqa: S311 — reproducible demo data, not a secret
    orgs, org_parties = _reference_data()
    users = _users(orgs)
    for plan in _plans(rng, today):
        _Replay(plan, users, today, rng).run(org_parties)
    # The member user is the member who sits on the most panels, so "my cases" is not empty.
    busiest = CommitteeMember.objects.annotate(n=Count("seats")).order_by("-n", "id").first()
    StaffProfile.objects.filter(user=users[Role.MEMBER]).update(member=busiest)
    if busiest is not None:
        # The member user is that member, by name.
        last, _, first = busiest.name.partition(" ")
        User.objects.filter(pk=users[Role.MEMBER].pk).update(last_name=last, first_name=first)
    return Loaded(
        cases=Case.objects.count(), members=CommitteeMember.objects.count(), token=insurer_token_issue()
    )
