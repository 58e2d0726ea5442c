"""E-mail alerts to portal accounts (OD-01, issue #8 item 5): a notice issued to them electronically
(after their PN-05 consent) and a deadline of theirs near. The mail carries the case number and a
link, nothing more — no name, no amount, no content: it says "log in to read" (法23条の9, a mail can
be read by others on the way). Each alert is sent once per account and subject (AlertSent), so a
task run again after a worker died mails no one twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from chotei.disputes.models import Case, CaseParty
from chotei.documents.models import IssuedDocument
from chotei.portal.amendment import AMENDABLE_STATES
from chotei.portal.deadlines import next_deadline
from chotei.portal.models import AlertSent, PartyAccount

# "Near": this many business days before the day itself, or fewer when a daily run was missed.
DEADLINE_ALERT_BUSINESS_DAYS = 3
# Calendar days that surely hold DEADLINE_ALERT_BUSINESS_DAYS business days (long holidays included)
# and the longest deadline counted from acceptance (20 business days): only these cases are looked at.
_LOOKAHEAD = dt.timedelta(days=14)
_SINCE_ACCEPTANCE = dt.timedelta(days=45)


def _accounts(link: CaseParty | None) -> list[Any]:
    """The portal users speaking for this side: the party's own account and its agent's."""
    if link is None:
        return []
    records = [pk for pk in (link.party_id, link.agent_id) if pk]
    return list(
        PartyAccount.objects.filter(parties__in=records)
        .exclude(user__email="")
        .select_related("user")
        .distinct()
    )


def _link(case: Case) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("portal:case", args=[case.pk])


def _send_once(user: Any, key: str, subject: str, body: str) -> bool:
    """Record, then send, in one transaction: a failed send records nothing and is tried again."""
    with transaction.atomic():
        _, created = AlertSent.objects.get_or_create(user=user, key=key)
        if created:
            send_mail(subject, body, None, [user.email])
    return created


def _body(case: Case, what_ja: str, what_en: str) -> str:
    return (
        f"事案 {case.number} について、{what_ja}\n"
        "内容は、ポータルにログインしてお読みください。\n"
        f"{_link(case)}\n\n"
        f"Case {case.number}: {what_en} Please log in to the portal to read it.\n\n"
        "このメールは送信専用です。お問い合わせはポータルのメッセージ又はお電話でお願いします。\n"
    )


def notice_alerts_send(document_ids: list[int]) -> int:
    """A notice issued electronically to a party with a portal account (PN-04 after PN-05)."""
    sent = 0
    docs = IssuedDocument.objects.filter(
        pk__in=document_ids, channel=IssuedDocument.Channel.ELECTRONIC, case__isnull=False
    ).select_related("case")
    for doc in docs.defer("case__matters_sought"):
        case = doc.case
        if case is None:  # filtered out above; the type does not know
            continue
        for account in _accounts(case.party(doc.addressee_side)):
            sent += _send_once(
                account.user,
                f"notice:{doc.pk}",
                f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}事案 {case.number} の新しい通知書",
                _body(case, "新しい通知書が発行されました。", "a new notice has been issued."),
            )
    return sent


def deadline_alerts_send(today: dt.date) -> int:
    """A deadline of the party's side (DP-16 statement, DP-09 amendment) that is near, once."""
    sent = 0
    cases = Case.objects.filter(state__in=AMENDABLE_STATES).filter(
        Q(statement_due_on__range=(today, today + _LOOKAHEAD))
        | Q(acceptance_dispatched_on__gte=today - _SINCE_ACCEPTANCE)
    )
    for case in cases.prefetch_related("parties"):
        for link in case.parties.all():
            deadline = next_deadline(case, link.side, today)
            if deadline is None or deadline.business_days_left > DEADLINE_ALERT_BUSINESS_DAYS:
                continue
            for account in _accounts(link):
                sent += _send_once(
                    account.user,
                    f"deadline:{case.pk}:{link.side}:{deadline.on.isoformat()}",
                    f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}事案 {case.number} の期限が近づいています",
                    _body(
                        case,
                        f"期限が近づいています（{deadline.on:%Y年%-m月%-d日}）。",
                        f"a deadline is near ({deadline.on.isoformat()}).",
                    ),
                )
    return sent
