"""``chotei demo``: a realistic data set built through the services (issue #2 item 6)."""

from __future__ import annotations

import io
import unicodedata

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from chotei.accounts.models import ApiToken, Role, StaffProfile, token_digest
from chotei.audit.models import AuditEvent
from chotei.committee.models import CommitteeMember, InterestDeclaration
from chotei.disputes.models import Case, LedgerLine, PanelSeat
from chotei.rules import offices
from chotei.rules.states import CaseState

pytestmark = pytest.mark.django_db(transaction=True)


def _demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_demo_loads_cm01_roster_cases_in_every_state_and_logins() -> None:
    out = _demo()
    members = CommitteeMember.objects
    assert members.count() >= 34
    assert members.filter(office=offices.MAIN).count() >= 20  # CM-01
    assert members.filter(office=offices.BRANCH).count() >= 10
    assert {m.qualification for m in members.all()} >= {"lawyer", "doctor", "academic"}
    assert InterestDeclaration.objects.exists()
    assert 45 <= Case.objects.count() <= 55
    assert set(Case.objects.values_list("state", flat=True)) == {s.value for s in CaseState}
    assert set(Case.objects.values_list("office", flat=True)) == {offices.MAIN, offices.BRANCH}
    after_effect = Case.objects.filter(category=Case.Category.AFTER_EFFECT).count()
    assert after_effect / Case.objects.count() >= 0.8
    # Built through the services: every case has its ledger (DP-21) and audit trail (DP-22).
    assert not Case.objects.filter(ledger__isnull=True).exists()
    assert AuditEvent.objects.filter(event_type=AuditEvent.Type.CASE_CREATED).count() == Case.objects.count()
    assert LedgerLine.objects.filter(party_cost_yen__gt=0).exists()
    # Replayed at their own dates: receipts spread over months, not all today.
    assert Case.objects.values("received_on").distinct().count() > 30
    # One user per role, with working printed logins; the member sits on panels.
    for role in Role:
        assert _login_line(out, role) == [role.label, role.value, f"demo-{role.value}-2026"]
        assert authenticate(username=role.value, password=f"demo-{role.value}-2026") is not None
    member = StaffProfile.objects.get(role=Role.MEMBER).member
    assert PanelSeat.objects.filter(member=member).exists()
    insurer = StaffProfile.objects.get(role=Role.INSURER)
    assert insurer.organization is not None
    admin = StaffProfile.objects.get(role=Role.ADMIN).user
    # IM-02: the administrator keeps accounts on the admin site, and is no superuser.
    assert admin.is_staff and not admin.is_superuser
    assert admin.has_perm("accounts.change_staffprofile") and not admin.has_perm("audit.view_auditevent")
    token = _token(out)
    assert ApiToken.objects.filter(digest=token_digest(token), user=insurer.user).exists()


def _login_line(out: str, role: Role) -> list[str]:
    return next(line.split() for line in out.splitlines() if line.strip().startswith(f"{role.label} "))


def _columns(line: str) -> list[int]:
    """Terminal column at which each field starts (full-width characters take two)."""
    starts, col, prev = [], 0, " "
    for c in line:
        if c != " " and prev == " ":
            starts.append(col)
        col += 2 if unicodedata.east_asian_width(c) in "WF" else 1
        prev = c
    return starts


def _token(out: str) -> str:
    return out.split("APIトークン: ")[1].split()[0]


def test_demo_if_empty_keeps_data_reprints_aligned_logins_and_new_token_replaces_lost_one() -> None:
    first = _token(_demo())
    count = Case.objects.count()
    out = _demo("--if-empty")
    assert Case.objects.count() == count
    rows = [line for line in out.splitlines() if "demo-" in line or "パスワード" in line]
    assert len(rows) == len(Role) + 1
    assert len({tuple(_columns(line)) for line in rows}) == 1  # one column per field, aligned
    assert _login_line(out, Role.ADMIN) == ["システム管理者", "admin", "demo-admin-2026"]
    assert "APIトークン: " not in out and "uv run chotei demo --new-token" in out
    with pytest.raises(CommandError):
        _demo()
    # The token is stored hashed, so a lost one is replaced by a fresh one for the insurer user.
    token = _token(_demo("--new-token"))
    insurer = StaffProfile.objects.get(role=Role.INSURER).user
    assert token != first
    assert ApiToken.objects.filter(digest=token_digest(token), user=insurer).exists()
    assert Case.objects.count() == count


def test_demo_new_token_without_demo_users_refuses_in_japanese(world: object, make_case: object) -> None:
    StaffProfile.objects.filter(role=Role.INSURER).delete()
    make_case(CaseState.RECEIVED)  # type: ignore[operator]
    with pytest.raises(CommandError, match="デモの保険会社利用者"):
        _demo("--new-token")
