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
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from chotei.audit.models import AuditEvent
from chotei.desk.templatetags.desk import payload
from chotei.disputes.ledger_export import PDF_FONT, NumberedCanvas
from chotei.disputes.models import Case
from chotei.documents.pdf import register_font

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
    register_font()
    cell = ParagraphStyle("cell", fontName=PDF_FONT, fontSize=7, leading=9, wordWrap="CJK")
    title = ParagraphStyle("title", fontName=PDF_FONT, fontSize=13, leading=18)
    data: list[list[Any]] = [[Paragraph(h, cell) for h in HEADER]]
    data.extend([Paragraph(escape(c), cell) for c in row] for row in table)
    grid = Table(data, colWidths=[30 * mm, 28 * mm, 30 * mm, 30 * mm, 159 * mm], repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), PDF_FONT),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    heading = "監査ログ"
    story = [
        Paragraph(heading, title),
        Paragraph(escape(f"{body_name}　{filters}　{len(table)}件（新しい順）"), cell),
        Spacer(1, 3 * mm),
        grid,
    ]
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=14 * mm,
        title=heading,
        author=body_name,
        initialFontName=PDF_FONT,
    )
    doc.build(story, canvasmaker=NumberedCanvas)
