"""A4 portrait official notices (公文書) drawn with ReportLab, set as Japanese official documents are:
the body in IPAex Mincho, the title, 件名, table header and letterhead in IPAex Gothic.

Layout of every notice: the sender's letterhead over a rule on the first page; 文書番号 and 和暦 date
top right; postcode, address and addressee with 様/御中 top left; sender (body name, 理事長) right with
「（公印省略）」 or the seal image the body sets; centred title; 件名; body with 記 … 以上; itemised
table; the article it rests on (根拠); the contact block (the handling section and the named person
under 担当 come with the notice's contact text); 「n / N」 on every page.

The fonts are embedded as TrueType subsets (/FontFile2), never CID fonts, so the PDF reads the same
everywhere. Text outside the fonts' glyphs (e.g. 𠮷) is refused before issue rather than dropped.
No Django here: the documents app calls ``render`` and installs the body's ``Look`` (``use_look``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from chotei.rules.errors import RuleViolation
from chotei.rules.notices.data import ComposedNotice, NoticeData
from chotei.rules.wareki import to_wareki

FONT = "IPAexGothic"
# The body face (明朝) of official documents; headings stay in FONT (ゴシック).
BODY_FONT = "IPAexMincho"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 25 * mm, 20 * mm, 20 * mm, 22 * mm
WIDTH = PAGE_W - LEFT - RIGHT
BODY, SMALL, NAME, TITLE = 10.5, 9.0, 12.0, 15.0
LEADING = 1.7

# 禁則: characters that may not begin a line hang into the margin; those that may not end one move on.
_NO_START = frozenset(
    "、。，．・：；？！）」』】〕〉》ー…‥ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々,.)]:;?!"
)
_NO_END = frozenset("（「『【〔〈《([")
_WORD = re.compile(r"[0-9A-Za-z,.\-@_/:%]")
# An item of 記 (「１　事案番号　…」) wraps under its text, not under its number.
_HANGING = re.compile(r"^([０-９0-9]{1,2}|[（(][０-９0-9]{1,2}[）)])　")


def font_path() -> Path:
    """IPAex Gothic, vendored with its licence (IPA Font License v1.0) beside this module."""
    return FONT_DIR / "ipaexg.ttf"


def body_font_path() -> Path:
    """IPAex Mincho (Debian fonts-ipaexfont-mincho 00401), same licence, beside this module."""
    return FONT_DIR / "ipaexm.ttf"


_FONT_FILES = {FONT: font_path, BODY_FONT: body_font_path}


@cache
def register_font(name: str = FONT) -> TTFont:
    # One subset for all characters: ASCII need not keep its own codes (ToUnicode keeps text
    # extractable), and one embedded font file instead of two halves the cost of saving.
    font = TTFont(name, str(_FONT_FILES[name]()), asciiReadable=False)
    pdfmetrics.registerFont(font)
    return font


@cache
def _widths(font: str = FONT) -> dict[str, float]:
    """Advance widths in 1/1000 em by character; layout sums these instead of asking ReportLab."""
    face = register_font(font).face
    return {chr(code): width for code, width in face.charWidths.items()}


def text_width(text: str, size: float, font: str = FONT) -> float:
    widths = _widths(font)
    return sum(widths.get(c, 1000.0) for c in text) * size / 1000


def unsupported_characters(text: str) -> list[str]:
    """Characters of ``text`` either face has no glyph for, in order of first appearance."""
    gothic, mincho = _widths(FONT), _widths(BODY_FONT)
    seen: dict[str, None] = {}
    for c in text:
        if (c not in gothic or c not in mincho) and c not in "\n\r":
            seen.setdefault(c)
    return list(seen)


def wrap(text: str, width: float, size: float, indent: float = 0.0, font: str = FONT) -> list[str]:
    """Break ``text`` into lines of at most ``width`` points (after the first, ``indent`` narrower).

    Closing punctuation hangs past the edge (ぶら下げ) rather than starting a line, an opening
    bracket never ends a line, and a run of digits or Latin letters (an amount, a phone number)
    is not split unless it is longer than a line.
    """
    widths = _widths(font)
    limit = width * 1000 / size
    lines: list[str] = []
    start, used = 0, 0.0
    i = 0
    while i < len(text):
        w = widths.get(text[i], 1000.0)
        if used + w > limit and i > start and text[i] not in _NO_START:
            cut = i
            while cut > start + 1 and text[cut - 1] in _NO_END:
                cut -= 1
            if _WORD.match(text[cut]) and _WORD.match(text[cut - 1]):
                run = cut
                while run > start and _WORD.match(text[run - 1]):
                    run -= 1
                cut = run if run > start else cut
            lines.append(text[start:cut])
            start, i = cut, cut
            used = 0.0
            limit = (width - indent) * 1000 / size
            continue
        used += w
        i += 1
    lines.append(text[start:])
    return lines


@dataclass(frozen=True, slots=True)
class Look:
    """How the sender's notices look (issue #9 item 10): the letterhead lines printed over the rule
    on the first page, and the seal image (none: 「（公印省略）」 beside a signer)."""

    letterhead: tuple[str, ...] = ()
    seal_image: Path | None = None


_look: Callable[[NoticeData], Look] | None = None


def use_look(provider: Callable[[NoticeData], Look] | None) -> None:
    """Install how a notice's look is found (the documents app does, from the body's settings)."""
    global _look
    _look = provider


def look_for(data: NoticeData) -> Look:
    return _look(data) if _look is not None else Look()


@dataclass(slots=True)
class _Op:
    kind: str  # text "l" left / "r" right / "c" centred; "line"; "rect" shaded; "box" outlined; "image"
    x: float
    y: float
    size: float = 0.0
    text: str = ""
    x2: float = 0.0
    y2: float = 0.0
    font: str = BODY_FONT


class _Layout:
    """Pages of drawing operations; the page count is known only once everything is placed."""

    def __init__(self, break_before: int | None = None) -> None:
        self.pages: list[list[_Op]] = [[]]
        self.y = PAGE_H - TOP
        # The page of each body line (text line or table row) placed so far, None outside the body;
        # and the body line that must open a new page.
        self.body: list[int] | None = None
        self.break_before = break_before

    @property
    def ops(self) -> list[_Op]:
        return self.pages[-1]

    def room(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.pages.append([])
            self.y = PAGE_H - TOP

    def line(
        self, text: str, size: float = BODY, align: str = "l", x: float = LEFT, font: str = BODY_FONT
    ) -> None:
        step = size * LEADING
        self.forced_break()
        self.room(step)
        self.y -= step
        anchor = {"l": x, "r": PAGE_W - RIGHT, "c": PAGE_W / 2}[align]
        self.ops.append(_Op(align, anchor, self.y + size * 0.45, size, text, font=font))
        self.placed()

    def forced_break(self) -> bool:
        """Open a new page if the next body line is the one to break before; True if it did."""
        if self.body is None or len(self.body) != self.break_before or self.y >= PAGE_H - TOP:
            return False
        self.pages.append([])
        self.y = PAGE_H - TOP
        return True

    def placed(self) -> None:
        if self.body is not None:
            self.body.append(len(self.pages) - 1)

    def gap(self, size: float = BODY) -> None:
        self.y -= size * LEADING * 0.5

    def paragraph(
        self, text: str, size: float = BODY, width: float = WIDTH, x: float = LEFT, font: str = BODY_FONT
    ) -> None:
        if text in ("記", "以上"):
            self.line(text, size, "c" if text == "記" else "r", font=font)
            return
        hang = _HANGING.match(text)
        indent = text_width(hang.group(0), size, font) if hang else 0.0
        for n, part in enumerate(wrap(text, width, size, indent, font)):
            self.line(part, size, x=x + (indent if n else 0.0), font=font)


LETTERHEAD, SEAL = 8.0, 15 * mm


def _letterhead(layout: _Layout, look: Look) -> None:
    """The sender's name and particulars over a rule, in Gothic, at the head of the first page."""
    if not look.letterhead:
        return
    name, *rest = look.letterhead
    layout.line(name, NAME, font=FONT)
    for part in rest:
        layout.line(part, LETTERHEAD, font=FONT)
    layout.y -= 2
    layout.ops.append(_Op("line", LEFT, layout.y, x2=PAGE_W - RIGHT, y2=layout.y))
    layout.gap()


def _signer(layout: _Layout, data: NoticeData, look: Look) -> None:
    """The signer with the seal image beside the name, or 「（公印省略）」 when the body sets none."""
    for part in (data.sender_name, data.sender_title):
        if part:
            layout.line(part, BODY, "r")
    if not data.sender_title:
        return
    if look.seal_image is not None:
        # The seal is pressed over the end of the signer's name, as a stamped original is.
        layout.ops.append(
            _Op(
                "image",
                PAGE_W - RIGHT - SEAL * 0.8,
                layout.y - SEAL * 0.35,
                text=str(look.seal_image),
                x2=SEAL,
            )
        )
    else:
        layout.line("（公印省略）", SMALL, "r")


def _header(layout: _Layout, notice: ComposedNotice, data: NoticeData, look: Look) -> None:
    _letterhead(layout, look)
    layout.line(data.document_number, BODY, "r")
    layout.line(to_wareki(data.issued_on), BODY, "r")
    layout.gap()
    if data.addressee_postcode:
        layout.line(f"〒{data.addressee_postcode}", BODY)
    for part in data.addressee_address.splitlines():
        layout.paragraph(part, BODY, WIDTH * 0.62)
    if data.represented:
        layout.paragraph(data.represented, BODY, WIDTH * 0.7)
    for part in wrap(f"{data.addressee_name}　{data.honorific}", WIDTH * 0.7, NAME, font=BODY_FONT):
        layout.line(part, NAME)
    layout.gap()
    _signer(layout, data, look)
    layout.gap()
    layout.gap()
    for part in wrap(notice.title, WIDTH, TITLE):
        layout.line(part, TITLE, "c", font=FONT)
    layout.gap()
    layout.paragraph(f"件名　{notice.subject}", BODY, font=FONT)
    layout.gap()


# Column widths of the itemised table: item, amount (right-aligned), how it was computed.
_COLS = (WIDTH * 0.28, WIDTH * 0.2, WIDTH * 0.52)
_PAD = 2 * mm


def _cells(cells: tuple[str, str, str], font: str = BODY_FONT) -> tuple[list[list[str]], float]:
    wrapped = [wrap(cell, col - 2 * _PAD, SMALL, font=font) for cell, col in zip(cells, _COLS, strict=True)]
    return wrapped, max(len(w) for w in wrapped) * SMALL * 1.5 + _PAD


def _table_row(layout: _Layout, cells: tuple[str, str, str], shade: bool, font: str = BODY_FONT) -> None:
    wrapped, height = _cells(cells, font)
    top = layout.y
    bottom = top - height
    if shade:
        layout.ops.append(_Op("rect", LEFT, bottom, x2=WIDTH, y2=height))
    x = LEFT
    for n, (lines, col) in enumerate(zip(wrapped, _COLS, strict=True)):
        for k, text in enumerate(lines):
            y = top - _PAD / 2 - (k + 1) * SMALL * 1.5 + SMALL * 0.35
            if n == 1:
                layout.ops.append(_Op("r", x + col - _PAD, y, SMALL, text, font=font))
            else:
                layout.ops.append(_Op("l", x + _PAD, y, SMALL, text, font=font))
        layout.ops.append(_Op("line", x, top, x2=x, y2=bottom))
        x += col
    layout.ops.append(_Op("line", x, top, x2=x, y2=bottom))
    layout.ops.append(_Op("line", LEFT, top, x2=LEFT + WIDTH, y2=top))
    layout.ops.append(_Op("line", LEFT, bottom, x2=LEFT + WIDTH, y2=bottom))
    layout.y = bottom


def _table(layout: _Layout, notice: ComposedNotice) -> None:
    """The itemised amounts; a row that does not fit goes to the next page under a repeated header."""
    layout.gap()
    header_height = _cells(notice.table_header, FONT)[1]
    for n, row in enumerate(notice.table):
        height = _cells(row)[1]
        if layout.forced_break() or n == 0 or layout.y - height < BOTTOM:
            layout.room(header_height + height)
            _table_row(layout, notice.table_header, True, FONT)
        _table_row(layout, row, row[0] == "合計")
        layout.placed()
    layout.gap()


_CONTACT_W = WIDTH * 0.6
_CONTACT_STEP = SMALL * 1.6


def _contact_lines(data: NoticeData) -> list[str]:
    if not data.contact:
        return []
    lines = ["【問い合わせ先】"]
    for part in data.contact.splitlines():
        lines.extend(wrap(part, _CONTACT_W - 2 * _PAD, SMALL, font=BODY_FONT))
    return lines


def _contact_height(lines: list[str]) -> float:
    return len(lines) * _CONTACT_STEP + _PAD * 2


def _contact(layout: _Layout, lines: list[str]) -> None:
    if not lines:
        return
    x = LEFT + WIDTH * 0.4
    width, step = _CONTACT_W, _CONTACT_STEP
    height = _contact_height(lines)
    layout.gap()
    top = layout.y
    layout.ops.append(_Op("box", x, top - height, x2=width, y2=height))
    for k, text in enumerate(lines):
        layout.ops.append(
            _Op(
                "l",
                x + _PAD,
                top - _PAD - (k + 1) * step + SMALL * 0.4,
                SMALL,
                text,
                font=FONT if k == 0 else BODY_FONT,
            )
        )
    layout.y = top - height


def _closing_height(basis: list[str], contact: list[str]) -> float:
    """The 根拠 line(s) and the contact box with the gaps before each, as one unbreakable block."""
    height = BODY * LEADING * 0.5 + len(basis) * SMALL * LEADING
    if contact:
        height += BODY * LEADING * 0.5 + _contact_height(contact)
    return height


def _flow(
    notice: ComposedNotice, data: NoticeData, break_before: int | None, look: Look
) -> tuple[list[list[_Op]], list[int]]:
    """The pages, and the page of each body line."""
    layout = _Layout(break_before)
    _header(layout, notice, data, look)
    layout.body = []
    for n, text in enumerate(notice.paragraphs):
        if n == notice.table_at and notice.table:
            _table(layout, notice)
        if text:
            layout.paragraph(text)
        else:
            layout.gap()
    if notice.table and notice.table_at >= len(notice.paragraphs):
        _table(layout, notice)
    body, layout.body = layout.body, None
    basis = wrap(f"根拠　{notice.basis}", WIDTH, SMALL, font=BODY_FONT)
    contact = _contact_lines(data)
    layout.room(_closing_height(basis, contact))
    layout.gap()
    for part in basis:
        layout.line(part, SMALL)
    _contact(layout, contact)
    return layout.pages, body


# The closing never stands alone on a page: at least this many body lines go over with it.
_KEEP_WITH_CLOSING = 2


def _layout(notice: ComposedNotice, data: NoticeData, look: Look) -> list[list[_Op]]:
    pages, body = _flow(notice, data, None, look)
    if len(body) < _KEEP_WITH_CLOSING or body[-_KEEP_WITH_CLOSING] == len(pages) - 1:
        return pages
    return _flow(notice, data, len(body) - _KEEP_WITH_CLOSING, look)[0]


def _texts(notice: ComposedNotice, data: NoticeData, look: Look) -> Iterator[tuple[str, str]]:
    yield "letterhead", "".join(look.letterhead)
    yield "document_number", data.document_number
    yield "addressee_postcode", data.addressee_postcode
    yield "addressee_address", data.addressee_address
    yield "addressee_name", data.represented + data.addressee_name + data.honorific
    yield "sender_name", data.sender_name
    yield "sender_title", data.sender_title
    yield "contact", data.contact
    yield "title", notice.title + notice.subject + notice.basis
    for paragraph in notice.paragraphs:
        yield "body", paragraph
    for row in notice.table:
        yield "items", "".join(row)


def check_glyphs(notice: ComposedNotice, data: NoticeData, look: Look | None = None) -> None:
    """Refuse text the fonts cannot show, naming each character and where it is, before issue."""
    found: dict[str, list[str]] = {}
    for where, text in _texts(notice, data, look or Look()):
        chars = found.setdefault(where, [])
        chars.extend(c for c in unsupported_characters(text) if c not in chars)
    found = {where: chars for where, chars in found.items() if chars}
    if found:
        parts = [
            f"{where}: " + "、".join(f"「{c}」(U+{ord(c):04X})" for c in chars)
            for where, chars in found.items()
        ]
        raise RuleViolation(
            f"文書のフォントで表示できない文字があるため発行できません（{'; '.join(parts)}）。"
            "登録内容を確認し、表示できる字体に置き換えてください",
            notice.article,
            field=next(iter(found)),
        )


def _draw(canvas: Canvas, ops: list[_Op]) -> None:
    face = ("", 0.0)
    for op in ops:
        if op.kind in ("l", "r", "c"):
            if (op.font, op.size) != face:
                face = (op.font, op.size)
                canvas.setFont(op.font, op.size)
            if op.kind == "l":
                canvas.drawString(op.x, op.y, op.text)
            elif op.kind == "r":
                canvas.drawRightString(op.x, op.y, op.text)
            else:
                canvas.drawCentredString(op.x, op.y, op.text)
        elif op.kind == "line":
            canvas.line(op.x, op.y, op.x2, op.y2)
        elif op.kind == "rect":
            canvas.setFillGray(0.9)
            canvas.rect(op.x, op.y, op.x2, op.y2, stroke=0, fill=1)
            canvas.setFillGray(0)
        elif op.kind == "box":
            canvas.rect(op.x, op.y, op.x2, op.y2, stroke=1, fill=0)
        elif op.kind == "image":
            canvas.drawImage(op.text, op.x, op.y, op.x2, op.x2, mask="auto", preserveAspectRatio=True)


def render(notice: ComposedNotice, data: NoticeData) -> bytes:
    """The notice as an A4 PDF; refuses (RuleViolation with the notice's article) text the font lacks."""
    look = look_for(data)
    check_glyphs(notice, data, look)
    register_font()
    register_font(BODY_FONT)
    pages = _layout(notice, data, look)
    buffer = io.BytesIO()
    # The initial font too, or every page would reference a non-embedded Helvetica (DP-20: self-contained).
    canvas = Canvas(buffer, pagesize=A4, initialFontName=FONT)
    canvas.setTitle(notice.title)
    canvas.setAuthor(data.sender_name)
    canvas.setSubject(notice.subject)
    canvas.setCreator("chotei")
    total = len(pages)
    for number, ops in enumerate(pages, start=1):
        canvas.setLineWidth(0.5)
        _draw(canvas, ops)
        canvas.setFont(FONT, SMALL)
        canvas.drawCentredString(PAGE_W / 2, 12 * mm, f"{number} / {total}")
        if number > 1:
            # A loose later page still names the document it belongs to.
            canvas.drawRightString(PAGE_W - RIGHT, PAGE_H - 12 * mm, data.document_number)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
