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
import itertools
import math
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any
from xml.sax.saxutils import escape

from django.db import models
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph, Table, TableStyle

from chotei.accounts.permissions import Actor
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.labels import LEDGER_ACTIONS
from chotei.disputes.models import Case, CaseParty, LedgerLine
from chotei.documents.pdf import FONT as PDF_FONT
from chotei.documents.pdf import register_font
from chotei.documents.report_pdf import grid, write_listing
from chotei.rules import offices, screening
from chotei.rules.states import OPEN_STATES, STATE_LABELS, CaseState
from chotei.rules.wareki import era_year, to_wareki, to_wareki_short

CHUNK = 2000

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


@dataclasses.dataclass(frozen=True)
class Person:
    """A party or agent as 令24条 lists them: name and address."""

    name: str = ""
    address: str = ""

    def __str__(self) -> str:
        return f"{self.name}（{self.address}）" if self.address else self.name


@dataclasses.dataclass
class LedgerRow:
    number: str
    received_on: dt.date
    office: str
    applicant: Person = Person()
    applicant_agent: Person = Person()
    respondent: Person = Person()
    respondent_agent: Person = Person()
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
            str(self.applicant),
            str(self.applicant_agent),
            str(self.respondent),
            str(self.respondent_agent),
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
            setattr(row, side, Person(name or "", address or ""))
            if agent:
                setattr(row, f"{side}_agent", Person(agent, agent_address or ""))
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
            what = _notice_label(notice) if notice else LEDGER_ACTIONS.get(action, action)
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
    """One line per case; processing steps are joined with " / " so each case stays one line.

    Starts with a BOM: spreadsheet software on Japanese Windows reads BOM-less CSV as Shift_JIS."""
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    n = 0
    for row in rows:
        writer.writerow(row.cells(sep=" / "))
        n += 1
    return n


# The printed table folds the 11 CSV columns into 8: the office goes under the case number and each
# agent into the cell of the party it acts for, so cases without agents leave no empty columns.
PDF_HEADER = (
    "事案番号<br/>（担当事務所）",
    "受付<br/>年月日",
    "申請人（住所）<br/>代理人（住所）",
    "被申請人（住所）<br/>代理人（住所）",
    "処理年月日及び処理内容",
    "処理に当たった<br/>紛争処理委員",
    "結果",
    "当事者から<br/>徴収した<br/>費用（円）",
)
# Landscape A4 less 10 mm margins leaves 277 mm. The case number (20 mm at 7 pt) and the short
# dates fit on one line; the processing history gets what is left.
_COL_WIDTHS_MM = (25, 13, 42, 40, 95, 26, 20, 16)
_HISTORY_DATE_MM = 11
_PAD = 1.5 * mm
_ADDRESSED = re.compile(r"^(?P<doc>.+の発出)（(?P<side>申請人|被申請人)）$")


def _history(processing: list[tuple[dt.date, str]]) -> Iterator[tuple[dt.date, str]]:
    """One line per date; the same notice sent to both sides on a day is named once."""
    for on, steps in itertools.groupby(processing, key=lambda step: step[0]):
        labels: list[str] = []
        for _, what in steps:
            m = _ADDRESSED.match(what)
            if m and labels and labels[-1].startswith(f"{m['doc']}（"):
                labels[-1] = f"{labels[-1][:-1]}・{m['side']}）"
            else:
                labels.append(what)
        yield on, "、".join(labels)


class _Styles:
    def __init__(self) -> None:
        base = ParagraphStyle("cell", fontName=PDF_FONT, fontSize=6.5, leading=8, wordWrap="CJK")
        self.cell = base
        # Case numbers and dates never wrap: without CJK wrapping a token without spaces stays whole.
        self.token = ParagraphStyle("token", parent=base, fontSize=7, leading=8.5, wordWrap=None)
        self.number = ParagraphStyle("number", parent=base, alignment=TA_RIGHT, wordWrap=None)
        self.head = ParagraphStyle("head", parent=base, alignment=TA_CENTER, leading=7.5)
        self.title = ParagraphStyle("title", fontName=PDF_FONT, fontSize=13, leading=18, alignment=TA_CENTER)


def _small(text: str) -> str:
    return f'<font size="5.8" color="#555555">{escape(text)}</font>'


def _person_cell(party: Person, agent: Person, styles: _Styles) -> Paragraph:
    lines = [escape(party.name)]
    if party.address:
        lines.append(_small(party.address))
    if agent.name:
        lines.append(f"代理人 {escape(agent.name)}")
        if agent.address:
            lines.append(_small(agent.address))
    return Paragraph("<br/>".join(lines), styles.cell)


_HISTORY_STYLE = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), PDF_FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.4),
    ]
)


_HISTORY_TEXT_W = (_COL_WIDTHS_MM[4] - _HISTORY_DATE_MM) * mm - 2 * _PAD
# A table row must fit on one page (about 60 lines of history); a longer history continues in
# rows of its own marked 「（続き）」 rather than failing the export.
_MAX_HISTORY_LINES = 45


def _history_chunks(row: LedgerRow, styles: _Styles) -> Iterator[list[tuple[dt.date, str]]]:
    chunk: list[tuple[dt.date, str]] = []
    lines = 0
    for on, what in _history(row.processing):
        width = pdfmetrics.stringWidth(what, PDF_FONT, styles.cell.fontSize)
        height = max(1, math.ceil(width / _HISTORY_TEXT_W))
        if chunk and lines + height > _MAX_HISTORY_LINES:
            yield chunk
            chunk, lines = [], 0
        chunk.append((on, what))
        lines += height
    yield chunk


def _history_cell(chunk: list[tuple[dt.date, str]], styles: _Styles) -> Table | str:
    """Dates in a column of their own so wrapped steps stay under their text, not under the date."""
    if not chunk:
        return ""
    lines = [
        [Paragraph(to_wareki_short(on), styles.cell), Paragraph(escape(what), styles.cell)]
        for on, what in chunk
    ]
    return Table(lines, colWidths=[_HISTORY_DATE_MM * mm, _HISTORY_TEXT_W], style=_HISTORY_STYLE)


def _pdf_rows(row: LedgerRow, styles: _Styles) -> Iterator[list[Any]]:
    chunks = _history_chunks(row, styles)
    yield [
        Paragraph(f"{escape(row.number)}<br/>{_small(row.office)}", styles.token),
        Paragraph(to_wareki_short(row.received_on), styles.token),
        _person_cell(row.applicant, row.applicant_agent, styles),
        _person_cell(row.respondent, row.respondent_agent, styles),
        _history_cell(next(chunks), styles),
        Paragraph("<br/>".join(escape(m) for m in row.members), styles.cell),
        Paragraph(escape(row.result), styles.cell),
        Paragraph(f"{row.party_cost_yen:,}", styles.number),
    ]
    for chunk in chunks:
        more = Paragraph(f"{escape(row.number)}<br/>{_small('（続き）')}", styles.token)
        yield [more, "", "", "", _history_cell(chunk, styles), "", "", ""]


def write_pdf(rows: Iterable[LedgerRow], out: IO[bytes], *, fiscal_year: int, body_name: str) -> int:
    """Landscape A4 table in IPAex Gothic (embedded TrueType), header row repeated on each page."""
    register_font()  # the history cells are measured before the document is built
    styles = _Styles()
    start, end = fiscal_year_bounds(fiscal_year)
    data: list[list[Any]] = [[Paragraph(h, styles.head) for h in PDF_HEADER]]
    n = 0
    for row in rows:
        data.extend(_pdf_rows(row, styles))
        n += 1
    table = grid(
        data,
        _COL_WIDTHS_MM,
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f5f5f5")]),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    )
    heading = (
        f"紛争処理業務に関する帳簿　{era_year(start)[0]}{era_year(start)[1]}年度"
        f"（{to_wareki(start)}〜{to_wareki(end)}受付）"
    )
    write_listing(
        out,
        title=Paragraph(escape(heading), styles.title),
        subtitle=Paragraph(escape(f"{body_name}　令第24条　{n}件"), styles.cell),
        table=table,
        heading=heading,
        author=body_name,
    )
    return n


def ledger_export(*, actor: Actor, fiscal_year: int, fmt: str, out: IO[Any], body_name: str = "") -> int:
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
