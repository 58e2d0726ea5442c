"""Reads: who sees which case (IM-01, DP-20, DP-22), the desk list filters (DP-10), audited opening."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from chotei.accounts.models import Role, StaffProfile
from chotei.audit.models import AuditEvent
from chotei.disputes.models import Case
from chotei.disputes.selectors import CaseFilter, case_get, case_list, cases_visible_to
from chotei.disputes.services.core import NotFound
from chotei.disputes.services.intake import PartyInput
from chotei.parties.models import Organization, Party
from chotei.rules import offices
from chotei.rules.states import CaseState

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 1, 15)


def _list(world, role="secretariat", **filters):
    return list(case_list(user=world.users[role], filters=CaseFilter(**filters), today=TODAY))


def _coop_case(world, make_case, state=CaseState.RECEIVED):
    coop = Party.objects.get(organization=world.coop)
    return make_case(
        state,
        respondent=PartyInput(name=coop.name, address=coop.address, party_id=coop.pk),
        respondent_role="coop",
    )


def test_dp22_case_get_writes_case_viewed(world, make_case):
    case = make_case(CaseState.RECEIVED)
    got = case_get(user=world.users["auditor"], case_id=case.pk)
    assert got.pk == case.pk
    event = AuditEvent.objects.filter(event_type=AuditEvent.Type.CASE_VIEWED).get()
    assert (event.case_id, event.actor) == (case.pk, world.users["auditor"])


def test_dp20_member_sees_only_cases_of_panels_they_sit_on(world, make_case):
    seated = make_case(CaseState.UNDER_REVIEW)  # 高橋 (the member user) chairs this panel
    unseated = make_case(CaseState.ACCEPTED)
    member = world.users["member"]
    assert list(cases_visible_to(member)) == [seated]
    assert [c.pk for c in _list(world, "member")] == [seated.pk]
    with pytest.raises(NotFound):
        case_get(user=member, case_id=unseated.pk)
    assert not AuditEvent.objects.filter(event_type=AuditEvent.Type.CASE_VIEWED).exists()
    assert case_get(user=member, case_id=seated.pk) == seated


def test_dp20_insurer_sees_only_cases_where_it_is_a_party(world, make_case):
    own = make_case(CaseState.RECEIVED)
    other = _coop_case(world, make_case)
    insurer = world.users["insurer"]
    assert [c.pk for c in _list(world, "insurer")] == [own.pk]
    with pytest.raises(NotFound):
        case_get(user=insurer, case_id=other.pk)
    # The co-op's own user sees exactly the case against the co-op.
    user = User.objects.create_user(username="coop-user")
    StaffProfile.objects.create(user=user, role=Role.INSURER, organization=world.coop)
    assert list(cases_visible_to(user)) == [other]


def test_im01_users_without_scope_see_nothing(world, make_case):
    make_case(CaseState.RECEIVED)
    bare = User.objects.create_user(username="nobody")
    assert not cases_visible_to(bare).exists()
    unlinked = User.objects.create_user(username="member2")
    StaffProfile.objects.create(user=unlinked, role=Role.MEMBER)
    assert not cases_visible_to(unlinked).exists()
    stranger_org = Organization.objects.create(name="さくら損保", kind=Organization.Kind.INSURER)
    insurer2 = User.objects.create_user(username="insurer2")
    StaffProfile.objects.create(user=insurer2, role=Role.INSURER, organization=stranger_org)
    assert not cases_visible_to(insurer2).exists()
    assert not cases_visible_to(None).exists()


@pytest.mark.parametrize("role", ["secretariat", "chair", "auditor", "admin"])
def test_staff_see_all_cases(world, make_case, role):
    cases = {make_case(CaseState.RECEIVED).pk, _coop_case(world, make_case).pk}
    assert {c.pk for c in _list(world, role)} == cases


def _due(case, due_on):
    Case.objects.filter(pk=case.pk).update(due_on=due_on)


def test_dp10_overdue_filter_includes_result_notified(world, make_case):
    late_review = make_case(CaseState.UNDER_REVIEW)
    late_result = make_case(CaseState.RESULT_NOTIFIED)
    on_time = make_case(CaseState.ACCEPTED)
    closed = make_case(CaseState.CLOSED)
    assert late_result.due_on is not None and closed.due_on is None
    for c in (late_review, late_result):
        _due(c, TODAY - dt.timedelta(days=1))
    _due(on_time, TODAY)
    assert {c.pk for c in _list(world, overdue=True)} == {late_review.pk, late_result.pk}


def test_dp10_ended_case_is_never_overdue(world, make_case):
    closed = make_case(CaseState.WITHDRAWN)
    _due(closed, TODAY - dt.timedelta(days=30))  # a stale value must not resurrect it
    assert _list(world, overdue=True) == []


def test_case_list_filters_by_state_office_year_and_member(world, make_case):
    tokyo = make_case(CaseState.UNDER_REVIEW)
    osaka = make_case(CaseState.RECEIVED, office=offices.BRANCH, received_on=dt.date(2027, 4, 2))
    assert [c.pk for c in _list(world, state=CaseState.RECEIVED)] == [osaka.pk]
    assert [c.pk for c in _list(world, office=offices.BRANCH)] == [osaka.pk]
    assert [c.pk for c in _list(world, fiscal_year=2027)] == [osaka.pk]
    assert [c.pk for c in _list(world, member=world.members["田中"].pk)] == [tokyo.pk]
    assert [c.pk for c in _list(world)] == [osaka.pk, tokyo.pk]  # newest receipt first


def test_case_list_search_by_number_or_name_prefix_nfkc(world, make_case):
    a = make_case(CaseState.RECEIVED)
    b = make_case(CaseState.RECEIVED, applicant=PartyInput(name="佐々木 恵", address="大阪府堺市1-1"))
    assert [c.pk for c in _list(world, q=b.number)] == [b.pk]
    assert [c.pk for c in _list(world, q=a.number.replace("2026", "２０２６"))] == [a.pk]
    assert [c.pk for c in _list(world, q="山田")] == [a.pk]
    assert [c.pk for c in _list(world, q="　佐々木 ")] == [b.pk]
    # DP-10: a given name alone finds the applicant once no surname starts with it.
    assert [c.pk for c in _list(world, q="太郎")] == [a.pk]
    assert _list(world, q="郎") == []  # the given name's start, not any substring


def test_case_list_search_by_usual_number_forms_insurer_and_kana(world, make_case):
    a = make_case(CaseState.RECEIVED, applicant_kana="ヤマダ　タロウ")
    b = make_case(CaseState.RECEIVED, applicant=PartyInput(name="佐々木 恵", address="大阪府堺市堺区1-1"))
    serial = a.number[6:11]  # 2026東第00001号 → 00001
    for q in (a.number, a.number.replace("第", "").replace("号", ""), serial, "２０２６東" + serial, "1"):
        assert [c.pk for c in _list(world, q=q)] == [a.pk], q
    assert [c.pk for c in _list(world, q="やまだ")] == [a.pk]
    assert [c.pk for c in _list(world, q="ﾔﾏﾀﾞ ﾀ")] == [a.pk]  # half-width katakana, NFKC
    assert {c.pk for c in _list(world, q="あおば損害")} == {a.pk, b.pk}
    assert Case.objects.get(pk=a.pk).applicant_kana == "やまだ たろう"


def test_case_list_search_is_one_indexed_predicate(world):
    sql = str(case_list(user=world.staff, filters=CaseFilter(q="2026東第00001号"), today=TODAY).query)
    assert '"number" = ' in sql and "LIKE" not in sql.upper()
    for q in ("山田", "あおば", "やまだ", "山田 太郎", "00001"):
        sql = str(case_list(user=world.staff, filters=CaseFilter(q=q), today=TODAY).query)
        assert " OR " not in sql, q


def test_case_number_forms_become_one_equality(world):
    from chotei.disputes.selectors import search

    assert search("2026東00017", TODAY) == search("2026東第17号", TODAY)
    assert str(search("2026阪第17号", TODAY)) == str(search("2026阪第00017号", TODAY))
    assert "2016東第0001234号" in str(search("2016東第0001234号", TODAY))  # longer serials as typed
