"""Every action form posts to its service; refusals, conflicts and roles show as the brief asks."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from chotei import clock
from chotei.disputes.models import Case, LedgerLine, Meeting, PanelSeat
from chotei.rules import screening
from chotei.rules.states import CaseState
from tests.desk.conftest import fresh, post_action
from tests.factories import stored as stored_bytes

pytestmark = pytest.mark.django_db


def test_start_screening_then_accept_by_plain_post_and_redirect(as_role, make_case) -> None:
    case = make_case()
    client = as_role("secretariat")
    response = post_action(client, case, "start_screening", version=case.version)
    assert response.status_code == 302 and response["Location"] == f"/desk/cases/{case.pk}/"
    assert fresh(case).state == CaseState.SCREENING
    response = post_action(client, case, "accept", version=case.version)
    assert response.status_code == 302
    assert fresh(case).state == CaseState.ACCEPTED and case.statement_due_on is not None
    page = client.get(response["Location"]).content.decode()
    assert "受理しました" in page


def test_stale_version_gives_conflict_message(as_role, make_case) -> None:
    case = make_case(CaseState.SCREENING)
    stale = case.version - 1
    response = post_action(as_role("secretariat"), case, "accept", version=stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "更新が競合しました" in html and "他の職員が更新しました" in html
    assert fresh(case).state == CaseState.SCREENING


def test_dp06_refusal_names_the_ground_and_article(as_role, make_case) -> None:
    case = make_case(CaseState.SCREENING)
    client = as_role("secretariat")
    response = post_action(client, case, "refuse", version=case.version, ground_code="R5-1-5")
    assert response.status_code == 302
    assert fresh(case).state == CaseState.REFUSED
    html = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert "規程第5条第1項第5号（弁護士法第72条違反の疑い）により受理できません" in html


def test_dp07_guidance_shown_with_refusal_form_and_after_ground_9(as_role, make_case) -> None:
    case = make_case(CaseState.SCREENING)
    client = as_role("secretariat")
    guidance = screening.guidance_for(screening.ground("R5-1-9"))
    assert guidance and guidance in client.get(f"/desk/cases/{case.pk}/").content.decode()
    post_action(client, case, "refuse", version=case.version, ground_code="R5-1-9")
    html = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert "申請人への案内" in html and guidance in html


def test_step_not_allowed_in_state_is_refused_naming_the_article(as_role, make_case) -> None:
    case = make_case()
    response = post_action(as_role("secretariat"), case, "accept", version=case.version)
    assert response.status_code == 409
    html = response.content.decode()
    assert "「受付」の事案に「受理」はできません" in html and "規程第5条第3項" in html


def test_invalid_form_shows_field_error(as_role, make_case) -> None:
    case = make_case(CaseState.SCREENING)
    response = post_action(as_role("secretariat"), case, "refuse", version=case.version, ground_code="nope")
    assert response.status_code == 422
    assert "act-refuse" in response.content.decode()
    assert fresh(case).state == CaseState.SCREENING


def test_dp09_amend_matters_sought(as_role, make_case) -> None:
    case = make_case(CaseState.ACCEPTED)
    client = as_role("secretariat")
    response = post_action(
        client, case, "amend", version=case.version, matters_sought="併合第12級への変更を求める"
    )
    assert response.status_code == 302
    assert fresh(case).matters_sought == "併合第12級への変更を求める"
    page = client.get(f"/desk/cases/{case.pk}/").content.decode()
    # The allowed amendment queued its notice to the respondent: the page says so and waits for it.
    assert "併合第12級への変更を求める" in page and "通知書を発出しています" in page


def test_dp09_amend_after_deadline_is_refused_naming_article(as_role, make_case) -> None:
    case = make_case(CaseState.ACCEPTED)
    Case.objects.filter(pk=case.pk).update(acceptance_dispatched_on=timezone.localdate().replace(year=2020))
    response = post_action(
        as_role("secretariat"), case, "amend", version=case.version, matters_sought="別の求め"
    )
    assert response.status_code == 422
    assert "規程第5条の2第2項" in response.content.decode()


def test_dp11_panel_suggestions_and_one_click_appoint(as_role, make_case, world) -> None:
    case = make_case(CaseState.ACCEPTED)
    client = as_role("chair")
    page = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert f"/desk/cases/{case.pk}/panel-suggestions/" in page
    partial = client.get(f"/desk/cases/{case.pk}/panel-suggestions/", HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert "<html" not in html and "この構成で指名" in html
    proposal = partial.context["proposals"][0]
    assert any(m.qualification == "lawyer" for m in proposal.members)
    full = client.get(f"/desk/cases/{case.pk}/panel-suggestions/")
    assert "<html" in full.content.decode()  # works without JavaScript too
    response = client.post(
        f"/desk/cases/{case.pk}/actions/appoint_panel/",
        {
            "version": case.version,
            "members": [m.id for m in proposal.members],
            "chief": proposal.chief.id,
            "confirmed": "1",
        },
    )
    assert response.status_code == 302
    assert fresh(case).state == CaseState.UNDER_REVIEW
    assert case.panel.seats.count() == len(proposal.members)


def test_dp11_invalid_panel_is_refused_naming_the_act(as_role, make_case, world) -> None:
    case = make_case(CaseState.ACCEPTED)
    m = world.members
    response = as_role("secretariat").post(
        f"/desk/cases/{case.pk}/actions/appoint_panel/",
        {
            "version": case.version,
            "members": [m["田中"].pk, m["伊藤"].pk],
            "chief": m["田中"].pk,
            "confirmed": "1",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "法第23条の7第2項" in html and "弁護士である担当委員がいません" in html
    assert fresh(case).state == CaseState.ACCEPTED


def test_dp11_meeting_needs_quorum_then_result_is_recorded(as_role, make_case, world) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    client = as_role("secretariat")
    response = post_action(
        client, case, "record_result", version=case.version, result="changed", reasons="理由"
    )
    assert response.status_code == 422
    assert "期日調書がないため" in response.content.decode() and "規程第12条" in response.content.decode()

    response = post_action(
        client, case, "meeting_schedule", scheduled_for=f"{clock.today()}T09:00", place="本部 第2会議室"
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(case=case)
    ids, _ = world.panel_ids()
    response = post_action(
        client, case, "meeting_record", meeting_id=meeting.pk, present=ids[:1], minutes="審理した"
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "規程第12条第3項" in html and "過半数" in html
    assert f"act-meeting_record-{meeting.pk}" in html

    response = post_action(
        client, case, "meeting_record", meeting_id=meeting.pk, present=ids[:2], minutes="審理した"
    )
    assert response.status_code == 302
    response = post_action(
        client,
        case,
        "record_result",
        version=fresh(case).version,
        result="changed",
        reasons="神経症状の残存が認められ、第14級9号に該当する。",
        grade_before="none",
        grade_after="2-14",
    )
    assert response.status_code == 302
    assert fresh(case).state == CaseState.RESULT_NOTIFIED and case.result == "changed"
    assert (case.grade_before, case.grade_after) == ("none", "2-14")
    line = LedgerLine.objects.filter(case=case, action="record_result").get()
    assert "等級 別表第2第14級（変更前　非該当）" in line.description
    html = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert "変更" in html and "第14級9号に該当する" in html


def test_dp03_postal_submission_needs_receipt_and_upload_is_kept(as_role, make_case) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    client = as_role("secretariat")
    base = {"side": "respondent", "kind": "statement", "title": "答弁書", "form": "written"}
    response = post_action(client, case, "submission", channel="post", **base)
    assert response.status_code == 422 and "規程第4条第3項" in response.content.decode()
    response = post_action(client, case, "submission", channel="post", postal_receipt="書留 1234", **base)
    assert response.status_code == 302
    upload = SimpleUploadedFile("診断書.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(
        f"/desk/cases/{case.pk}/actions/submission/",
        {
            **base,
            "kind": "evidence",
            "title": "診断書",
            "channel": "upload",
            "file": upload,
            "side": "applicant",
        },
    )
    assert response.status_code == 302
    stored = case.submissions.get(title="診断書")
    assert stored_bytes(stored) == b"%PDF-1.4 test" and stored.file_name == "診断書.pdf"
    html = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert "書留 1234" in html and "診断書.pdf" in html


def test_dp12_insurer_request_and_answer(as_role, make_case) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    client = as_role("secretariat")
    assert post_action(client, case, "insurer_request", request="画像資料の提出").status_code == 302
    req = case.insurer_requests.get()
    response = post_action(client, case, "insurer_answer", request_id=req.pk)
    assert response.status_code == 422 and "法第23条の12" in response.content.decode()
    assert (
        post_action(client, case, "insurer_answer", request_id=req.pk, answer="提出します").status_code == 302
    )
    req.refresh_from_db()
    assert req.answered_on is not None and req.answer == "提出します"


def test_dp13_special_procedure_request_and_chief_decision_charges_cost(world, as_role, make_case) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    client = as_role("secretariat")
    response = post_action(
        client, case, "special_request", kind="医学的鑑定", requested_by="applicant", reason="画像の再読影"
    )
    assert response.status_code == 302
    proc = case.special_procedures.get()
    response = post_action(client, case, "special_decide", procedure_id=proc.pk, approve="1")
    assert response.status_code == 422 and "規程第19条" in response.content.decode()
    response = post_action(
        client,
        case,
        "special_decide",
        procedure_id=proc.pk,
        approve="1",
        chief_id=world.members["高橋"].pk,
        cost_yen="50000",
        charged_to="applicant",
    )
    assert response.status_code == 302
    proc.refresh_from_db()
    assert proc.decision == "approved" and proc.decided_by.name == "高橋 花子"
    assert LedgerLine.objects.filter(case=case, party_cost_yen=50000).exists()


def test_dp14_other_form_recorded_in_the_chosen_chiefs_name(world, as_role, make_case) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    client = as_role("secretariat")
    data = dict(
        side="applicant", kind="evidence", title="録音データ", channel="post", postal_receipt="書留 1"
    )
    refused = post_action(client, case, "submission", form="other", **data)
    assert refused.status_code == 422 and "主任委員を指定してください" in refused.content.decode()
    chief = world.members["高橋"].pk
    assert post_action(client, case, "submission", form="other", chief_id=chief, **data).status_code == 302
    assert case.submissions.get().form == "other"
    assert "主任委員 高橋 花子の許可" in LedgerLine.objects.filter(case=case).last().description


def test_dp15_observer_permit_names_the_deciding_chief(world, as_role, make_case) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    client = as_role("secretariat")
    page = client.get(f"/desk/cases/{case.pk}/").content.decode()
    # DP-15: the chief is chosen, not preselected: only the chief seat is offered, nothing selected.
    assert '<option value="" selected>選択してください</option>' in page
    assert f'<option value="{world.members["高橋"].pk}">高橋 花子（主任委員）</option>' in page
    unnamed = post_action(client, case, "observer", name="研修生 木村", reason="研修")
    assert unnamed.status_code == 422
    assert "規程第15条第6項により傍聴の許可をした主任委員を指定してください" in unnamed.content.decode()
    assert not case.observers.exists()
    named = post_action(
        client, case, "observer", name="研修生 木村", reason="研修", chief_id=world.members["高橋"].pk
    )
    assert named.status_code == 302
    assert "研修生 木村" in client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert "主任委員 高橋 花子の許可" in LedgerLine.objects.filter(case=case).last().description


def test_dp17_explanation_then_close(as_role, make_case) -> None:
    case = make_case(CaseState.RESULT_NOTIFIED)
    client = as_role("secretariat")
    assert post_action(client, case, "explain", version=case.version, side="applicant").status_code == 302
    assert LedgerLine.objects.filter(case=case, action="explain").exists()
    assert post_action(client, case, "close", version=fresh(case).version).status_code == 302
    assert fresh(case).state == CaseState.CLOSED


def test_dp17_explanation_over_a_newer_version_is_a_conflict(as_role, make_case) -> None:
    """The explanation keeps the state but is checked against the version the form was loaded with,
    under the row lock, like every step; nothing is recorded or queued."""
    case = make_case(CaseState.RESULT_NOTIFIED)
    client = as_role("secretariat")
    response = post_action(client, case, "explain", version=case.version - 1, side="applicant")
    assert response.status_code == 409 and "他の職員が更新しました" in response.content.decode()
    assert not LedgerLine.objects.filter(case=case, action="explain").exists()
    assert fresh(case).version == case.version


def test_dp18_terminate_needs_reason(as_role, make_case) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    client = as_role("secretariat")
    chief = PanelSeat.objects.get(case=case, is_chief=True).member_id
    response = post_action(client, case, "terminate", version=case.version, ground="R17-1", reason="")
    assert response.status_code == 422
    response = post_action(
        client, case, "terminate", version=case.version, reason="解決の見込みがない", chief_id=chief
    )
    assert response.status_code == 422 and "打切りの事由" in response.content.decode()
    response = post_action(
        client, case, "terminate", version=case.version, ground="R17-1", reason="解決の見込みがない"
    )
    assert response.status_code == 422 and "主任委員" in response.content.decode()
    response = post_action(
        client,
        case,
        "terminate",
        version=case.version,
        ground="R5-1-9",
        reason="訴訟が提起された",
        chief_id=chief,
    )
    assert response.status_code == 302
    assert fresh(case).state == CaseState.TERMINATED and case.end_reason == "訴訟が提起された"
    assert case.termination_ground == "R5-1-9"


def test_dp19_withdraw(as_role, make_case) -> None:
    case = make_case(CaseState.ACCEPTED)
    response = post_action(as_role("chair"), case, "withdraw", version=case.version, channel="online")
    assert response.status_code == 302
    assert fresh(case).state == CaseState.WITHDRAWN and "電子" in case.end_reason


def test_offered_actions_follow_the_state(as_role, make_case) -> None:
    client = as_role("secretariat")
    received = client.get(f"/desk/cases/{make_case().pk}/").context
    assert [p.spec.name for p in received["action_panels"]] == [
        "start_screening",
        "submission",
        "withdraw",
        "assign_clerk",
    ]
    closed = client.get(f"/desk/cases/{make_case(CaseState.CLOSED).pk}/").context
    assert [p.spec.name for p in closed["action_panels"]] == ["explain"]


@pytest.mark.parametrize("role", ["member", "auditor", "admin", "insurer"])
def test_im01_wrong_role_cannot_act(as_role, make_case, role) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    response = post_action(as_role(role), case, "terminate", version=case.version, reason="理由")
    assert response.status_code == 403
    assert fresh(case).state == CaseState.UNDER_REVIEW


def test_member_page_has_no_action_forms(as_role, make_case) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    response = as_role("member").get(f"/desk/cases/{case.pk}/")
    assert response.status_code == 200 and "/actions/" not in response.content.decode()


def test_unknown_action_refused_and_get_redirected(as_role, make_case) -> None:
    case = make_case()
    client = as_role("secretariat")
    assert post_action(client, case, "nonsense").status_code == 404
    # A reload of an action's address lands on the case page at that action, never on a 405.
    response = client.get(f"/desk/cases/{case.pk}/actions/start_screening/")
    assert response.status_code == 302
    assert response["Location"] == f"/desk/cases/{case.pk}/#act-start_screening"


def test_dp08_after_accepting_the_page_waits_for_the_notices(as_role, make_case) -> None:
    """The notices are issued by the task worker after the commit: the message says so and the
    documents section polls (HTMX, every 3 s, ~30 s at most) until they are there."""
    from chotei.documents import services
    from chotei.documents.models import IssuedDocument
    from chotei.rules.notices.kinds import NoticeKind

    case = make_case(CaseState.SCREENING)
    before = services.case_notices_issue(case_id=case.pk, kinds=["receipt"])[0].pk
    client = as_role("secretariat")
    response = post_action(client, case, "accept", version=case.version)
    assert response["Location"] == f"/desk/cases/{case.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "受理しました。通知書を発出しています。数秒後に発出文書欄に表示されます" in page
    poll = f'hx-get="/desk/documents/cases/{case.pk}/?since={before}&amp;tries=1" hx-trigger="every 3s"'
    assert poll in page
    # The worker has not run yet: the section asks again, counting its tries.
    part = client.get(f"/desk/documents/cases/{case.pk}/?since={before}&tries=1", HTTP_HX_REQUEST="true")
    assert part.status_code == 200 and "<html" not in part.content.decode()
    assert f"since={before}&amp;tries=2" in part.content.decode()
    # After ~30 s it stops and offers a reload instead of polling for ever.
    late = client.get(f"/desk/documents/cases/{case.pk}/?since={before}&tries=10").content.decode()
    assert "hx-trigger" not in late and "再読み込み" in late
    services.case_notices_issue(case_id=case.pk, kinds=[NoticeKind.ACCEPTANCE_APPLICANT.value])
    done = client.get(f"/desk/documents/cases/{case.pk}/?since={before}&tries=3").content.decode()
    assert "hx-trigger" not in done and "紛争処理申請受理通知書" in done
    assert IssuedDocument.objects.filter(case=case, pk__gt=before).exists()
    # Only the page right after the step polls; opening the case again does not.
    assert 'hx-trigger="every' not in client.get(f"/desk/cases/{case.pk}/").content.decode()


def test_dp09_refused_amendment_queues_no_notice(as_role, make_case) -> None:
    case = make_case(CaseState.ACCEPTED)
    client = as_role("secretariat")
    response = post_action(
        client,
        case,
        "amend",
        version=case.version,
        matters_sought="別の求め",
        refuse_reason="手続を著しく遅延させる",
    )
    assert response.status_code == 302 and response["Location"] == f"/desk/cases/{case.pk}/"
    assert "通知書を発出しています" not in client.get(response["Location"]).content.decode()


def test_documents_poll_is_for_those_who_may_see_the_case(as_role, make_case) -> None:
    other = make_case(CaseState.ACCEPTED)  # the member sits on no panel of it
    assert as_role("member").get(f"/desk/documents/cases/{other.pk}/").status_code == 404
    assert as_role("insurer").get(f"/desk/documents/cases/{other.pk}/").status_code == 403
    assert as_role("auditor").get(f"/desk/documents/cases/{other.pk}/").status_code == 200
