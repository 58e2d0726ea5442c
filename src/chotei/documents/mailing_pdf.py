"""Address labels (A4, 12 per sheet) and the mailing record (発送簿) as PDFs (issue #9 item 7).

No Django here: the view passes plain rows. Labels are set in the notices' font at sizes a post
office reads; the label grid is the common 2 × 6 sheet of 86.4 × 42.3 mm labels.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from chotei.documents.pdf import FONT, register_font, wrap
from chotei.documents.report_pdf import grid, write_listing

LABEL_W, LABEL_H = 86.4 * mm, 42.3 * mm
COLS, ROWS = 2, 6
LABEL_GAP = 2.5 * mm
SHEET_LEFT = (A4[0] - COLS * LABEL_W - (COLS - 1) * LABEL_GAP) / 2
SHEET_TOP = (A4[1] - ROWS * LABEL_H) / 2
PAD = 5 * mm


@dataclass(frozen=True, slots=True)
class Address:
    postcode: str
    address: str
    name: str
    honorific: str
    reference: str  # the document number, so a returned envelope finds its notice


def labels(addresses: Sequence[Address], *, sender: str) -> bytes:
    """One label per address, row by row; a sheet is filled before the next begins."""
    register_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=FONT)
    canvas.setTitle("宛名ラベル")
    canvas.setAuthor(sender)
    per_sheet = COLS * ROWS
    for n, addr in enumerate(addresses):
        if n and n % per_sheet == 0:
            canvas.showPage()
        slot = n % per_sheet
        col, row = slot % COLS, slot // COLS
        x = SHEET_LEFT + col * (LABEL_W + LABEL_GAP)
        top = A4[1] - SHEET_TOP - row * LABEL_H
        _label(canvas, addr, x, top)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _label(canvas: Canvas, addr: Address, x: float, top: float) -> None:
    inner = LABEL_W - 2 * PAD
    y = top - PAD - 10
    canvas.setFont(FONT, 10)
    if addr.postcode:
        canvas.drawString(x + PAD, y, f"〒{addr.postcode}")
        y -= 13
    for line in [part for text in addr.address.splitlines() for part in wrap(text, inner, 10)][:3]:
        canvas.drawString(x + PAD, y, line)
        y -= 13
    y -= 4
    for line in wrap(f"{addr.name}　{addr.honorific}", inner, 13)[:2]:
        canvas.setFont(FONT, 13)
        canvas.drawString(x + PAD, y, line)
        y -= 16
    canvas.setFont(FONT, 6.5)
    canvas.drawRightString(x + LABEL_W - PAD, top - LABEL_H + PAD - 2, addr.reference)


@dataclass(frozen=True, slots=True)
class Entry:
    mailed_on: str
    document_number: str
    case_number: str
    title: str
    addressee: str
    address: str
    registered_number: str
    recorded_by: str


HEADER = ("番号", "発送日", "文書番号", "事案番号", "文書", "宛先", "住所", "書留番号", "記録者")
_WIDTHS_MM = (8, 26, 44, 30, 36, 36, 52, 28, 17)


def book(entries: Sequence[Entry], *, sender: str, heading: str) -> bytes:
    """発送簿: one row per mailed notice, header repeated on each page, landscape A4."""
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=7.5, leading=9.5, wordWrap="CJK")
    data: list[list[Paragraph]] = [[Paragraph(h, cell) for h in HEADER]]
    for n, e in enumerate(entries, start=1):
        values = (str(n), e.mailed_on, e.document_number, e.case_number, e.title, e.addressee, e.address)
        data.append(
            [Paragraph(escape(v), cell) for v in (*values, e.registered_number or "普通郵便", e.recorded_by)]
        )
    buffer = io.BytesIO()
    write_listing(
        buffer,
        title=Paragraph(escape(heading), ParagraphStyle("title", fontName=FONT, fontSize=14, leading=20)),
        subtitle=Paragraph(escape(f"{sender}　{len(entries)}通"), cell),
        table=grid(data, _WIDTHS_MM),
        heading=heading,
        author=sender,
    )
    return buffer.getvalue()
