"""``chotei roster-check`` (CM-01, 令17条・規程8条1項)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from chotei.committee.models import CommitteeMember
from chotei.rules import offices
from tests.factories import fill_roster

pytestmark = pytest.mark.django_db


def test_cm01_lawful_roster_exits_zero_with_counts() -> None:
    fill_roster(20, 10)
    out = io.StringIO()
    call_command("roster_check", stdout=out)
    assert "計 30 名" in out.getvalue()
    assert "本部（東京都千代田区）: 20 名" in out.getvalue()
    assert "大阪支部: 10 名" in out.getvalue()


def test_cm01_short_branch_exits_one_and_names_article() -> None:
    fill_roster(21, 9)
    out = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("roster_check", stdout=out)
    assert exc.value.returncode == 1
    assert "大阪支部に配置する紛争処理委員が9名です" in out.getvalue()
    assert "規程第8条第1項" in out.getvalue()


def test_cm01_inactive_members_do_not_count() -> None:
    fill_roster(20, 10)
    retired = CommitteeMember.objects.filter(office=offices.MAIN).first()
    CommitteeMember.objects.filter(pk=retired.pk).update(active=False)
    with pytest.raises(CommandError):
        call_command("roster_check", stdout=io.StringIO())
