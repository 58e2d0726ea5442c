"""Retention (保存期間) — dispose of case records whose retention period has run out.

DP-20 (令第16条, 規程第20条): hearing records and case documents are kept 10 years from the end of
the procedure; nothing younger is ever disposed of. DP-21 (令第24条第3項): the ledger is never
disposed of (``rules.retention.LEDGER_DISPOSABLE`` is False), so ``LedgerLine`` is not touched.

Disposal deletes the stored files (once committed) and blanks the rows' names, but keeps each row as a tombstone (title, dates, SHA-256) so the
ledger and the audit log still make sense; every disposal writes an audit event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db import transaction
from django.db.models import QuerySet

from chotei.accounts.permissions import Actor
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.models import Case, Meeting, Submission
from chotei.documents.files import file_delete
from chotei.documents.models import IssuedDocument
from chotei.rules import retention

MINUTES_TOMBSTONE = "【保存期間満了により廃棄】"


@dataclasses.dataclass
class Disposable:
    case_id: int
    number: str
    ended_on: dt.date
    submissions: int
    documents: int
    minutes: int

    @property
    def empty(self) -> bool:
        return not (self.submissions or self.documents or self.minutes)

    def describe(self) -> str:
        until = retention.retention_until(self.ended_on)
        return (
            f"{self.number}（終了 {self.ended_on.isoformat()}、保存期限 {until.isoformat()}）: "
            f"提出書類の内容 {self.submissions} 件、発出文書のPDF {self.documents} 件、期日調書 {self.minutes} 件"
        )


def _submissions(case_id: int) -> QuerySet[Submission]:
    return Submission.objects.filter(case_id=case_id).exclude(file="")


def _documents(case_id: int) -> QuerySet[IssuedDocument]:
    return IssuedDocument.objects.filter(case_id=case_id).exclude(file="")


def _minutes(case_id: int) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(case_id=case_id)
        .exclude(minutes="")
        .exclude(minutes__startswith=MINUTES_TOMBSTONE)
    )


def disposable_cases(today: dt.date) -> list[Disposable]:
    """DP-20: ended cases past their retention period that still hold disposable content."""
    found = []
    # Only a case ended in or before this year minus 10 can have run out; may_dispose decides the day.
    candidates = Case.objects.filter(ended_on__lte=dt.date(today.year - retention.RETENTION_YEARS, 12, 31))
    for case_id, number, ended_on in candidates.order_by("ended_on", "id").values_list(
        "id", "number", "ended_on"
    ):
        if ended_on is None or not retention.may_dispose(ended_on, today):
            continue
        item = Disposable(
            case_id,
            number,
            ended_on,
            _submissions(case_id).count(),
            _documents(case_id).count(),
            _minutes(case_id).count(),
        )
        if not item.empty:
            found.append(item)
    return found


def case_records_dispose(*, actor: Actor, case_id: int, today: dt.date) -> Disposable:
    """Blank one case's stored content, leaving tombstones; refused inside the retention period."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        ended_on = retention.check_disposal(case.ended_on, today)  # DP-20, re-checked under the lock
        # The ids go into the audit chain, so `chotei verify` tells a disposed file from a blanked one.
        submissions = dict(_submissions(case.pk).values_list("pk", "file"))
        documents = dict(_documents(case.pk).values_list("pk", "file"))
        submission_ids, document_ids = list(submissions), list(documents)
        done = Disposable(
            case.pk,
            case.number,
            ended_on,
            Submission.objects.filter(pk__in=submission_ids).update(file=""),
            # Issued documents refuse save(); disposal is the one sanctioned exception.
            IssuedDocument.objects.filter(pk__in=document_ids).update(file=""),
            _minutes(case.pk).update(
                minutes=f"{MINUTES_TOMBSTONE}{today.isoformat()}（{retention.RETENTION_ARTICLE}）"
            ),
        )
        audit_record(
            event_type=AuditEvent.Type.RETENTION,
            actor=actor,
            case_id=case.pk,
            number=case.number,
            ended_on=ended_on.isoformat(),
            submissions=done.submissions,
            submission_ids=submission_ids,
            documents=done.documents,
            document_ids=document_ids,
            minutes=done.minutes,
            article=str(retention.RETENTION_ARTICLE),
        )
        # The stored files go only once the tombstones are committed: a rolled-back disposal keeps them.
        names = [*submissions.values(), *documents.values()]
        transaction.on_commit(lambda: _files_delete(names))
    return done


def _files_delete(names: list[str]) -> None:
    for name in names:
        file_delete(name)
