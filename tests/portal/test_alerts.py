"""E-mail alerts of new notices (PN-04 after the PN-05 consent) and near deadlines (DP-09, DP-16),
sent from the background tasks through a real SMTP server; once each, even when a task runs again
(OD-01, issue #8 item 5). The mail names the case number and a link, and no personal detail."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from chotei.disputes.models import Case, LedgerLine
from chotei.disputes.services.lifecycle import case_accept, case_start_screening
from chotei.documents.models import IssuedDocument
from chotei.documents.tasks import issue_case_notices
from chotei.portal.tasks import deadline_alerts
from chotei.rules.calendar import business_days_between
from chotei.rules.step_notices import notices_of
from tests.portal.conftest import Mailbox
from tests.portal.helpers import apply
from tests.portal.test_my_case import accepted  # noqa: F401

pytestmark = pytest.mark.django_db


def _alerts(mailbox: Mailbox, words: str) -> list[int]:
    return [i for i, m in enumerate(mailbox.messages) if words in str(m["Subject"])]


def _assert_no_personal_details(mailbox: Mailbox, index: int, case: Case) -> None:
    body = mailbox.body(index)
    assert case.number in body and f"/portal/cases/{case.pk}/" in body and "ログインして" in body
    for personal in ("山田", "太郎", "世田谷", "後遺障害", case.matters_sought):
        assert personal not in body


def test_pn04_pn05_new_notice_mailed_once_after_consent(
    world: Any, party_client: Client, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    # OD-01: the party hears of a notice online, by a mail that only points to the portal.
    draft = apply(party_client, world.insurer.pk)
    party_client.post(f"/portal/apply/{draft}/submit/")
    case = Case.objects.get()
    party_client.post(f"/portal/cases/{case.pk}/consent/", {"consented": "yes"})
    with django_capture_on_commit_callbacks(execute=True):
        case = case_start_screening(actor=world.staff, case_id=case.pk, version=case.version)
        case = case_accept(actor=world.staff, case_id=case.pk, version=case.version)
    notice = IssuedDocument.objects.get(case=case, addressee_side="applicant")
    assert notice.channel == IssuedDocument.Channel.ELECTRONIC
    sent = _alerts(mailbox, "新しい通知書")
    assert len(sent) == 1
    assert mailbox.messages[sent[0]]["To"] == "taro@example.jp"
    _assert_no_personal_details(mailbox, sent[0], case)
    # The worker died after issuing, before marking the task done: the task runs again, issues
    # nothing new (DP-22) and mails no one a second time.
    line = LedgerLine.objects.get(pk=notice.step_id)
    again = issue_case_notices.call(
        case_id=case.pk, kinds=[k.value for k in notices_of(line.action)], step_id=line.pk
    )
    assert notice.pk in again
    assert len(_alerts(mailbox, "新しい通知書")) == 1


def test_pn05_no_notice_mail_without_consent(
    accepted: Case,  # noqa: F811
    mailbox: Mailbox,
) -> None:
    # Paper delivery (no PN-05 consent): the notice goes by post and no mail announces it.
    assert IssuedDocument.objects.get(case=accepted, addressee_side="applicant").channel == "post"
    assert _alerts(mailbox, "新しい通知書") == []


def test_dp09_near_deadline_mailed_once(accepted: Case, mailbox: Mailbox) -> None:  # noqa: F811
    # OD-01: a deadline answered online is announced by mail before it passes.
    due = accepted.amendment_due_on
    assert due is not None
    far = due - dt.timedelta(days=10)
    assert business_days_between(far, due) > 3
    assert deadline_alerts.call(on=far.isoformat()) == 0
    near = next(
        due - dt.timedelta(days=n)
        for n in range(3, 10)
        if business_days_between(due - dt.timedelta(days=n), due) == 3
    )
    assert deadline_alerts.call(on=near.isoformat()) == 1
    # Run again the same day, or the next (a retry, a second daily run): still one mail.
    assert deadline_alerts.call(on=near.isoformat()) == 0
    assert deadline_alerts.call(on=(near + dt.timedelta(days=1)).isoformat()) == 0
    sent = _alerts(mailbox, "期限が近づいています")
    assert len(sent) == 1
    _assert_no_personal_details(mailbox, sent[0], accepted)
    assert f"{due:%Y年%-m月%-d日}" in mailbox.body(sent[0])
