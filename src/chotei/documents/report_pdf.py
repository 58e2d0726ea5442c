"""Landscape A4 listings — the ledger (帳簿), the audit log and the mailing record (発送簿).

One page set-up for the three, so their margins, grid and page numbers agree. No Django here:
callers pass ReportLab flowables built from plain rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from chotei.documents.pdf import FONT, register_font

# Tables set their cells' font (Helvetica by default) even around Paragraphs, hence FONTNAME.
GRID_STYLE: tuple[tuple[Any, ...], ...] = (
    ("FONTNAME", (0, 0), (-1, -1), FONT),
    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
)


class NumberedCanvas(Canvas):
    """Draws 「n / N」 on every page: pages are held until the total is known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(FONT, 8)
            self.drawCentredString(self._pagesize[0] / 2, 8 * mm, f"{self._pageNumber} / {total}")
            super().showPage()
        super().save()


def grid(data: list[list[Any]], widths_mm: Sequence[float], *extra: tuple[Any, ...]) -> Table:
    """The listing's table: header row repeated on each page, shaded, gridded; ``extra`` styles last."""
    table = Table(data, colWidths=[w * mm for w in widths_mm], repeatRows=1)
    table.setStyle(TableStyle([*GRID_STYLE, *extra]))
    return table


def write_listing(
    out: IO[bytes], *, title: Paragraph, subtitle: Paragraph, table: Flowable, heading: str, author: str
) -> None:
    """Title, one line of context, the table; landscape A4 with page numbers, every glyph embedded."""
    register_font()
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=14 * mm,
        title=heading,
        author=author,
        # ReportLab's canvas otherwise starts in Helvetica, which the PDF would then list as an
        # unembedded font although no text is set in it.
        initialFontName=FONT,
    )
    doc.build([title, subtitle, Spacer(1, 3 * mm), table], canvasmaker=NumberedCanvas)
