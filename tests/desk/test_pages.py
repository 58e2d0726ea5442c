"""The desk's pages: header, login, roles, the case list and the case page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from chotei.audit.models import AuditEvent
from chotei.disputes.models import Case
from chotei.documents.files import file_write
from chotei.rules import offices
from chotei.rules.states import CaseState
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
BODY = settings.CHOTEI_BODY


def assert_header(html: str) -> None:
    assert BODY["name"] in html
    assert "指定紛争処理機関" in html


def test_gv07_login_page_shows_body_name_and_designation(client: Client) -> None:
    response = client.get("/desk/login/")
    assert response.status_code == 200
    assert_header(response.content.decode())
    assert "ログイン" in response.content.decode()


def test_gv07_every_desk_page_shows_body_name_and_designation(as_role, make_case) -> None:
    case = make_case(CaseState.SCREENING)
    secretariat, auditor = as_role("secretariat"), as_role("auditor")
    for client, url in [
        (secretariat, "/desk/"),
        (secretariat, "/desk/cases/new/"),
        (secretariat, f"/desk/cases/{case.pk}/"),
        (secretariat, "/desk/ledger/"),
        (auditor, "/desk/audit/"),
        (secretariat, "/desk/audit/"),  # the 403 page too
    ]:
        assert_header(client.get(url).content.decode())


def test_login_with_password_is_audited_and_logout_returns_to_login(world, client: Client) -> None:
    response = client.post("/desk/login/", {"username": "secretariat", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/desk/"
    assert AuditEvent.objects.filter(
        event_type=AuditEvent.Type.LOGIN, actor=world.users["secretariat"]
    ).exists()
    response = client.post("/desk/logout/")
    assert response["Location"] == "/desk/login/"
    assert client.get("/desk/").status_code == 302


def test_wrong_password_is_refused_in_japanese(world, client: Client) -> None:
    response = client.post("/desk/login/", {"username": "secretariat", "password": "wrong"})
    assert response.status_code == 200
    assert "正しいユーザー名とパスワードを入力してください" in response.content.decode()


def test_anonymous_is_sent_to_login(client: Client) -> None:
    response = client.get("/desk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/desk/login/?next=")


def test_im01_insurer_user_gets_japanese_403(as_role) -> None:
    response = as_role("insurer").get("/desk/")
    assert response.status_code == 403
    assert "API をご利用ください" in response.content.decode()


def test_im02_audit_log_is_not_for_secretariat_and_ledger_not_for_members(as_role) -> None:
    """IM-02: the secretariat that acts on cases does not also read the audit log of its own acts."""
    assert as_role("secretariat").get("/desk/audit/").status_code == 403
    assert as_role("member").get("/desk/ledger/").status_code == 403
    assert as_role("member").get("/desk/audit/").status_code == 403
    assert as_role("member").get("/desk/cases/new/").status_code == 403


def test_admin_sees_admin_link(as_role) -> None:
    html = as_role("admin").get("/desk/").content.decode()
    assert 'href="/admin/"' in html
    assert 'href="/admin/"' not in as_role("secretariat").get("/desk/").content.decode()


def test_case_list_shows_cases_with_state_badges(as_role, make_case) -> None:
    a = make_case(CaseState.RECEIVED)
    b = make_case(CaseState.UNDER_REVIEW)
    html = as_role("secretariat").get("/desk/").content.decode()
    assert a.number in html and b.number in html
    assert 'class="badge state-received">受付' in html
    assert 'class="badge state-under_review">審理' in html


def test_case_list_filters(as_role, make_case, world) -> None:
    received = make_case(CaseState.RECEIVED)
    review = make_case(CaseState.UNDER_REVIEW)
    osaka = make_case(CaseState.RECEIVED, office=offices.BRANCH)
    client = as_role("secretariat")

    def numbers(**params: object) -> set[str]:
        html = client.get("/desk/", params).content.decode()
        return {c.number for c in (received, review, osaka) if c.number in html}

    assert numbers(state="under_review") == {review.number}
    assert numbers(office="osaka") == {osaka.number}
    assert numbers(q=received.number) == {received.number}
    assert numbers(q="山田") == {received.number, review.number, osaka.number}
    assert numbers(q="田中") == set()
    assert numbers(member=world.members["高橋"].pk) == {review.number}
    assert numbers(fiscal_year=received.fiscal_year) == {received.number, review.number, osaka.number}
    assert numbers(fiscal_year=received.fiscal_year - 1) == set()


def test_case_list_htmx_request_gets_only_the_table(as_role, make_case) -> None:
    case = make_case()
    response = as_role("secretariat").get("/desk/", {"state": "received"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert case.number in html
    assert "<html" not in html and "<table" in html
    assert "HX-Request" in response["Vary"]
    restore = as_role("secretariat").get(
        "/desk/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in restore.content.decode()  # the back button gets the whole page


def test_case_list_numbered_pages_with_a_bounded_count(as_role, make_case, monkeypatch) -> None:
    from chotei.desk.views import cases as views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "COUNT_CAP", 1000)
    made = [make_case() for _ in range(3)]
    client = as_role("secretariat")
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/desk/")
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    # The count never walks the whole table: it stops PAGES_AHEAD pages past the page shown (no
    # COUNT(*) of 10^6 cases), never past COUNT_CAP.
    assert len(counts) == 1 and f"LIMIT {(1 + views.PAGES_AHEAD) * 2}" in counts[0], counts
    assert views.count_cap(10**6) == views.COUNT_CAP
    assert len(queries.captured_queries) <= 7, [q["sql"] for q in queries.captured_queries]
    html = first.content.decode()
    assert "全3件" in html and 'aria-current="page">1<' in html and "page=2" in html
    newest_first = sorted(made, key=lambda c: (c.received_on, c.pk), reverse=True)
    assert newest_first[0].number in html and newest_first[2].number not in html
    second = client.get("/desk/", {"page": 2}).content.decode()
    assert newest_first[2].number in second and newest_first[0].number not in second
    assert "page=1" in second


def test_dp10_overdue_marker_and_waiting_business_days(as_role, make_case, today) -> None:
    late = make_case(CaseState.SCREENING)
    on_time = make_case(CaseState.SCREENING)
    Case.objects.filter(pk=late.pk).update(due_on=today - dt.timedelta(days=1))
    client = as_role("secretariat")
    response = client.get("/desk/")
    rows = {r.pk: r for r in response.context["rows"]}
    assert rows[late.pk].overdue and not rows[on_time.pk].overdue
    assert rows[late.pk].waiting == 0
    assert "期限超過" in response.content.decode()
    overdue_only = client.get("/desk/", {"overdue": "on"}).content.decode()
    assert late.number in overdue_only and on_time.number not in overdue_only
    page = client.get(f"/desk/cases/{late.pk}/").content.decode()
    assert "期限超過" in page
    assert "期限超過" not in client.get(f"/desk/cases/{on_time.pk}/").content.decode()


def test_dp10_ended_case_is_never_overdue(as_role, make_case, today) -> None:
    case = make_case(CaseState.WITHDRAWN)
    Case.objects.filter(pk=case.pk).update(due_on=today - dt.timedelta(days=30))
    assert "期限超過" not in as_role("secretariat").get(f"/desk/cases/{case.pk}/").content.decode()


def test_im01_member_sees_only_cases_of_own_panels(as_role, make_case) -> None:
    mine = make_case(CaseState.UNDER_REVIEW)  # 高橋, the member user, sits on this panel
    other = make_case(CaseState.ACCEPTED)
    client = as_role("member")
    html = client.get("/desk/").content.decode()
    assert mine.number in html and other.number not in html
    assert client.get(f"/desk/cases/{mine.pk}/").status_code == 200
    assert client.get(f"/desk/cases/{other.pk}/").status_code == 404


def test_dp22_opening_a_case_is_audited(as_role, make_case, world) -> None:
    case = make_case()
    as_role("chair").get(f"/desk/cases/{case.pk}/")
    assert AuditEvent.objects.filter(
        event_type=AuditEvent.Type.CASE_VIEWED, case_id=case.pk, actor=world.users["chair"]
    ).exists()


def test_case_page_shows_dp02_items_parties_deadlines_and_timeline(as_role, make_case) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    response = as_role("secretariat").get(f"/desk/cases/{case.pk}/")
    html = response.content.decode()
    for text in (
        case.number,
        "本部（東京）",
        "後遺障害",
        "山田 太郎",
        "東京都世田谷区桜丘三丁目12番5号",
        "あおば損害保険株式会社",
        case.matters_sought,
        case.issues,
        case.negotiation_history,
        case.claim,
        case.accident_summary,
        "答弁書提出期限",
        "求める事項の変更期限",
        "紛争処理委員会を指名",  # timeline line from the ledger
        "高橋 花子",
        "主任委員",
    ):
        assert text in html, text
    assert response.context["amendment_deadline"] is not None


def test_auditor_sees_case_ledger_and_audit_log_read_only(as_role, make_case) -> None:
    case = make_case(CaseState.SCREENING)
    client = as_role("auditor")
    page = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert "/actions/" not in page
    ledger = client.get("/desk/ledger/")
    assert ledger.status_code == 200 and case.number in ledger.content.decode()
    assert "申請受付" in ledger.content.decode()
    audit = client.get("/desk/audit/", {"case_number": case.number})
    assert audit.status_code == 200 and "事案閲覧" in audit.content.decode()
    assert '<form method="post" action="/desk/cases' not in audit.content.decode()


def test_ledger_filters_by_fiscal_year(as_role, make_case) -> None:
    case = make_case()
    client = as_role("auditor")
    assert case.number in client.get("/desk/ledger/", {"fiscal_year": case.fiscal_year}).content.decode()
    assert (
        case.number not in client.get("/desk/ledger/", {"fiscal_year": case.fiscal_year - 1}).content.decode()
    )


def test_unknown_case_is_a_japanese_404(as_role) -> None:
    response = as_role("secretariat").get("/desk/cases/999999/")
    assert response.status_code == 404
    assert "見つかりません" in response.content.decode()


def test_dp20_issued_documents_listed_with_version_digest_and_pdf_link(as_role, make_case) -> None:
    from chotei.documents.models import IssuedDocument, Mailing

    case = make_case(CaseState.ACCEPTED)
    doc = IssuedDocument.objects.create(
        case=case,
        kind="acceptance_applicant",
        addressee_side="applicant",
        version=2,
        document_number=f"{case.number}-受理-2",
        title="紛争処理申請受理通知書",
        addressee="山田 太郎 様",
        channel="post",
        dispatch_date=dt.date(2026, 10, 5),
        file=file_write("issued", b"%PDF-1.4")[0],
        sha256="ab12cd34ef56" + "0" * 52,
    )
    html = as_role("secretariat").get(f"/desk/cases/{case.pk}/").content.decode()
    # Issue #9 item 7: a paper notice's dispatch date is the day it is recorded as mailed.
    for text in ("紛争処理申請受理通知書", "山田 太郎 様", "郵送", "未発送", "第2版", "ab12cd34ef56…"):
        assert text in html, text
    assert f'href="/desk/documents/{doc.pk}/pdf/"' in html
    Mailing.objects.create(document=doc, mailed_on=dt.date(2026, 10, 6), registered_number="12345678901")
    html = as_role("secretariat").get(f"/desk/cases/{case.pk}/").content.decode()
    assert "2026年10月6日" in html and "書留 12345678901" in html and "未発送" not in html


def test_cp05_templates_link_in_the_nav_for_those_who_keep_model_texts(as_role) -> None:
    for role in ("secretariat", "chair", "admin"):
        assert (
            'href="/desk/documents/templates/">文例の管理</a>' in as_role(role).get("/desk/").content.decode()
        )
    for role in ("member", "auditor"):
        assert "文例の管理" not in as_role(role).get("/desk/").content.decode()


def test_pn05_party_cards_show_consent_state_and_link(as_role, make_case, world) -> None:
    from chotei.documents import services

    case = make_case(CaseState.RECEIVED)
    respondent = case.party("respondent").party
    client = as_role("secretariat")
    html = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert f'href="/desk/documents/consent/{respondent.pk}/">電子交付の承諾</a>' in html
    assert html.count("未承諾（郵送）") == 2
    services.consent_record(
        actor=world.staff,
        party_id=respondent.pk,
        consented=True,
        method=services.CONSENT_METHOD,
        file_format=services.CONSENT_FORMAT,
    )
    html = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert html.count("承諾済") == 1 and html.count("未承諾（郵送）") == 1
    # Those who cannot record an answer see the state, not the link.
    member_view = as_role("auditor").get(f"/desk/cases/{case.pk}/").content.decode()
    assert "承諾済" in member_view and "電子交付の承諾</a>" not in member_view


def test_cp05_documents_show_the_wording_version_used(as_role, make_case, world) -> None:
    from chotei.documents import services
    from chotei.rules.notices.kinds import NoticeKind
    from chotei.rules.notices.texts import DEFAULT_TEMPLATES

    case = make_case(CaseState.RECEIVED)
    services.case_notices_issue(case_id=case.pk, kinds=["receipt"])
    t = services.template_propose(
        actor=world.staff, kind="receipt", text=DEFAULT_TEMPLATES[NoticeKind.RECEIPT] + "\n"
    )
    services.template_approve(actor=world.users["chair"], template_id=t.pk)
    services.case_notices_issue(case_id=case.pk, kinds=["receipt"])
    html = as_role("secretariat").get(f"/desk/cases/{case.pk}/").content.decode()
    assert "<th>文例</th>" in html
    assert ">標準文例</td>" in html and ">第1版</td>" in html  # version 1 issued before, then template 1


def test_cp05_previews_of_the_notices_the_state_calls_for(as_role, make_case) -> None:
    case = make_case(CaseState.ACCEPTED)
    html = as_role("secretariat").get(f"/desk/cases/{case.pk}/").content.decode()
    for kind, side in (
        ("acceptance_applicant", "applicant"),
        ("acceptance_respondent", "respondent"),
        ("statement_request", "respondent"),
    ):
        assert f'href="/desk/documents/cases/{case.pk}/preview/{kind}/{side}/"' in html
    assert "/preview/receipt/" not in html and "/preview/result/" not in html
    assert "/preview/" not in as_role("auditor").get(f"/desk/cases/{case.pk}/").content.decode()


def test_dp18_a_terminated_case_shows_its_ground_with_the_provision(as_role, make_case) -> None:
    case = make_case(CaseState.TERMINATED)
    Case.objects.filter(pk=case.pk).update(termination_ground="R5-1-9S")
    html = as_role("secretariat").get(f"/desk/cases/{case.pk}/").content.decode()
    assert "打切りの事由" in html
    assert (
        "同一の紛争について訴訟が係属している（紛争処理業務規程第17条第1項、同規程第5条第1項第9号該当）"
        in html
    )


def test_dp17_a_changed_result_shows_the_grade_before_and_after(as_role, make_case) -> None:
    case = make_case(CaseState.RESULT_NOTIFIED)
    client = as_role("secretariat")
    assert "変更後の等級" not in client.get(f"/desk/cases/{case.pk}/").content.decode()
    Case.objects.filter(pk=case.pk).update(result="changed", grade_before="2-12", grade_after="2-9")
    html = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert "変更後の等級" in html and "別表第2第9級（変更前　別表第2第12級）" in html
