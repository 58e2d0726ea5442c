"""The audit log as shown on its page, exported as CSV or a printable PDF (issue #9 item 6).

The rows are the page's filter, newest first, up to ``LIMIT``; the export itself is audited, as
the ledger's is (DP-22, IM-02).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any
from xml.sax.saxutils import escape

from django.db.models import QuerySet
from django.utils import timezone
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from chotei.audit.models import AuditEvent
from chotei.desk.templatetags.desk import payload
from chotei.disputes.models import Case
from chotei.documents.pdf import FONT
from chotei.documents.report_pdf import grid, write_listing

LIMIT = 20000
HEADER = ("日時", "種別", "利用者", "事案番号", "内容")


def rows(qs: QuerySet[AuditEvent]) -> list[tuple[str, str, str, str, str]]:
    events = list(qs.select_related("actor").order_by("-id")[:LIMIT])
    numbers = dict(
        Case.objects.filter(pk__in={e.case_id for e in events if e.case_id}).values_list("pk", "number")
    )
    return [
        (
            f"{timezone.localtime(e.at):%Y-%m-%d %H:%M:%S}",
            e.get_event_type_display(),
            (e.actor.get_full_name() or e.actor.username) if e.actor else "システム",
            numbers.get(e.case_id, f"（廃棄済）{e.case_id}") if e.case_id else "",
            payload(e.payload),
        )
        for e in events
    ]


def write_csv(table: Iterable[tuple[str, ...]], out: IO[str]) -> None:
    # The BOM makes spreadsheet software on Japanese Windows read UTF-8 (as the ledger's CSV).
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(table)


def write_pdf(table: list[tuple[str, ...]], out: IO[bytes], *, body_name: str, filters: str) -> None:
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=7, leading=9, wordWrap="CJK")
    data: list[list[Any]] = [[Paragraph(h, cell) for h in HEADER]]
    data.extend([Paragraph(escape(c), cell) for c in row] for row in table)
    heading = "監査ログ"
    write_listing(
        out,
        title=Paragraph(heading, ParagraphStyle("title", fontName=FONT, fontSize=13, leading=18)),
        subtitle=Paragraph(escape(f"{body_name}　{filters}　{len(table)}件（新しい順）"), cell),
        table=grid(data, (30, 28, 30, 30, 159)),
        heading=heading,
        author=body_name,
    )
