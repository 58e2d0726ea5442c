"""The mailing batch (発送): the day's paper notices, their address labels and the mailing record
(発送簿) with registered-mail numbers (issue #9 item 7).

A notice's dispatch date is the day it is recorded as mailed, not the day it was generated; for the
acceptance notices that day is the one the amendment period counts from (規程5条の2第2項, DP-09),
so recording it moves ``Case.acceptance_dispatched_on`` with it, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import QuerySet

from chotei.accounts.permissions import Actor
from chotei.audit.models import AuditEvent
from chotei.disputes.models import Case
from chotei.disputes.services import guards
from chotei.disputes.services.core import case_change, today
from chotei.documents import facts
from chotei.documents.models import IssuedDocument, Mailing
from chotei.rules.application import normalize
from chotei.rules.articles import rules
from chotei.rules.errors import RuleViolation
from chotei.rules.notices.kinds import SPECS, NoticeKind

ARTICLE = rules("第5条の2第2項", "DP-09")
# Japan Post's tracking numbers are 11 to 13 digits, often printed in groups with hyphens.
REGISTERED_DIGITS = range(11, 14)


def pending(on: dt.date) -> QuerySet[IssuedDocument]:
    """Paper notices of cases issued up to ``on`` and not yet recorded as mailed, oldest first.
    Payment notices are the insurer's to post, so they are not in the body's batch."""
    return (
        IssuedDocument.objects.filter(
            channel=IssuedDocument.Channel.POST,
            case__isnull=False,
            mailing__isnull=True,
            issued_at__date__lte=on,
        )
        .select_related("case", "addressee_party")
        .order_by("issued_at", "id")
    )


def mailed(on: dt.date) -> QuerySet[Mailing]:
    return (
        Mailing.objects.filter(mailed_on=on)
        .select_related("document__case", "document__addressee_party", "recorded_by")
        .order_by("id")
    )


def registered_number(raw: str) -> str:
    number = normalize(raw).replace(" ", "")
    digits = number.replace("-", "")
    if number and not (digits.isdigit() and len(digits) in REGISTERED_DIGITS):
        raise RuleViolation(
            f"書留番号「{raw}」は11〜13桁の数字で入力してください", ARTICLE, field="registered_number"
        )
    return number


def title_of(doc: IssuedDocument) -> str:
    try:
        return SPECS[NoticeKind(doc.kind)].title
    except ValueError:
        return doc.title


def record_mailing(
    *,
    actor: Actor,
    document_ids: list[int],
    mailed_on: dt.date | None = None,
    numbers: dict[int, str] | None = None,
) -> list[Mailing]:
    """Record the posting of ``document_ids`` on ``mailed_on``: one transaction for the batch, and
    per case its ledger line and audit event (DP-21, DP-22). Nothing is written if any is refused."""
    guards.operator(actor)
    on = mailed_on or today()
    numbers = {int(k): registered_number(v) for k, v in (numbers or {}).items()}
    if not document_ids:
        raise RuleViolation("発送する文書を選んでください", ARTICLE, field="documents")
    if on > today():
        raise RuleViolation("発送日に将来の日付は記録できません", ARTICLE, field="mailed_on")
    by_case: dict[int, list[int]] = defaultdict(list)
    for doc_id, case_id in IssuedDocument.objects.filter(pk__in=document_ids).values_list("pk", "case_id"):
        by_case[case_id].append(doc_id)
    if len({int(i) for i in document_ids}) != sum(len(v) for v in by_case.values()) or None in by_case:
        raise RuleViolation("発送できない文書が含まれています", ARTICLE, field="documents")
    made: list[Mailing] = []
    with transaction.atomic():
        for case_id, ids in by_case.items():
            made.extend(_case_mailing(actor, case_id, ids, on, numbers))
    return made


def _case_mailing(
    actor: Actor, case_id: int, ids: list[int], on: dt.date, numbers: dict[int, str]
) -> list[Mailing]:
    made: list[Mailing] = []
    parts: list[str] = []
    user = actor if getattr(actor, "is_authenticated", False) else None

    def apply(case: Case) -> list[str]:
        fields: list[str] = []
        docs = IssuedDocument.objects.select_for_update().filter(pk__in=ids).order_by("id")
        for doc in docs:
            if doc.channel != IssuedDocument.Channel.POST:
                raise RuleViolation(
                    f"{doc.document_number}は郵送の文書ではありません", ARTICLE, field="documents"
                )
            if Mailing.objects.filter(document=doc).exists():
                raise RuleViolation(f"{doc.document_number}は発送済みです", ARTICLE, field="documents")
            if on < doc.issued_at.date():
                raise RuleViolation(
                    f"{doc.document_number}の発送日が発出日より前です", ARTICLE, field="mailed_on"
                )
            number = numbers.get(doc.pk, "")
            made.append(
                Mailing.objects.create(document=doc, mailed_on=on, registered_number=number, recorded_by=user)
            )
            parts.append(
                f"{title_of(doc)}（{doc.document_number}、{doc.addressee}宛"
                + (f"、書留 {number}" if number else "、普通郵便")
                + "）"
            )
            if doc.kind in facts.ACCEPTANCE_KINDS and case.acceptance_dispatched_on != on:
                # The amendment period runs from the real dispatch (規程5条の2第2項).
                parts.append(
                    f"受理通知の発送日を{on:%Y-%m-%d}とする（記録上の{case.acceptance_dispatched_on}から）"
                )
                case.acceptance_dispatched_on = on
                fields = ["acceptance_dispatched_on"]
        return fields

    case_change(
        actor=actor,
        case_id=case_id,
        version=None,
        action="mailing",
        apply=apply,
        description=lambda: f"{on:%Y-%m-%d} 郵送: " + "、".join(parts),
        event_type=AuditEvent.Type.DOCUMENT_MAILED,
        notify=False,
        documents=sorted(ids),
        mailed_on=on.isoformat(),
    )
    return made


def dispatched_on(doc: IssuedDocument) -> dt.date | None:
    """The dispatch date a user sees: a paper notice's is its mailing day, none before it is mailed."""
    if doc.channel != IssuedDocument.Channel.POST:
        return doc.dispatch_date
    mailing = getattr(doc, "mailing", None)
    return mailing.mailed_on if mailing is not None else None
