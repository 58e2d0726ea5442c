"""``chotei render-samples OUTDIR``: one PDF of every notice kind, to look at.

A notice already issued is written as stored. Otherwise, when the database holds cases (the demo
data set), each dispute notice is rendered from the first case in a state that calls for it, exactly
as the desk's preview renders it: unnumbered, and nothing is written — no document number taken,
nothing on a case's record. Otherwise the built-in samples (``documents.samples``: one consistent set
of facts per person) are used. The command says which source each sample came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError

from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.models import Case
from chotei.documents import facts, services
from chotei.documents.models import IssuedDocument
from chotei.documents.pdf import render
from chotei.documents.samples import sample_data
from chotei.rules.errors import RuleViolation
from chotei.rules.notices.compose import compose
from chotei.rules.notices.kinds import NoticeKind, kind_label
from chotei.rules.states import CaseState

# The states of a case whose record calls for each dispute notice; the first such case is used.
DEMO_STATES: dict[NoticeKind, tuple[CaseState, ...]] = {
    NoticeKind.RECEIPT: (CaseState.RECEIVED, CaseState.SCREENING),
    NoticeKind.ACCEPTANCE_APPLICANT: (CaseState.ACCEPTED,),
    NoticeKind.ACCEPTANCE_RESPONDENT: (CaseState.ACCEPTED,),
    NoticeKind.STATEMENT_REQUEST: (CaseState.ACCEPTED,),
    NoticeKind.FURTHER_REQUEST: (CaseState.ACCEPTED, CaseState.UNDER_REVIEW),
    NoticeKind.REFUSAL: (CaseState.REFUSED,),
    NoticeKind.AMENDMENT: (CaseState.ACCEPTED, CaseState.UNDER_REVIEW),
    NoticeKind.RESULT: (CaseState.RESULT_NOTIFIED, CaseState.CLOSED),
    NoticeKind.EXPLANATION: (CaseState.RESULT_NOTIFIED, CaseState.CLOSED),
    NoticeKind.TERMINATION: (CaseState.TERMINATED,),
    NoticeKind.WITHDRAWAL: (CaseState.WITHDRAWN,),
}


def has_cases() -> bool:
    """Whether the database holds cases to render from; an unmigrated database holds none."""
    try:
        return Case.objects.exists()
    except DatabaseError:
        return False


def demo_case(kind: NoticeKind) -> Case | None:
    """The first case in a state that calls for ``kind`` (an amendment only once one was allowed, a
    further request only once one was made of the applicant)."""
    cases = Case.objects.filter(state__in=DEMO_STATES[kind])
    if kind is NoticeKind.AMENDMENT:
        cases = cases.filter(amendments__accepted=True)
    if kind is NoticeKind.FURTHER_REQUEST:
        cases = cases.filter(further_requests__side="applicant")
    return cases.order_by("id").first()


def issued_pdf(kind: NoticeKind) -> tuple[bytes, str] | None:
    """The first notice of ``kind`` actually issued, exactly as stored (its number and date, not a
    re-render dated today); the reading is audited like any opening (DP-22)."""
    doc = IssuedDocument.objects.filter(kind=kind.value).order_by("id").first()
    if doc is None:
        return None
    audit_record(
        event_type=AuditEvent.Type.DOCUMENT_OPENED,
        case_id=doc.case_id,
        document=doc.pk,
        number=doc.document_number,
        kind=doc.kind,
        version=doc.version,
        channel="cli",
        purpose="render-samples",
    )
    return services.document_content(doc), doc.document_number


def demo_pdf(kind: NoticeKind) -> tuple[bytes, str] | None:
    """The notice of ``kind`` for the first fitting case, as the desk previews it (unnumbered, not
    stored), with that case's number; ``None`` when no case fits or its record cannot make one."""
    case = demo_case(kind) if kind in DEMO_STATES else None
    if case is None:
        return None
    side = facts.addressee_sides(kind, "applicant")[0]
    try:
        pdf = services.case_notice_preview(case.pk, kind.value, side)
    except RuleViolation:
        return None
    # Rendering a case's notice to disk reads personal data: it is logged like any opening (DP-22).
    audit_record(
        event_type=AuditEvent.Type.CASE_VIEWED,
        case_id=case.pk,
        channel="cli",
        purpose="render-samples",
        kind=kind.value,
    )
    return pdf, case.number


class Command(BaseCommand):
    help = (
        "すべての種類の通知書の見本PDFを OUTDIR/<種類>.pdf に出力します。データベースに事案（デモデータ）が"
        "あれば各状態の最初の事案から、なければ組み込みの見本データから作成します（データベースには書き込みません）"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("outdir", type=Path, help="出力先のディレクトリ")
        parser.add_argument(
            "--builtin",
            action="store_true",
            help="データベースの事案を使わず、組み込みの見本データだけで作成する",
        )

    def handle(self, *args: Any, outdir: Path, builtin: bool = False, **options: Any) -> None:
        outdir.mkdir(parents=True, exist_ok=True)
        use_db = not builtin and has_cases()
        from_db = 0
        for number, kind in enumerate(NoticeKind, start=1):
            path = outdir / f"{kind.value}.pdf"
            stored = issued_pdf(kind) if use_db else None
            made = demo_pdf(kind) if use_db and stored is None else None
            if stored is not None:
                path.write_bytes(stored[0])
                from_db += 1
                source = f"発出済みの文書 {stored[1]}"
            elif made is not None:
                path.write_bytes(made[0])
                from_db += 1
                source = f"事案 {made[1]}"
            else:
                data = sample_data(kind, number)
                path.write_bytes(render(compose(kind, data), data))
                source = "組み込みの見本データ"
            self.stdout.write(f"{path}　{kind_label(kind)}（{source}）")
        if use_db:
            summary = f"データベースの事案から {from_db} 種類、組み込みの見本データから {len(NoticeKind) - from_db} 種類"
        elif builtin:
            summary = "指定により、すべて組み込みの見本データから"
        else:
            summary = "データベースに事案がないため、すべて組み込みの見本データから"
        self.stdout.write(f"{len(NoticeKind)} 種類の見本を出力しました（{summary}作成）")
