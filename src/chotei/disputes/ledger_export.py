"""The ledger (帳簿) of one fiscal year as rows, CSV or a printable PDF (DP-21, 令第24条; GV-01).

Each row is one case received in the fiscal year (1 April – 31 March) with every item 令24条 asks
for: receipt date; each processing date and what was done; parties and agents with addresses; the
committee members who processed it; the result; the costs collected from the parties.

Rows are assembled a chunk of cases at a time (three queries per chunk, ``values()`` only), so a
year of 100,000 cases streams in constant memory. The CLI, the desk and the API all call here.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any
from xml.sax.saxutils import escape

from django.db import models
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.models import Case, CaseParty, LedgerLine
from chotei.documents.pdf import font_path
from chotei.rules import offices, screening
from chotei.rules.states import ACTION_LABELS, OPEN_STATES, STATE_LABELS, CaseState
from chotei.rules.wareki import era_year, to_wareki

CHUNK = 2000
PDF_FONT = "IPAexGothic"

HEADER = [
    "事案番号",
    "受付年月日",
    "担当事務所",
    "申請人（住所）",
    "申請人代理人（住所）",
    "被申請人（住所）",
    "被申請人代理人（住所）",
    "処理年月日及び処理内容",
    "処理に当たった紛争処理委員",
    "結果",
    "当事者から徴収した費用（円）",
]

# Recorded changes that keep the state (core.case_change) have their own action names.
_ACTION_LABELS: dict[str, str] = {
    **{a.value: label for a, label in ACTION_LABELS.items()},
    "receive": "申請受付",
    "amend": "求める事項の変更",
    "submission": "書類の受領",
    "meeting_schedule": "期日の指定",
    "meeting_record": "期日調書の作成",
    "insurer_request": "保険会社等への説明・資料の要求",
    "insurer_answer": "保険会社等の回答",
    "special_request": "特別の手続の申出",
    "special_decide": "特別の手続の判断",
    "observer": "傍聴の許可",
    "explain": "審理結果の説明",
}
# A notice's line names the document: its description starts with the title (documents.services).
NOTICE_ACTION = "notice"
_NOTICE = re.compile(r"^(?P<title>[^（]+)（.*?を(?P<side>被申請人|申請人) ")


def _notice_label(description: str) -> str:
    """「受理通知書の発出（被申請人）」 from 「受理通知書（文書番号…）を被申請人 …へ郵送で発出（…）」."""
    m = _NOTICE.match(description)
    if m is None:
        return description.split("（")[0] + "の発出"
    return f"{m['title']}の発出（{m['side']}）"


_GROUND_LABELS = dict(screening.GROUND_CHOICES)
_RESULT_LABELS = dict(Case.Result.choices)
_OFFICE_LABELS = dict(offices.OFFICE_CHOICES)


def fiscal_year_bounds(fiscal_year: int) -> tuple[dt.date, dt.date]:
    """GV-01 (定款6条): 1 April of the year to 31 March of the next."""
    return dt.date(fiscal_year, 4, 1), dt.date(fiscal_year + 1, 3, 31)


@dataclasses.dataclass
class LedgerRow:
    number: str
    received_on: dt.date
    office: str
    applicant: str = ""
    applicant_agent: str = ""
    respondent: str = ""
    respondent_agent: str = ""
    processing: list[tuple[dt.date, str]] = dataclasses.field(default_factory=list)
    members: list[str] = dataclasses.field(default_factory=list)
    result: str = ""
    party_cost_yen: int = 0

    def processing_text(self, sep: str = "\n") -> str:
        return sep.join(f"{on.isoformat()} {what}" for on, what in self.processing)

    def cells(self, sep: str = "\n") -> list[str]:
        return [
            self.number,
            self.received_on.isoformat(),
            self.office,
            self.applicant,
            self.applicant_agent,
            self.respondent,
            self.respondent_agent,
            self.processing_text(sep),
            "、".join(self.members),
            self.result,
            str(self.party_cost_yen),
        ]


def _result(state: str, result: str, refusal_ground: str) -> str:
    if result:
        return f"{_RESULT_LABELS[result]}（{STATE_LABELS[CaseState(state)]}）"
    if state == CaseState.REFUSED and refusal_ground:
        return f"不受理（{_GROUND_LABELS.get(refusal_ground, refusal_ground)}）"
    label = STATE_LABELS[CaseState(state)]
    return f"処理中（{label}）" if CaseState(state) in OPEN_STATES else label


def _with_address(name: str | None, address: str | None) -> str:
    if not name:
        return ""
    return f"{name}（{address}）" if address else name


def _chunks(it: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for item in it:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ledger_rows(fiscal_year: int, *, chunk_size: int = CHUNK) -> Iterator[LedgerRow]:
    """DP-21: the ledger rows of the cases received in ``fiscal_year``, in order of receipt."""
    cases = (
        Case.objects.filter(fiscal_year=fiscal_year)
        .order_by("received_on", "id")
        .values("id", "number", "received_on", "office", "state", "result", "refusal_ground")
        .iterator(chunk_size=chunk_size)
    )
    for chunk in _chunks(cases, chunk_size):
        rows: dict[int, LedgerRow] = {
            c["id"]: LedgerRow(
                number=c["number"],
                received_on=c["received_on"],
                office=_OFFICE_LABELS.get(c["office"], c["office"]),
                result=_result(c["state"], c["result"], c["refusal_ground"]),
            )
            for c in chunk
        }
        ids = list(rows)
        for case_id, side, name, address, agent, agent_address in CaseParty.objects.filter(
            case_id__in=ids
        ).values_list("case_id", "side", "party__name", "party__address", "agent__name", "agent__address"):
            row = rows[case_id]
            setattr(row, side, _with_address(name, address))
            setattr(row, f"{side}_agent", _with_address(agent, agent_address))
        seen_members: dict[int, set[str]] = {}
        for case_id, on, action, members, cost, notice in (
            LedgerLine.objects.filter(case_id__in=ids)
            .order_by("case_id", "id")
            .values_list(
                "case_id",
                "on",
                "action",
                "members",
                "party_cost_yen",
                # Only notice lines need their description; the others are labelled by action.
                models.Case(
                    models.When(action=NOTICE_ACTION, then="description"),
                    default=models.Value(""),
                    output_field=models.TextField(),
                ),
            )
        ):
            row = rows[case_id]
            what = _notice_label(notice) if notice else _ACTION_LABELS.get(action, action)
            row.processing.append((on, what))
            row.party_cost_yen += cost
            if members:
                seen = seen_members.setdefault(case_id, set())
                for name in members.split("、"):
                    if name not in seen:
                        seen.add(name)
                        row.members.append(name)
        yield from rows.values()


def write_csv(rows: Iterable[LedgerRow], out: IO[str]) -> int:
    """One line per case; processing steps are joined with " / " so each case stays one line."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    n = 0
    for row in rows:
        writer.writerow(row.cells(sep=" / "))
        n += 1
    return n


# Landscape A4 less 10 mm margins leaves 277 mm; the processing history gets the widest column.
_COL_WIDTHS_MM = (24, 17, 14, 30, 26, 30, 20, 56, 26, 20, 14)


class _NumberedCanvas(Canvas):
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
            self.setFont(PDF_FONT, 8)
            self.drawCentredString(self._pagesize[0] / 2, 8 * mm, f"{self._pageNumber} / {total}")
            super().showPage()
        super().save()


def write_pdf(rows: Iterable[LedgerRow], out: IO[bytes], *, fiscal_year: int, body_name: str) -> int:
    """Landscape A4 table in IPAex Gothic (embedded TrueType), header row repeated on each page."""
    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(PDF_FONT, str(font_path())))
    cell = ParagraphStyle("cell", fontName=PDF_FONT, fontSize=6.5, leading=8.5, wordWrap="CJK")
    head = ParagraphStyle("head", parent=cell, fontSize=7)
    title = ParagraphStyle("title", fontName=PDF_FONT, fontSize=13, leading=18, alignment=1)
    start, end = fiscal_year_bounds(fiscal_year)
    data: list[list[Any]] = [[Paragraph(escape(h), head) for h in HEADER]]
    n = 0
    for row in rows:
        data.append([Paragraph(escape(c).replace("\n", "<br/>"), cell) for c in row.cells()])
        n += 1
    table = Table(data, colWidths=[w * mm for w in _COL_WIDTHS_MM], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    heading = (
        f"紛争処理業務に関する帳簿　{era_year(start)[0]}{era_year(start)[1]}年度"
        f"（{to_wareki(start)}〜{to_wareki(end)}受付）"
    )
    story = [
        Paragraph(escape(heading), title),
        Paragraph(escape(f"{body_name}　令第24条　{n}件"), cell),
        Spacer(1, 4 * mm),
        table,
    ]
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=heading,
        author=body_name,
    )
    doc.build(story, canvasmaker=_NumberedCanvas)
    return n


def ledger_export(*, actor: Any, fiscal_year: int, fmt: str, out: IO[Any], body_name: str = "") -> int:
    """Write the ledger of ``fiscal_year`` as ``csv`` or ``pdf`` and audit the export (DP-21, DP-22).

    Returns the number of cases written."""
    rows = ledger_rows(fiscal_year)
    if fmt == "csv":
        n = write_csv(rows, out)
    elif fmt == "pdf":
        n = write_pdf(rows, out, fiscal_year=fiscal_year, body_name=body_name)
    else:
        raise ValueError(f"unknown ledger format {fmt!r}")
    audit_record(
        event_type=AuditEvent.Type.LEDGER_EXPORTED, actor=actor, fiscal_year=fiscal_year, format=fmt, cases=n
    )
    return n
