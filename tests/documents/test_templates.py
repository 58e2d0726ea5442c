"""Model texts with versions and a second person's approval (CP-05, 指針 Ⅱ-3-6-2⑤コ(エ))."""

from __future__ import annotations

from typing import Any

import pytest
from tests.documents.helpers import pdf_text
from tests.factories import stored

from chotei.accounts.permissions import NotPermitted
from chotei.audit.models import AuditEvent
from chotei.documents import services
from chotei.documents.models import IssuedDocument, NoticeTemplate
from chotei.rules.errors import RuleViolation
from chotei.rules.notices.kinds import NoticeKind
from chotei.rules.notices.texts import DEFAULT_TEMPLATES
from chotei.rules.states import CaseState

MARK = "本通知は改訂文例によるものです。"
RECEIPT_TEXT = DEFAULT_TEMPLATES[NoticeKind.RECEIPT].replace("\n記\n", f"\n　{MARK}\n\n記\n", 1)


def test_cp05_propose_numbers_versions_per_kind(world: Any) -> None:
    first = services.template_propose(actor=world.staff, kind="receipt", text=RECEIPT_TEXT)
    second = services.template_propose(actor=world.users["chair"], kind="receipt", text=RECEIPT_TEXT)
    other = services.template_propose(
        actor=world.staff, kind="withdrawal", text=DEFAULT_TEMPLATES[NoticeKind.WITHDRAWAL]
    )
    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert first.approved_at is None
    assert AuditEvent.objects.filter(event_type=AuditEvent.Type.TEMPLATE).count() == 3


def test_cp05_unknown_placeholder_is_refused_naming_it(world: Any) -> None:
    with pytest.raises(RuleViolation, match="deadline_x"):
        services.template_propose(actor=world.staff, kind="receipt", text=RECEIPT_TEXT + "\n{deadline_x}")
    assert not NoticeTemplate.objects.exists()


def test_cp05_text_must_keep_the_required_items(world: Any) -> None:
    text = DEFAULT_TEMPLATES[NoticeKind.ACCEPTANCE_RESPONDENT].replace(
        "{no}　紛争処理を求める事項　{matters_sought}\n", ""
    )
    with pytest.raises(RuleViolation, match="matters_sought") as caught:
        services.template_propose(actor=world.staff, kind="acceptance_respondent", text=text)
    assert caught.value.article.obligation == "DP-08"


def test_cp05_author_cannot_approve_own_text(world: Any) -> None:
    t = services.template_propose(actor=world.staff, kind="receipt", text=RECEIPT_TEXT)
    with pytest.raises(RuleViolation) as caught:
        services.template_approve(actor=world.staff, template_id=t.pk)
    assert "指針Ⅱ-3-6-2⑤コ(エ)" in str(caught.value)
    assert caught.value.article.obligation == "CP-05"
    t.refresh_from_db()
    assert t.approved_at is None and services.effective_template(NoticeKind.RECEIPT) is None
    with pytest.raises(NotPermitted):
        services.template_approve(actor=world.users["member"], template_id=t.pk)


def test_cp05_only_an_approved_version_takes_effect_and_is_recorded(make_case: Any, world: Any) -> None:
    t = services.template_propose(actor=world.staff, kind="receipt", text=RECEIPT_TEXT)
    case = make_case(CaseState.RECEIVED)
    (before,) = IssuedDocument.objects.filter(case=case)
    assert before.template is None and before.template_version == 0
    assert MARK not in pdf_text(stored(before))
    services.template_approve(actor=world.users["chair"], template_id=t.pk)
    (after,) = services.case_notices_issue(case_id=case.pk, kinds=["receipt"])
    assert after.template_id == t.pk and after.template_version == 1
    assert MARK in pdf_text(stored(after))
    with pytest.raises(RuleViolation, match="承認済み"):
        services.template_approve(actor=world.users["admin"], template_id=t.pk)


def test_cp05_templates_page_proposes_and_approves(world: Any, client: Any) -> None:
    client.force_login(world.staff)
    page = client.get("/desk/documents/templates/")
    assert page.status_code == 200 and "紛争処理申請受付通知書" in page.content.decode()
    response = client.post("/desk/documents/templates/", {"kind": "receipt", "text": RECEIPT_TEXT})
    assert response.status_code == 302
    t = NoticeTemplate.objects.get(kind="receipt")
    bad = client.post("/desk/documents/templates/", {"kind": "receipt", "text": "{unknown_item}"})
    assert bad.status_code == 422 and "unknown_item" in bad.content.decode()
    client.post(f"/desk/documents/templates/{t.pk}/approve/")
    t.refresh_from_db()
    assert t.approved_at is None  # the author's own approval is refused
    client.force_login(world.users["chair"])
    assert "確認して承認" in client.get("/desk/documents/templates/").content.decode()
    client.post(f"/desk/documents/templates/{t.pk}/approve/")
    t.refresh_from_db()
    assert t.approved_by == world.users["chair"]
    client.force_login(world.users["member"])
    assert client.get("/desk/documents/templates/").status_code == 403


def test_cp05_every_placeholder_has_a_japanese_legend() -> None:
    """The people who review model texts read what each {placeholder} prints, in Japanese."""
    from chotei.rules.notices.placeholders import placeholder_legend, placeholders

    for kind in NoticeKind:
        legend = dict(placeholder_legend(kind))
        assert set(legend) == placeholders(kind), kind
        assert all(label and not label.isascii() for label in legend.values()), kind
    receipt = placeholder_legend(NoticeKind.RECEIPT)
    assert receipt[0] == ("applicant_name", "申請者の氏名又は名称")  # the standard text's order
    assert dict(receipt)["applicant_honorific"].startswith("申請者の敬称")
    assert dict(placeholder_legend(NoticeKind.PAYMENT_EXPLANATION))["requested_on"] == "説明の請求日"


def test_cp05_templates_page_tells_the_two_acceptance_notices_apart_and_shows_the_legend(
    world: Any, client: Any
) -> None:
    client.force_login(world.staff)
    html = client.get("/desk/documents/templates/", {"kind": "acceptance_respondent"}).content.decode()
    assert "紛争処理申請受理通知書（申請人宛）" in html and "紛争処理申請受理通知書（被申請人宛）" in html
    assert '<option value="acceptance_applicant">紛争処理申請受理通知書（申請人宛）</option>' in html
    assert "<code>{matters_sought}</code></dt><dd>紛争処理を求める事項</dd>" in html
    shown = html.index('data-kind="acceptance_respondent">')
    assert html.index("<code>{matters_sought}</code>", shown) > shown
    assert 'data-kind="receipt" hidden' in html  # other kinds' legends wait for the select
