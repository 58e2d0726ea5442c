"""The worklist (issue 9 item 1, DP-10) and the confirmation before steps that cannot be
undone (item 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from chotei.accounts.models import Role, StaffProfile
from chotei.audit.models import AuditEvent
from chotei.committee.models import CommitteeMember
from chotei.disputes.models import Case, LedgerLine
from chotei.disputes.services.assignment import person_name
from chotei.disputes.services.intake import PartyInput
from chotei.rules.states import CaseState
from tests.desk.conftest import fresh, post_action

pytestmark = pytest.mark.django_db


def numbers(client, **params) -> list[str]:
    return [row.number for row in client.get("/desk/", params).context["rows"]]


def test_dp10_assigning_a_clerk_is_one_recorded_change_and_my_cases_lists_it(as_role, make_case, world):
    mine, other = make_case(), make_case(CaseState.SCREENING)
    clerk = world.users["secretariat"]
    client = as_role("secretariat")
    response = post_action(client, mine, "assign_clerk", version=mine.version, clerk=clerk.pk)
    assert response.status_code == 302
    assert fresh(mine).assigned_clerk == clerk
    line = LedgerLine.objects.filter(case=mine).latest("id")
    assert line.action == "assign_clerk" and "担当職員の指定" in line.description
    assert AuditEvent.objects.filter(case_id=mine.pk, payload__action="assign_clerk").exists()
    assert numbers(client, mine="on") == [mine.number]
    assert numbers(client, clerk=clerk.pk) == [mine.number]
    assert other.number in numbers(client)
    # Reassignment to nobody, and a user who is not staff is refused naming the field.
    refused = post_action(
        client, mine, "assign_clerk", version=fresh(mine).version, clerk=world.users["member"].pk
    )
    assert refused.status_code == 422 and "「担当職員」で選べない値です" in refused.content.decode()
    post_action(client, mine, "assign_clerk", version=fresh(mine).version, clerk="")
    assert fresh(mine).assigned_clerk is None


def test_dp10_worklist_sorts_filters_several_states_and_open_cases(as_role, make_case, today):
    received = make_case()
    screening = make_case(CaseState.SCREENING)
    closed = make_case(CaseState.CLOSED)
    Case.objects.filter(pk=received.pk).update(due_on=today + dt.timedelta(days=9))
    Case.objects.filter(pk=screening.pk).update(due_on=today + dt.timedelta(days=1))
    client = as_role("secretariat")
    assert numbers(client, sort="due")[:2] == [screening.number, received.number]
    assert numbers(client, sort="state") == [received.number, screening.number, closed.number]
    assert set(numbers(client, state=["received", "screening"])) == {received.number, screening.number}
    assert closed.number not in numbers(client, open_only="on")
    response = client.get("/desk/", {"open_only": "on"})
    html = response.content.decode()
    assert "全2件" in html and "受理審査の開始" in html and "受理・不受理の判断" in html  # 次の手続


def test_dp10_search_by_given_name_kana_insurer_and_short_number(as_role, make_case, world):
    a = make_case(
        applicant_kana="すずき はなこ",
        applicant=PartyInput(name="鈴木 花子", address="東京都港区芝公園4-2-8"),
    )
    b = make_case()
    client = as_role("secretariat")
    assert numbers(client, q="花子") == [a.number]
    assert numbers(client, q="スズキ") == [a.number]
    assert numbers(client, q=b.number[6:11]) == [b.number]
    assert numbers(client, q=b.number.replace("第", "").replace("号", "")) == [b.number]
    assert set(numbers(client, q=world.insurer.name[:4])) == {a.number, b.number}


def test_irreversible_step_shows_what_will_happen_and_its_notices_first(as_role, make_case):
    case = make_case(CaseState.SCREENING)
    client = as_role("secretariat")
    first = post_action(client, case, "accept", confirmed=False, version=case.version, dispatch_on="R8.11.2")
    assert first.status_code == 200 and fresh(case).state == CaseState.SCREENING
    html = first.content.decode()
    assert "この操作は取り消せません" in html and "令和8年11月2日" in html
    assert (
        "受理通知書（申請人宛）" in html
        and f"/documents/cases/{case.pk}/preview/acceptance_applicant/" in html
    )
    assert 'name="confirmed" value="1"' in html
    second = post_action(client, case, "accept", version=case.version, dispatch_on="R8.11.2")
    assert second.status_code == 302 and fresh(case).state == CaseState.ACCEPTED


def test_a_step_that_can_be_undone_needs_no_confirmation(as_role, make_case):
    case = make_case()
    response = post_action(
        as_role("secretariat"), case, "start_screening", confirmed=False, version=case.version
    )
    assert response.status_code == 302 and fresh(case).state == CaseState.SCREENING


def test_case_page_form_errors_name_their_field(as_role, make_case):
    case = make_case(CaseState.UNDER_REVIEW)
    response = post_action(as_role("secretariat"), case, "terminate", version=case.version, reason="")
    assert response.status_code == 422
    assert "「打切りの理由」を入力してください" in response.content.decode()
    assert "このフィールドは必須です" not in response.content.decode()


def _list_queries(client, **params) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/desk/", params)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def test_dp10_worklist_queries_stay_bounded_whatever_the_number_of_rows(as_role, make_case, world):
    """DP-10: a page of 50 cases costs the queries of a page of 5 — no query a row (担当職員,
    次の手続, business days waited) — plus the capped count a full page needs; the clerk and
    member choices are not read again from page to page."""
    clerk = world.users["secretariat"]
    made = [make_case(), make_case(CaseState.SCREENING), make_case(CaseState.UNDER_REVIEW)]
    made += [make_case(applicant_kana="やまだ たろう"), make_case()]
    Case.objects.filter(pk__in=[c.pk for c in made[:3]]).update(assigned_clerk=clerk)
    client = as_role("secretariat")
    client.get("/desk/")
    few = _list_queries(client)
    assert len(client.get("/desk/").context["rows"]) == 5
    # Fifty-five more, copies of those with their own numbers, half of them with a clerk.
    copies = []
    for i in range(55):
        case = Case.objects.get(pk=made[i % 5].pk)
        case.pk, case.number = None, f"{case.number}-{i}"
        copies.append(case)
    Case.objects.bulk_create(copies)
    full = _list_queries(client)
    assert len(client.get("/desk/").context["rows"]) == 50
    counts = [q for q in full if "COUNT(" in q.upper()]
    assert len(counts) == 1 and not any("COUNT(" in q.upper() for q in few)
    assert len(full) == len(few) + 1 <= 5, full
    assert len(_list_queries(client, state=["received", "screening"], sort="waiting", page=2)) == len(full)


def test_dp10_worklist_rows_escape_what_they_show(as_role, make_case, world):
    """A name is text, never markup; the clerk shows by name (issue #9 item 5)."""
    case = make_case()
    clerk = world.users["secretariat"]
    Case.objects.filter(pk=case.pk).update(applicant_name='<script>alert("x")</script>', assigned_clerk=clerk)
    html = as_role("secretariat").get("/desk/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    row = html[html.index(case.number) :]
    assert f'<td data-label="担当職員">{person_name(clerk)}</td>' in row[: row.index("</tr>")]


def test_dp10_filter_choices_follow_a_new_member_and_keep_the_filters(as_role, world):
    """The member and clerk lists are kept between pages, yet a member added to the roster is in
    the next page's list; the submitted filters stay selected and checked."""
    client = as_role("secretariat")
    client.get("/desk/")
    added = CommitteeMember.objects.create(name="新任 委員", office="tokyo", qualification="lawyer")
    html = client.get(
        "/desk/", {"member": added.pk, "state": ["screening"], "overdue": "on", "q": '"<i>'}
    ).content.decode()
    assert f'<option value="{added.pk}" selected>新任 委員</option>' in html
    assert 'value="screening" id="id_state_1" checked>' in html
    assert 'value="received" id="id_state_0">' in html
    assert '<input type="checkbox" name="overdue" id="id_overdue" checked>' in html
    assert 'value="&quot;&lt;i&gt;"' in html
    assert '<option value="" selected>すべて</option>' in html  # the clerk filter left open


def test_dp10_a_user_who_may_see_no_case_gets_an_empty_page_on_any_page(make_case) -> None:
    """A panel member's account not yet linked to a committee member sees no case (its list is the
    empty query): asking for a later page counts nothing and says so, instead of failing."""
    make_case()
    user = User.objects.create_user("member-unlinked")
    StaffProfile.objects.create(user=user, role=Role.MEMBER)
    client = Client()
    client.force_login(user)
    for page in (1, 2):
        response = client.get("/desk/", {"page": page})
        assert response.status_code == 200
        assert response.context["rows"] == [] and "全0件" in response.content.decode()
